// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/addr_format.h"

#include <arpa/inet.h>
#include <charconv>
#include <vector>

namespace syscope::decode {

void appendDec(std::string& out, int64_t v)
{
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, size_t(r.ptr - buf));
}

void appendUDec(std::string& out, uint64_t v)
{
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, size_t(r.ptr - buf));
}

void appendHex(std::string& out, uint64_t v, bool upper)
{
    const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[16];
    int n = 16;
    do {
        buf[--n] = digits[v & 15];
        v >>= 4;
    } while (v);
    out.append(buf + n, size_t(16 - n));
}

void appendIpv4(std::string& out, const uint8_t* a)
{
    for (int i = 0; i < 4; ++i) {
        if (i)
            out.push_back('.');
        appendUDec(out, a[i]);
    }
}

void appendIpv6(std::string& out, const uint8_t* a)
{
    char buf[INET6_ADDRSTRLEN];
    if (inet_ntop(AF_INET6, a, buf, sizeof buf))
        out += buf;
}

bool isAllZero(const uint8_t* p, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        if (p[i])
            return false;
    return true;
}

bool isIpv4Mapped(const uint8_t* a) { return isAllZero(a, 10) && a[10] == 0xff && a[11] == 0xff; }

namespace {

// An absolute path with no empty, "." or ".." component and no trailing '/' (or just "/").
bool isNormalAbsolute(std::string_view s)
{
    if (s == "/")
        return true;
    for (size_t i = 0; i < s.size();) { // s[i] == '/'
        size_t j = s.find('/', i + 1);
        if (j == std::string_view::npos)
            j = s.size();
        std::string_view part = s.substr(i + 1, j - i - 1);
        if (part.empty() || part == "." || part == "..")
            return false;
        i = j;
    }
    return true;
}

} // namespace

std::string joinPath(std::string_view base, std::string_view path)
{
    std::string joined;
    if (!path.empty() && path[0] == '/')
        joined = path;
    else {
        joined = base;
        if (!joined.empty() && joined.back() != '/')
            joined.push_back('/');
        joined += path;
    }
    if (joined.empty() || joined[0] != '/')
        return std::string(path); // nothing absolute to anchor it to: keep what the process passed
    if (isNormalAbsolute(joined))
        return joined; // the usual case: what the loop below would rebuild, character for character
    std::vector<std::string_view> parts;
    std::string_view s(joined);
    size_t i = 0;
    while (i < s.size()) {
        size_t j = s.find('/', i);
        if (j == std::string_view::npos)
            j = s.size();
        std::string_view part = s.substr(i, j - i);
        if (part.empty() || part == ".") {
        } else if (part == "..") {
            if (!parts.empty())
                parts.pop_back();
        } else
            parts.push_back(part);
        i = j + 1;
    }
    std::string out;
    for (auto p : parts) {
        out.push_back('/');
        out += p;
    }
    if (out.empty())
        out = "/";
    return out;
}

} // namespace syscope::decode
