// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the metadata blocks of a section say: machine, interfaces, users/groups, the initial process and fd
// tables. Plain values, filled by CaptureReader; see scap-format.md 1.6-1.10.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace syscope::format {

struct MachineInfo {
    uint32_t numCpus = 0;
    uint64_t memorySizeBytes = 0;
    uint64_t maxPid = 0;
    std::string hostname;
    uint64_t bootTsEpoch = 0;
    bool present = false;
};

// One thread of a process-list block (PL_V1..V9). Fields a version lacks stay at their defaults.
struct ProcEntry {
    uint64_t tid = 0, pid = 0, ptid = 0, sid = 0, vpgid = 0;
    std::string comm, exe, exepath, cwd, root;
    std::string args;    // multi-string: each element NUL-terminated
    std::string env;     // multi-string
    std::string cgroups; // multi-string of subsystem=path
    int64_t fdlimit = 0;
    uint32_t flags = 0, uid = 0, gid = 0;
    uint32_t vmsizeKb = 0, vmrssKb = 0, vmswapKb = 0;
    uint64_t pfmajor = 0, pfminor = 0;
    int64_t vtid = -1, vpid = -1;
    uint32_t loginuid = 0xffffffff, tty = 0;
    uint64_t pidnsInitStartTs = 0;
};

enum class FdType : uint8_t {
    kUnknown = 0,
    kFile = 1,
    kDirectory = 2,
    kIpv4Sock = 3,
    kIpv6Sock = 4,
    kIpv4ServSock = 5,
    kIpv6ServSock = 6,
    kFifo = 7,
    kUnixSock = 8,
    kEvent = 9,
    kUnsupported = 10,
    kSignalfd = 11,
    kEventPoll = 12,
    kInotify = 13,
    kTimerfd = 14,
    kNetlink = 15,
    kFileV2 = 16,
    kBpf = 17,
    kUserfaultfd = 18,
    kIoUring = 19,
    kMemfd = 20,
    kPidfd = 21,
};

// scap_l4_proto
enum class L4Proto : uint8_t { kUnknown = 0, kNa = 1, kTcp = 2, kUdp = 3, kIcmp = 4, kRaw = 5 };

struct FdEntry {
    int64_t fd = 0;
    uint64_t ino = 0;
    FdType type = FdType::kUnknown;
    uint32_t openFlags = 0;
    uint32_t dev = 0;
    std::string name;
    // Sockets: addresses in network byte order, ports in host order. IPv4 uses the first 4 bytes.
    std::array<uint8_t, 16> sip{}, dip{};
    uint16_t sport = 0, dport = 0;
    L4Proto l4proto = L4Proto::kUnknown;
    uint64_t unixSource = 0, unixDest = 0;
};

struct FdListBlock {
    uint64_t tid = 0;
    std::vector<FdEntry> fds;
};

struct InterfaceEntry {
    uint16_t type = 0; // 1 IPv4, 2 IPv6 (3/4: the same without link speed)
    std::string name;
    std::array<uint8_t, 16> addr{}, netmask{}, bcast{};
    uint64_t linkspeed = 0;
};

struct UserEntry {
    uint32_t uid = 0, gid = 0;
    std::string name, homedir, shell;
};

struct GroupEntry {
    uint32_t gid = 0;
    std::string name;
};

struct CaptureMetadata {
    uint16_t majorVersion = 0, minorVersion = 0;
    MachineInfo machine;
    std::vector<ProcEntry> procs;
    std::vector<FdListBlock> fdLists;
    std::vector<InterfaceEntry> interfaces;
    std::vector<UserEntry> users;
    std::vector<GroupEntry> groups;
    uint64_t sectionOffset = 0;    // where the SHB starts
    uint64_t firstEventOffset = 0; // where the first event block starts (end of data if none)
};

} // namespace syscope::format
