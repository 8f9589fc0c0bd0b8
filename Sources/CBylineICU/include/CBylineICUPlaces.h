/*
 * Place names that ICU carries for every locale: region (country and continent) display
 * names and the exemplar cities of time zones. Read at run time, so nothing is shipped.
 * Plain C types only, as everywhere in this shim.
 */
#ifndef CBYLINEICUPLACES_H
#define CBYLINEICUPLACES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ISO 3166 two-letter region codes ICU knows, index 0 upwards; NULL past the end.
   The strings belong to ICU and live as long as the process. */
const char *byline_region_code(int32_t index);

/* The languages ICU has locale data for ("az", "ru"; no regional variants), index 0
   upwards; NULL past the end. */
const char *byline_available_language(int32_t index);

/* The display name of `region` ("KR", "002") in `language`, as UTF-8 in `out`. Returns the
   length in bytes, or -1 when the language's own data has no name for the region (ICU
   would otherwise hand back the code or another locale's name). */
int32_t byline_region_display_name(const char *region, const char *language,
                                   uint8_t *out, int32_t capacity);

/* The canonical time-zone ids with a location ("Asia/Seoul"), index 0 upwards, written
   NUL-terminated into `out`. Returns the length, or -1 past the end. */
int32_t byline_time_zone_id(int32_t index, char *out, int32_t capacity);

/* The region of a time zone ("KR" for "Asia/Seoul") into `out`. Returns the length or -1. */
int32_t byline_time_zone_region(const char *zone, char *out, int32_t capacity);

/* Exemplar-city names of one language. Not thread-safe: one per worker. */
typedef struct byline_zone_names byline_zone_names;

/* Opens the time-zone names of `language` ("" for root). NULL on failure. */
byline_zone_names *byline_zone_names_open(const char *language);

void byline_zone_names_close(byline_zone_names *names);

/* The exemplar city of `zone` as UTF-8 in `out`. Returns the length in bytes, or -1 when
   there is none. ICU derives a name from the zone id when the locale has none; such a
   derived name is returned only when `allow_derived` is non-zero. */
int32_t byline_zone_names_exemplar(byline_zone_names *names, const char *zone, int32_t allow_derived,
                                   uint8_t *out, int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
