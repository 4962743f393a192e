// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Text forms of addresses, tuples and paths exactly as sysdig prints them (scap-format.md 3.3, 5.4).
#include <cstdint>
#include <string>
#include <string_view>

namespace syscope::decode {

void appendIpv4(std::string& out, const uint8_t* addr); // 4 bytes, network order
void appendIpv6(std::string& out, const uint8_t* addr); // 16 bytes; inet_ntop form
bool isIpv4Mapped(const uint8_t* addr16);               // ::ffff:a.b.c.d
bool isAllZero(const uint8_t* p, size_t n);
void appendHex(std::string& out, uint64_t v, bool upper); // no 0x prefix
void appendDec(std::string& out, int64_t v);
void appendUDec(std::string& out, uint64_t v);

// Joins a relative path to a base directory and normalises it the way sysdig does: drops "./", resolves "../"
// (never above "/"), collapses duplicate separators and removes a trailing "/".
std::string joinPath(std::string_view base, std::string_view path);

} // namespace syscope::decode
