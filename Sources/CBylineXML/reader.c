#include "CBylineXML.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

/* The longest tag (from `<` to `>`) and the longest run of text between two tags that a
   TMX file may hold. TMX attributes are short (languages, dates, ids) and a segment is a
   sentence or a paragraph; libxml2's push parser, which the reader drives, looks for the
   end of a tag from the start of its buffer each time more input arrives, so a tag of
   20 MB took minutes. The input is cut off at the first run past a limit. */
enum { TAG_LIMIT = 1 << 20, TEXT_LIMIT = 8 << 20 };

struct byline_xml_reader {
    xmlTextReaderPtr reader;
    /* The input: a file descriptor, or bytes in memory owned by the reader (libxml2 reads
       lazily, so the caller's buffer may go at once). */
    int fd;
    uint8_t *owned_bytes;
    int64_t owned_length;
    int64_t owned_offset;
    /* The scan of the input for over-long runs: where the scan is, and where the run it
       is in began (1-based line, column in UTF-8 lead bytes, so in Unicode scalars). */
    int in_tag;
    int64_t run_length;
    int32_t line, column, run_line, run_column;
    int limit_hit;
    int has_error;
    int error_code;
    int error_line;
    int error_column;
    char *error_message;
};

static void record_error(void *context, xmlErrorPtr error) {
    struct byline_xml_reader *self = context;
    if (error == NULL || self->has_error || error->level < XML_ERR_ERROR) return;
    self->has_error = 1;
    self->error_code = error->code;
    self->error_line = error->line;
    self->error_column = error->int2;
    self->error_message = strdup(error->message != NULL ? error->message : "XML error");
    if (self->error_message != NULL) {
        size_t length = strlen(self->error_message);
        while (length > 0 && (self->error_message[length - 1] == '\n' || self->error_message[length - 1] == ' ')) {
            self->error_message[--length] = 0;
        }
    }
}

static const int parse_options = XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_BIG_LINES;

/* libxml2 also reports some input errors (encoding failures) through its generic error
   channel, straight to standard error; the structured handler above already records them
   with their location, so the generic channel is silenced. */
static void ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

/* Checks the bytes just read for a run past a limit; 0 when one is found. */
static int scan(byline_xml_reader *self, const uint8_t *bytes, int length) {
    for (int index = 0; index < length; index++) {
        uint8_t byte = bytes[index];
        if (byte == '\n') {
            self->line++;
            self->column = 0;
        } else if ((byte & 0xC0) != 0x80) {
            self->column++;
        }
        if (byte == '<' || byte == '>') {
            self->in_tag = byte == '<';
            self->run_length = 0;
            self->run_line = self->line;
            self->run_column = self->column + (byte == '>');
            continue;
        }
        self->run_length++;
        if (self->run_length > (self->in_tag ? TAG_LIMIT : TEXT_LIMIT)) {
            self->limit_hit = self->in_tag ? 1 : 2;
            return 0;
        }
    }
    return 1;
}

static int read_input(void *context, char *buffer, int length) {
    byline_xml_reader *self = context;
    if (self->limit_hit) return -1;
    int count;
    if (self->fd >= 0) {
        ssize_t got;
        do {
            got = read(self->fd, buffer, (size_t)length);
        } while (got < 0 && errno == EINTR);
        if (got < 0) return -1;
        count = (int)got;
    } else {
        int64_t left = self->owned_length - self->owned_offset;
        count = left < length ? (int)left : length;
        memcpy(buffer, self->owned_bytes + self->owned_offset, (size_t)count);
        self->owned_offset += count;
    }
    if (!scan(self, (const uint8_t *)buffer, count)) return -1;
    return count;
}

static int close_input(void *context) {
    (void)context;
    return 0;
}

static byline_xml_reader *open_input(int fd, uint8_t *bytes, int64_t length, const char *url) {
    byline_xml_reader *self = calloc(1, sizeof *self);
    if (self == NULL) return NULL;
    self->fd = fd;
    self->owned_bytes = bytes;
    self->owned_length = length;
    self->line = 1;
    self->run_line = 1;
    self->run_column = 1;
    self->reader = xmlReaderForIO(read_input, close_input, self, url, NULL, parse_options);
    if (self->reader == NULL) {
        free(self);
        return NULL;
    }
    xmlTextReaderSetStructuredErrorHandler(self->reader, record_error, self);
    return self;
}

byline_xml_reader *byline_xml_open_file(const char *path) {
    xmlSetGenericErrorFunc(NULL, ignore_generic_error);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    byline_xml_reader *self = open_input(fd, NULL, 0, path);
    if (self == NULL) close(fd);
    return self;
}

byline_xml_reader *byline_xml_open_descriptor(int32_t fd, const char *url) {
    xmlSetGenericErrorFunc(NULL, ignore_generic_error);
    if (fd < 0) return NULL;
    return open_input(fd, NULL, 0, url);
}

byline_xml_reader *byline_xml_open_memory(const uint8_t *bytes, int32_t length, const char *url) {
    xmlSetGenericErrorFunc(NULL, ignore_generic_error);
    uint8_t *copy = malloc(length > 0 ? (size_t)length : 1);
    if (copy == NULL) return NULL;
    if (length > 0) memcpy(copy, bytes, (size_t)length);
    byline_xml_reader *self = open_input(-1, copy, length, url);
    if (self == NULL) free(copy);
    return self;
}

void byline_xml_close(byline_xml_reader *self) {
    if (self == NULL) return;
    xmlFreeTextReader(self->reader);
    if (self->fd >= 0) close(self->fd);
    free(self->owned_bytes);
    free(self->error_message);
    free(self);
}

int32_t byline_xml_read(byline_xml_reader *self) {
    int result = xmlTextReaderRead(self->reader);
    if (self->has_error || self->limit_hit) return -1;
    return result;
}

int32_t byline_xml_node_type(byline_xml_reader *self) { return xmlTextReaderNodeType(self->reader); }
int32_t byline_xml_depth(byline_xml_reader *self) { return xmlTextReaderDepth(self->reader); }
int32_t byline_xml_is_empty_element(byline_xml_reader *self) { return xmlTextReaderIsEmptyElement(self->reader); }

static const char *text(const xmlChar *value) { return value != NULL ? (const char *)value : ""; }

const char *byline_xml_local_name(byline_xml_reader *self) { return text(xmlTextReaderConstLocalName(self->reader)); }
const char *byline_xml_name(byline_xml_reader *self) { return text(xmlTextReaderConstName(self->reader)); }
const char *byline_xml_value(byline_xml_reader *self) { return text(xmlTextReaderConstValue(self->reader)); }

int32_t byline_xml_has_attributes(byline_xml_reader *self) { return xmlTextReaderHasAttributes(self->reader); }
int32_t byline_xml_next_attribute(byline_xml_reader *self) { return xmlTextReaderMoveToNextAttribute(self->reader); }
void byline_xml_back_to_element(byline_xml_reader *self) { xmlTextReaderMoveToElement(self->reader); }

int32_t byline_xml_line(byline_xml_reader *self) { return xmlTextReaderGetParserLineNumber(self->reader); }
int32_t byline_xml_column(byline_xml_reader *self) { return xmlTextReaderGetParserColumnNumber(self->reader); }
int64_t byline_xml_bytes_consumed(byline_xml_reader *self) { return xmlTextReaderByteConsumed(self->reader); }

int32_t byline_xml_node_line(byline_xml_reader *self) {
    xmlNodePtr node = xmlTextReaderCurrentNode(self->reader);
    /* On a namespace declaration the reader's current node is an xmlNs, not a node. */
    if (node == NULL || node->type == XML_NAMESPACE_DECL) return 0;
    return (int32_t)xmlGetLineNo(node);
}

int32_t byline_xml_first_error(byline_xml_reader *self, int32_t *line, int32_t *column, const char **message) {
    if (self->limit_hit) {
        *line = self->run_line;
        *column = self->run_column > 0 ? self->run_column : 1;
        *message = self->limit_hit == 1 ? "tag longer than the limit" : "text longer than the limit";
        return self->limit_hit == 1 ? BYLINE_XML_TAG_TOO_LONG : BYLINE_XML_TEXT_TOO_LONG;
    }
    if (!self->has_error) return 0;
    *line = self->error_line;
    *column = self->error_column;
    *message = self->error_message != NULL ? self->error_message : "XML error";
    return self->error_code > 0 ? self->error_code : 1;
}

int32_t byline_xml_tag_limit(void) { return TAG_LIMIT; }
int32_t byline_xml_text_limit(void) { return TEXT_LIMIT; }
