// Look-alike letters across scripts, from ICU's UTS #39 confusables data: two letters are
// look-alikes when uspoof_getSkeleton gives both the same skeleton.

#include "CBylineICUNormalize.h"

#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>

namespace {

using Skeletons = std::unordered_map<std::u16string, std::vector<UChar32>>;

std::u16string skeleton(const USpoofChecker *checker, UChar32 code_point) {
    UChar text[2];
    int32_t length = 0;
    U16_APPEND_UNSAFE(text, length, code_point);
    UChar out[32];
    UErrorCode status = U_ZERO_ERROR;
    int32_t written = uspoof_getSkeleton(checker, 0, text, length, out, 32, &status);
    if (U_FAILURE(status) || written > 32) return std::u16string();
    return std::u16string(reinterpret_cast<const char16_t *>(out), static_cast<size_t>(written));
}

// The basic letters a writer of the script types on an ordinary keyboard.
bool is_basic(UChar32 c, int32_t script) {
    switch (script) {
    case USCRIPT_LATIN: return c < 0x80;
    case USCRIPT_CYRILLIC: return c >= 0x0400 && c <= 0x045F;
    case USCRIPT_GREEK: return c >= 0x0391 && c <= 0x03C9;
    default: return true;
    }
}

struct Tables {
    std::mutex lock;
    USpoofChecker *checker = nullptr;
    std::map<int32_t, Skeletons> byScript;

    const Skeletons *table(int32_t script) {
        std::lock_guard<std::mutex> guard(lock);
        if (checker == nullptr) {
            UErrorCode status = U_ZERO_ERROR;
            checker = uspoof_open(&status);
            if (U_FAILURE(status)) {
                checker = nullptr;
                return nullptr;
            }
        }
        auto found = byScript.find(script);
        if (found != byScript.end()) return &found->second;
        Skeletons &skeletons = byScript[script];
        UErrorCode status = U_ZERO_ERROR;
        USet *letters = uset_openEmpty();
        uset_applyIntPropertyValue(letters, UCHAR_SCRIPT, script, &status);
        if (U_SUCCESS(status)) {
            int32_t ranges = uset_getItemCount(letters);
            for (int32_t item = 0; item < ranges; item++) {
                UChar32 start, end;
                UErrorCode itemStatus = U_ZERO_ERROR;
                if (uset_getItem(letters, item, &start, &end, nullptr, 0, &itemStatus) != 0) continue;
                for (UChar32 c = start; c <= end; c++) {
                    if (!u_isalpha(c)) continue;
                    std::u16string key = skeleton(checker, c);
                    if (!key.empty()) skeletons[key].push_back(c);
                }
            }
        }
        uset_close(letters);
        return &skeletons;
    }
};

Tables &tables() {
    static Tables shared;
    return shared;
}

}  // namespace

extern "C" int32_t byline_confusable_in_script(int32_t code_point, int32_t script) {
    Tables &shared = tables();
    const Skeletons *table = shared.table(script);
    if (table == nullptr) return -1;
    std::u16string key;
    {
        std::lock_guard<std::mutex> guard(shared.lock);
        key = skeleton(shared.checker, code_point);
    }
    auto found = table->find(key);
    if (found == table->end()) return -1;
    bool upper = u_isupper(code_point);
    int32_t best = -1;
    int best_rank = -1;
    for (UChar32 candidate : found->second) {
        if (candidate == code_point) continue;
        int rank = (u_isupper(candidate) == upper ? 2 : 0) + (is_basic(candidate, script) ? 1 : 0);
        if (rank > best_rank) {
            best = candidate;
            best_rank = rank;
        }
    }
    return best;
}
