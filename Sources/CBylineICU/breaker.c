#include "CBylineICU.h"

#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#include <unicode/uloc.h>
#include <unicode/udat.h>
#include <unicode/uversion.h>

struct byline_breaker {
    UBreakIterator *iterator;
    UText *text;
};

static UBreakIteratorType break_type(int32_t kind) {
    switch (kind) {
    case BYLINE_BREAK_CHARACTER: return UBRK_CHARACTER;
    case BYLINE_BREAK_WORD: return UBRK_WORD;
    case BYLINE_BREAK_LINE: return UBRK_LINE;
    default: return UBRK_SENTENCE;
    }
}

byline_breaker *byline_breaker_open(int32_t kind, const char *locale, int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open(break_type(kind), locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        *error_code = status;
        return NULL;
    }
    byline_breaker *breaker = calloc(1, sizeof *breaker);
    if (breaker == NULL) {
        ubrk_close(iterator);
        *error_code = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    breaker->iterator = iterator;
    *error_code = 0;
    return breaker;
}

byline_breaker *byline_breaker_clone(const byline_breaker *source, int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_clone(source->iterator, &status);
    if (U_FAILURE(status)) {
        *error_code = status;
        return NULL;
    }
    byline_breaker *breaker = calloc(1, sizeof *breaker);
    if (breaker == NULL) {
        ubrk_close(iterator);
        *error_code = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    breaker->iterator = iterator;
    *error_code = 0;
    return breaker;
}

void byline_breaker_close(byline_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    if (breaker->text != NULL) utext_close(breaker->text);
    free(breaker);
}

int32_t byline_breaker_set_utf8(byline_breaker *breaker, const uint8_t *bytes, int64_t length) {
    UErrorCode status = U_ZERO_ERROR;
    static const char empty[1] = {0};
    /* utext_openUTF8 reuses the UText it is given, so a worker allocates once. */
    breaker->text = utext_openUTF8(breaker->text, bytes ? (const char *)bytes : empty, length, &status);
    if (U_FAILURE(status)) return status;
    ubrk_setUText(breaker->iterator, breaker->text, &status);
    return U_FAILURE(status) ? status : 0;
}

int32_t byline_breaker_set_utf16(byline_breaker *breaker, const uint16_t *units, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    static const UChar empty[1] = {0};
    ubrk_setText(breaker->iterator, units ? (const UChar *)units : empty, length, &status);
    return U_FAILURE(status) ? status : 0;
}

int32_t byline_breaker_fill(byline_breaker *breaker, int64_t from,
                            int64_t *offsets, int32_t *statuses, int32_t capacity) {
    int32_t count = 0;
    int32_t position = ubrk_following(breaker->iterator, (int32_t)from);
    while (position != UBRK_DONE && count < capacity) {
        offsets[count] = position;
        if (statuses != NULL) statuses[count] = ubrk_getRuleStatus(breaker->iterator);
        count++;
        if (count == capacity) break;
        position = ubrk_next(breaker->iterator);
    }
    return count;
}

int32_t byline_locale_from_tag(const char *tag, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t parsed = 0;
    int32_t length = uloc_forLanguageTag(tag, out, capacity, &parsed, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) return -1;
    return length;
}

int32_t byline_locale_to_tag(const char *locale, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = uloc_toLanguageTag(locale, out, capacity, 0, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) return -1;
    return length;
}

int32_t byline_locale_language_is_known(const char *locale) {
    const char *iso3 = uloc_getISO3Language(locale);
    return iso3 != NULL && iso3[0] != 0;
}

int32_t byline_locale_language(const char *locale, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = uloc_getLanguage(locale, out, capacity, &status);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) return -1;
    return length;
}

int32_t byline_locale_month_name(const char *locale, int32_t kind, int32_t index,
                                 uint16_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UDateFormat *format = udat_open(UDAT_NONE, UDAT_SHORT, locale, NULL, 0, NULL, 0, &status);
    if (U_FAILURE(status)) return -1;
    UDateFormatSymbolType type;
    switch (kind) {
    case 1: type = UDAT_SHORT_MONTHS; break;
    case 2: type = UDAT_STANDALONE_MONTHS; break;
    case 3: type = UDAT_STANDALONE_SHORT_MONTHS; break;
    default: type = UDAT_MONTHS; break;
    }
    int32_t length = udat_getSymbols(format, type, index, (UChar *)out, capacity, &status);
    udat_close(format);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) return -1;
    return length;
}

int32_t byline_locale_weekday_name(const char *locale, int32_t standalone, int32_t index,
                                   uint16_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UDateFormat *format = udat_open(UDAT_NONE, UDAT_SHORT, locale, NULL, 0, NULL, 0, &status);
    if (U_FAILURE(status)) return -1;
    UDateFormatSymbolType type = standalone ? UDAT_STANDALONE_WEEKDAYS : UDAT_WEEKDAYS;
    /* ICU counts weekdays from 1 (Sunday); index 0 is empty. */
    int32_t length = udat_getSymbols(format, type, index + 1, (UChar *)out, capacity, &status);
    udat_close(format);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) return -1;
    return length;
}

const char *byline_icu_version(void) {
    static char text[U_MAX_VERSION_STRING_LENGTH];
    UVersionInfo version;
    u_getVersion(version);
    u_versionToString(version, text);
    return text;
}

const char *byline_icu_error_name(int32_t error_code) {
    return u_errorName((UErrorCode)error_code);
}
