// SPDX-License-Identifier: GPL-3.0-or-later
#include "format/event_schema.h"

#include <array>

namespace syscope::format {

std::string_view paramTypeName(ParamType type)
{
    static constexpr std::array<std::string_view, 49> kNames = {"NONE",
                                                                "INT8",
                                                                "INT16",
                                                                "INT32",
                                                                "INT64",
                                                                "UINT8",
                                                                "UINT16",
                                                                "UINT32",
                                                                "UINT64",
                                                                "CHARBUF",
                                                                "BYTEBUF",
                                                                "ERRNO",
                                                                "SOCKADDR",
                                                                "SOCKTUPLE",
                                                                "FD",
                                                                "PID",
                                                                "FDLIST",
                                                                "FSPATH",
                                                                "SYSCALLID",
                                                                "SIGTYPE",
                                                                "RELTIME",
                                                                "ABSTIME",
                                                                "PORT",
                                                                "L4PROTO",
                                                                "SOCKFAMILY",
                                                                "BOOL",
                                                                "IPV4ADDR",
                                                                "DYNAMIC",
                                                                "FLAGS8",
                                                                "FLAGS16",
                                                                "FLAGS32",
                                                                "UID",
                                                                "GID",
                                                                "DOUBLE",
                                                                "SIGSET",
                                                                "CHARBUFARRAY",
                                                                "CHARBUF_PAIR_ARRAY",
                                                                "IPV4NET",
                                                                "IPV6ADDR",
                                                                "IPV6NET",
                                                                "IPADDR",
                                                                "IPNET",
                                                                "MODE",
                                                                "FSRELPATH",
                                                                "ENUMFLAGS8",
                                                                "ENUMFLAGS16",
                                                                "ENUMFLAGS32",
                                                                "FD32",
                                                                "PID32"};
    size_t i = size_t(type);
    return i < kNames.size() ? kNames[i] : std::string_view("UNKNOWN");
}

} // namespace syscope::format
