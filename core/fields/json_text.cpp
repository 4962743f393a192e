// SPDX-License-Identifier: GPL-3.0-or-later
#include "fields/json_text.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace syscope::fields {

void appendJsonString(std::string& out, std::string_view s)
{
    out.push_back('"');
    // Runs of characters that need no escape are copied whole: -j output is mostly such runs.
    static constexpr auto kEscaped = [] {
        std::array<bool, 256> t{};
        for (int c = 0; c < 0x20; ++c)
            t[size_t(c)] = true;
        t['"'] = t['\\'] = true;
        return t;
    }();
    // Eight bytes at a time: a word with no byte below 0x20 and no quote or backslash is skipped whole.
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    auto mayNeedEscape = [](uint64_t x) {
        const uint64_t q = x ^ (kOnes * '"'), b = x ^ (kOnes * '\\');
        return (((x - kOnes * 0x20) & ~x) | ((q - kOnes) & ~q) | ((b - kOnes) & ~b)) & kHigh;
    };
    size_t run = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
    for (size_t i = 0; i < s.size(); ++i) {
        if ((i & 7) == 0 && i + 8 <= s.size()) {
            uint64_t word;
            std::memcpy(&word, bytes + i, 8);
            if (!mayNeedEscape(word)) {
                i += 7;
                continue;
            }
        }
        const unsigned char c = bytes[i];
        if (!kEscaped[c])
            continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: {
            static constexpr char kHex[] = "0123456789abcdef";
            const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
            out.append(u, 6);
        }
        }
    }
    out.append(s.data() + run, s.size() - run);
    out.push_back('"');
}

void appendJsonCString(std::string& out, std::string_view s) { appendJsonString(out, s.substr(0, s.find('\0'))); }

} // namespace syscope::fields
