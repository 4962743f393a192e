// SPDX-License-Identifier: GPL-3.0-or-later
#include "fields/json_text.h"

#include "base/bytes16.h"

#include <array>
#include <cstdint>

namespace syscope::fields {

namespace {

constexpr auto kEscaped = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c)
        t[size_t(c)] = true;
    t['"'] = t['\\'] = true;
    return t;
}();

// Where the first byte at or after `i` that JSON escapes is (a control character, quote or backslash), or
// s.size(). Runs that need no escape are skipped sixteen bytes at a time: -j output is mostly such runs.
size_t nextEscape(std::string_view s, size_t i)
{
    const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
    for (; i + 16 <= s.size(); i += 16) {
        const Bytes16 x = loadBytes16(bytes + i);
        if (anyByte((x < 0x20) | (x == '"') | (x == '\\')))
            break;
    }
    for (; i < s.size(); ++i)
        if (kEscaped[bytes[i]])
            return i;
    return s.size();
}

// s with jsoncpp's escapes, without quotes. cString: a NUL ends the text.
void appendEscaped(std::string& out, std::string_view s, bool cString)
{
    size_t run = 0;
    for (size_t i = nextEscape(s, 0); i < s.size(); i = nextEscape(s, i + 1)) {
        const auto c = static_cast<unsigned char>(s[i]);
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
        case '\0':
            if (cString)
                return;
            [[fallthrough]];
        default: {
            static constexpr char kHex[] = "0123456789abcdef";
            const char u[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
            out.append(u, 6);
        }
        }
    }
    out.append(s.data() + run, s.size() - run);
}

} // namespace

void appendJsonString(std::string& out, std::string_view s)
{
    out.push_back('"');
    appendEscaped(out, s, false);
    out.push_back('"');
}

void appendJsonCString(std::string& out, std::string_view s)
{
    out.push_back('"');
    appendEscaped(out, s, true);
    out.push_back('"');
}

void endJsonCString(std::string& out, size_t start, std::string& scratch)
{
    const std::string_view text(out.data() + start, out.size() - start);
    const size_t first = nextEscape(text, 0);
    if (first < text.size()) {
        // Only what follows the first escape moves; the text before it is already in place.
        scratch.assign(text.substr(first));
        out.resize(start + first);
        appendEscaped(out, scratch, true);
    }
    out.push_back('"');
}

} // namespace syscope::fields
