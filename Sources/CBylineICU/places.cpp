// Region display names and exemplar cities for every locale ICU has data for.

#include "CBylineICUPlaces.h"

#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <unicode/locid.h>
#include <unicode/tznames.h>
#include <unicode/timezone.h>
#include <unicode/strenum.h>
#include <unicode/uloc.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/unistr.h>

namespace {

// ICU's region-name tree, as its internal header uresimp.h spells it.
const char *const region_tree = U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "region";

std::once_flag languages_once;
std::vector<std::string> *languages = nullptr;

std::once_flag zones_once;
std::vector<std::string> *zones = nullptr;

int32_t write_utf8(const icu::UnicodeString &text, uint8_t *out, int32_t capacity) {
    std::string utf8;
    text.toUTF8String(utf8);
    if (utf8.empty() || static_cast<int32_t>(utf8.size()) > capacity) return -1;
    std::memcpy(out, utf8.data(), utf8.size());
    return static_cast<int32_t>(utf8.size());
}

}  // namespace

extern "C" const char *byline_region_code(int32_t index) {
    const char *const *codes = uloc_getISOCountries();
    for (int32_t i = 0; codes[i] != nullptr; i++) {
        if (i == index) return codes[i];
    }
    return nullptr;
}

extern "C" const char *byline_available_language(int32_t index) {
    std::call_once(languages_once, [] {
        languages = new std::vector<std::string>();
        int32_t count = uloc_countAvailable();
        for (int32_t i = 0; i < count; i++) {
            const char *id = uloc_getAvailable(i);
            if (std::strchr(id, '_') == nullptr) languages->push_back(id);
        }
    });
    if (index < 0 || index >= static_cast<int32_t>(languages->size())) return nullptr;
    return (*languages)[static_cast<size_t>(index)].c_str();
}

extern "C" int32_t byline_region_display_name(const char *region, const char *language,
                                              uint8_t *out, int32_t capacity) {
    // Read the language's own Countries table without falling back to a parent locale,
    // so that a language without a name gives none instead of the code or root's entry.
    UErrorCode status = U_ZERO_ERROR;
    UResourceBundle *bundle = ures_openDirect(region_tree, language, &status);
    if (U_FAILURE(status)) return -1;
    UResourceBundle *table = ures_getByKey(bundle, "Countries", nullptr, &status);
    int32_t length = 0;
    const UChar *name = U_SUCCESS(status) ? ures_getStringByKey(table, region, &length, &status) : nullptr;
    int32_t result = -1;
    if (U_SUCCESS(status) && name != nullptr && length > 0) {
        result = write_utf8(icu::UnicodeString(false, name, length), out, capacity);
    }
    ures_close(table);
    ures_close(bundle);
    return result;
}

extern "C" int32_t byline_time_zone_id(int32_t index, char *out, int32_t capacity) {
    std::call_once(zones_once, [] {
        zones = new std::vector<std::string>();
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::StringEnumeration> ids(
            icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
        if (U_FAILURE(status) || !ids) return;
        const char *id;
        int32_t length;
        while ((id = ids->next(&length, status)) != nullptr && U_SUCCESS(status)) zones->push_back(id);
    });
    if (index < 0 || index >= static_cast<int32_t>(zones->size())) return -1;
    const std::string &zone = (*zones)[static_cast<size_t>(index)];
    if (static_cast<int32_t>(zone.size()) + 1 > capacity) return -1;
    std::memcpy(out, zone.c_str(), zone.size() + 1);
    return static_cast<int32_t>(zone.size());
}

extern "C" int32_t byline_time_zone_region(const char *zone, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = icu::TimeZone::getRegion(icu::UnicodeString::fromUTF8(zone), out, capacity, status);
    if (U_FAILURE(status) || length <= 0 || length >= capacity) return -1;
    out[length] = 0;
    return length;
}

struct byline_zone_names {
    std::unique_ptr<icu::TimeZoneNames> names;
    std::unique_ptr<icu::TimeZoneNames> root;
};

extern "C" byline_zone_names *byline_zone_names_open(const char *language) {
    UErrorCode status = U_ZERO_ERROR;
    auto result = std::make_unique<byline_zone_names>();
    result->names.reset(icu::TimeZoneNames::createInstance(icu::Locale(language), status));
    result->root.reset(icu::TimeZoneNames::createInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !result->names || !result->root) return nullptr;
    return result.release();
}

extern "C" void byline_zone_names_close(byline_zone_names *names) { delete names; }

extern "C" int32_t byline_zone_names_exemplar(byline_zone_names *names, const char *zone, int32_t allow_derived,
                                              uint8_t *out, int32_t capacity) {
    icu::UnicodeString id = icu::UnicodeString::fromUTF8(zone);
    icu::UnicodeString name, derived;
    names->names->getExemplarLocationName(id, name);
    if (name.isEmpty()) return -1;
    if (!allow_derived) {
        names->root->getExemplarLocationName(id, derived);
        if (name == derived) return -1;
    }
    return write_utf8(name, out, capacity);
}
