/*
 * Plain-C entry points over libxml2's streaming reader for Byline's TMX module.
 *
 * libxml2's headers include ICU's, which clash with the ICU copy Foundation bundles when
 * a Swift module sees both; so only this target's .c files include libxml2, and its
 * header has <stdint.h> types alone. Strings come back as UTF-8, owned by the reader
 * and valid until the next call that moves it.
 */
#ifndef CBYLINEXML_H
#define CBYLINEXML_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct byline_xml_reader byline_xml_reader;

/* Node types, as xmlReaderTypes numbers them. */
enum {
    BYLINE_XML_ELEMENT = 1,
    BYLINE_XML_TEXT = 3,
    BYLINE_XML_CDATA = 4,
    BYLINE_XML_ENTITY_REFERENCE = 5,
    BYLINE_XML_WHITESPACE = 13,
    BYLINE_XML_SIGNIFICANT_WHITESPACE = 14,
    BYLINE_XML_END_ELEMENT = 15
};

/* Opens a file for streaming without network access. NULL if it cannot be opened. */
byline_xml_reader *byline_xml_open_file(const char *path);

/* Reads from an open descriptor (a pipe fed by an upload), which the reader then owns and
   closes. NULL on failure, the descriptor still the caller's. */
byline_xml_reader *byline_xml_open_descriptor(int32_t fd, const char *url);

/* Opens a copy of bytes in memory; the caller's buffer may go at once. NULL on failure. */
byline_xml_reader *byline_xml_open_memory(const uint8_t *bytes, int32_t length, const char *url);

void byline_xml_close(byline_xml_reader *reader);

/* Moves to the next node: 1 when there is one, 0 at the end, -1 on an error. */
int32_t byline_xml_read(byline_xml_reader *reader);

int32_t byline_xml_node_type(byline_xml_reader *reader);
int32_t byline_xml_depth(byline_xml_reader *reader);
int32_t byline_xml_is_empty_element(byline_xml_reader *reader);

/* The node's local name, qualified name and value (text content), or "" when none. */
const char *byline_xml_local_name(byline_xml_reader *reader);
const char *byline_xml_name(byline_xml_reader *reader);
const char *byline_xml_value(byline_xml_reader *reader);

/* Attribute iteration: 1 while positioned on an attribute, then back to the element. */
int32_t byline_xml_has_attributes(byline_xml_reader *reader);
int32_t byline_xml_next_attribute(byline_xml_reader *reader);
void byline_xml_back_to_element(byline_xml_reader *reader);

/* Where the parser is: 1-based line and column. */
int32_t byline_xml_line(byline_xml_reader *reader);
int32_t byline_xml_column(byline_xml_reader *reader);
int64_t byline_xml_bytes_consumed(byline_xml_reader *reader);

/* The line of the current node in the document (exact for elements), or 0. */
int32_t byline_xml_node_line(byline_xml_reader *reader);

/* Codes of the input limits, beside libxml2's own error codes (xmlParserErrors). */
enum {
    BYLINE_XML_TAG_TOO_LONG = 100001,
    BYLINE_XML_TEXT_TOO_LONG = 100002
};

/* The first error (level error or fatal) the parser reported, if any: returns its code
   (libxml2's xmlParserErrors number, or BYLINE_XML_TAG_TOO_LONG / BYLINE_XML_TEXT_TOO_LONG
   when the input passed a limit; never 0) and fills the out-parameters (message owned by
   the reader), else 0. */
int32_t byline_xml_first_error(byline_xml_reader *reader, int32_t *line, int32_t *column, const char **message);

/* The longest tag and the longest text between tags the reader accepts, in bytes. */
int32_t byline_xml_tag_limit(void);
int32_t byline_xml_text_limit(void);

#ifdef __cplusplus
}
#endif

#endif
