#include "CBylineXML.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

struct byline_xml_reader {
    xmlTextReaderPtr reader;
    /* For documents opened from memory: libxml2 reads the caller's buffer lazily, so the
       reader keeps its own copy until it is closed. */
    uint8_t *owned_bytes;
    int has_error;
    int error_line;
    int error_column;
    char *error_message;
};

static void record_error(void *context, xmlErrorPtr error) {
    struct byline_xml_reader *self = context;
    if (error == NULL || self->has_error || error->level < XML_ERR_ERROR) return;
    self->has_error = 1;
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

static byline_xml_reader *wrap(xmlTextReaderPtr reader) {
    if (reader == NULL) return NULL;
    byline_xml_reader *self = calloc(1, sizeof *self);
    if (self == NULL) {
        xmlFreeTextReader(reader);
        return NULL;
    }
    self->reader = reader;
    xmlTextReaderSetStructuredErrorHandler(reader, record_error, self);
    return self;
}

byline_xml_reader *byline_xml_open_file(const char *path) {
    xmlSetGenericErrorFunc(NULL, ignore_generic_error);
    return wrap(xmlReaderForFile(path, NULL, parse_options));
}

byline_xml_reader *byline_xml_open_memory(const uint8_t *bytes, int32_t length, const char *url) {
    xmlSetGenericErrorFunc(NULL, ignore_generic_error);
    uint8_t *copy = malloc(length > 0 ? (size_t)length : 1);
    if (copy == NULL) return NULL;
    if (length > 0) memcpy(copy, bytes, (size_t)length);
    byline_xml_reader *self = wrap(xmlReaderForMemory((const char *)copy, length, url, NULL, parse_options));
    if (self == NULL) {
        free(copy);
        return NULL;
    }
    self->owned_bytes = copy;
    return self;
}

void byline_xml_close(byline_xml_reader *self) {
    if (self == NULL) return;
    xmlFreeTextReader(self->reader);
    free(self->owned_bytes);
    free(self->error_message);
    free(self);
}

int32_t byline_xml_read(byline_xml_reader *self) {
    int result = xmlTextReaderRead(self->reader);
    if (self->has_error) return -1;
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
    if (!self->has_error) return 0;
    *line = self->error_line;
    *column = self->error_column;
    *message = self->error_message != NULL ? self->error_message : "XML error";
    return 1;
}
