// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/compat_profile.h"

#include <deque>
#include <string>

namespace syscope::decode {

namespace {

using format::NameValue;
using format::ParamInfo;
using format::ParamType;
using format::PrintFormat;

const format::FlagTable* tableNamed(std::string_view name)
{
    for (const format::FlagTable* t : format::flagTables())
        if (t && name == t->name)
            return t;
    return nullptr;
}

// A parameter 0.36 types differently from 0.29.3: (event name, enter?, parameter name) -> type.
struct Retype {
    const char* event;
    bool enter;
    const char* param;
    ParamType type;
};
constexpr Retype kRetypes036[] = {
    {"socket", true, "domain", ParamType::kEnumFlags32},
    {"socketpair", true, "domain", ParamType::kEnumFlags32},
    {"shutdown", true, "how", ParamType::kEnumFlags8},
    {"setsockopt", false, "level", ParamType::kEnumFlags8},
    {"setsockopt", false, "optname", ParamType::kEnumFlags8},
    {"getsockopt", false, "level", ParamType::kEnumFlags8},
    {"getsockopt", false, "optname", ParamType::kEnumFlags8},
    {"futex", true, "op", ParamType::kEnumFlags16},
    {"lseek", true, "whence", ParamType::kEnumFlags8},
    {"llseek", true, "whence", ParamType::kEnumFlags8},
    {"getrlimit", true, "resource", ParamType::kEnumFlags8},
    {"setrlimit", true, "resource", ParamType::kEnumFlags8},
    {"setrlimit", false, "resource", ParamType::kEnumFlags8},
    {"prlimit", true, "resource", ParamType::kEnumFlags8},
    {"fcntl", true, "cmd", ParamType::kEnumFlags8},
    {"ptrace", true, "request", ParamType::kEnumFlags16},
    {"execve", false, "loginuid", ParamType::kUid},
    {"execveat", false, "loginuid", ParamType::kUid},
    {"mmap", false, "res", ParamType::kErrno},
    {"mmap2", false, "res", ParamType::kErrno},
};

// Parameters newer libs append to an exit (or enter) event: added to the version of the event that has
// `baseCount` parameters in 0.29.3's table (the current one when the captures were written).
struct Extra {
    const char* event;
    bool enter;
    size_t baseCount;
    const char* name;
    ParamType type;
    PrintFormat fmt;
    const char* table; // flag table name, or nullptr
};
constexpr Extra kExtras036[] = {
    {"open", false, 5, "ino", ParamType::kUint64, PrintFormat::kDec, nullptr},
    {"creat", false, 4, "ino", ParamType::kUint64, PrintFormat::kDec, nullptr},
    {"openat", false, 6, "ino", ParamType::kUint64, PrintFormat::kDec, nullptr},
    {"connect", false, 2, "fd", ParamType::kFd, PrintFormat::kDec, nullptr},
    {"recvmsg", false, 4, "msgcontrol", ParamType::kByteBuf, PrintFormat::kNA, nullptr},
    {"prlimit", false, 5, "pid", ParamType::kInt64, PrintFormat::kDec, nullptr},
    {"prlimit", false, 5, "resource", ParamType::kEnumFlags8, PrintFormat::kDec, "rlimit_resources"},
    {"fcntl", false, 1, "fd", ParamType::kFd, PrintFormat::kDec, nullptr},
    {"fcntl", false, 1, "cmd", ParamType::kEnumFlags8, PrintFormat::kDec, "fcntl_commands"},
    {"procexit", true, 4, "reaper_tid", ParamType::kPid, PrintFormat::kDec, nullptr},
    {"clone", false, 20, "pidns_init_start_ts", ParamType::kUint64, PrintFormat::kDec, nullptr},
    {"fork", false, 20, "pidns_init_start_ts", ParamType::kUint64, PrintFormat::kDec, nullptr},
    {"vfork", false, 20, "pidns_init_start_ts", ParamType::kUint64, PrintFormat::kDec, nullptr},
    {"clone3", false, 20, "pidns_init_start_ts", ParamType::kUint64, PrintFormat::kDec, nullptr},
#define SYSCOPE_EXECVE_TAIL(ev)                                                                                        \
    {ev, false, 20, "cap_inheritable", ParamType::kUint64, PrintFormat::kHex, nullptr},                                \
        {ev, false, 20, "cap_permitted", ParamType::kUint64, PrintFormat::kHex, nullptr},                              \
        {ev, false, 20, "cap_effective", ParamType::kUint64, PrintFormat::kHex, nullptr},                              \
        {ev, false, 20, "exe_ino", ParamType::kUint64, PrintFormat::kDec, nullptr},                                    \
        {ev, false, 20, "exe_ino_ctime", ParamType::kAbsTime, PrintFormat::kDec, nullptr},                             \
        {ev, false, 20, "exe_ino_mtime", ParamType::kAbsTime, PrintFormat::kDec, nullptr},                             \
        {ev, false, 20, "uid", ParamType::kUid, PrintFormat::kDec, nullptr},                                           \
    {                                                                                                                  \
        ev, false, 20, "trusted_exepath", ParamType::kFsPath, PrintFormat::kNA, nullptr                                \
    }
    SYSCOPE_EXECVE_TAIL("execve"),
    SYSCOPE_EXECVE_TAIL("execveat"),
#undef SYSCOPE_EXECVE_TAIL
};

// Flags newer libs appended to file_flags (after O_TMPFILE, so the walk names them last).
constexpr NameValue kFileFlagsAdded036[] = {
    {"O_F_CREATED", 0x4000}, {"FD_UPPER_LAYER", 0x8000}, {"FD_LOWER_LAYER", 0x10000}};

// Syscalls (generic events' PPM_SC codes) that 0.36 names differently.
constexpr std::pair<uint16_t, std::string_view> kSyscallNames036[] = {{298, "rt_sigreturn"}};

} // namespace

const CompatProfile& CompatProfile::of(Compat compat)
{
    static const CompatProfile base;
    static const CompatProfile v036 = build036();
    return compat == Compat::kSysdig036 ? v036 : base;
}

std::span<const ParamInfo> CompatProfile::params(uint16_t type) const
{
    if (type < m_params.size() && !m_params[type].empty())
        return m_params[type];
    const format::EventInfo* info = format::eventInfo(type);
    return info ? info->params : std::span<const ParamInfo>();
}

std::string_view CompatProfile::syscallName(uint16_t ppmSc) const
{
    for (const auto& [code, name] : m_syscallNames)
        if (code == ppmSc)
            return name;
    return {};
}

CompatProfile CompatProfile::build036()
{
    CompatProfile p;
    p.m_rules.enumFlagsByEquality = true;
    p.m_rules.errnoAlwaysDecimal = true;
    p.m_rules.emptyBufferIsNull = true;
    p.m_rules.emptyStringIsNa = true;
    p.m_rules.noneUid = true;
    p.m_rules.absTimeAsDate = true;
    p.m_rules.relPathEchoWithoutThread = true;
    p.m_syscallNames.assign(std::begin(kSyscallNames036), std::end(kSyscallNames036));

    // The extended file_flags table lives as long as the profile (a function-local static).
    static std::vector<NameValue> fileFlags;
    static format::FlagTable fileFlagsTable{"file_flags", {}};
    const format::FlagTable* baseFileFlags = tableNamed("file_flags");
    if (baseFileFlags && fileFlags.empty()) {
        fileFlags.assign(baseFileFlags->entries.begin(), baseFileFlags->entries.end());
        fileFlags.insert(fileFlags.end(), std::begin(kFileFlagsAdded036), std::end(kFileFlagsAdded036));
        fileFlagsTable.entries = fileFlags;
    }

    p.m_params.resize(format::kEventIdCount0293);
    auto edit = [&](uint16_t id) -> std::vector<ParamInfo>& {
        auto& v = p.m_params[id];
        if (v.empty()) {
            const format::EventInfo* info = format::eventInfo(id);
            v.assign(info->params.begin(), info->params.end());
        }
        return v;
    };
    for (uint16_t id = 0; id < format::kEventIdCount0293; ++id) {
        const format::EventInfo* info = format::eventInfo(id);
        if (!info)
            continue;
        const std::string_view name = info->name;
        const bool enter = format::isEnter(id);
        for (size_t i = 0; i < info->params.size(); ++i)
            if (info->params[i].flags == baseFileFlags && baseFileFlags)
                edit(id)[i].flags = &fileFlagsTable;
        for (const Retype& r : kRetypes036)
            if (name == r.event && enter == r.enter)
                for (size_t i = 0; i < info->params.size(); ++i)
                    if (std::string_view(info->params[i].name) == r.param)
                        edit(id)[i].type = r.type;
        for (const Extra& e : kExtras036)
            if (name == e.event && enter == e.enter && info->params.size() == e.baseCount) {
                ParamInfo pi{e.name, e.type, e.fmt};
                pi.flags = e.table ? tableNamed(e.table) : nullptr;
                edit(id).push_back(pi);
            }
    }
    return p; // lists never edited stay empty and fall back to the base table
}

} // namespace syscope::decode
