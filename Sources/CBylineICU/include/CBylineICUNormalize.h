/*
 * Plain-C entry points over ICU for Byline's normalization layer: normalization forms,
 * locale-aware case mapping, transliteration, script data, confusable look-alikes and
 * legacy code page tables.
 *
 * As in CBylineICU.h, only <stdint.h> types cross this boundary. Text goes in as UTF-8
 * (the bytes of a Swift string) wherever ICU can work on UTF-8 directly, so no transcoding
 * happens on the hot paths; transliterators only take UTF-16.
 */
#ifndef CBYLINEICU_NORMALIZE_H
#define CBYLINEICU_NORMALIZE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Edit buffers ---------------------------------------------------------------- */

/* Holds the UTF-8 output of one transformation and the spans it changed. Reuse one per
   worker: its storage grows to the largest text seen and is not freed between calls. */
typedef struct byline_edit_buffer byline_edit_buffer;

byline_edit_buffer *byline_edit_buffer_create(void);
void byline_edit_buffer_destroy(byline_edit_buffer *buffer);

/* The output bytes of the last call; *length receives their count. */
const uint8_t *byline_edit_buffer_bytes(const byline_edit_buffer *buffer, int64_t *length);

/* The number of changed spans of the last call. */
int64_t byline_edit_buffer_span_count(const byline_edit_buffer *buffer);

/* Changed spans as quadruples (source start, source length, output start, output length),
   UTF-8 byte offsets, ascending and disjoint; adjacent changes are merged. */
const int64_t *byline_edit_buffer_spans(const byline_edit_buffer *buffer);

/* ---- Normalization forms (UAX #15) ----------------------------------------------- */

enum {
    BYLINE_FORM_NFC = 0,
    BYLINE_FORM_NFD = 1,
    BYLINE_FORM_NFKC = 2,
    BYLINE_FORM_NFKD = 3,
    BYLINE_FORM_NFKC_CASEFOLD = 4
};

/* Normalizes UTF-8 text. Returns 0 when the text is already in the form (the buffer is
   left empty and nothing is copied), 1 when the buffer holds the normalized text and its
   edits, or a negative ICU error code. */
int32_t byline_normalize_utf8(int32_t form, const uint8_t *bytes, int64_t length,
                              byline_edit_buffer *buffer);

/* 0 when the code point is inert under the form (never changed, never combines with a
   neighbour), else 1. */
int32_t byline_form_may_change(int32_t form, int32_t code_point);

/* ---- Case mapping ---------------------------------------------------------------- */

enum {
    BYLINE_CASE_LOWER = 0,
    BYLINE_CASE_UPPER = 1,
    BYLINE_CASE_TITLE = 2,
    BYLINE_CASE_FOLD = 3,
    BYLINE_CASE_FOLD_TURKIC = 4
};

/* Full, locale-aware case mapping of UTF-8 text (`locale` is an ICU id such as "tr",
   "az", "nl", "" for root). Title case breaks words with the locale's word iterator.
   Returns 0 when nothing changed, 1 when the buffer holds the result, or a negative ICU
   error code. */
int32_t byline_case_map_utf8(int32_t kind, const char *locale, const uint8_t *bytes, int64_t length,
                             byline_edit_buffer *buffer);

/* ---- Per-character data ---------------------------------------------------------- */

/* ICU's UScriptCode of a code point (0 = Common, 1 = Inherited, 25 = Latin, 8 = Cyrillic,
   14 = Greek, ...). */
int32_t byline_script_of(int32_t code_point);

/* 1 when `script` is among the code point's Script_Extensions. */
int32_t byline_script_extensions_contain(int32_t code_point, int32_t script);

/* ICU's general category (UCharCategory) and canonical combining class. */
int32_t byline_general_category(int32_t code_point);
int32_t byline_combining_class(int32_t code_point);

/* 1 for Default_Ignorable_Code_Point, 1 for Extended_Pictographic / Emoji_Modifier /
   Regional_Indicator in byline_is_emoji_part, else 0. */
int32_t byline_is_default_ignorable(int32_t code_point);
int32_t byline_is_emoji_part(int32_t code_point);

/* The decimal digit value of a code point (0-9), or -1 when it is not a decimal digit. */
int32_t byline_decimal_digit_value(int32_t code_point);

/* The search-key form of one code point, as UTF-8 into `out` (up to `capacity` bytes):
   NFKC_Casefold (with Turkic dotted and dotless i when `turkic` is 1), then every mark
   with a non-zero combining class removed, then NFC. Returns the length written, or -1
   when `capacity` is too small. */
int32_t byline_fold_code_point(int32_t code_point, int32_t turkic, uint8_t *out, int32_t capacity);

/* One code point with its nonspacing marks (general category Mn) removed: NFD, remove
   Mn, NFC, as UTF-8 into `out`. Returns the length written, or -1 when `capacity` is too
   small. */
int32_t byline_strip_marks_code_point(int32_t code_point, uint8_t *out, int32_t capacity);

/* ---- Code pages ------------------------------------------------------------------ */

/* Fills `table` with the code point each byte 0-255 decodes to in ICU's converter `name`
   ("windows-1252", "windows-1251", "ibm-437", "macintosh", ...), or -1 for a byte the
   converter does not map. Returns 0, or a negative ICU error code. */
int32_t byline_codepage_table(const char *name, int32_t table[256]);

/* ---- Exemplar characters ------------------------------------------------------ */

/* The letters a language is written with: CLDR's standard and auxiliary exemplar sets
   for an ICU locale id, case-insensitive. NULL when ICU has none for the locale.
   Read-only once made; safe to share. */
typedef struct byline_exemplars byline_exemplars;

byline_exemplars *byline_exemplars_open(const char *locale);
/* The same with the standard set alone when `auxiliary` is 0: the letters a language
   writes its own words with, without those of the foreign words it borrows. */
byline_exemplars *byline_exemplars_open_kinds(const char *locale, int32_t auxiliary);
void byline_exemplars_close(byline_exemplars *exemplars);

/* 1 when the code point is among the exemplars, else 0. */
int32_t byline_exemplars_contain(const byline_exemplars *exemplars, int32_t code_point);

/* ---- Transliteration ------------------------------------------------------------- */

typedef struct byline_transliterator byline_transliterator;

/* Opens an ICU transliterator by id ("Russian-Latin/BGN", "Any-Latin"). Returns NULL and
   sets *error_code on failure. Not thread-safe: one per worker. */
byline_transliterator *byline_transliterator_open(const char *id, int32_t *error_code);
void byline_transliterator_close(byline_transliterator *transliterator);

/* Transliterates UTF-16 text in place. `units` holds `length` units and has room for
   `capacity`. Returns the new length, or -(needed capacity) when the room was short (the
   text is then unchanged), or INT32_MIN on another error. */
int32_t byline_transliterate_utf16(byline_transliterator *transliterator, uint16_t *units, int32_t length,
                                   int32_t capacity);

/* ---- Confusables (UTS #39) ------------------------------------------------------- */

/* The letter of script `script` (UScriptCode) that has the same UTS #39 skeleton as
   `code_point`, preferring the same case and the basic block of that script; -1 when there
   is none. Tables are built on first use per script and shared, read-only, afterwards. */
int32_t byline_confusable_in_script(int32_t code_point, int32_t script);

#ifdef __cplusplus
}
#endif

#endif
