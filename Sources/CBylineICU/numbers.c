#include "CBylineICUNumbers.h"

#include <stdio.h>
#include <string.h>
#include <unicode/unumberformatter.h>
#include <unicode/ustring.h>

int32_t byline_number_format(const char *locale, const char *decimal, int32_t fraction_digits, int32_t grouping,
                             uint16_t *out, int32_t capacity, int32_t *error_code) {
    /* A skeleton (ICU's number skeleton syntax) says everything the caller chose; the
       locale supplies the symbols and, for BYLINE_GROUPING_LOCALE, the grouping size. */
    char skeleton[160];
    const char *grouping_stem = grouping == BYLINE_GROUPING_OFF    ? "group-off"
                                : grouping == BYLINE_GROUPING_MIN2 ? "group-min2"
                                : grouping == BYLINE_GROUPING_ALWAYS ? "group-on-aligned"
                                                                     : "group-auto";
    if (fraction_digits < 0 || fraction_digits > 40) {
        *error_code = U_ILLEGAL_ARGUMENT_ERROR;
        return -1;
    }
    char precision[48] = "precision-integer";
    if (fraction_digits > 0) {
        precision[0] = '.';
        memset(precision + 1, '0', (size_t)fraction_digits);
        precision[fraction_digits + 1] = 0;
    }
    snprintf(skeleton, sizeof skeleton, "%s %s numbering-system/latn rounding-mode-half-even", precision, grouping_stem);
    UChar wide[160];
    int32_t length = (int32_t)strlen(skeleton);
    u_charsToUChars(skeleton, wide, length);

    UErrorCode status = U_ZERO_ERROR;
    UNumberFormatter *formatter = unumf_openForSkeletonAndLocale(wide, length, locale, &status);
    UFormattedNumber *result = unumf_openResult(&status);
    unumf_formatDecimal(formatter, decimal, (int32_t)strlen(decimal), result, &status);
    int32_t written = unumf_resultToString(result, (UChar *)out, capacity, &status);
    unumf_closeResult(result);
    unumf_close(formatter);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING) {
        *error_code = U_FAILURE(status) ? status : U_BUFFER_OVERFLOW_ERROR;
        return -1;
    }
    *error_code = 0;
    return written;
}
