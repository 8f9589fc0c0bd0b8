#include "CBylineICUNormalize.h"

#include <stdlib.h>
#include <unicode/ucnv.h>
#include <unicode/utrans.h>

struct byline_transliterator {
    UTransliterator *transliterator;
};

byline_transliterator *byline_transliterator_open(const char *id, int32_t *error_code) {
    UErrorCode status = U_ZERO_ERROR;
    UChar wide[128];
    int32_t length = 0;
    for (; id[length] != 0 && length < 127; length++) wide[length] = (UChar)(unsigned char)id[length];
    UTransliterator *transliterator = utrans_openU(wide, length, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) {
        *error_code = status;
        return NULL;
    }
    byline_transliterator *result = calloc(1, sizeof *result);
    if (result == NULL) {
        utrans_close(transliterator);
        *error_code = U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    result->transliterator = transliterator;
    *error_code = 0;
    return result;
}

void byline_transliterator_close(byline_transliterator *transliterator) {
    if (transliterator == NULL) return;
    utrans_close(transliterator->transliterator);
    free(transliterator);
}

int32_t byline_transliterate_utf16(byline_transliterator *transliterator, uint16_t *units, int32_t length,
                                   int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t textLength = length;
    int32_t limit = length;
    utrans_transUChars(transliterator->transliterator, (UChar *)units, &textLength, capacity, 0, &limit, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) return -(textLength > 0 ? textLength : capacity * 2);
    if (U_FAILURE(status)) return INT32_MIN;
    return textLength;
}

int32_t byline_codepage_table(const char *name, int32_t table[256]) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(name, &status);
    if (U_FAILURE(status)) return -(int32_t)status;
    for (int byte = 0; byte < 256; byte++) {
        char input = (char)byte;
        UChar output[4];
        UErrorCode byteStatus = U_ZERO_ERROR;
        ucnv_reset(converter);
        ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &byteStatus);
        int32_t written = ucnv_toUChars(converter, output, 4, &input, 1, &byteStatus);
        table[byte] = (U_FAILURE(byteStatus) || written != 1) ? -1 : (int32_t)output[0];
    }
    ucnv_close(converter);
    return 0;
}

#include <unicode/ulocdata.h>
#include <unicode/uset.h>

struct byline_exemplars {
    USet *set;
};

byline_exemplars *byline_exemplars_open(const char *locale) { return byline_exemplars_open_kinds(locale, 1); }

byline_exemplars *byline_exemplars_open_kinds(const char *locale, int32_t auxiliary) {
    UErrorCode status = U_ZERO_ERROR;
    ULocaleData *data = ulocdata_open(locale, &status);
    if (U_FAILURE(status)) return NULL;
    USet *set = uset_openEmpty();
    ULocaleDataExemplarSetType kinds[2] = {ULOCDATA_ES_STANDARD, ULOCDATA_ES_AUXILIARY};
    int32_t found = 0;
    for (int kind = 0; kind < (auxiliary ? 2 : 1); kind++) {
        UErrorCode kindStatus = U_ZERO_ERROR;
        USet *part = ulocdata_getExemplarSet(data, NULL, USET_CASE_INSENSITIVE, kinds[kind], &kindStatus);
        if (U_SUCCESS(kindStatus) && part != NULL && kindStatus != U_USING_DEFAULT_WARNING) {
            uset_addAll(set, part);
            found = 1;
        }
        if (part != NULL) uset_close(part);
    }
    ulocdata_close(data);
    if (!found || uset_isEmpty(set)) {
        uset_close(set);
        return NULL;
    }
    uset_closeOver(set, USET_CASE_INSENSITIVE);
    uset_freeze(set);
    byline_exemplars *result = calloc(1, sizeof *result);
    if (result == NULL) {
        uset_close(set);
        return NULL;
    }
    result->set = set;
    return result;
}

void byline_exemplars_close(byline_exemplars *exemplars) {
    if (exemplars == NULL) return;
    uset_close(exemplars->set);
    free(exemplars);
}

int32_t byline_exemplars_contain(const byline_exemplars *exemplars, int32_t code_point) {
    return uset_contains(exemplars->set, code_point) ? 1 : 0;
}
