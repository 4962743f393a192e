// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The event schema: event id -> name, direction, category, flags and parameters (name, type, print format,
// flag table), plus the name tables used to render values (flags, errno, signals, syscall codes).
// Ids 0-335 follow the libs commit that sysdig 0.29.3 uses (e5c53d6); ids 336-453 follow newer libs.
// Immutable, thread-safe: plain constant data.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace syscope::format {

// Wire/value types of event parameters (ppm_param_type numbering).
enum class ParamType : uint8_t {
    kNone = 0,
    kInt8 = 1,
    kInt16 = 2,
    kInt32 = 3,
    kInt64 = 4,
    kUint8 = 5,
    kUint16 = 6,
    kUint32 = 7,
    kUint64 = 8,
    kCharBuf = 9,
    kByteBuf = 10,
    kErrno = 11,
    kSockAddr = 12,
    kSockTuple = 13,
    kFd = 14,
    kPid = 15,
    kFdList = 16,
    kFsPath = 17,
    kSyscallId = 18,
    kSigType = 19,
    kRelTime = 20,
    kAbsTime = 21,
    kPort = 22,
    kL4Proto = 23,
    kSockFamily = 24,
    kBool = 25,
    kIpv4Addr = 26,
    kDyn = 27,
    kFlags8 = 28,
    kFlags16 = 29,
    kFlags32 = 30,
    kUid = 31,
    kGid = 32,
    kDouble = 33,
    kSigSet = 34,
    kCharBufArray = 35,
    kCharBufPairArray = 36,
    kIpv4Net = 37,
    kIpv6Addr = 38,
    kIpv6Net = 39,
    kIpAddr = 40,
    kIpNet = 41,
    kMode = 42,
    kFsRelPath = 43,
    kEnumFlags8 = 44,
    kEnumFlags16 = 45,
    kEnumFlags32 = 46,
    kFd32 = 47,
    kPid32 = 48,
};

// ppm_print_format numbering.
enum class PrintFormat : uint8_t { kNA = 0, kDec = 1, kHex = 2, k10PaddedDec = 3, kId = 4, kDir = 5, kOct = 6 };

// ppm_event_category: low bits say what the call does; HEAD-only source bits are not stored.
enum EventCategory : uint32_t {
    kCatUnknown = 0,
    kCatOther = 1,
    kCatFile = 2,
    kCatNet = 3,
    kCatIpc = 4,
    kCatMemory = 5,
    kCatProcess = 6,
    kCatSleep = 7,
    kCatSystem = 8,
    kCatSignal = 9,
    kCatUser = 10,
    kCatTime = 11,
    kCatProcessing = 12,
    kCatIoRead = 32,
    kCatIoWrite = 33,
    kCatIoOther = 34,
    kCatWait = 64,
    kCatScheduler = 128,
    kCatInternal = 256,
};

// ppm_event_flags.
enum EventFlag : uint32_t {
    kEfCreatesFd = 0x1,
    kEfDestroysFd = 0x2,
    kEfUsesFd = 0x4,
    kEfReadsFromFd = 0x8,
    kEfWritesToFd = 0x10,
    kEfModifiesState = 0x20,
    kEfUnused = 0x40,
    kEfWaits = 0x80,
    kEfSkipParseReset = 0x100,
    kEfOldVersion = 0x200,
    kEfDropSimpleCons = 0x400,
    kEfLargePayload = 0x800,
};

struct NameValue {
    const char* name;
    uint32_t value;
};

// A flag/enum table, entries in the table order that rendering walks (see scap-format.md 3.5).
struct FlagTable {
    const char* name;
    std::span<const NameValue> entries;
};

// One entry of a dynamic parameter's type list (PT_DYN).
struct DynType {
    ParamType type;
    PrintFormat fmt;
};

struct ParamInfo {
    const char* name;
    ParamType type;
    PrintFormat fmt;
    // FLAGS*/ENUMFLAGS*/MODE: the flag table; nullptr when none.
    const FlagTable* flags = nullptr;
    // FSRELPATH: index of the dirfd parameter it is relative to; -1 otherwise.
    int8_t dirfdParam = -1;
    // DYN: the list of possible types selected by the leading u8 index.
    std::span<const DynType> dynTypes = {};
};

struct EventInfo {
    const char* name;  // what evt.type shows
    uint32_t category; // EventCategory value
    uint32_t flags;    // EventFlag bits
    std::span<const ParamInfo> params;
    bool knownToSysdig0293; // false for ids >= 336 (sysdig 0.29.3 skips them when reading)
};

inline constexpr uint16_t kEventIdCount = 454;     // ids 0..453
inline constexpr uint16_t kEventIdCount0293 = 336; // sysdig 0.29.3's PPM_EVENT_MAX

namespace detail {
// Every id's entry, both tables in one: eventInfo() runs several times per event and stays inline.
extern const std::array<const EventInfo*, kEventIdCount> kEventInfoById;
} // namespace detail
// nullptr for ids outside the table.
inline const EventInfo* eventInfo(uint16_t type)
{
    return type < kEventIdCount ? detail::kEventInfoById[type] : nullptr;
}
inline bool isEnter(uint16_t type) { return (type & 1) == 0; }
// The exits of clone, fork, vfork and clone3, in every version of the event table: where a new thread starts.
constexpr bool isCloneExit(uint16_t type)
{
    switch (type) {
    case 15:
    case 157:
    case 217:
    case 223:
    case 183:
    case 219:
    case 225:
    case 185:
    case 221:
    case 227:
    case 335: return true;
    default: return false;
    }
}
// The container description events (the old one, and the two JSON ones): meta-events of no thread.
constexpr bool isContainerEvent(uint16_t type) { return type == 228 || type == 272 || type == 324; }
// Events on which sysdig looks their thread up without creating an empty entry for an unknown tid: clone exits,
// switch, procexit.
constexpr bool looksUpThreadOnly(uint16_t type)
{
    return isCloneExit(type) || type == 152 || type == 16 || type == 186;
}

// Syscall name for a PPM_SC code (generic events' ID parameter); empty when unknown. Codes 0..328 use
// sysdig 0.29.3's names (0 is "<unknown>"), 329.. the names of newer libs.
std::string_view syscallName(uint16_t ppmSc);
// Takes the POSITIVE errno number: "ENOENT" for 2 (a syscall result of -2). Empty for 0, negative or
// unknown values. Names exactly as sysdig 0.29.3 prints them (also the kernel-internal 512..530 ones,
// e.g. 512 ERESTARTSYS). Note sysdig first truncates the 64-bit result to int32 before negating.
std::string_view errnoName(int64_t err);
// "SIGCHLD" for 17, empty when unknown.
std::string_view signalName(uint8_t sig);
// The PT_ name without its prefix, as `sysdig -L` prints it ("FD", "CHARBUF", "DYNAMIC", ...).
std::string_view paramTypeName(ParamType type);
// All flag tables (for listings and filter value completion).
std::span<const FlagTable* const> flagTables();

} // namespace syscope::format
