// Normalization forms and case mapping on UTF-8, with ICU's Edits recording which spans
// changed, so the Swift side can report every change against the text as received.

#include "CBylineICUNormalize.h"

#include <string>
#include <vector>

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/uchar.h>
#include <unicode/ucasemap.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

struct byline_edit_buffer {
    std::string bytes;
    std::vector<int64_t> spans;
};

namespace {

// Copies the coarse changes of `edits` (adjacent changes merged) into the buffer.
void take_spans(const icu::Edits &edits, byline_edit_buffer *buffer, UErrorCode &status) {
    buffer->spans.clear();
    icu::Edits::Iterator iterator = edits.getCoarseChangesIterator();
    while (iterator.next(status)) {
        if (!iterator.hasChange()) continue;
        buffer->spans.push_back(iterator.sourceIndex());
        buffer->spans.push_back(iterator.oldLength());
        buffer->spans.push_back(iterator.destinationIndex());
        buffer->spans.push_back(iterator.newLength());
    }
}

const icu::Normalizer2 *normalizer(int32_t form, UErrorCode &status) {
    switch (form) {
    case BYLINE_FORM_NFC: return icu::Normalizer2::getNFCInstance(status);
    case BYLINE_FORM_NFD: return icu::Normalizer2::getNFDInstance(status);
    case BYLINE_FORM_NFKC: return icu::Normalizer2::getNFKCInstance(status);
    case BYLINE_FORM_NFKD: return icu::Normalizer2::getNFKDInstance(status);
    default: return icu::Normalizer2::getNFKCCasefoldInstance(status);
    }
}

icu::StringPiece piece(const uint8_t *bytes, int64_t length) {
    static const char empty[1] = {0};
    return icu::StringPiece(bytes ? reinterpret_cast<const char *>(bytes) : empty, static_cast<int32_t>(length));
}

int32_t write_utf8(const icu::UnicodeString &text, UErrorCode status, uint8_t *out, int32_t capacity) {
    if (U_FAILURE(status)) return -1;
    std::string utf8;
    text.toUTF8String(utf8);
    if (static_cast<int64_t>(utf8.size()) > capacity) return -1;
    for (size_t index = 0; index < utf8.size(); index++) out[index] = static_cast<uint8_t>(utf8[index]);
    return static_cast<int32_t>(utf8.size());
}

int32_t failure(UErrorCode status) { return status > 0 ? -static_cast<int32_t>(status) : -1; }

}  // namespace

extern "C" {

byline_edit_buffer *byline_edit_buffer_create(void) { return new (std::nothrow) byline_edit_buffer(); }

void byline_edit_buffer_destroy(byline_edit_buffer *buffer) { delete buffer; }

const uint8_t *byline_edit_buffer_bytes(const byline_edit_buffer *buffer, int64_t *length) {
    *length = static_cast<int64_t>(buffer->bytes.size());
    return reinterpret_cast<const uint8_t *>(buffer->bytes.data());
}

int64_t byline_edit_buffer_span_count(const byline_edit_buffer *buffer) {
    return static_cast<int64_t>(buffer->spans.size() / 4);
}

const int64_t *byline_edit_buffer_spans(const byline_edit_buffer *buffer) { return buffer->spans.data(); }

int32_t byline_normalize_utf8(int32_t form, const uint8_t *bytes, int64_t length, byline_edit_buffer *buffer) {
    buffer->bytes.clear();
    buffer->spans.clear();
    if (length > INT32_MAX) return -1;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2 *instance = normalizer(form, status);
    if (U_FAILURE(status)) return failure(status);
    icu::StringPiece source = piece(bytes, length);
    // The quick check walks the bytes without writing anything, so text that is already
    // in the form (nearly all real copy, for NFC) costs one read and no allocation.
    if (instance->isNormalizedUTF8(source, status) && U_SUCCESS(status)) return 0;
    if (U_FAILURE(status)) return failure(status);
    buffer->bytes.reserve(static_cast<size_t>(length) + 16);
    icu::StringByteSink<std::string> sink(&buffer->bytes);
    icu::Edits edits;
    instance->normalizeUTF8(0, source, sink, &edits, status);
    if (U_FAILURE(status)) return failure(status);
    take_spans(edits, buffer, status);
    if (U_FAILURE(status)) return failure(status);
    return buffer->spans.empty() ? 0 : 1;
}

int32_t byline_form_may_change(int32_t form, int32_t code_point) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2 *instance = normalizer(form, status);
    if (U_FAILURE(status)) return 1;
    return instance->isInert(code_point) ? 0 : 1;
}

int32_t byline_case_map_utf8(int32_t kind, const char *locale, const uint8_t *bytes, int64_t length,
                             byline_edit_buffer *buffer) {
    buffer->bytes.clear();
    buffer->spans.clear();
    if (length > INT32_MAX) return -1;
    UErrorCode status = U_ZERO_ERROR;
    icu::StringPiece source = piece(bytes, length);
    buffer->bytes.reserve(static_cast<size_t>(length) + 16);
    icu::StringByteSink<std::string> sink(&buffer->bytes);
    icu::Edits edits;
    switch (kind) {
    case BYLINE_CASE_LOWER: icu::CaseMap::utf8ToLower(locale, 0, source, sink, &edits, status); break;
    case BYLINE_CASE_UPPER: icu::CaseMap::utf8ToUpper(locale, 0, source, sink, &edits, status); break;
    case BYLINE_CASE_TITLE:
        // A null iterator makes ICU open the locale's word break iterator for this call.
        icu::CaseMap::utf8ToTitle(locale, 0, nullptr, source, sink, &edits, status);
        break;
    case BYLINE_CASE_FOLD: icu::CaseMap::utf8Fold(U_FOLD_CASE_DEFAULT, source, sink, &edits, status); break;
    default: icu::CaseMap::utf8Fold(U_FOLD_CASE_EXCLUDE_SPECIAL_I, source, sink, &edits, status); break;
    }
    if (U_FAILURE(status)) return failure(status);
    take_spans(edits, buffer, status);
    if (U_FAILURE(status)) return failure(status);
    return buffer->spans.empty() ? 0 : 1;
}

int32_t byline_script_of(int32_t code_point) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(code_point, &status);
    return U_FAILURE(status) ? 0 : static_cast<int32_t>(script);
}

int32_t byline_script_extensions_contain(int32_t code_point, int32_t script) {
    return uscript_hasScript(code_point, static_cast<UScriptCode>(script)) ? 1 : 0;
}

int32_t byline_general_category(int32_t code_point) { return u_charType(code_point); }

int32_t byline_combining_class(int32_t code_point) { return u_getCombiningClass(code_point); }

int32_t byline_is_default_ignorable(int32_t code_point) {
    return u_hasBinaryProperty(code_point, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ? 1 : 0;
}

int32_t byline_is_emoji_part(int32_t code_point) {
    return (u_hasBinaryProperty(code_point, UCHAR_EXTENDED_PICTOGRAPHIC) ||
            u_hasBinaryProperty(code_point, UCHAR_EMOJI_MODIFIER) ||
            u_hasBinaryProperty(code_point, UCHAR_REGIONAL_INDICATOR))
               ? 1
               : 0;
}

int32_t byline_decimal_digit_value(int32_t code_point) {
    if (u_charType(code_point) != U_DECIMAL_DIGIT_NUMBER) return -1;
    return u_charDigitValue(code_point);
}

int32_t byline_fold_code_point(int32_t code_point, int32_t turkic, uint8_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2 *nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2 *nfc = icu::Normalizer2::getNFCInstance(status);
    const icu::Normalizer2 *nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) return -1;
    icu::UnicodeString text(static_cast<UChar32>(code_point));
    // NFKC, then full case folding, then NFKC again: the composition of the steps that
    // NFKC_Casefold closes over, done by hand so the Turkic option can take part.
    icu::UnicodeString step = nfkc->normalize(text, status);
    step.foldCase(turkic ? U_FOLD_CASE_EXCLUDE_SPECIAL_I : U_FOLD_CASE_DEFAULT);
    step = nfd->normalize(nfkc->normalize(step, status), status);
    if (U_FAILURE(status)) return -1;
    icu::UnicodeString kept;
    for (int32_t index = 0; index < step.length();) {
        UChar32 c = step.char32At(index);
        index += U16_LENGTH(c);
        if (u_getCombiningClass(c) != 0) continue;
        if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) continue;
        kept.append(c);
    }
    return write_utf8(nfc->normalize(kept, status), status, out, capacity);
}

int32_t byline_strip_marks_code_point(int32_t code_point, uint8_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2 *nfd = icu::Normalizer2::getNFDInstance(status);
    const icu::Normalizer2 *nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) return -1;
    icu::UnicodeString decomposed = nfd->normalize(icu::UnicodeString(static_cast<UChar32>(code_point)), status);
    icu::UnicodeString kept;
    for (int32_t index = 0; index < decomposed.length();) {
        UChar32 c = decomposed.char32At(index);
        index += U16_LENGTH(c);
        if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
    }
    return write_utf8(nfc->normalize(kept, status), status, out, capacity);
}

}  // extern "C"
