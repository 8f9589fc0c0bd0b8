/*
 * Numbers written the way a locale writes them, through ICU's number formatter (unumf).
 *
 * Only <stdint.h> types cross this boundary (see CBylineICU.h).
 */
#ifndef CBYLINEICUNUMBERS_H
#define CBYLINEICUNUMBERS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How the integer digits are grouped. */
enum {
    /* Never ("2024", "1500000"). */
    BYLINE_GROUPING_OFF = 0,
    /* As the locale does, with its minimum grouping digits from CLDR ("1 500" in ru,
       "1500" but "15.000" in es). */
    BYLINE_GROUPING_LOCALE = 1,
    /* Only numbers of five integer digits or more ("1500", "15 000"). */
    BYLINE_GROUPING_MIN2 = 2,
    /* Every number of four integer digits or more ("1,500"). */
    BYLINE_GROUPING_ALWAYS = 3
};

/* Writes `decimal`, a NUL-terminated ASCII number ("1500", "14.25": digits with at most
   one '.'), as `locale` ("ru", "de-CH", "" for root) writes numbers, in Latin digits,
   with exactly `fraction_digits` digits after the decimal separator (the value is not
   rounded when `decimal` has no more than that) and `grouping` (BYLINE_GROUPING_…).
   Fills `out` with UTF-16 and returns its length in code units, or -1 (and sets
   *error_code to the ICU UErrorCode) when the number cannot be written or `capacity`
   is too small. */
int32_t byline_number_format(const char *locale, const char *decimal, int32_t fraction_digits, int32_t grouping,
                             uint16_t *out, int32_t capacity, int32_t *error_code);

#ifdef __cplusplus
}
#endif

#endif
