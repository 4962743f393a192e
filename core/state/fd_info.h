// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What syscope knows about one file descriptor at one point of a capture. Immutable once stored as a version.
// A capture has tens of thousands of fd versions, so the struct is kept to 64 bytes: the name is shared, and
// the data of one kind of fd shares storage with that of the others.
#include "base/shared_string.h"
#include "format/capture_metadata.h"

#include <array>
#include <cstdint>

namespace syscope::state {

using format::FdType;
using format::L4Proto;

struct FdInfo {
    int64_t fd = -1;
    uint64_t ino = 0;
    SharedString name; // shared by the versions of the fd, and by fds of the same name
    // Which member of each union holds data follows from `type`: IP sockets use sip/dip (IPv4 in the first 4
    // bytes), unix sockets their endpoints, files their open flags. Read only the member of the fd's kind, and
    // write a whole member when an fd changes kind.
    union {
        std::array<uint8_t, 16> sip{};
        uint64_t unixSource;
        uint32_t openFlags;
    };
    union {
        std::array<uint8_t, 16> dip{};
        uint64_t unixDest;
    };
    uint16_t sport = 0, dport = 0;
    FdType type = FdType::kUnknown;
    L4Proto l4proto = L4Proto::kUnknown;
    // Whether the socket was seen connecting (client) or accepting/receiving (server). sysdig shows no transport
    // letter for a plain IP socket that has no role yet (raw sockets excepted).
    enum class Role : uint8_t { kNone, kClient, kServer } role = Role::kNone;

    bool isIpv4() const { return type == FdType::kIpv4Sock || type == FdType::kIpv4ServSock; }
    bool isIpv6() const { return type == FdType::kIpv6Sock || type == FdType::kIpv6ServSock; }
    bool isSocket() const { return isIpv4() || isIpv6() || type == FdType::kUnixSock || type == FdType::kNetlink; }
    // The character sysdig shows inside <..> for this fd's type.
    char typeChar() const;
    // The transport letter shown after the type character for IP sockets ('t', 'u', 'i', 'r'), or 0.
    char l4Char() const;
    // fd.type strings: "file", "ipv4", ...
    const char* typeName() const;
};
static_assert(sizeof(FdInfo) <= 64, "FdInfo is stored once per fd version");

} // namespace syscope::state
