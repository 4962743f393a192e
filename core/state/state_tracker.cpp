// SPDX-License-Identifier: GPL-3.0-or-later
#include "state/state_tracker.h"

#include "decode/addr_format.h"
#include "decode/param_access.h"
#include "format/capture_reader.h"
#include "format/event_schema.h"

#include <algorithm>
#include <cstring>

namespace syscope::state {

using decode::findParam;
using decode::paramInt;
using decode::paramStr;
using decode::paramUInt;
using format::RawEvent;

namespace {

// A BYTEBUF parameter (multi-strings keep their NULs).
std::string_view bytesParam(const RawEvent& ev, uint32_t i)
{
    auto b = ev.param(i);
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

constexpr uint32_t kCloneFiles = 0x1;
constexpr uint32_t kCloneThread = 0x2000;
constexpr uint32_t kCloneChildInPidns = 0x20000000;
constexpr uint32_t kOpenDirectory = 0x400;
constexpr int64_t kAtFdCwd = -100;
constexpr int64_t kEinProgress = -115;

bool isExecveExit(uint16_t t)
{
    switch (t) {
    case 13:
    case 155:
    case 173:
    case 215:
    case 231:
    case 283:
    case 289:
    case 293:
    case 331: return true;
    default: return false;
    }
}

std::string_view basenameOf(std::string_view s)
{
    auto p = s.rfind('/');
    return p == std::string_view::npos ? s : s.substr(p + 1);
}

// Builds the fd name of a connected socket from a SOCKTUPLE parameter; false when the tuple is unusable.
bool fillFromTuple(FdInfo& fd, std::span<const uint8_t> t, StringInterner& strings)
{
    if (t.empty())
        return false;
    std::string name;
    // The addresses share storage with a unix socket's endpoints: start from none when the fd changes kind.
    if ((t[0] == 2 || t[0] == 10) && !fd.isIpv4() && !fd.isIpv6())
        fd.sip = fd.dip = {};
    switch (t[0]) {
    case 2: // AF_INET
        if (t.size() < 13)
            return false;
        fd.type = FdType::kIpv4Sock;
        std::copy_n(t.data() + 1, 4, fd.sip.begin());
        fd.sport = format::readLe<uint16_t>(t.data() + 5);
        std::copy_n(t.data() + 7, 4, fd.dip.begin());
        fd.dport = format::readLe<uint16_t>(t.data() + 11);
        break;
    case 10: // AF_INET6
        if (t.size() < 37)
            return false;
        if ((decode::isIpv4Mapped(t.data() + 1) || decode::isAllZero(t.data() + 1, 16)) &&
            (decode::isIpv4Mapped(t.data() + 19) || decode::isAllZero(t.data() + 19, 16))) {
            fd.type = FdType::kIpv4Sock;
            fd.sip = {};
            fd.dip = {};
            std::copy_n(t.data() + 13, 4, fd.sip.begin());
            std::copy_n(t.data() + 31, 4, fd.dip.begin());
        } else {
            fd.type = FdType::kIpv6Sock;
            std::copy_n(t.data() + 1, 16, fd.sip.begin());
            std::copy_n(t.data() + 19, 16, fd.dip.begin());
        }
        fd.sport = format::readLe<uint16_t>(t.data() + 17);
        fd.dport = format::readLe<uint16_t>(t.data() + 35);
        break;
    case 1: { // AF_UNIX
        if (t.size() < 17)
            return false;
        fd.type = FdType::kUnixSock;
        fd.unixSource = format::readLe<uint64_t>(t.data() + 1);
        fd.unixDest = format::readLe<uint64_t>(t.data() + 9);
        std::string_view path(reinterpret_cast<const char*>(t.data() + 17), t.size() - 17);
        if (auto z = path.find('\0'); z != std::string_view::npos)
            path = path.substr(0, z);
        decode::appendHex(name, fd.unixSource, false);
        name += "->";
        decode::appendHex(name, fd.unixDest, false);
        name.push_back(' ');
        name += path;
        fd.name = strings.intern(name);
        return true;
    }
    default: return false;
    }
    bool ports = fd.l4proto == L4Proto::kTcp || fd.l4proto == L4Proto::kUdp || fd.l4proto == L4Proto::kUnknown ||
                 fd.l4proto == L4Proto::kNa;
    auto addr = [&](const std::array<uint8_t, 16>& a) {
        if (fd.type == FdType::kIpv4Sock)
            decode::appendIpv4(name, a.data());
        else
            decode::appendIpv6(name, a.data());
    };
    addr(fd.sip);
    if (ports) {
        name.push_back(':');
        decode::appendUDec(name, fd.sport);
    }
    name += "->";
    addr(fd.dip);
    if (ports) {
        name.push_back(':');
        decode::appendUDec(name, fd.dport);
    }
    fd.name = strings.intern(name);
    return true;
}

FdInfo fromEntry(const format::FdEntry& e, StringInterner& strings)
{
    FdInfo f;
    f.fd = e.fd;
    f.type = e.type;
    f.ino = e.ino;
    f.l4proto = e.l4proto;
    f.sport = e.sport;
    f.dport = e.dport;
    if (e.type == FdType::kUnixSock) {
        f.unixSource = e.unixSource;
        f.unixDest = e.unixDest;
    } else if (e.type == FdType::kFileV2)
        f.openFlags = e.openFlags;
    else {
        f.sip = e.sip;
        f.dip = e.dip;
    }
    if (e.type == FdType::kIpv4Sock || e.type == FdType::kIpv6Sock || e.type == FdType::kUnixSock)
        f.role = FdInfo::Role::kClient; // connections found by the /proc scan are established
    std::string name;
    switch (e.type) {
    case FdType::kIpv4Sock:
    case FdType::kIpv6Sock:
        // The /proc scan stores the local end first. sysdig guesses the role from the ports (the lower port is
        // the service) and shows server-side connections client first, as an accept would have.
        if (f.sport < f.dport) {
            std::swap(f.sip, f.dip);
            std::swap(f.sport, f.dport);
            f.role = FdInfo::Role::kServer;
        }
        if (e.type == FdType::kIpv6Sock && decode::isIpv4Mapped(f.sip.data()) && decode::isIpv4Mapped(f.dip.data())) {
            auto sip = f.sip, dip = f.dip;
            f.type = FdType::kIpv4Sock;
            f.sip = {};
            f.dip = {};
            std::copy_n(sip.data() + 12, 4, f.sip.begin());
            std::copy_n(dip.data() + 12, 4, f.dip.begin());
        }
        (f.type == FdType::kIpv4Sock ? decode::appendIpv4 : decode::appendIpv6)(name, f.sip.data());
        name.push_back(':');
        decode::appendUDec(name, f.sport);
        name += "->";
        (f.type == FdType::kIpv4Sock ? decode::appendIpv4 : decode::appendIpv6)(name, f.dip.data());
        name.push_back(':');
        decode::appendUDec(name, f.dport);
        break;
    case FdType::kIpv4ServSock:
    case FdType::kIpv6ServSock:
        (e.type == FdType::kIpv4ServSock ? decode::appendIpv4 : decode::appendIpv6)(name, f.sip.data());
        name.push_back(':');
        decode::appendUDec(name, f.sport);
        break;
    case FdType::kUnixSock:
        name = e.name;
        while (!name.empty() && name.back() == '\n') // copied from /proc/net/unix with its line end
            name.pop_back();
        break;
    default: name = e.name; break;
    }
    f.name = strings.intern(name);
    return f;
}

} // namespace

void StateTracker::reset(const format::CaptureMetadata& meta)
{
    m_meta = meta;
    m_threads.clear();
    m_fds.clear();
    m_fdByContent.clear();
    m_threadHistory.clear();
    m_fdHistory.clear();
    m_liveTables.clear();
    m_pairs.clear();
    m_slots.fill(ThreadSlot{});
    m_lastTable = nullptr;
    m_deferredFdRemovals.clear();
    m_deferredThreadRemovals.clear();
    m_users.clear();
    m_groups.clear();
    m_containers.clear();
    m_strings.clear();
    m_sawActivity = false;
    for (const auto& u : meta.users)
        m_users.emplace(u.uid, u.name);
    for (const auto& g : meta.groups)
        m_groups.emplace(g.gid, g.name);
    for (const auto& p : meta.procs) {
        ThreadInfo t;
        t.tid = int64_t(p.tid);
        t.pid = int64_t(p.pid);
        t.ptid = int64_t(p.ptid);
        t.sid = int64_t(p.sid);
        t.vpgid = int64_t(p.vpgid);
        t.comm = m_strings.intern(p.comm);
        t.exe = m_strings.intern(p.exe);
        t.exepath = m_strings.intern(p.exepath);
        t.args = m_strings.intern(p.args);
        t.env = m_strings.intern(p.env);
        t.cgroups = m_strings.intern(p.cgroups);
        t.cwd = internDir(p.cwd);
        t.fdlimit = p.fdlimit;
        t.flags = p.flags;
        t.uid = p.uid;
        t.gid = p.gid;
        t.vtid = p.vtid;
        t.vpid = p.vpid;
        t.loginuid = p.loginuid;
        t.tty = p.tty;
        t.vmsizeKb = p.vmsizeKb;
        t.vmrssKb = p.vmrssKb;
        t.vmswapKb = p.vmswapKb;
        t.pfmajor = p.pfmajor;
        t.pfminor = p.pfminor;
        t.fdTableOwner = (t.tid != t.pid && (t.flags & kCloneFiles)) ? t.pid : t.tid;
        addThreadVersion(std::move(t), 0);
    }
    for (const auto& list : meta.fdLists) {
        const ThreadInfo* t = currentThread(int64_t(list.tid));
        int64_t owner = t ? t->fdTableOwner : int64_t(list.tid);
        for (const auto& e : list.fds)
            setFd(owner, fromEntry(e, m_strings), 0);
    }
}

uint32_t StateTracker::addThreadVersion(ThreadInfo t, uint64_t ordinal)
{
    uint32_t v = uint32_t(m_threads.size());
    int64_t tid = t.tid;
    m_threads.push_back(std::move(t));
    slot(tid).history->set(ordinal, v);
    return v;
}

void StateTracker::fillSlot(ThreadSlot& s, int64_t tid) { s = ThreadSlot{tid, &m_threadHistory[tid], &m_pairs[tid]}; }

const ThreadInfo* StateTracker::currentThread(int64_t tid) const
{
    if (const ThreadSlot& s = m_slots[uint64_t(tid) % kSlotCount]; s.history && s.tid == tid) {
        const uint32_t v = s.history->current();
        return v == kNoVersion ? nullptr : &m_threads[v];
    }
    auto it = m_threadHistory.find(tid);
    if (it == m_threadHistory.end())
        return nullptr;
    uint32_t v = it->second.current();
    return v == kNoVersion ? nullptr : &m_threads[v];
}

const ThreadInfo* StateTracker::threadAt(int64_t tid, uint64_t ordinal) const
{
    auto it = m_threadHistory.find(tid);
    if (it == m_threadHistory.end())
        return nullptr;
    uint32_t v = it->second.at(ordinal);
    return v == kNoVersion ? nullptr : &m_threads[v];
}

const FdInfo* StateTracker::fdAt(int64_t owner, int64_t fd, uint64_t ordinal) const
{
    auto it = m_fdHistory.find(FdKey{owner, fd});
    if (it == m_fdHistory.end())
        return nullptr;
    uint32_t v = it->second.at(ordinal);
    return v == kNoVersion ? nullptr : &m_fds[v];
}

const SharedString& StateTracker::cwdOf(const ThreadInfo& t, uint64_t ordinal) const
{
    if (t.pid != t.tid)
        if (const ThreadInfo* main = threadAt(t.pid, ordinal))
            return main->cwd;
    return t.cwd;
}

uint64_t StateTracker::memoryBytes() const
{
    // Versions hold their strings by reference: the interner has each distinct one once.
    uint64_t n = m_threads.size() * sizeof(ThreadInfo) + m_fds.size() * sizeof(FdInfo) + m_strings.memoryBytes();
    n += m_fdByContent.size() * 32 + m_fdByContent.bucket_count() * sizeof(void*);
    for (const auto& [k, h] : m_threadHistory)
        n += sizeof(k) + sizeof(h) + h.heapBytes() + 16;
    for (const auto& [k, h] : m_fdHistory)
        n += sizeof(k) + sizeof(h) + h.heapBytes() + 16;
    return n;
}

const std::string* StateTracker::userName(uint32_t uid) const
{
    auto it = m_users.find(uid);
    return it == m_users.end() ? nullptr : &it->second;
}

const std::string* StateTracker::groupName(uint32_t gid) const
{
    auto it = m_groups.find(gid);
    return it == m_groups.end() ? nullptr : &it->second;
}

uint32_t StateTracker::addIncompleteThread(int64_t tid, uint64_t ordinal)
{
    ThreadInfo t;
    t.tid = tid;
    t.pid = tid;
    t.fdTableOwner = tid;
    t.incomplete = true;
    return addThreadVersion(std::move(t), ordinal);
}

const FdInfo* StateTracker::currentFd(int64_t owner, int64_t fd) const
{
    uint32_t v = currentFdVersion(owner, fd);
    return v == kNoVersion ? nullptr : &m_fds[v];
}

uint32_t StateTracker::currentFdVersion(int64_t owner, int64_t fd) const
{
    if (!m_lastTable || m_lastOwner != owner) {
        auto t = m_liveTables.find(owner);
        if (t == m_liveTables.end())
            return kNoVersion;
        m_lastOwner = owner;
        m_lastTable = &t->second;
    }
    auto f = m_lastTable->find(fd);
    return f == m_lastTable->end() ? kNoVersion : f->second;
}

namespace {

// Versions are compared by what they hold: the unions are compared whole (fds start zeroed, and a change of kind
// writes a whole member), the name by its text.
bool sameFd(const FdInfo& a, const FdInfo& b)
{
    return a.fd == b.fd && a.ino == b.ino && a.type == b.type && a.l4proto == b.l4proto && a.role == b.role &&
           a.sport == b.sport && a.dport == b.dport && a.sip == b.sip && a.dip == b.dip &&
           a.name.view() == b.name.view();
}

uint64_t fdHash(const FdInfo& f)
{
    uint64_t h = std::hash<std::string_view>()(f.name.view());
    auto mix = [&h](uint64_t x) { h = (h ^ x) * 0x9e3779b97f4a7c15ULL; };
    mix(uint64_t(f.fd));
    mix(f.ino);
    mix(uint64_t(f.type) | uint64_t(f.l4proto) << 8 | uint64_t(f.role) << 16 | uint64_t(f.sport) << 24 |
        uint64_t(f.dport) << 40);
    uint64_t w[4];
    std::memcpy(w, f.sip.data(), 16);
    std::memcpy(w + 2, f.dip.data(), 16);
    for (uint64_t x : w)
        mix(x);
    return h;
}

} // namespace

uint32_t StateTracker::setFd(int64_t owner, FdInfo fd, uint64_t ordinal)
{
    const uint64_t h = fdHash(fd);
    const int64_t num = fd.fd;
    auto [it, end] = m_fdByContent.equal_range(h);
    for (; it != end; ++it)
        if (sameFd(m_fds[it->second], fd)) {
            linkFd(owner, num, it->second, ordinal);
            return it->second;
        }
    const uint32_t v = uint32_t(m_fds.size());
    m_fds.push_back(std::move(fd));
    m_fdByContent.emplace(h, v);
    linkFd(owner, num, v, ordinal);
    return v;
}

void StateTracker::linkFd(int64_t owner, int64_t fd, uint32_t version, uint64_t ordinal)
{
    m_liveTables[owner][fd] = version;
    VersionHistory& h = m_fdHistory[FdKey{owner, fd}];
    if (h.current() != version) // the same content again changes nothing
        h.set(ordinal, version);
}

void StateTracker::removeFd(int64_t owner, int64_t fd, uint64_t ordinal)
{
    auto t = m_liveTables.find(owner);
    if (t == m_liveTables.end() || !t->second.erase(fd))
        return;
    m_fdHistory[FdKey{owner, fd}].set(ordinal, kNoVersion);
}

void StateTracker::copyFdTable(int64_t fromOwner, int64_t toOwner, uint64_t ordinal)
{
    if (auto old = m_liveTables.find(toOwner); old != m_liveTables.end()) {
        std::vector<int64_t> fds;
        for (auto& [fd, v] : old->second)
            fds.push_back(fd);
        for (int64_t fd : fds)
            removeFd(toOwner, fd, ordinal);
    }
    auto src = m_liveTables.find(fromOwner);
    if (src == m_liveTables.end())
        return;
    // The copy of an fd is its version as it is (same number, same content): share it instead of storing it
    // again. Versions are immutable, so the tables stay independent.
    std::vector<std::pair<int64_t, uint32_t>> entries(src->second.begin(), src->second.end());
    for (auto& [fd, v] : entries)
        linkFd(toOwner, fd, v, ordinal);
}

void StateTracker::flushDeferred(uint64_t ordinal)
{
    for (const FdKey& k : m_deferredFdRemovals)
        removeFd(k.owner, k.fd, ordinal);
    m_deferredFdRemovals.clear();
    for (int64_t tid : m_deferredThreadRemovals) {
        auto it = m_threadHistory.find(tid);
        if (it == m_threadHistory.end() || it->second.current() == kNoVersion)
            continue;
        it->second.set(ordinal, kNoVersion);
        if (auto p = m_pairs.find(tid); p != m_pairs.end())
            p->second = PairState{}; // reset, not erased: the slot cache may point at it
    }
    m_deferredThreadRemovals.clear();
}

namespace {

// The few event types apply() treats apart, looked up once per event instead of compared one by one.
enum : uint8_t { kTraitContainer = 1, kTraitSwitch = 2, kTraitProcExit = 4, kTraitConnectEnter = 8 };
constexpr auto kApplyTraits = [] {
    std::array<uint8_t, format::kEventIdCount> t{};
    for (uint16_t i = 0; i < format::kEventIdCount; ++i)
        if (format::isContainerEvent(i))
            t[i] = kTraitContainer;  // container meta-events: no thread
    t[152] = t[146] = kTraitSwitch;  // name the thread leaving the CPU, never create it
    t[186] = t[16] = kTraitProcExit; // the thread goes away after this event
    t[22] = kTraitConnectEnter;      // a unix socket gets its peer path now
    return t;
}();

} // namespace

EventContext StateTracker::apply(const RawEvent& ev, uint64_t ordinal, std::span<const uint8_t> bytes)
{
    if (!m_deferredFdRemovals.empty() || !m_deferredThreadRemovals.empty())
        flushDeferred(ordinal);
    EventContext ctx;
    const format::EventInfo* info = format::eventInfo(ev.type);
    if (!info)
        return ctx;
    const int64_t tid = int64_t(ev.tid);
    const uint8_t traits = kApplyTraits[ev.type]; // ev.type has an EventInfo: it is in range
    // Container meta-events carry tid -1 (or 0 at ts 0) and belong to no thread.
    if (traits & kTraitContainer) {
        m_containers.add(ev, ordinal);
        ctx.headerMeta = !m_sawActivity;
        return ctx;
    }
    m_sawActivity = true;
    if (info->category & format::kCatInternal) {
        // procinfo reports a thread's CPU time: sysdig looks the thread up (never creates it) for thread.cpu.
        if (ev.type == 234 && currentThread(tid))
            ctx.threadVersion = m_threadHistory[tid].current();
        return ctx;
    }
    uint32_t tv = kNoVersion;
    const ThreadSlot ts = slot(tid); // a copy: lookups of other tids may reuse the cache entry
    // A context switch names the thread leaving the CPU but does not make sysdig remember an unknown one.
    tv = ts.history->current();
    if (tv == kNoVersion && !(traits & kTraitSwitch))
        tv = addIncompleteThread(tid, ordinal);
    const bool skipPairing = (info->flags & format::kEfSkipParseReset) || ev.type == 152;
    PairState& ps = *ts.pair;
    if (format::isEnter(ev.type)) {
        if (!skipPairing) {
            ps.enterType = ev.type;
            ps.enterTs = ev.ts;
            ps.enterOffset = ev.offset;
            ps.hasLastFd = false;
            if (info->flags & format::kEfUsesFd) {
                if (auto fd = paramInt(ev, 0)) {
                    ps.lastFd = *fd;
                    ps.hasLastFd = true;
                    ctx.fdNum = *fd;
                    ctx.hasFdNum = true;
                }
            }
        }
        if (traits & kTraitProcExit) // the thread goes away after this event
            m_deferredThreadRemovals.push_back(tid);
        if (traits & kTraitConnectEnter) { // a unix socket gets its peer path now
            const ThreadInfo& t = m_threads[tv];
            if (ctx.hasFdNum)
                if (const FdInfo* fd = currentFd(t.fdTableOwner, ctx.fdNum); fd && fd->type == FdType::kUnixSock) {
                    auto addr = ev.param(1);
                    if (addr.size() > 1 && addr[0] == 1) {
                        FdInfo copy = *fd;
                        std::string_view path(reinterpret_cast<const char*>(addr.data() + 1), addr.size() - 1);
                        copy.name = m_strings.intern(path.substr(0, path.find('\0')));
                        setFd(t.fdTableOwner, std::move(copy), ordinal);
                    }
                }
        }
    } else {
        applyExit(ev, ordinal, bytes, ps, ctx, tv);
    }
    ctx.threadVersion = tv;
    if (ctx.hasFdNum && ctx.fdVersion == kNoVersion && tv != kNoVersion)
        ctx.fdVersion = currentFdVersion(m_threads[tv].fdTableOwner, ctx.fdNum);
    return ctx;
}

void StateTracker::applyExit(const RawEvent& ev, uint64_t ordinal, std::span<const uint8_t> bytes, PairState& ps,
                             EventContext& ctx, uint32_t& tv)
{
    const format::EventInfo* info = format::eventInfo(ev.type);
    const bool matched = ps.enterType != 0xffff && ps.enterType + 1 == ev.type;
    RawEvent enter;
    bool haveEnter = false;
    if (matched) {
        ctx.paired = true;
        ctx.enterTs = ps.enterTs;
        ctx.enterOffset = ps.enterOffset;
        // Only these exits read their enter's parameters: the others skip parsing it again.
        switch (ev.type) {
        case 3:
        case 59:
        case 103:
        case 307:
        case 327:
        case 19:
        case 31:
        case 49:
        case 151: haveEnter = format::CaptureReader::eventAt(bytes, ps.enterOffset, enter); break;
        default: break;
        }
        if ((info->flags & format::kEfUsesFd) && ps.hasLastFd) {
            ctx.fdNum = ps.lastFd;
            ctx.hasFdNum = true;
        }
    }
    // Every exit handled below carries one of these flags in the event table; most exits (read, write, poll...)
    // carry none and change no state.
    if (!(info->flags & (format::kEfCreatesFd | format::kEfDestroysFd | format::kEfModifiesState)))
        return;
    const ThreadInfo* t = &m_threads[tv];
    const int64_t owner = t->fdTableOwner;
    const uint16_t type = ev.type;

    if (format::isCloneExit(type)) {
        applyClone(ev, ordinal, tv);
        return;
    }
    if (isExecveExit(type)) {
        applyExecve(ev, ordinal, tv);
        return;
    }
    auto res = paramInt(ev, 0);
    auto newFileFd = [&](int64_t fd, std::string_view rawName, uint32_t flags, int64_t dirfd, bool relToDirfd) {
        FdInfo f;
        f.fd = fd;
        f.openFlags = flags;
        f.type = (flags & kOpenDirectory) ? FdType::kDirectory : FdType::kFileV2;
        std::string_view base;
        if (relToDirfd && dirfd != kAtFdCwd) {
            if (const FdInfo* d = currentFd(owner, dirfd))
                base = d->name;
        } else
            base = cwdOf(*t, ordinal);
        f.name = m_strings.intern(decode::joinPath(base, rawName));
        ctx.fdNum = fd;
        ctx.hasFdNum = true;
        ctx.fdVersion = setFd(owner, std::move(f), ordinal);
    };
    switch (type) {
    case 3:    // open
    case 59: { // creat
        if (!res || *res < 0)
            break;
        std::optional<std::string_view> name;
        std::optional<uint64_t> flags;
        if (haveEnter) {
            name = paramStr(enter, "name");
            flags = paramUInt(enter, "flags");
        }
        if (!name || *name == "(NULL)")
            name = paramStr(ev, "name");
        if (!flags)
            flags = paramUInt(ev, "flags");
        newFileFd(*res, name.value_or(""), uint32_t(flags.value_or(0)), kAtFdCwd, false);
        break;
    }
    case 103:   // openat (params on the enter)
    case 307:   // openat_2
    case 327: { // openat2
        if (!res || *res < 0)
            break;
        const RawEvent* src = &ev;
        if (type == 103 || (haveEnter && paramStr(enter, "name")))
            if (haveEnter)
                src = &enter;
        auto name = paramStr(*src, "name");
        if (!name || *name == "(NULL)")
            name = paramStr(ev, "name");
        auto flags = paramUInt(*src, "flags");
        auto dirfd = paramInt(*src, "dirfd");
        newFileFd(*res, name.value_or(""), uint32_t(flags.value_or(0)), dirfd.value_or(kAtFdCwd), true);
        break;
    }
    case 19: { // socket
        if (!res || *res < 0)
            break;
        const RawEvent* src = haveEnter ? &enter : &ev;
        auto domain = paramUInt(*src, "domain");
        auto stype = paramUInt(*src, "type");
        auto proto = paramUInt(*src, "proto");
        FdInfo f;
        f.fd = *res;
        switch (domain.value_or(0)) {
        case 1: f.type = FdType::kUnixSock; break;
        case 2: f.type = FdType::kIpv4Sock; break;
        case 10: f.type = FdType::kIpv6Sock; break;
        case 16: f.type = FdType::kNetlink; break;
        default: f.type = FdType::kUnknown; break;
        }
        if (f.type == FdType::kUnknown)
            break;
        // The transport comes from the protocol, or for protocol 0 from the socket type (masked: the type also
        // carries SOCK_NONBLOCK/SOCK_CLOEXEC); a raw socket stays raw whatever it names.
        const uint32_t sockType = uint32_t(stype.value_or(0)) & 0xff;
        constexpr uint32_t kSockStream = 1, kSockDgram = 2, kSockRaw = 3;
        switch (proto.value_or(0)) {
        case 6: f.l4proto = sockType == kSockRaw ? L4Proto::kRaw : L4Proto::kTcp; break;
        case 17: f.l4proto = sockType == kSockRaw ? L4Proto::kRaw : L4Proto::kUdp; break;
        case 1: f.l4proto = sockType == kSockRaw ? L4Proto::kRaw : L4Proto::kIcmp; break;
        case 255: f.l4proto = L4Proto::kRaw; break;
        case 0:
            f.l4proto = sockType == kSockStream  ? L4Proto::kTcp
                        : sockType == kSockDgram ? L4Proto::kUdp
                        : sockType == kSockRaw   ? L4Proto::kRaw
                                                 : L4Proto::kUnknown;
            break;
        default:
            if (sockType == kSockRaw)
                f.l4proto = L4Proto::kRaw;
            break;
        }
        ctx.fdNum = f.fd;
        ctx.hasFdNum = true;
        ctx.fdVersion = setFd(owner, std::move(f), ordinal);
        break;
    }
    case 21: { // bind: the name is always the bound address; a real port makes it a server socket
        if (!res || *res < 0 || !ctx.hasFdNum)
            break;
        const FdInfo* cur = currentFd(owner, ctx.fdNum);
        auto addr = ev.param(1);
        if (!cur || addr.empty())
            break;
        FdInfo f = *cur;
        std::string name;
        if (addr[0] == 2 && addr.size() >= 7) {
            uint16_t port = format::readLe<uint16_t>(addr.data() + 5);
            decode::appendIpv4(name, addr.data() + 1);
            name.push_back(':');
            decode::appendUDec(name, port);
            if (port > 0) {
                f.type = FdType::kIpv4ServSock;
                f.sip = {};
                std::copy_n(addr.data() + 1, 4, f.sip.begin());
                f.sport = port;
            }
        } else if (addr[0] == 10 && addr.size() >= 19) {
            uint16_t port = format::readLe<uint16_t>(addr.data() + 17);
            bool mapped = decode::isIpv4Mapped(addr.data() + 1);
            if (mapped)
                decode::appendIpv4(name, addr.data() + 13);
            else
                decode::appendIpv6(name, addr.data() + 1);
            name.push_back(':');
            decode::appendUDec(name, port);
            if (port > 0) {
                f.sip = {};
                if (mapped) {
                    f.type = FdType::kIpv4ServSock;
                    std::copy_n(addr.data() + 13, 4, f.sip.begin());
                } else {
                    f.type = FdType::kIpv6ServSock;
                    std::copy_n(addr.data() + 1, 16, f.sip.begin());
                }
                f.sport = port;
            }
        } else if (addr[0] == 1) {
            std::string_view path(reinterpret_cast<const char*>(addr.data() + 1), addr.size() - 1);
            name = std::string(path.substr(0, path.find('\0')));
        } else
            break;
        f.name = m_strings.intern(name);
        ctx.fdVersion = setFd(owner, std::move(f), ordinal);
        break;
    }
    case 23: { // connect
        if (!res || (*res < 0 && *res != kEinProgress) || !ctx.hasFdNum)
            break;
        const FdInfo* cur = currentFd(owner, ctx.fdNum);
        if (!cur)
            break;
        FdInfo f = *cur;
        if (fillFromTuple(f, ev.param(1), m_strings)) {
            f.role = FdInfo::Role::kClient;
            ctx.fdVersion = setFd(owner, std::move(f), ordinal);
        }
        break;
    }
    case 27:
    case 57:
    case 247:
    case 249:
    case 389: { // accept, accept4
        if (!res || *res < 0)
            break;
        FdInfo f;
        f.fd = *res;
        f.l4proto = L4Proto::kTcp;
        if (!fillFromTuple(f, ev.param(1), m_strings))
            break;
        if (f.type == FdType::kUnixSock)
            f.l4proto = L4Proto::kUnknown;
        f.role = FdInfo::Role::kServer;
        ctx.fdNum = f.fd;
        ctx.hasFdNum = true;
        ctx.fdVersion = setFd(owner, std::move(f), ordinal);
        break;
    }
    case 31:
    case 49:
    case 35:
    case 53: { // sendto, sendmsg, recvfrom, recvmsg: datagram peers change per call
        if (!res || *res < 0 || !ctx.hasFdNum)
            break;
        const FdInfo* cur = currentFd(owner, ctx.fdNum);
        if (!cur)
            break;
        const bool incoming = type == 35 || type == 53;
        // Reads carry the tuple in the exit, writes in the enter.
        std::span<const uint8_t> tuple;
        if (incoming)
            tuple = ev.param(type == 35 ? 2 : 3);
        else if (haveEnter)
            tuple = enter.param(2);
        const bool tcp =
            (cur->type == FdType::kIpv4Sock || cur->type == FdType::kIpv6Sock) && cur->l4proto == L4Proto::kTcp;
        if (!cur->name.empty() && tcp)
            break;
        FdInfo f = *cur;
        if (updateFromDatagramTuple(f, tuple, owner, incoming))
            ctx.fdVersion = setFd(owner, std::move(f), ordinal);
        break;
    }
    case 5: // close
        if (res && *res >= 0 && ctx.hasFdNum && currentFd(owner, ctx.fdNum))
            m_deferredFdRemovals.push_back(FdKey{owner, ctx.fdNum});
        break;
    case 125:
    case 363:
    case 365:
    case 367:   // dup family
    case 151: { // fcntl (F_DUPFD*)
        if (!res || *res < 0 || !ctx.hasFdNum)
            break;
        if (type == 151) {
            auto cmd = haveEnter ? paramUInt(enter, "cmd") : std::nullopt;
            if (!cmd || (*cmd != 1 && *cmd != 26))
                break;
        }
        const FdInfo* cur = currentFd(owner, ctx.fdNum);
        if (!cur || *res == ctx.fdNum)
            break;
        FdInfo f = *cur;
        f.fd = *res;
        setFd(owner, std::move(f), ordinal);
        break;
    }
    case 61:
    case 393: { // pipe, pipe2
        if (!res || *res < 0)
            break;
        for (const char* p : {"fd1", "fd2"}) {
            auto fd = paramInt(ev, p);
            if (!fd || *fd < 0)
                continue;
            FdInfo f;
            f.fd = *fd;
            f.type = FdType::kFifo;
            f.ino = paramUInt(ev, "ino").value_or(0);
            setFd(owner, std::move(f), ordinal);
        }
        break;
    }
    case 43: { // socketpair
        if (!res || *res < 0)
            break;
        auto src = paramUInt(ev, "source").value_or(0);
        auto peer = paramUInt(ev, "peer").value_or(0);
        for (const char* p : {"fd1", "fd2"}) {
            auto fd = paramInt(ev, p);
            if (!fd || *fd < 0)
                continue;
            FdInfo f;
            f.fd = *fd;
            f.type = FdType::kUnixSock;
            f.unixSource = src;
            f.unixDest = peer;
            setFd(owner, std::move(f), ordinal);
        }
        break;
    }
    case 95: { // chdir
        if (!res || *res < 0)
            break;
        auto path = paramStr(ev, "path");
        if (!path)
            break;
        int64_t holder = t->pid != t->tid && currentThread(t->pid) ? t->pid : t->tid;
        ThreadInfo copy = *currentThread(holder);
        copy.cwd = internDir(decode::joinPath(cwdOf(*t, ordinal), *path), "/");
        uint32_t v = addThreadVersion(std::move(copy), ordinal);
        if (holder == t->tid)
            tv = v;
        break;
    }
    case 97: { // fchdir
        if (!res || *res < 0 || !ctx.hasFdNum)
            break;
        const FdInfo* d = currentFd(owner, ctx.fdNum);
        if (!d)
            break;
        int64_t holder = t->pid != t->tid && currentThread(t->pid) ? t->pid : t->tid;
        ThreadInfo copy = *currentThread(holder);
        copy.cwd = internDir(d->name, "/");
        uint32_t v = addThreadVersion(std::move(copy), ordinal);
        if (holder == t->tid)
            tv = v;
        break;
    }
    default: {
        // Other fd-creating calls: the new fd is the result.
        FdType ft = FdType::kUnknown;
        switch (type) {
        case 63:
        case 397: ft = FdType::kEvent; break;
        case 127:
        case 399: ft = FdType::kSignalfd; break;
        case 137: ft = FdType::kTimerfd; break;
        case 139:
        case 395: ft = FdType::kInotify; break;
        case 375:
        case 377: ft = FdType::kEventPoll; break;
        case 321: ft = FdType::kUserfaultfd; break;
        case 339: ft = FdType::kIoUring; break;
        case 405: ft = FdType::kMemfd; break;
        case 407:
        case 409: ft = FdType::kPidfd; break;
        case 297:
        case 369: ft = FdType::kBpf; break;
        default: break;
        }
        if (ft != FdType::kUnknown && res && *res >= 0) {
            FdInfo f;
            f.fd = *res;
            f.type = ft;
            if (ft == FdType::kMemfd)
                f.name = m_strings.intern(paramStr(ev, "name").value_or(""));
            setFd(owner, std::move(f), ordinal);
        }
        break;
    }
    }
}

// A datagram socket learns its peer from every sendto/recvfrom tuple. The rules follow sysdig 0.29.3: an
// unchanged tuple (either orientation) changes nothing, a missing transport becomes UDP, a zero local address
// is filled in from the interface list, and the tuple is oriented client -> server once a role is known.
bool StateTracker::updateFromDatagramTuple(FdInfo& f, std::span<const uint8_t> t, int64_t owner, bool incoming)
{
    if (t.empty())
        return false;
    auto sameAs = [&](const std::array<uint8_t, 16>& sip, uint16_t sport, const std::array<uint8_t, 16>& dip,
                      uint16_t dport) {
        return (f.sip == sip && f.sport == sport && f.dip == dip && f.dport == dport) ||
               (f.sip == dip && f.sport == dport && f.dip == sip && f.dport == sport);
    };
    std::array<uint8_t, 16> sip{}, dip{};
    uint16_t sport = 0, dport = 0;
    switch (t[0]) {
    case 2:
        if (t.size() < 13)
            return false;
        std::copy_n(t.data() + 1, 4, sip.begin());
        sport = format::readLe<uint16_t>(t.data() + 5);
        std::copy_n(t.data() + 7, 4, dip.begin());
        dport = format::readLe<uint16_t>(t.data() + 11);
        if (f.type != FdType::kIpv4Sock)
            f.sip = f.dip = {}; // a former server socket keeps only its transport
        f.type = FdType::kIpv4Sock;
        if (sameAs(sip, sport, dip, dport))
            return false;
        break;
    case 10: {
        if (t.size() < 37)
            return false;
        const uint8_t* s6 = t.data() + 1;
        const uint8_t* d6 = t.data() + 19;
        sport = format::readLe<uint16_t>(t.data() + 17);
        dport = format::readLe<uint16_t>(t.data() + 35);
        bool mapped = (decode::isIpv4Mapped(s6) || decode::isAllZero(s6, 16)) &&
                      (decode::isIpv4Mapped(d6) || decode::isAllZero(d6, 16));
        if (mapped) {
            std::copy_n(s6 + 12, 4, sip.begin());
            std::copy_n(d6 + 12, 4, dip.begin());
            if (f.type != FdType::kIpv4Sock) {
                f.sip = f.dip = {};
                f.l4proto = L4Proto::kUnknown; // the IPv6 server socket's transport does not carry over
            }
            f.type = FdType::kIpv4Sock;
        } else {
            std::copy_n(s6, 16, sip.begin());
            std::copy_n(d6, 16, dip.begin());
            if (f.type == FdType::kIpv6Sock && sameAs(sip, sport, dip, dport))
                return false;
            f.sip = sip;
            f.dip = dip;
            f.sport = sport;
            f.dport = dport;
            if (f.type != FdType::kIpv6Sock) {
                // The fd stays what it was: sysdig names it after the tuple as printed.
                std::string name;
                decode::appendIpv6(name, sip.data());
                name.push_back(':');
                decode::appendUDec(name, sport);
                name += "->";
                decode::appendIpv6(name, dip.data());
                name.push_back(':');
                decode::appendUDec(name, dport);
                f.name = m_strings.intern(name);
                return true;
            }
            break;
        }
        if (sameAs(sip, sport, dip, dport))
            return false;
        break;
    }
    case 1: {
        if (t.size() < 17)
            return false;
        FdInfo u = f;
        if (!fillFromTuple(u, t, m_strings))
            return false;
        f = std::move(u);
        return true;
    }
    default: return false;
    }
    f.sip = sip;
    f.dip = dip;
    f.sport = sport;
    f.dport = dport;
    if ((f.type == FdType::kIpv4Sock || f.type == FdType::kIpv6Sock) && f.l4proto == L4Proto::kUnknown)
        f.l4proto = L4Proto::kUdp;
    if (f.type == FdType::kIpv4Sock)
        patchZeroAddress(f);
    if (f.role == FdInfo::Role::kNone)
        f.role = guessRole(f, owner, incoming);
    if ((incoming && f.role == FdInfo::Role::kClient) || (!incoming && f.role == FdInfo::Role::kServer)) {
        std::swap(f.sip, f.dip);
        std::swap(f.sport, f.dport);
    }
    std::string name;
    auto addr = [&](const std::array<uint8_t, 16>& a) {
        f.type == FdType::kIpv4Sock ? decode::appendIpv4(name, a.data()) : decode::appendIpv6(name, a.data());
    };
    addr(f.sip);
    name.push_back(':');
    decode::appendUDec(name, f.sport);
    name += "->";
    addr(f.dip);
    name.push_back(':');
    decode::appendUDec(name, f.dport);
    f.name = m_strings.intern(name);
    return true;
}

// An unbound end of an IPv4 tuple (0.0.0.0) is the local interface that reaches the other end: the one with
// exactly that address, else one on the same subnet, else the first non-loopback one.
void StateTracker::patchZeroAddress(FdInfo& f) const
{
    auto u32 = [](const std::array<uint8_t, 16>& a) { return format::readLe<uint32_t>(a.data()); };
    uint32_t s = u32(f.sip), d = u32(f.dip);
    if (s != 0 && d != 0)
        return;
    auto infer = [&](uint32_t other) -> uint32_t {
        for (const auto& i : m_meta.interfaces)
            if ((i.type == 1 || i.type == 3) && format::readLe<uint32_t>(i.addr.data()) == other)
                return other;
        for (const auto& i : m_meta.interfaces) {
            if (i.type != 1 && i.type != 3)
                continue;
            uint32_t a = format::readLe<uint32_t>(i.addr.data()), m = format::readLe<uint32_t>(i.netmask.data());
            if ((a & m) == (other & m))
                return a;
        }
        for (const auto& i : m_meta.interfaces) {
            if (i.type != 1 && i.type != 3)
                continue;
            uint32_t a = format::readLe<uint32_t>(i.addr.data());
            if (a != 0x0100007f) // 127.0.0.1 in network order
                return a;
        }
        return 0;
    };
    uint32_t fill;
    if (s == 0) {
        fill = infer(d);
        if (fill == d && f.sport == f.dport)
            return;
        std::memcpy(f.sip.data(), &fill, 4);
    } else {
        fill = infer(s);
        if (fill == s && f.sport == f.dport)
            return;
        std::memcpy(f.dip.data(), &fill, 4);
    }
}

// sysdig's guess for a socket with no role: the process owns the destination port (a server socket on it),
// so it serves; otherwise it is a client. When it also uses the source port, the first direction decides.
FdInfo::Role StateTracker::guessRole(const FdInfo& f, int64_t owner, bool incoming) const
{
    bool bound = false, usesClientPort = false;
    if (auto t = m_liveTables.find(owner); t != m_liveTables.end())
        for (const auto& [num, v] : t->second) {
            const FdInfo& o = m_fds[v];
            if ((o.type == FdType::kIpv4ServSock || o.type == FdType::kIpv6ServSock) && o.sport == f.dport)
                bound = true;
            if ((o.type == FdType::kIpv4Sock || o.type == FdType::kIpv6Sock) && o.role == FdInfo::Role::kClient &&
                o.sport == f.sport && num != f.fd)
                usesClientPort = true;
        }
    if (!bound)
        return FdInfo::Role::kClient;
    if (!usesClientPort)
        return FdInfo::Role::kServer;
    return incoming ? FdInfo::Role::kServer : FdInfo::Role::kClient;
}

SharedString StateTracker::internDir(std::string_view dir, std::string_view ifEmpty)
{
    if (dir.empty())
        return m_strings.intern(ifEmpty);
    if (dir.back() == '/')
        return m_strings.intern(dir);
    std::string slashed;
    slashed.reserve(dir.size() + 1);
    slashed.append(dir).push_back('/');
    return m_strings.intern(slashed);
}

void StateTracker::applyClone(const RawEvent& ev, uint64_t ordinal, uint32_t& tv)
{
    auto res = paramInt(ev, 0);
    if (!res || *res < 0)
        return;
    if (m_refreshCallerOnClone && *res > 0 && m_threads[tv].incomplete)
        tv = addThreadVersion(callerFromClone(ev, m_threads[tv]), ordinal);
    const ThreadInfo& caller = m_threads[tv];
    uint32_t flags = uint32_t(paramUInt(ev, "flags").value_or(0));
    const bool isThread = flags & kCloneThread;
    ThreadInfo child;
    int64_t childTid;
    int64_t parentForTable;
    if (*res > 0) {
        // A child in another pid namespace is known to the parent by its namespace tid, not the host one: leave
        // it to the child's own exit event.
        auto vpid = paramInt(ev, "vpid"), pid = paramInt(ev, "pid");
        if ((flags & kCloneChildInPidns) || (vpid && pid && *vpid != *pid))
            return;
        childTid = *res;
        if (const ThreadInfo* existing = currentThread(childTid); existing && !existing->incomplete)
            return;
        child.pid = isThread ? caller.pid : childTid;
        child.ptid = caller.tid;
        parentForTable = caller.tid;
    } else {
        childTid = int64_t(ev.tid);
        if (!caller.incomplete)
            return; // the parent's exit already created it
        child.pid = paramInt(ev, "pid").value_or(childTid);
        child.ptid = paramInt(ev, "ptid").value_or(-1);
        parentForTable = isThread ? child.pid : child.ptid;
    }
    child.tid = childTid;
    child.cloneTs = ev.ts;
    child.exe = m_strings.intern(paramStr(ev, "exe").value_or(""));
    child.args = ev.nparams > 2 ? m_strings.intern(bytesParam(ev, 2)) // a BYTEBUF multi-string: keep its NULs
                                : m_strings.intern(paramStr(ev, "args").value_or(""));
    child.comm = m_strings.intern(paramStr(ev, "comm").value_or(basenameOf(child.exe)));
    if (int ci = findParam(ev.type, "cgroups"); ci >= 0 && uint32_t(ci) < ev.nparams)
        child.cgroups = m_strings.intern(bytesParam(ev, uint32_t(ci)));
    child.fdlimit = paramInt(ev, "fdlimit").value_or(0);
    child.flags = flags;
    child.uid = uint32_t(paramUInt(ev, "uid").value_or(0));
    child.gid = uint32_t(paramUInt(ev, "gid").value_or(0));
    child.vtid = paramInt(ev, "vtid").value_or(-1);
    child.vpid = paramInt(ev, "vpid").value_or(-1);
    const ThreadInfo* parent = currentThread(parentForTable);
    if (parent) {
        child.env = parent->env;
        child.cwd = cwdOf(*parent, ordinal);
        child.sid = parent->sid;
        child.vpgid = parent->vpgid;
        child.loginuid = parent->loginuid;
        child.tty = parent->tty;
    } else
        child.cwd = internDir(paramStr(ev, "cwd").value_or(""));
    if (isThread) {
        const ThreadInfo* main = currentThread(child.pid);
        if (!main || main->incomplete) {
            // A thread of a process we never saw: sysdig creates the process's main thread from what the
            // thread tells about it.
            ThreadInfo m = child;
            m.tid = child.pid;
            m.fdTableOwner = child.pid;
            addThreadVersion(std::move(m), ordinal);
            main = currentThread(child.pid);
        }
        child.fdTableOwner = main ? main->fdTableOwner : child.pid;
    } else {
        child.fdTableOwner = childTid;
        if (parent)
            copyFdTable(parent->fdTableOwner, childTid, ordinal);
    }
    uint32_t v = addThreadVersion(std::move(child), ordinal);
    if (childTid == int64_t(ev.tid))
        tv = v;
}

// The caller as a parent-side clone exit describes it (its own tid, pid, ptid, command and ids).
ThreadInfo StateTracker::callerFromClone(const RawEvent& ev, const ThreadInfo& known)
{
    ThreadInfo c = known;
    c.incomplete = false;
    c.pid = paramInt(ev, "pid").value_or(c.pid);
    c.ptid = paramInt(ev, "ptid").value_or(c.ptid);
    c.exe = m_strings.intern(paramStr(ev, "exe").value_or(""));
    if (ev.nparams > 2)
        c.args = m_strings.intern(bytesParam(ev, 2));
    c.comm = m_strings.intern(paramStr(ev, "comm").value_or(basenameOf(c.exe)));
    c.fdlimit = paramInt(ev, "fdlimit").value_or(c.fdlimit);
    c.uid = uint32_t(paramUInt(ev, "uid").value_or(c.uid));
    c.gid = uint32_t(paramUInt(ev, "gid").value_or(c.gid));
    c.vtid = paramInt(ev, "vtid").value_or(c.vtid);
    c.vpid = paramInt(ev, "vpid").value_or(c.vpid);
    return c;
}

void StateTracker::applyExecve(const RawEvent& ev, uint64_t ordinal, uint32_t& tv)
{
    auto res = paramInt(ev, 0);
    if (!res || *res != 0)
        return;
    ThreadInfo t = m_threads[tv];
    t.incomplete = false;
    t.exe = m_strings.intern(paramStr(ev, "exe").value_or(""));
    if (ev.nparams > 2)
        t.args = m_strings.intern(bytesParam(ev, 2));
    t.comm = m_strings.intern(paramStr(ev, "comm").value_or(basenameOf(t.exe)));
    if (auto pid = paramInt(ev, "pid"))
        t.pid = *pid;
    if (auto ptid = paramInt(ev, "ptid"))
        t.ptid = *ptid;
    if (int ei = findParam(ev.type, "env"); ei >= 0 && uint32_t(ei) < ev.nparams)
        t.env = m_strings.intern(bytesParam(ev, uint32_t(ei)));
    if (int ci = findParam(ev.type, "cgroups"); ci >= 0 && uint32_t(ci) < ev.nparams)
        t.cgroups = m_strings.intern(bytesParam(ev, uint32_t(ci)));
    if (auto cwd = paramStr(ev, "cwd"); cwd && t.cwd.empty())
        t.cwd = internDir(*cwd);
    if (auto fl = paramInt(ev, "fdlimit"))
        t.fdlimit = *fl;
    if (auto tty = paramUInt(ev, "tty"))
        t.tty = uint32_t(*tty);
    if (auto lu = paramUInt(ev, "loginuid"))
        t.loginuid = uint32_t(*lu);
    if (auto pg = paramInt(ev, "pgid"))
        t.vpgid = *pg;
    tv = addThreadVersion(std::move(t), ordinal);
}

} // namespace syscope::state
