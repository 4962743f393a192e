// SPDX-License-Identifier: GPL-3.0-or-later
#include "state/fd_info.h"

namespace syscope::state {

char FdInfo::typeChar() const
{
    switch (type) {
    case FdType::kFile:
    case FdType::kFileV2: return 'f';
    case FdType::kDirectory: return 'd';
    case FdType::kIpv4Sock:
    case FdType::kIpv4ServSock: return '4';
    case FdType::kIpv6Sock:
    case FdType::kIpv6ServSock: return '6';
    case FdType::kUnixSock: return 'u';
    case FdType::kFifo: return 'p';
    case FdType::kEvent: return 'e';
    case FdType::kSignalfd: return 's';
    case FdType::kEventPoll: return 'l';
    case FdType::kInotify: return 'i';
    case FdType::kTimerfd: return 't';
    case FdType::kNetlink: return 'n';
    case FdType::kUnsupported: return 'X';
    case FdType::kBpf: return 'b';
    case FdType::kUserfaultfd: return 'u';
    case FdType::kIoUring: return 'r';
    case FdType::kMemfd: return 'm';
    case FdType::kPidfd: return 'P';
    default: return 'o';
    }
}

char FdInfo::l4Char() const
{
    if (!isIpv4() && !isIpv6())
        return 0;
    if ((type == FdType::kIpv4Sock || type == FdType::kIpv6Sock) && l4proto != L4Proto::kRaw && role == Role::kNone)
        return 0;
    switch (l4proto) {
    case L4Proto::kTcp: return 't';
    case L4Proto::kUdp: return 'u';
    case L4Proto::kIcmp: return 'i';
    case L4Proto::kRaw: return 'r';
    default: return 0;
    }
}

const char* FdInfo::typeName() const
{
    switch (type) {
    case FdType::kFile:
    case FdType::kFileV2: return "file";
    case FdType::kDirectory: return "directory";
    case FdType::kIpv4Sock:
    case FdType::kIpv4ServSock: return "ipv4";
    case FdType::kIpv6Sock:
    case FdType::kIpv6ServSock: return "ipv6";
    case FdType::kUnixSock: return "unix";
    case FdType::kFifo: return "pipe";
    case FdType::kEvent: return "event";
    case FdType::kSignalfd: return "signalfd";
    case FdType::kEventPoll: return "eventpoll";
    case FdType::kInotify: return "inotify";
    case FdType::kTimerfd: return "timerfd";
    case FdType::kNetlink: return "netlink";
    case FdType::kBpf: return "bpf";
    case FdType::kUserfaultfd: return "userfaultfd";
    case FdType::kIoUring: return "io_uring";
    case FdType::kMemfd: return "memfd";
    case FdType::kPidfd: return "pidfd";
    default: return "<NA>";
    }
}

} // namespace syscope::state
