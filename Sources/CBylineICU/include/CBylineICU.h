/*
 * Plain-C entry points over ICU for Byline's Swift modules.
 *
 * Only <stdint.h> types cross this boundary: ICU renames its symbols per version
 * (ubrk_open is really ubrk_open_72) and its headers clash with the ICU copy that
 * Foundation bundles, so no Swift module may see an ICU header.
 */
#ifndef CBYLINEICU_H
#define CBYLINEICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A break iterator over UTF-8 text. Not thread-safe: one per worker. */
typedef struct byline_breaker byline_breaker;

enum {
    BYLINE_BREAK_CHARACTER = 0,
    BYLINE_BREAK_WORD = 1,
    BYLINE_BREAK_LINE = 2,
    BYLINE_BREAK_SENTENCE = 3
};

/* Opens a break iterator of `kind` for an ICU locale id ("en", "tr", "" for root).
   Returns NULL and sets *error_code (an ICU UErrorCode) on failure. */
byline_breaker *byline_breaker_open(int32_t kind, const char *locale, int32_t *error_code);

/* A clone that shares the compiled rules; cheaper than opening a new one. */
byline_breaker *byline_breaker_clone(const byline_breaker *breaker, int32_t *error_code);

void byline_breaker_close(byline_breaker *breaker);

/* Points the iterator at UTF-8 bytes, which must stay alive and unchanged while in use.
   Boundaries then come back as UTF-8 byte offsets. */
int32_t byline_breaker_set_utf8(byline_breaker *breaker, const uint8_t *bytes, int64_t length);

/* Fills `offsets` with the boundaries after `from` (exclusive), in ascending order,
   up to `capacity` of them; `statuses` (may be NULL) gets each boundary's rule status.
   Returns how many were written; fewer than `capacity` means the end was reached.
   Call again with the last offset written to continue. */
int32_t byline_breaker_fill(byline_breaker *breaker, int64_t from,
                            int64_t *offsets, int32_t *statuses, int32_t capacity);

/* UTF-16 variants, for callers that already hold UTF-16. */
int32_t byline_breaker_set_utf16(byline_breaker *breaker, const uint16_t *units, int32_t length);

/* Locale helpers. */

/* Canonicalises a BCP 47 tag into an ICU locale id in `out` (NUL-terminated).
   Returns the length, or -1 on error. */
int32_t byline_locale_from_tag(const char *tag, char *out, int32_t capacity);

/* Writes the BCP 47 form of an ICU locale id. Returns the length or -1. */
int32_t byline_locale_to_tag(const char *locale, char *out, int32_t capacity);

/* 1 when ICU knows the locale's language (it has an ISO 639 three-letter code), else 0. */
int32_t byline_locale_language_is_known(const char *locale);

/* Writes the locale's language subtag ("az" for "az_Latn_AZ"). Returns the length or -1. */
int32_t byline_locale_language(const char *locale, char *out, int32_t capacity);

/* Month names of a locale as UTF-16, `kind` 0 = wide format, 1 = abbreviated format,
   2 = wide stand-alone, 3 = abbreviated stand-alone. Writes month `index` (0-based) into `out`.
   Returns the length in UTF-16 units, or -1. */
int32_t byline_locale_month_name(const char *locale, int32_t kind, int32_t index,
                                 uint16_t *out, int32_t capacity);

/* Weekday names of a locale as UTF-16, wide, format (`standalone` 0) or stand-alone (1).
   `index` 0 is Sunday, 6 Saturday. Returns the length in UTF-16 units, or -1. */
int32_t byline_locale_weekday_name(const char *locale, int32_t standalone, int32_t index,
                                   uint16_t *out, int32_t capacity);

/* Version string of the linked ICU ("72.1"). */
const char *byline_icu_version(void);

/* Name of an ICU error code, for diagnostics. */
const char *byline_icu_error_name(int32_t error_code);

#ifdef __cplusplus
}
#endif

#endif
