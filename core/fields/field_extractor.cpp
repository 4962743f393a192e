// SPDX-License-Identifier: GPL-3.0-or-later
#include "fields/field_extractor.h"

#include "decode/addr_format.h"
#include "decode/param_access.h"
#include "decode/state_view.h"
#include "fields/field_catalog.h"
#include "fields/json_text.h"
#include "fields/syscall_categories.h"
#include "format/capture_reader.h"
#include "format/event_schema.h"
#include "session.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace syscope::fields {

using format::FdType;
using format::ParamType;
using format::PrintFormat;
using format::RawEvent;
using state::FdInfo;
using state::ThreadInfo;

namespace {

constexpr uint64_t kSecond = 1000000000ULL;
constexpr int64_t kAtFdCwd = -100;
constexpr uint32_t kCloneThread = 0x2000;

// Exit ids of the events whose fd.name sysdig takes from the event itself when no fd is attached.
enum : uint16_t {
    kOpenE = 2,
    kOpenX = 3,
    kSocketE = 18,
    kConnectX = 23,
    kAcceptE = 26,
    kAcceptX = 27,
    kAccept4E = 56,
    kAccept4X = 57,
    kCreatE = 58,
    kCreatX = 59,
    kPipeE = 60,
    kEventfdE = 62,
    kOpenatE = 102,
    kOpenatX = 103,
    kSignalfdE = 126,
    kTimerfdE = 136,
    kInotifyE = 138,
    kSwitch1 = 146,
    kSwitch6 = 152,
    kAccept5E = 246,
    kAccept5X = 247,
    kAccept45E = 248,
    kAccept45X = 249,
    kOpenat2E = 306,
    kOpenat2X = 307,
    kProcInfo = 234,
    kPollE = 80,
    kPollX = 81,
    kPpollE = 254,
    kPpollX = 255,
    kRenameatX = 177,
    kSymlinkatX = 181,
    kLinkatE = 106,
    kLinkat2X = 311,
    kUnlinkatE = 110,
    kUnlinkat2X = 303,
    kMkdiratX = 305,
    kFchmodatX = 313,
    kRenameat2X = 319,
    kInfraE = 286,
};

bool isIoCategory(uint32_t cat)
{
    return (cat & 0x20) != 0; // EC_IO_BASE: read, write and other I/O
}

std::string_view paramText(const RawEvent& ev, int i)
{
    auto s = decode::paramStr(ev, i);
    return s ? *s : std::string_view();
}

// Joins a NUL-separated multi-string with `sep` (proc.args, proc.env).
void appendJoined(std::string& out, std::string_view multi, char sep)
{
    bool first = true;
    size_t i = 0;
    while (i < multi.size()) {
        size_t end = multi.find('\0', i);
        if (end == std::string_view::npos)
            end = multi.size();
        if (!first)
            out.push_back(sep);
        out.append(multi.substr(i, end - i));
        first = false;
        i = end + 1;
    }
}

// sysdig names the cgroup v1 "io" controller by its v2-era alias.
std::string_view cgroupName(std::string_view subsys) { return subsys == "io" ? std::string_view("blkio") : subsys; }

// thread.cgroups: "subsys=path" entries joined by spaces.
void appendCgroups(std::string& out, std::string_view multi)
{
    bool first = true;
    size_t i = 0;
    while (i < multi.size()) {
        size_t end = multi.find('\0', i);
        if (end == std::string_view::npos)
            end = multi.size();
        std::string_view e = multi.substr(i, end - i);
        if (!first)
            out.push_back(' ');
        first = false;
        size_t eq = e.find('=');
        if (eq == std::string_view::npos)
            out += e;
        else {
            out += cgroupName(e.substr(0, eq));
            out += e.substr(eq);
        }
        i = end + 1;
    }
}

// The cgroup path of `subsys` in a "subsys=path" multi-string.
bool findCgroup(std::string_view multi, std::string_view subsys, std::string_view& path)
{
    size_t i = 0;
    while (i < multi.size()) {
        size_t end = multi.find('\0', i);
        if (end == std::string_view::npos)
            end = multi.size();
        std::string_view e = multi.substr(i, end - i);
        size_t eq = e.find('=');
        if (eq != std::string_view::npos && cgroupName(e.substr(0, eq)) == subsys) {
            path = e.substr(eq + 1);
            return true;
        }
        i = end + 1;
    }
    return false;
}

// Decimal digits into buf (at least 24 bytes); returns the length. to_chars: printf is too slow for -p output.
int decimal(char* buf, uint64_t v) { return int(std::to_chars(buf, buf + 24, v).ptr - buf); }

int decimal(char* buf, int64_t v) { return int(std::to_chars(buf, buf + 24, v).ptr - buf); }

void appendUnsigned(std::string& out, uint64_t v)
{
    char buf[24];
    out.append(buf, size_t(decimal(buf, v)));
}

void appendSigned(std::string& out, int64_t v)
{
    char buf[24];
    out.append(buf, size_t(decimal(buf, v)));
}

// sysdig's human-readable durations (evt.latency.human).
void appendDuration(std::string& out, uint64_t ns)
{
    char buf[64];
    unsigned v;
    if (ns >= kSecond)
        snprintf(buf, sizeof buf, "%u.%02us", unsigned(ns / kSecond), unsigned((ns % kSecond) / 10000000));
    else if (ns >= kSecond / 100)
        snprintf(buf, sizeof buf, "%ums", unsigned(ns / 1000000));
    else if (ns >= kSecond / 1000)
        snprintf(buf, sizeof buf, "%u.%02ums", unsigned(ns / 1000000), unsigned((ns % 1000000) / 10000));
    else if (ns >= kSecond / 100000)
        snprintf(buf, sizeof buf, "%uus", unsigned(ns / 1000));
    else if (ns >= kSecond / 1000000)
        snprintf(buf, sizeof buf, "%u.%02uus", unsigned(ns / 1000), unsigned((ns % 1000) / 10));
    else {
        v = unsigned(ns);
        snprintf(buf, sizeof buf, "%uns", v);
    }
    out += buf;
}

void appendClock(std::string& out, uint64_t ts, bool date, bool ns, bool utc)
{
    time_t sec = time_t(ts / kSecond);
    struct tm tm {};
    if (utc)
        gmtime_r(&sec, &tm);
    else
        localtime_r(&sec, &tm);
    char buf[64];
    size_t n = date ? strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm) : strftime(buf, sizeof buf, "%H:%M:%S", &tm);
    out.append(buf, n);
    if (ns) {
        int k = snprintf(buf, sizeof buf, ".%09u", unsigned(ts % kSecond));
        out.append(buf, size_t(k));
    }
}

// sysdig's typechar for an fd that an event is about to create, when the fd itself is unknown.
char creatorTypeChar(uint16_t type)
{
    switch (type & ~uint16_t(1)) {
    case kOpenE:
    case kOpenatE:
    case kOpenat2E:
    case kCreatE: return 'f';
    case kSocketE:
    case kAcceptE:
    case kAccept5E:
    case kAccept4E:
    case kAccept45E: return '4';
    case kPipeE: return 'p';
    case kEventfdE: return 'e';
    case kSignalfdE: return 's';
    case kTimerfdE: return 't';
    case kInotifyE: return 'i';
    default: return 'o';
    }
}

// fd.directory from a name: up to the last '/', the whole name when it ends with one, "/" otherwise.
std::string_view directoryOf(std::string_view name)
{
    size_t pos = name.rfind('/');
    if (pos != std::string_view::npos && pos != 0)
        return pos < name.size() - 1 ? name.substr(0, pos) : name;
    return "/";
}

} // namespace

FieldExtractor::FieldExtractor(const state::StateTracker& state, const decode::EventRenderer& renderer)
    : m_state(state), m_renderer(renderer)
{}

void FieldExtractor::observe(const RawEvent& ev, const state::EventContext& ctx, uint64_t ordinal)
{
    const int64_t tid = int64_t(ev.tid);
    // Whether sysdig had an entry for the tid before this event. An entry sysdig itself created answers without
    // the (costlier) look-up of the tracker's history.
    bool knownBefore;
    m_transients.flushExited();
    ThreadTransients::Entry* e = m_transients.find(tid);
    if (e && e->stub)
        knownBefore = true;
    else
        knownBefore = m_transients.visible(tid, ordinal ? m_state.threadAt(tid, ordinal - 1) : nullptr);
    m_transients.observe(ev, ctx, knownBefore, e);
    m_eventHasThread = m_transients.eventHasThread();
    m_observedOffset = ev.offset;
    m_nextOrdinal = ordinal + 1;
}

void FieldExtractor::select(const EventView& view) { select(view.raw, view.ctx, view.ordinal); }

void FieldExtractor::noteFiltered(const RawEvent& ev, bool accepted)
{
    // Switches and the events that skip the per-event reset never touch the thread's record of its last enter.
    // Enters that modify state are filtered after parsing, and a rejection there forgets nothing.
    constexpr uint16_t kSwitch = 152;
    const format::EventInfo* info = format::eventInfo(ev.type);
    if (!format::isEnter(ev.type) || ev.type == kSwitch || !info ||
        (info->flags & (format::kEfSkipParseReset | format::kEfModifiesState)))
        return;
    m_transients.setEnterKept(int64_t(ev.tid), accepted);
}

void FieldExtractor::select(const RawEvent& ev, const state::EventContext& ctx, uint64_t ordinal)
{
    m_ev = &ev;
    m_ctx = &ctx;
    m_ordinal = ordinal;
    m_info = format::eventInfo(ev.type);
    m_observed = m_observedOffset == ev.offset;
    m_threadDone = m_mainDone = m_fdDone = false;
}

const ThreadInfo* FieldExtractor::thread()
{
    if (!m_threadDone) {
        m_threadDone = true;
        if ((m_ev->type == 272 || m_ev->type == 324) && !m_ctx->headerMeta) {
            // sysdig gives a container event a thread of its own named after the container.
            m_containerThread = ThreadInfo{};
            std::string_view json = paramText(*m_ev, 0);
            std::string id;
            if (auto p = json.find("\"id\":\""); p != std::string_view::npos) {
                auto e = json.find('"', p + 6);
                id = std::string(json.substr(p + 6, e == std::string_view::npos ? 0 : e - p - 6));
            }
            m_containerThread.comm = SharedString("container:" + id);
            m_containerThread.containerId = SharedString(id);
            m_containerThread.uid = m_containerThread.gid = 0;
            m_containerThread.ptid = 0;
            m_containerThread.loginuid = 0;
            m_containerThread.vtid = m_containerThread.vpid = -2;
            m_containerThread.sid = m_containerThread.vpgid = m_containerThread.fdlimit = -1;
            m_thread = &m_containerThread;
            return m_thread;
        }
        const ThreadInfo* t =
            m_ctx->threadVersion == state::kNoVersion ? nullptr : &m_state.threadVersion(m_ctx->threadVersion);
        if (!t && m_info && (m_info->flags & format::kEfSkipParseReset))
            t = m_state.threadAt(int64_t(m_ev->tid), m_ordinal); // internal events are looked up, not tracked
        m_thread = m_observed && t && !m_transients.visible(int64_t(m_ev->tid), t) ? nullptr : t;
    }
    return m_thread;
}

const ThreadInfo* FieldExtractor::eventThread()
{
    if (m_observed && !m_eventHasThread)
        return (m_ev->type == 272 || m_ev->type == 324) ? thread() : nullptr;
    return thread();
}

const ThreadInfo* FieldExtractor::threadById(int64_t tid) const
{
    // Only entries sysdig would have: the tracker also keeps empty ones for tids seen on events where sysdig
    // creates none (switch, clone and procexit events).
    const ThreadInfo* t = m_state.threadAt(tid, m_ordinal);
    if (m_observedOffset != UINT64_MAX && !m_transients.visible(tid, t))
        return nullptr;
    return t;
}

const ThreadInfo* FieldExtractor::mainThread()
{
    if (!m_mainDone) {
        m_mainDone = true;
        const ThreadInfo* t = thread();
        m_main = !t ? nullptr : t->tid == t->pid ? t : threadById(t->pid);
    }
    return m_main;
}

bool FieldExtractor::anyAncestor(const std::function<bool(const ThreadInfo&)>& f)
{
    const ThreadInfo* mt = mainThread();
    if (!mt)
        return false;
    // Parents by ptid until the chain ends; a bounded walk stands in for sysdig's loop detection.
    const ThreadInfo* p = mt;
    for (int depth = 0; depth < 4096; ++depth) {
        const ThreadInfo* parent = threadById(p->ptid);
        if (!parent || parent == p)
            return false;
        if (f(*parent))
            return true;
        p = parent;
    }
    return false;
}

int64_t FieldExtractor::lastFd()
{
    if (m_observed)
        if (const auto* e = m_transients.find(int64_t(m_ev->tid)))
            return e->lastFd;
    return m_ctx->hasFdNum ? m_ctx->fdNum : -1;
}

bool FieldExtractor::enterKept()
{
    if (!m_observed)
        return true;
    const auto* e = m_transients.find(int64_t(m_ev->tid));
    return !e || e->enterKept;
}

uint64_t FieldExtractor::latency()
{
    if (m_observed) {
        const auto* e = m_transients.find(int64_t(m_ev->tid));
        return e ? e->latency : 0;
    }
    // Random access: the context may carry the enter's timestamp, or only where the enter is in the file.
    if (format::isEnter(m_ev->type) || !m_ctx->paired)
        return 0;
    uint64_t enterTs = m_ctx->enterTs;
    if (enterTs == 0 && m_ctx->enterOffset != 0) {
        format::RawEvent enter;
        if (format::CaptureReader::eventAt(m_bytes, m_ctx->enterOffset, enter))
            enterTs = enter.ts;
    }
    return enterTs != 0 && m_ev->ts >= enterTs ? m_ev->ts - enterTs : 0;
}

// The fd sysdig attaches to the event itself (evt->m_fdinfo): the one the event used or created.
const FdInfo* FieldExtractor::eventFd()
{
    if (m_eventFdHidden)
        return nullptr;
    const ThreadInfo* t = thread();
    if (!t || !m_ctx->hasFdNum)
        return nullptr;
    return m_state.fdAt(t->fdTableOwner, m_ctx->fdNum, m_ordinal);
}

// The fd the fd.* fields describe: the event's, or the one its thread last named.
const FdInfo* FieldExtractor::fdForFields()
{
    if (!m_fdDone) {
        m_fdDone = true;
        m_fd = nullptr;
        const ThreadInfo* t = thread();
        int64_t fd = lastFd();
        if (t && fd != -1)
            m_fd = m_state.fdAt(t->fdTableOwner, fd, m_ordinal);
    }
    return m_fd;
}

// sysdig keeps the line end that unix socket names found by the /proc scan carry; its output removes it (with any
// other unprintable byte) but filters compare the name as stored, and fdlist.names prints it raw. The tracker stores
// the trimmed name, so the raw one is looked up in the scan.
std::string_view FieldExtractor::rawFdName(const FdInfo& f)
{
    if (f.type != FdType::kUnixSock)
        return f.name;
    if (!m_rawNamesBuilt) {
        m_rawNamesBuilt = true;
        for (const auto& block : m_state.metadata().fdLists)
            for (const auto& e : block.fds)
                if (e.type == FdType::kUnixSock && !e.name.empty() && e.name.back() == '\n')
                    m_rawNames[{int64_t(block.tid), e.fd}] = e.name;
    }
    if (m_rawNames.empty())
        return f.name;
    const ThreadInfo* t = thread();
    if (!t)
        return f.name;
    auto it = m_rawNames.find({t->fdTableOwner, f.fd});
    if (it == m_rawNames.end())
        return f.name;
    std::string_view raw = it->second;
    while (!raw.empty() && raw.back() == '\n')
        raw.remove_suffix(1);
    return raw == f.name ? std::string_view(it->second) : std::string_view(f.name);
}

bool FieldExtractor::isLocalIpv4(const uint8_t* addr)
{
    uint32_t a;
    std::memcpy(&a, addr, 4);
    if (!containerId().empty())
        if (const state::ContainerInfo* c = container()) {
            if (c->ipv4 != 0) {
                if (c->ipv4 == a)
                    return true;
            } else if (m_state.containers().anyHasIpv4(a, m_ordinal))
                return true;
        }
    for (const auto& i : m_state.metadata().interfaces)
        if ((i.type == 1 || i.type == 3) && std::memcmp(i.addr.data(), addr, 4) == 0)
            return true;
    return false;
}

bool FieldExtractor::isLocalIpv6(const uint8_t* addr)
{
    if (!containerId().empty())
        return false; // sysdig has no IPv6 addresses for containers
    // Same /64 network as one of the machine's IPv6 interfaces.
    for (const auto& i : m_state.metadata().interfaces)
        if ((i.type == 2 || i.type == 4) && std::memcmp(i.addr.data(), addr, 8) == 0)
            return true;
    return false;
}

std::string_view FieldExtractor::containerId()
{
    const ThreadInfo* t = thread();
    if (!t)
        return {};
    if (t == &m_containerThread)
        return t->containerId;
    // Keyed by the thread version (its address), not by the context: some events find their thread by lookup.
    if (m_containerIdThread != t) {
        m_containerIdThread = t;
        m_containerIdCache =
            t->containerId.empty() ? state::ContainerTable::idFromCgroups(t->cgroups) : t->containerId.str();
    }
    return m_containerIdCache;
}

const state::ContainerInfo* FieldExtractor::container()
{
    std::string_view id = containerId();
    return id.empty() ? nullptr : m_state.containers().find(id, m_ordinal);
}

bool FieldExtractor::setString(FieldValue& out, std::string_view s)
{
    out.bytes = s;
    return true;
}

bool FieldExtractor::setScratch(FieldValue& out)
{
    out.bytes = m_scratch;
    return true;
}

bool FieldExtractor::setNum(FieldValue& out, uint64_t v)
{
    out.num = v;
    return true;
}

void FieldExtractor::appendArgs(std::string& out)
{
    if (m_ev->type <= 1)
        return; // generic events show no arguments
    m_renderer.appendInfo(out, *m_ev, m_ordinal, *m_ctx);
}

bool FieldExtractor::extract(const FieldRef& ref, FieldValue& out)
{
    out.type = ref.type;
    out.fmt = ref.fmt;
    out.num = 0;
    out.bytes = {};
    if (!ref.info || !m_ev)
        return false;
    // sysdig runs the filter on an exit event that does not modify state before parsing it. At that point the
    // event has an fd only if its enter was kept (the filter accepted it): write exits excepted, whose fd is
    // looked up early to spot tracer writes. Fields that read the event's own fd then see none.
    m_inFilterCall = ref.inFilter;
    constexpr uint16_t kWriteX = 9;
    m_eventFdHidden = ref.inFilter && !format::isEnter(m_ev->type) && m_ev->type != kWriteX &&
                      !(m_info && (m_info->flags & format::kEfModifiesState)) && !enterKept();
    switch (ref.family) {
    case FieldFamily::kEvt: return extractEvt(ref, out);
    case FieldFamily::kProcess: return extractProcess(ref, out);
    case FieldFamily::kUserGroup: return extractUserGroup(ref, out);
    case FieldFamily::kContainer: return extractContainer(ref, out);
    case FieldFamily::kFd: return extractFd(ref, out);
    case FieldFamily::kFdList: return extractFdList(ref, out);
    case FieldFamily::kNone: return false; // evtin, syslog, k8s...: nothing in a syscall capture fills them
    }
    return false;
}

bool FieldExtractor::extractEvt(const FieldRef& ref, FieldValue& out)
{
    const RawEvent& ev = *m_ev;
    const uint32_t flags = m_info ? m_info->flags : 0;
    const uint32_t category = m_info ? m_info->category : 0;
    const bool exit = !format::isEnter(ev.type);
    auto resParam = [&](int64_t& v) -> bool {
        int i = decode::findParam(ev.type, "res");
        if (i < 0 || uint32_t(i) >= ev.nparams) {
            if (!((flags & format::kEfCreatesFd) && exit))
                return false;
            i = decode::findParam(ev.type, "fd");
            if (i < 0 || uint32_t(i) >= ev.nparams)
                return false;
        }
        auto r = decode::paramInt(ev, i);
        if (!r)
            return false;
        v = *r;
        return true;
    };
    m_scratch.clear();
    switch (ref.id) {
    case FieldId::kEvtNum: return setNum(out, m_ordinal + 1);
    case FieldId::kEvtTime: appendClock(m_scratch, ev.ts, false, true, false); return setScratch(out);
    case FieldId::kEvtTimeS: appendClock(m_scratch, ev.ts, false, false, false); return setScratch(out);
    case FieldId::kEvtTimeIso8601: {
        time_t sec = time_t(ev.ts / kSecond);
        struct tm tm {};
        gmtime_r(&sec, &tm);
        char buf[64];
        size_t n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
        m_scratch.append(buf, n);
        snprintf(buf, sizeof buf, ".%09u+0000", unsigned(ev.ts % kSecond));
        m_scratch += buf;
        return setScratch(out);
    }
    case FieldId::kEvtDatetime: appendClock(m_scratch, ev.ts, true, true, false); return setScratch(out);
    case FieldId::kEvtDatetimeS: appendClock(m_scratch, ev.ts, true, false, false); return setScratch(out);
    case FieldId::kEvtRawtime: return setNum(out, ev.ts);
    case FieldId::kEvtRawtimeS: return setNum(out, ev.ts / kSecond);
    case FieldId::kEvtRawtimeNs: return setNum(out, ev.ts % kSecond);
    case FieldId::kEvtReltime: return setNum(out, ev.ts - m_firstTs);
    case FieldId::kEvtReltimeS: return setNum(out, (ev.ts - m_firstTs) / kSecond);
    case FieldId::kEvtReltimeNs: return setNum(out, (ev.ts - m_firstTs) % kSecond);
    case FieldId::kEvtPluginname:
    case FieldId::kEvtPlugininfo: return false;
    case FieldId::kEvtLatency:
    case FieldId::kEvtLatencyS:
    case FieldId::kEvtLatencyNs:
    case FieldId::kEvtLatencyHuman:
    case FieldId::kEvtLatencyQuantized: {
        uint64_t lat = 0;
        if (eventThread()) {
            if (category & format::kCatInternal)
                return false;
            lat = latency();
        } else if (ref.id == FieldId::kEvtLatencyHuman) {
            // sysdig hands back whatever this field last rendered when the event has no thread.
            m_scratch = ref.lastText;
            return setScratch(out);
        }
        if (ref.id == FieldId::kEvtLatencyS)
            lat /= kSecond;
        else if (ref.id == FieldId::kEvtLatencyNs)
            lat %= kSecond;
        else if (ref.id == FieldId::kEvtLatencyHuman) {
            appendDuration(m_scratch, lat);
            ref.lastText = m_scratch;
            return setScratch(out);
        } else if (ref.id == FieldId::kEvtLatencyQuantized)
            return false;
        return setNum(out, lat);
    }
    case FieldId::kEvtDeltatime:
    case FieldId::kEvtDeltatimeS:
    case FieldId::kEvtDeltatimeNs: {
        uint64_t delta = 0;
        if (ref.lastTs == 0)
            ref.lastTs = ev.ts;
        else {
            delta = ev.ts - ref.lastTs;
            if (ref.id == FieldId::kEvtDeltatimeS)
                delta /= kSecond;
            else if (ref.id == FieldId::kEvtDeltatimeNs)
                delta %= kSecond;
            ref.lastTs = ev.ts;
        }
        return setNum(out, delta);
    }
    case FieldId::kEvtOutputtime: {
        char buf[64];
        switch (m_timeFormat) {
        case 'a':
            appendUnsigned(m_scratch, ev.ts / kSecond);
            m_scratch.push_back('.');
            appendUnsigned(m_scratch, ev.ts % kSecond);
            break;
        case 'r': {
            uint64_t rel = ev.ts - m_firstTs;
            appendUnsigned(m_scratch, rel / kSecond);
            snprintf(buf, sizeof buf, ".%09" PRIu64, rel % kSecond);
            m_scratch += buf;
            break;
        }
        case 'd': {
            if (eventThread()) {
                uint64_t lat = latency();
                appendUnsigned(m_scratch, lat / kSecond);
                snprintf(buf, sizeof buf, ".%09" PRIu64, lat % kSecond);
                m_scratch += buf;
            } else
                m_scratch = "0.000000000";
            break;
        }
        case 'D': {
            if (ref.lastTs == 0)
                ref.lastTs = ev.ts;
            uint64_t d = ev.ts - ref.lastTs;
            appendUnsigned(m_scratch, d / kSecond);
            snprintf(buf, sizeof buf, ".%09" PRIu64, d % kSecond);
            m_scratch += buf;
            ref.lastTs = ev.ts;
            break;
        }
        default: appendClock(m_scratch, ev.ts, false, true, false); break;
        }
        return setScratch(out);
    }
    case FieldId::kEvtDir: return setString(out, format::isEnter(ev.type) ? ">" : "<");
    case FieldId::kEvtType: return setString(out, m_renderer.typeName(ev));
    case FieldId::kEvtTypeIs: return setNum(out, (ev.type == ref.evtType || ev.type == ref.evtType1) ? 1 : 0);
    case FieldId::kSyscallType:
        if (ev.type == kSwitch6 || (flags & format::kEfSkipParseReset))
            return false;
        return setString(out, m_renderer.typeName(ev));
    case FieldId::kEvtCategory: {
        const char* s = "unknown";
        uint32_t cat = category;
        if (ev.type <= 1) // generic events take the category of the syscall they stand for
            cat = syscallCategory(uint16_t(decode::paramUInt(ev, 0).value_or(0)));
        switch (cat) {
        case format::kCatUnknown: s = "unknown"; break;
        case format::kCatOther: s = "other"; break;
        case format::kCatFile: s = "file"; break;
        case format::kCatNet: s = "net"; break;
        case format::kCatIpc: s = "IPC"; break;
        case format::kCatMemory: s = "memory"; break;
        case format::kCatProcess: s = "process"; break;
        case format::kCatSleep: s = "sleep"; break;
        case format::kCatSystem: s = "system"; break;
        case format::kCatSignal: s = "signal"; break;
        case format::kCatUser: s = "user"; break;
        case format::kCatTime: s = "time"; break;
        case format::kCatProcessing: s = "processing"; break;
        case format::kCatWait: s = "wait"; break;
        case format::kCatScheduler: s = "scheduler"; break;
        case format::kCatIoRead:
        case format::kCatIoWrite:
        case format::kCatIoOther: {
            const FdInfo* f = eventFd();
            if (!f)
                s = "unknown";
            else
                switch (f->type) {
                case FdType::kFile:
                case FdType::kFileV2:
                case FdType::kDirectory: s = "file"; break;
                case FdType::kIpv4Sock:
                case FdType::kIpv6Sock:
                case FdType::kIpv4ServSock:
                case FdType::kIpv6ServSock: s = "net"; break;
                case FdType::kFifo:
                case FdType::kUnixSock:
                case FdType::kEvent:
                case FdType::kSignalfd:
                case FdType::kInotify: s = "ipc"; break;
                default: s = "unknown"; break;
                }
            break;
        }
        default: break;
        }
        return setString(out, s);
    }
    case FieldId::kEvtCpu: return setNum(out, uint64_t(int64_t(int16_t(ev.cpu))));
    case FieldId::kEvtArgs:
    case FieldId::kEvtInfo: appendArgs(m_scratch); return setScratch(out);
    case FieldId::kEvtArg: {
        int i = ref.argIndex >= 0 ? ref.argIndex : decode::findParam(ev.type, ref.argName);
        uint32_t n = m_info ? std::min<uint32_t>(ev.nparams, uint32_t(m_info->params.size())) : 0;
        if (i < 0 || uint32_t(i) >= n)
            return false;
        m_renderer.appendParamArg(m_scratch, ev, uint32_t(i), m_ordinal, *m_ctx);
        return setScratch(out);
    }
    case FieldId::kEvtRawarg: {
        int i = decode::findParam(ev.type, ref.argName);
        if (i < 0 || uint32_t(i) >= ev.nparams)
            return false;
        auto p = ev.param(uint32_t(i));
        switch (ref.rawType) {
        case ParamType::kCharBuf:
        case ParamType::kFsPath:
        case ParamType::kFsRelPath: {
            std::string_view s(reinterpret_cast<const char*>(p.data()), p.size());
            if (auto z = s.find('\0'); z != std::string_view::npos)
                s = s.substr(0, z);
            return setString(out, s);
        }
        case ParamType::kByteBuf:
        case ParamType::kSockAddr:
        case ParamType::kSockTuple:
        case ParamType::kFdList:
            return setString(out, std::string_view(reinterpret_cast<const char*>(p.data()), p.size()));
        default: {
            uint64_t v = 0;
            std::memcpy(&v, p.data(), std::min<size_t>(p.size(), 8));
            out.num = v;
            out.bytes = std::string_view(reinterpret_cast<const char*>(p.data()), p.size());
            return true;
        }
        }
    }
    case FieldId::kEvtBuffer: {
        int i = decode::findParam(ev.type, "data");
        if (i < 0 || uint32_t(i) >= ev.nparams)
            return false;
        auto p = ev.param(uint32_t(i));
        return setString(out, std::string_view(reinterpret_cast<const char*>(p.data()), p.size()));
    }
    case FieldId::kEvtBuflen:
    case FieldId::kEvtBuflenIn:
    case FieldId::kEvtBuflenOut:
    case FieldId::kEvtBuflenFile:
    case FieldId::kEvtBuflenFileIn:
    case FieldId::kEvtBuflenFileOut:
    case FieldId::kEvtBuflenNet:
    case FieldId::kEvtBuflenNetIn:
    case FieldId::kEvtBuflenNetOut: {
        const FdInfo* f = eventFd();
        if (!f || !exit)
            return false;
        const bool in = category == format::kCatIoRead, outCat = category == format::kCatIoWrite;
        const bool file = f->type == FdType::kFile || f->type == FdType::kFileV2;
        const bool net = f->type >= FdType::kIpv4Sock && f->type <= FdType::kIpv6ServSock;
        bool ok;
        switch (ref.id) {
        case FieldId::kEvtBuflenIn: ok = in; break;
        case FieldId::kEvtBuflenOut: ok = outCat; break;
        case FieldId::kEvtBuflenFile: ok = isIoCategory(category) && file; break;
        case FieldId::kEvtBuflenFileIn: ok = in && file; break;
        case FieldId::kEvtBuflenFileOut: ok = outCat && file; break;
        case FieldId::kEvtBuflenNet: ok = isIoCategory(category) && net; break;
        case FieldId::kEvtBuflenNetIn: ok = in && net; break;
        case FieldId::kEvtBuflenNetOut: ok = outCat && net; break;
        default: ok = isIoCategory(category); break;
        }
        auto res = decode::paramInt(ev, 0);
        if (!ok || !res || *res < 0)
            return false;
        return setNum(out, uint64_t(*res));
    }
    case FieldId::kEvtRes: {
        int64_t v;
        if (!resParam(v))
            return false;
        if (v >= 0)
            return setString(out, "SUCCESS");
        std::string_view e = format::errnoName(-int64_t(int32_t(v)));
        if (!e.empty())
            return setString(out, e);
        appendSigned(m_scratch, v);
        return setScratch(out);
    }
    case FieldId::kEvtRawres: {
        int64_t v;
        if (!resParam(v))
            return false;
        return setNum(out, uint64_t(v));
    }
    case FieldId::kEvtFailed: {
        int64_t v;
        return setNum(out, resParam(v) && v < 0 ? 1 : 0);
    }
    case FieldId::kEvtIsIo: return setNum(out, (flags & (format::kEfReadsFromFd | format::kEfWritesToFd)) ? 1 : 0);
    case FieldId::kEvtIsIoRead: return setNum(out, (flags & format::kEfReadsFromFd) ? 1 : 0);
    case FieldId::kEvtIsIoWrite: return setNum(out, (flags & format::kEfWritesToFd) ? 1 : 0);
    case FieldId::kEvtIoDir:
        if (flags & format::kEfWritesToFd)
            return setString(out, "write");
        if (flags & format::kEfReadsFromFd)
            return setString(out, "read");
        return false;
    case FieldId::kEvtIsWait: return setNum(out, (flags & format::kEfWaits) ? 1 : 0);
    case FieldId::kEvtWaitLatency:
        if (!(flags & format::kEfWaits) || !exit)
            return false;
        return setNum(out, eventThread() ? latency() : 0);
    case FieldId::kEvtIsSyslog: {
        const FdInfo* f = (flags & format::kEfWritesToFd) ? eventFd() : nullptr;
        return setNum(out, f && f->name.view().find("/dev/log") != std::string_view::npos ? 1 : 0);
    }
    case FieldId::kEvtCount: return setNum(out, 1);
    case FieldId::kEvtCountError:
    case FieldId::kEvtCountErrorFile:
    case FieldId::kEvtCountErrorNet:
    case FieldId::kEvtCountErrorMemory:
    case FieldId::kEvtCountErrorOther: {
        int64_t v;
        if (!resParam(v) || v >= 0)
            return false;
        if (ref.id == FieldId::kEvtCountError)
            return setNum(out, 1);
        if (ref.id == FieldId::kEvtCountErrorMemory)
            return category == format::kCatMemory ? setNum(out, 1) : false;
        const FdInfo* f = eventFd();
        bool file, net;
        if (f) {
            file = f->type == FdType::kFile || f->type == FdType::kFileV2 || f->type == FdType::kDirectory;
            net = (f->type >= FdType::kIpv4Sock && f->type <= FdType::kIpv6ServSock) || f->type == FdType::kUnixSock;
        } else {
            file = ev.type == kOpenX || ev.type == kCreatX || ev.type == kOpenatX || ev.type == kOpenat2X;
            net = ev.type == kAcceptX || ev.type == kAccept5X || ev.type == kAccept4X || ev.type == kAccept45X ||
                  ev.type == kConnectX;
        }
        if (ref.id == FieldId::kEvtCountErrorFile)
            return file ? setNum(out, 1) : false;
        if (ref.id == FieldId::kEvtCountErrorNet)
            return net ? setNum(out, 1) : false;
        bool other = !file && !net && (f || category != format::kCatMemory);
        return other ? setNum(out, 1) : false;
    }
    case FieldId::kEvtCountExit: return exit ? setNum(out, 1) : false;
    case FieldId::kEvtCountProcinfo:
        if (ev.type != kProcInfo)
            return false;
        if (const ThreadInfo* t = thread(); t && t->tid == t->pid)
            return setNum(out, 1);
        return false;
    case FieldId::kEvtCountThreadinfo: return ev.type == kProcInfo ? setNum(out, 1) : false;
    case FieldId::kEvtAround: return false; // filter-only; compared specially
    case FieldId::kEvtAbspath: {
        const ThreadInfo* t = eventThread();
        if (!t)
            return false;
        const char *dirArg = nullptr, *pathArg = nullptr;
        switch (ev.type) {
        case kRenameatX:
        case kRenameat2X:
            if (ref.argIndex == 2)
                dirArg = "newdirfd", pathArg = "newpath";
            else
                dirArg = "olddirfd", pathArg = "oldpath";
            break;
        case kSymlinkatX: dirArg = "linkdirfd", pathArg = "linkpath"; break;
        case kOpenatE:
        case kOpenat2X: dirArg = "dirfd", pathArg = "name"; break;
        case kLinkatE:
        case kLinkat2X:
            if (ref.argIndex == 2)
                dirArg = "newdir", pathArg = "newpath";
            else
                dirArg = "olddir", pathArg = "oldpath";
            break;
        case kUnlinkatE:
        case kUnlinkat2X: dirArg = "dirfd", pathArg = "name"; break;
        case kMkdiratX: dirArg = "dirfd", pathArg = "path"; break;
        case kFchmodatX: dirArg = "dirfd", pathArg = "filename"; break;
        default: return false;
        }
        int di = decode::findParam(ev.type, dirArg), pi = decode::findParam(ev.type, pathArg);
        if (di < 0 || pi < 0 || uint32_t(std::max(di, pi)) >= ev.nparams)
            return false;
        int64_t dirfd = decode::paramInt(ev, di).value_or(0);
        std::string_view path = paramText(ev, pi);
        std::string base;
        if (!path.empty() && path[0] == '/')
            base = ".";
        else if (dirfd == kAtFdCwd)
            base = std::string(decode::HistoryStateView(m_state, *m_ctx, m_ordinal).cwd());
        else if (const FdInfo* d = m_state.fdAt(t->fdTableOwner, dirfd, m_ordinal))
            base = d->name.str() + '/';
        else
            base = "<UNKNOWN>/";
        m_scratch = decode::joinPath(base, path);
        return setScratch(out);
    }
    case FieldId::kEvtIsOpenRead:
    case FieldId::kEvtIsOpenWrite:
    case FieldId::kEvtIsOpenExec: {
        uint32_t v = 0;
        constexpr uint32_t kExecMask = 0100 | 010 | 01;
        if (ev.type == kOpenX || ev.type == kOpenatE || ev.type == kOpenat2X) {
            uint32_t fl = uint32_t(decode::paramUInt(ev, ev.type == kOpenat2X ? 3 : 2).value_or(0));
            if (ref.id == FieldId::kEvtIsOpenRead && (fl & 1))
                v = 1;
            if (ref.id == FieldId::kEvtIsOpenWrite && (fl & 2))
                v = 1;
            if (ref.id == FieldId::kEvtIsOpenExec && (fl & (0x2000 | 0x4))) {
                uint32_t mode = uint32_t(decode::paramUInt(ev, ev.type == kOpenat2X ? 4 : 3).value_or(0));
                v = (mode & kExecMask) ? 1 : 0;
            }
        } else if (ref.id == FieldId::kEvtIsOpenExec && ev.type == kCreatX) {
            uint32_t mode = uint32_t(decode::paramUInt(ev, 2).value_or(0));
            v = (mode & kExecMask) ? 1 : 0;
        }
        return setNum(out, v);
    }
    case FieldId::kEvtInfraDockerName:
    case FieldId::kEvtInfraDockerContainerId:
    case FieldId::kEvtInfraDockerContainerName:
    case FieldId::kEvtInfraDockerContainerImage: return false;
    default: return false;
    }
}

bool FieldExtractor::extractProcess(const FieldRef& ref, FieldValue& out)
{
    const RawEvent& ev = *m_ev;
    if (ref.id == FieldId::kThreadTid)
        return setNum(out, ev.tid);
    if (ref.id == FieldId::kThreadExectime || ref.id == FieldId::kThreadTotexectime) {
        uint64_t exec = 0;
        if (ev.type == kSwitch1 || ev.type == kSwitch6) {
            if (ref.perCpu.size() <= ev.cpu)
                ref.perCpu.resize(size_t(ev.cpu) + 1, 0);
            uint64_t& last = ref.perCpu[ev.cpu];
            if (last != 0)
                exec = ev.ts - last;
            last = ev.ts;
        }
        if (ref.id == FieldId::kThreadExectime)
            return setNum(out, exec);
        if (!thread())
            return false;
        uint64_t& tot = ref.perThread[int64_t(ev.tid)];
        tot += exec;
        return setNum(out, tot);
    }
    const ThreadInfo* t = thread();
    if (!t)
        return false;
    const bool stub = t->incomplete;
    m_scratch.clear();
    switch (ref.id) {
    case FieldId::kProcPid: return setNum(out, uint64_t(t->pid));
    case FieldId::kProcExe: return setString(out, stub ? std::string_view("<NA>") : std::string_view(t->exe));
    case FieldId::kProcName: return setString(out, stub ? std::string_view("<NA>") : std::string_view(t->comm));
    case FieldId::kProcArgs: appendJoined(m_scratch, t->args, ' '); return setScratch(out);
    case FieldId::kProcEnv: appendJoined(m_scratch, t->env, ' '); return setScratch(out);
    case FieldId::kProcCmdline: {
        m_scratch = stub ? std::string_view("<NA>") : t->comm;
        if (!t->args.empty()) {
            m_scratch.push_back(' ');
            appendJoined(m_scratch, t->args, ' ');
        }
        return setScratch(out);
    }
    case FieldId::kProcExeline:
        m_scratch = stub ? std::string_view("<NA>") : t->exe;
        m_scratch.push_back(' ');
        appendJoined(m_scratch, t->args, ' ');
        return setScratch(out);
    case FieldId::kProcCwd:
        m_scratch = std::string(decode::HistoryStateView(m_state, *m_ctx, m_ordinal).cwd());
        return setScratch(out);
    case FieldId::kProcNthreads:
    case FieldId::kProcNchilds: return false; // not tracked; see docs/compatibility.md
    case FieldId::kProcPpid: {
        const ThreadInfo* mt = mainThread();
        if (!mt)
            return false;
        return setNum(out, uint64_t(mt->ptid));
    }
    case FieldId::kProcPname:
    case FieldId::kProcPcmdline: {
        const ThreadInfo* p = threadById(t->ptid);
        if (!p)
            return false;
        std::string_view comm = p->incomplete ? std::string_view("<NA>") : std::string_view(p->comm);
        if (ref.id == FieldId::kProcPname)
            return setString(out, comm);
        m_scratch = std::string(comm);
        if (!p->args.empty()) {
            m_scratch.push_back(' ');
            appendJoined(m_scratch, p->args, ' ');
        }
        return setScratch(out);
    }
    case FieldId::kProcApid:
    case FieldId::kProcAname: {
        const ThreadInfo* mt = mainThread();
        if (!mt)
            return false;
        for (int32_t j = 0; j < ref.argIndex; ++j) {
            mt = threadById(mt->ptid);
            if (!mt)
                return false;
        }
        if (ref.id == FieldId::kProcApid)
            return setNum(out, uint64_t(mt->pid));
        return setString(out, mt->incomplete ? std::string_view("<NA>") : std::string_view(mt->comm));
    }
    case FieldId::kProcLoginshellid: {
        const ThreadInfo* mt = mainThread();
        if (!mt)
            return false;
        const ThreadInfo* found = nullptr;
        auto isShell = [&](const ThreadInfo& x) {
            if (!x.incomplete && x.comm.size() >= 2 && x.comm.view().ends_with("sh"))
                found = &x;
            return false;
        };
        isShell(*mt);
        anyAncestor(isShell);
        if (!found)
            return false;
        return setNum(out, uint64_t(found->pid));
    }
    case FieldId::kProcDuration:
        // Known only for threads whose clone the capture holds (the process list carries no start time).
        if (t->cloneTs == 0)
            return false;
        return setNum(out, ev.ts - t->cloneTs);
    case FieldId::kProcFdopencount:
    case FieldId::kProcFdusage: return false; // open-fd counts per process are not tracked
    case FieldId::kProcFdlimit: {
        const ThreadInfo* mt = mainThread();
        if (stub)
            return setNum(out, uint64_t(-1));
        return setNum(out, uint64_t(mt ? mt->fdlimit : t->fdlimit));
    }
    case FieldId::kProcVmsize: return setNum(out, t->vmsizeKb);
    case FieldId::kProcVmrss: return setNum(out, t->vmrssKb);
    case FieldId::kProcVmswap: return setNum(out, t->vmswapKb);
    case FieldId::kThreadPfmajor: return setNum(out, t->pfmajor);
    case FieldId::kThreadPfminor: return setNum(out, t->pfminor);
    case FieldId::kThreadIsmain: return setNum(out, t->tid == t->pid ? 1 : 0);
    case FieldId::kThreadCgroups: {
        if (t->cgroups.empty())
            return false;
        appendCgroups(m_scratch, t->cgroups);
        return setScratch(out);
    }
    case FieldId::kThreadCgroup: {
        std::string_view path;
        if (!findCgroup(t->cgroups, ref.argName, path))
            return false;
        return setString(out, path);
    }
    case FieldId::kThreadVtid:
        if (t->vtid == -1)
            return false;
        return setNum(out, uint64_t(t->vtid));
    case FieldId::kProcVpid:
        if (t->vpid == -1)
            return false;
        return setNum(out, uint64_t(t->vpid));
    case FieldId::kThreadCpu:
    case FieldId::kThreadCpuUser:
    case FieldId::kThreadCpuSystem: {
        // Only procinfo events carry CPU time (user and system ticks since the thread started). Each use of the
        // field keeps its own last total per thread, as sysdig's per-instance thread state does: the value is
        // the ticks since that use last saw the thread, capped at 100, and 0 the first time.
        if (ev.type != kProcInfo)
            return false;
        uint64_t total = 0;
        if (ref.id != FieldId::kThreadCpuSystem)
            total += uint64_t(decode::paramInt(ev, 0).value_or(0));
        if (ref.id != FieldId::kThreadCpuUser)
            total += uint64_t(decode::paramInt(ev, 1).value_or(0));
        uint64_t& last = ref.perThread[int64_t(ev.tid)];
        out.dbl = last == 0 ? 0.0 : std::min(double(total - last), 100.0);
        last = total;
        return true;
    }
    case FieldId::kThreadVmsize: return setNum(out, t->tid == t->pid ? t->vmsizeKb : 0);
    case FieldId::kThreadVmrss: return setNum(out, t->tid == t->pid ? t->vmrssKb : 0);
    case FieldId::kThreadVmsizeB: return setNum(out, t->tid == t->pid ? uint64_t(t->vmsizeKb) * 1024 : 0);
    case FieldId::kThreadVmrssB: return setNum(out, t->tid == t->pid ? uint64_t(t->vmrssKb) * 1024 : 0);
    case FieldId::kProcSid: return setNum(out, stub ? uint64_t(-1) : uint64_t(t->sid));
    case FieldId::kProcSname: {
        if (const ThreadInfo* s = stub ? nullptr : threadById(t->sid))
            return setString(out, s->incomplete ? std::string_view("<NA>") : std::string_view(s->comm));
        const ThreadInfo* mt = mainThread();
        if (!mt)
            return false;
        const ThreadInfo* leader = mt;
        int64_t sid = mt->sid;
        anyAncestor([&](const ThreadInfo& p) {
            if (p.sid != sid)
                return true;
            leader = &p;
            return false;
        });
        return setString(out, leader->incomplete ? std::string_view("<NA>") : std::string_view(leader->comm));
    }
    case FieldId::kProcTty: return setNum(out, uint64_t(int64_t(int32_t(t->tty))));
    case FieldId::kProcExepath: return setString(out, t->exepath);
    case FieldId::kThreadNametid:
        m_scratch = stub ? std::string_view("<NA>") : t->comm;
        appendSigned(m_scratch, int64_t(ev.tid));
        return setScratch(out);
    case FieldId::kProcVpgid: return setNum(out, stub ? uint64_t(-1) : uint64_t(t->vpgid));
    case FieldId::kProcIsContainerHealthcheck:
    case FieldId::kProcIsContainerLivenessProbe:
    case FieldId::kProcIsContainerReadinessProbe:
    case FieldId::kProcIsExeWritable: return setNum(out, 0);
    default: return false;
    }
}

bool FieldExtractor::extractUserGroup(const FieldRef& ref, FieldValue& out)
{
    const ThreadInfo* t = thread();
    if (!t)
        return false;
    auto user = [&](uint32_t uid) -> const format::UserEntry* {
        if (!m_usersLoaded) {
            m_usersLoaded = true;
            for (const auto& u : m_state.metadata().users)
                m_users.emplace(u.uid, &u);
        }
        auto it = m_users.find(uid);
        return it == m_users.end() ? nullptr : it->second;
    };
    switch (ref.id) {
    case FieldId::kUserUid: return setNum(out, t->uid);
    case FieldId::kUserName:
    case FieldId::kUserHomedir:
    case FieldId::kUserShell: {
        const format::UserEntry* u = user(t->uid);
        if (!u)
            return false;
        return setString(out, ref.id == FieldId::kUserName      ? u->name
                              : ref.id == FieldId::kUserHomedir ? u->homedir
                                                                : u->shell);
    }
    case FieldId::kUserLoginuid: return setNum(out, uint64_t(int64_t(int32_t(t->loginuid))));
    case FieldId::kUserLoginname: {
        const format::UserEntry* u = user(t->loginuid);
        if (!u)
            return false;
        return setString(out, u->name);
    }
    case FieldId::kGroupGid: return setNum(out, t->gid);
    case FieldId::kGroupName: {
        if (t->gid == 0xffffffff)
            return false;
        const std::string* n = m_state.groupName(t->gid);
        if (!n)
            return false;
        return setString(out, *n);
    }
    default: return false;
    }
}

bool FieldExtractor::extractContainer(const FieldRef& ref, FieldValue& out)
{
    if (!thread())
        return false;
    std::string_view id = containerId();
    const bool host = id.empty();
    if (ref.id == FieldId::kContainerId)
        return setString(out, host ? std::string_view("host") : id);
    if (host)
        return (ref.id == FieldId::kContainerName || ref.id == FieldId::kContainerType) ? setString(out, "host")
                                                                                        : false;
    const state::ContainerInfo* c = container();
    if (!c)
        return false;
    m_scratch.clear();
    auto nonEmpty = [&](const std::string& s) { return s.empty() ? false : setString(out, s); };
    auto mountText = [&](const state::ContainerMount& m) {
        m_scratch += m.source + ':' + m.dest + ':' + m.mode + ':' + (m.rdwr ? "true" : "false") + ':' + m.propagation;
    };
    auto findMount = [&](bool byDest) -> const state::ContainerMount* {
        if (ref.argIndex >= 0)
            return size_t(ref.argIndex) < c->mounts.size() ? &c->mounts[size_t(ref.argIndex)] : nullptr;
        for (const auto& m : c->mounts)
            if ((byDest ? m.dest : m.source) == ref.argName)
                return &m;
        return nullptr;
    };
    switch (ref.id) {
    case FieldId::kContainerName: return nonEmpty(c->name);
    case FieldId::kContainerImage: return nonEmpty(c->image);
    case FieldId::kContainerImageId: return nonEmpty(c->imageId);
    case FieldId::kContainerImageRepository: return nonEmpty(c->imageRepo);
    case FieldId::kContainerImageTag: return nonEmpty(c->imageTag);
    case FieldId::kContainerImageDigest: return nonEmpty(c->imageDigest);
    case FieldId::kContainerType: {
        const char* n = state::ContainerTable::typeName(c->type);
        return n ? setString(out, n) : false;
    }
    case FieldId::kContainerPrivileged:
        if (c->type != 0 && c->type != 6 && c->type != 7 && c->type != 8)
            return false;
        return setNum(out, c->privileged ? 1 : 0);
    case FieldId::kContainerMounts:
        for (size_t i = 0; i < c->mounts.size(); ++i) {
            if (i)
                m_scratch.push_back(',');
            mountText(c->mounts[i]);
        }
        return setScratch(out);
    case FieldId::kContainerMount: {
        const state::ContainerMount* m = findMount(false);
        if (!m)
            return false;
        mountText(*m);
        return setScratch(out);
    }
    case FieldId::kContainerMountSource:
    case FieldId::kContainerMountDest:
    case FieldId::kContainerMountMode:
    case FieldId::kContainerMountRdwr:
    case FieldId::kContainerMountPropagation: {
        const state::ContainerMount* m = findMount(ref.id == FieldId::kContainerMountSource);
        if (!m)
            return false;
        switch (ref.id) {
        case FieldId::kContainerMountSource: return setString(out, m->source);
        case FieldId::kContainerMountDest: return setString(out, m->dest);
        case FieldId::kContainerMountMode: return setString(out, m->mode);
        case FieldId::kContainerMountRdwr: return setString(out, m->rdwr ? "true" : "false");
        default: return setString(out, m->propagation);
        }
    }
    case FieldId::kContainerHealthcheck:
    case FieldId::kContainerLivenessProbe:
    case FieldId::kContainerReadinessProbe: return setString(out, "NONE");
    default: return false;
    }
}

// What sysdig shows as fd.name when an fd-creating exit has no fd attached (the call failed): the event's own
// path or tuple parameter.
bool FieldExtractor::fdNameFromCreator(std::string& name)
{
    const RawEvent& ev = *m_ev;
    name.clear();
    if (format::isEnter(ev.type))
        return false;
    switch (ev.type) {
    case kOpenX:
    case kAcceptX:
    case kAccept5X:
    case kAccept4X:
    case kAccept45X:
    case kCreatX:
    case kConnectX:
        if (ev.nparams > 1)
            m_renderer.appendParamArg(name, ev, 1, m_ordinal, *m_ctx);
        return true;
    case kOpenatX:
    case kOpenat2X: {
        const ThreadInfo* t = thread();
        std::string_view path;
        int64_t dirfd = kAtFdCwd;
        if (ev.type == kOpenat2X) {
            path = paramText(ev, 2);
            dirfd = decode::paramInt(ev, 1).value_or(kAtFdCwd);
        } else {
            // The old openat keeps its arguments on the enter event.
            // sysdig reads the enter back from the thread's copy; once a filter is set, that copy is no longer
            // there when the output is formatted (the filter itself still sees it).
            if (!m_ctx->paired || !enterKept() || (m_filterActive && !m_inFilterCall))
                return false;
            format::RawEvent enter;
            if (!format::CaptureReader::eventAt(m_bytes, m_ctx->enterOffset, enter))
                return false;
            path = paramText(enter, 1);
            dirfd = decode::paramInt(enter, 0).value_or(kAtFdCwd);
        }
        std::string base;
        if (!path.empty() && path[0] == '/')
            base = "";
        else if (dirfd == kAtFdCwd)
            base = t ? std::string(decode::HistoryStateView(m_state, *m_ctx, m_ordinal).cwd()) : std::string();
        else if (const FdInfo* d = t ? m_state.fdAt(t->fdTableOwner, dirfd, m_ordinal) : nullptr)
            base = d->name.str() + '/';
        name = decode::joinPath(base, path);
        return true;
    }
    default: return true;
    }
}

bool FieldExtractor::extractFd(const FieldRef& ref, FieldValue& out)
{
    const uint32_t flags = m_info ? m_info->flags : 0;
    if (!(flags & (format::kEfCreatesFd | format::kEfUsesFd | format::kEfDestroysFd)))
        return false;
    const ThreadInfo* t = thread();
    if (!t)
        return false;
    const RawEvent& ev = *m_ev;
    if (ref.id == FieldId::kFdNum)
        return setNum(out, uint64_t(lastFd()));
    if (ref.id == FieldId::kFdUid) {
        if (ev.type == 272)
            return false;
        m_scratch.clear();
        appendSigned(m_scratch, t->tid);
        appendSigned(m_scratch, lastFd());
        return setScratch(out);
    }
    const FdInfo* f = fdForFields();
    m_scratch.clear();
    const bool failedConnect = ev.type == kConnectX && decode::paramInt(ev, 0).value_or(0) < 0;
    if (!f || (failedConnect && (ref.id == FieldId::kFdName || ref.id == FieldId::kFdContainername))) {
        switch (ref.id) {
        case FieldId::kFdName:
        case FieldId::kFdContainername: {
            std::string name;
            if (!fdNameFromCreator(name))
                return false;
            if (ref.id == FieldId::kFdContainername)
                m_scratch = std::string(containerId()) + ':' + name;
            else
                m_scratch = std::move(name);
            return setScratch(out);
        }
        case FieldId::kFdDirectory:
        case FieldId::kFdContainerdirectory: {
            std::string name;
            if (!fdNameFromCreator(name))
                return false;
            std::string dir(directoryOf(name));
            m_scratch = ref.id == FieldId::kFdContainerdirectory ? std::string(containerId()) + ':' + dir : dir;
            return setScratch(out);
        }
        case FieldId::kFdTypechar: m_scratch.assign(1, creatorTypeChar(ev.type)); return setScratch(out);
        default: return false;
        }
    }
    const bool v4 = f->type == FdType::kIpv4Sock, v6 = f->type == FdType::kIpv6Sock;
    const bool sock = v4 || v6;
    const bool serv = f->type == FdType::kIpv4ServSock || f->type == FdType::kIpv6ServSock;
    const bool roleNone = f->role == FdInfo::Role::kNone;
    const size_t alen = (v4 || f->type == FdType::kIpv4ServSock) ? 4 : 16;
    auto ip = [&](const std::array<uint8_t, 16>& a) {
        return setString(out, std::string_view(reinterpret_cast<const char*>(a.data()), alen));
    };
    auto localSrc = [&]() { return v4 ? isLocalIpv4(f->sip.data()) : isLocalIpv6(f->sip.data()); };
    switch (ref.id) {
    case FieldId::kFdType: {
        const char* s = f->typeName();
        return s ? setString(out, s) : false;
    }
    case FieldId::kFdTypechar: m_scratch.assign(1, f->typeChar()); return setScratch(out);
    case FieldId::kFdName: return setString(out, m_inFilterCall ? rawFdName(*f) : std::string_view(f->name));
    case FieldId::kFdContainername:
        m_scratch = std::string(containerId()) + ':' + std::string(m_inFilterCall ? rawFdName(*f) : f->name);
        return setScratch(out);
    case FieldId::kFdDirectory:
    case FieldId::kFdContainerdirectory: {
        const bool file = f->type == FdType::kFile || f->type == FdType::kFileV2;
        if (!file && f->type != FdType::kDirectory)
            return false;
        std::string dir(file ? directoryOf(f->name) : f->name.view());
        m_scratch = ref.id == FieldId::kFdContainerdirectory ? std::string(containerId()) + ':' + dir : dir;
        return setScratch(out);
    }
    case FieldId::kFdFilename: {
        if (f->type != FdType::kFile && f->type != FdType::kFileV2)
            return false;
        size_t pos = f->name.view().rfind('/');
        if (pos == std::string_view::npos)
            return setString(out, "/");
        if (pos < f->name.size() - 1)
            return setString(out, std::string_view(f->name).substr(pos + 1));
        return setString(out, f->name);
    }
    case FieldId::kFdCip:
    case FieldId::kFdCnet:
        if (roleNone || !sock)
            return false;
        return ip(f->sip);
    case FieldId::kFdSip:
    case FieldId::kFdSnet:
        if (roleNone)
            return false;
        if (sock)
            return ip(f->dip);
        if (serv)
            return ip(f->sip);
        return false;
    case FieldId::kFdLip:
    case FieldId::kFdRip:
    case FieldId::kFdLnet:
    case FieldId::kFdRnet: {
        if (!sock || roleNone)
            return false;
        bool local = localSrc();
        bool wantLocal = ref.id == FieldId::kFdLip || ref.id == FieldId::kFdLnet;
        return ip(local == wantLocal ? f->sip : f->dip);
    }
    case FieldId::kFdCport:
    case FieldId::kFdCproto:
        if (roleNone)
            return false;
        if (!sock)
            return ref.id == FieldId::kFdCport ? setNum(out, 0) : setString(out, "");
        if (ref.id == FieldId::kFdCport)
            return setNum(out, f->sport);
        appendUnsigned(m_scratch, f->sport);
        return setScratch(out);
    case FieldId::kFdSport:
    case FieldId::kFdSproto: {
        uint16_t port;
        if (sock) {
            if (roleNone)
                return false;
            port = f->dport;
        } else if (serv)
            port = f->sport;
        else
            return false;
        if (ref.id == FieldId::kFdSport)
            return setNum(out, port);
        if (sock)
            appendUnsigned(m_scratch, port);
        return setScratch(out);
    }
    case FieldId::kFdLport:
    case FieldId::kFdRport:
    case FieldId::kFdLproto:
    case FieldId::kFdRproto: {
        if (!sock || roleNone)
            return false;
        bool local = localSrc();
        bool wantLocal = ref.id == FieldId::kFdLport || ref.id == FieldId::kFdLproto;
        uint16_t port = local == wantLocal ? f->sport : f->dport;
        if (ref.id == FieldId::kFdLport || ref.id == FieldId::kFdRport)
            return setNum(out, port);
        appendUnsigned(m_scratch, port);
        return setScratch(out);
    }
    case FieldId::kFdL4proto:
        // What sysdig knows of the transport is what it shows after the type character.
        switch (f->l4Char()) {
        case 't': return setString(out, "tcp");
        case 'u': return setString(out, "udp");
        case 'i': return setString(out, "icmp");
        case 'r': return setString(out, "raw");
        default: return setString(out, "<NA>");
        }
    case FieldId::kFdIsServer:
        if (serv)
            return setNum(out, 1);
        if (v4)
            return setNum(out, isLocalIpv4(f->dip.data()) ? 1 : 0);
        if (v6)
            return setNum(out, isLocalIpv6(f->dip.data()) ? 1 : 0);
        return setNum(out, 0);
    case FieldId::kFdSockfamily:
        if (sock || serv)
            return setString(out, "ip");
        if (f->type == FdType::kUnixSock)
            return setString(out, "unix");
        return false;
    case FieldId::kFdConnected:
        // Only IP sockets that went through connect/accept carry a peer.
        return setNum(out, sock && !roleNone ? 1 : 0);
    case FieldId::kFdNameChanged: {
        // True when this very event created or renamed the descriptor.
        // Only the parsers of opens, binds, connects, accepts and datagram sends/receives mark the name as
        // changed; an open always does, the others when the tuple differs from the one the fd had before.
        if (ref.inFilter || !m_info || format::isEnter(ev.type))
            return setNum(out, 0);
        static constexpr std::string_view kOpens[] = {"open",   "openat", "openat2", "creat", "open_by_handle_at",
                                                      "accept", "accept4"};
        static constexpr std::string_view kRenames[] = {"bind", "connect", "sendto", "sendmsg", "recvfrom", "recvmsg"};
        const std::string_view name = m_info->name;
        if (std::find(std::begin(kOpens), std::end(kOpens), name) != std::end(kOpens))
            return setNum(out, 1);
        if (std::find(std::begin(kRenames), std::end(kRenames), name) == std::end(kRenames))
            return setNum(out, 0);
        const FdInfo* before = m_ordinal ? m_state.fdAt(t->fdTableOwner, f->fd, m_ordinal - 1) : nullptr;
        return setNum(out, !before || before->name != f->name ? 1 : 0);
    }
    case FieldId::kFdDev:
    case FieldId::kFdDevMajor:
    case FieldId::kFdDevMinor: return setNum(out, 0);
    case FieldId::kFdCipName:
    case FieldId::kFdSipName:
    case FieldId::kFdLipName:
    case FieldId::kFdRipName: return false; // no DNS information in a capture
    default: return false;
    }
}

bool FieldExtractor::extractFdList(const FieldRef& ref, FieldValue& out)
{
    const RawEvent& ev = *m_ev;
    int pi;
    if (ev.type == kPollE || ev.type == kPpollE)
        pi = 0;
    else if (ev.type == kPollX || ev.type == kPpollX)
        pi = 1;
    else
        return false;
    auto p = ev.param(uint32_t(pi));
    if (p.size() < 2)
        return false;
    const ThreadInfo* t = thread();
    uint16_t n = format::readLe<uint16_t>(p.data());
    m_scratch.clear();
    for (uint16_t k = 0; k < n && 2 + size_t(k) * 10 + 10 <= p.size(); ++k) {
        int64_t fd = format::readLe<int64_t>(p.data() + 2 + size_t(k) * 10);
        const FdInfo* f = t ? m_state.fdAt(t->fdTableOwner, fd, m_ordinal) : nullptr;
        bool comma = true;
        switch (ref.id) {
        case FieldId::kFdlistNums: appendSigned(m_scratch, fd); break;
        case FieldId::kFdlistNames:
            m_scratch += f && !f->name.empty() ? std::string(rawFdName(*f)) : std::string("<NA>");
            break;
        case FieldId::kFdlistCips:
            if (f && f->type == FdType::kIpv4Sock)
                decode::appendIpv4(m_scratch, f->sip.data());
            else if (f && f->type == FdType::kIpv6Sock)
                decode::appendIpv6(m_scratch, f->sip.data());
            else
                comma = false;
            break;
        case FieldId::kFdlistSips:
            if (f && f->type == FdType::kIpv4Sock)
                decode::appendIpv4(m_scratch, f->dip.data());
            else if (f && f->type == FdType::kIpv6Sock)
                decode::appendIpv6(m_scratch, f->dip.data());
            else if (f && (f->type == FdType::kIpv4ServSock || f->type == FdType::kIpv6ServSock))
                decode::appendIpv4(m_scratch, f->sip.data()); // sysdig formats v6 server addresses as v4 too
            else
                comma = false;
            break;
        case FieldId::kFdlistCports:
            if (f && (f->type == FdType::kIpv4Sock || f->type == FdType::kIpv6Sock))
                appendUnsigned(m_scratch, f->sport);
            else
                comma = false;
            break;
        case FieldId::kFdlistSports:
            if (f && (f->type == FdType::kIpv4Sock || f->type == FdType::kIpv6Sock))
                appendUnsigned(m_scratch, f->dport);
            else
                comma = false;
            break;
        default: return false;
        }
        if (comma)
            m_scratch.push_back(',');
    }
    if (m_scratch.empty())
        return false;
    if (m_scratch.back() == ',')
        m_scratch.pop_back();
    return setScratch(out);
}

Result<FieldExtractor::Text> FieldExtractor::appendValueText(const FieldValue& v, std::string& out)
{
    char buf[64];
    int n = -1;
    const PrintFormat f = v.fmt;
    const bool dec = f == PrintFormat::kDec || f == PrintFormat::kId;
    switch (v.type) {
    case ParamType::kInt8:
    case ParamType::kInt16:
    case ParamType::kInt32: {
        int64_t x = v.type == ParamType::kInt8    ? int8_t(v.num)
                    : v.type == ParamType::kInt16 ? int16_t(v.num)
                                                  : int32_t(v.num);
        uint32_t mask = v.type == ParamType::kInt8 ? 0xff : v.type == ParamType::kInt16 ? 0xffff : 0xffffffff;
        if (f == PrintFormat::kOct)
            n = snprintf(buf, sizeof buf, "%" PRIo32, uint32_t(x) & (v.type == ParamType::kInt32 ? mask : 0xffffffff));
        else if (dec)
            n = decimal(buf, int64_t(x));
        else if (f == PrintFormat::kHex)
            n = snprintf(buf, sizeof buf, "%" PRIX32, uint32_t(x));
        else
            return Text::kMissing;
        break;
    }
    case ParamType::kInt64:
    case ParamType::kPid:
    case ParamType::kErrno: {
        int64_t x = int64_t(v.num);
        if (f == PrintFormat::kOct)
            n = snprintf(buf, sizeof buf, "%" PRIo64, uint64_t(x));
        else if (f == PrintFormat::k10PaddedDec)
            n = snprintf(buf, sizeof buf, "%09" PRId64, x);
        else if (f == PrintFormat::kHex)
            n = snprintf(buf, sizeof buf, "%" PRIX64, uint64_t(x));
        else
            n = decimal(buf, int64_t(x));
        break;
    }
    case ParamType::kL4Proto:
    case ParamType::kUint8:
    case ParamType::kPort:
    case ParamType::kUint16:
    case ParamType::kUint32: {
        uint64_t x = v.type == ParamType::kUint8 || v.type == ParamType::kL4Proto ? uint8_t(v.num)
                     : v.type == ParamType::kUint32                               ? uint32_t(v.num)
                                                                                  : uint16_t(v.num);
        if (f == PrintFormat::kOct)
            n = snprintf(buf, sizeof buf, "%" PRIo64, x);
        else if (dec || f == PrintFormat::kHex)
            n = decimal(buf, uint64_t(x));
        else
            return Text::kMissing;
        break;
    }
    case ParamType::kUint64:
    case ParamType::kRelTime:
    case ParamType::kAbsTime:
        if (f == PrintFormat::kOct)
            n = snprintf(buf, sizeof buf, "%" PRIo64, v.num);
        else if (dec)
            n = decimal(buf, uint64_t(v.num));
        else if (f == PrintFormat::k10PaddedDec)
            n = snprintf(buf, sizeof buf, "%09" PRIu64, v.num);
        else if (f == PrintFormat::kHex)
            n = snprintf(buf, sizeof buf, "%" PRIX64, v.num);
        else
            return Text::kMissing;
        break;
    case ParamType::kCharBuf:
    case ParamType::kFsPath:
    case ParamType::kFsRelPath:
    case ParamType::kByteBuf: {
        // Printed as a C string: a NUL inside a raw buffer ends it.
        std::string_view s = v.bytes;
        if (auto z = s.find('\0'); z != std::string_view::npos)
            s = s.substr(0, z);
        out += s;
        return Text::kOk;
    }
    case ParamType::kSockAddr:
    case ParamType::kSockFamily: return Text::kMissing;
    case ParamType::kBool: out += v.num ? "true" : "false"; return Text::kOk;
    case ParamType::kIpv4Addr:
        if (v.bytes.size() >= 4)
            decode::appendIpv4(out, reinterpret_cast<const uint8_t*>(v.bytes.data()));
        return Text::kOk;
    case ParamType::kIpv6Addr:
        if (v.bytes.size() >= 16)
            decode::appendIpv6(out, reinterpret_cast<const uint8_t*>(v.bytes.data()));
        return Text::kOk;
    case ParamType::kIpAddr:
    case ParamType::kIpNet:
        if (v.bytes.size() == 4)
            decode::appendIpv4(out, reinterpret_cast<const uint8_t*>(v.bytes.data()));
        else if (v.bytes.size() == 16)
            decode::appendIpv6(out, reinterpret_cast<const uint8_t*>(v.bytes.data()));
        return Text::kOk;
    case ParamType::kDouble: n = snprintf(buf, sizeof buf, "%.1lf", v.dbl); break;
    default: return makeError(ErrorCode::kInvalidArgument, "wrong event type " + std::to_string(int(v.type)));
    }
    out.append(buf, size_t(n));
    return Text::kOk;
}

Result<FieldExtractor::Text> FieldExtractor::appendTextOf(const FieldRef& ref, const FieldValue& v,
                                                          const decode::EventRenderer& renderer, std::string& out)
{
    if (ref.id == FieldId::kEvtBuffer) {
        // Printed in the buffer format (-A, -x...), cut like evt.info's buffers.
        renderer.appendBufferText(out, std::span(reinterpret_cast<const uint8_t*>(v.bytes.data()), v.bytes.size()));
        return Text::kOk;
    }
    return appendValueText(v, out);
}

Result<FieldExtractor::Text> FieldExtractor::appendText(const FieldRef& ref, std::string& out)
{
    FieldValue v;
    if (!extract(ref, v))
        return Text::kMissing;
    return appendTextOf(ref, v, m_renderer, out);
}

Result<FieldExtractor::Text> FieldExtractor::appendJson(const FieldRef& ref, std::string& out)
{
    // sysdig asks each field twice per event (once to see whether it is null, once for the value), so fields
    // that remember the previous event see this one twice: evt.deltatime is always 0 in JSON.
    FieldValue v;
    switch (ref.id) {
    case FieldId::kEvtTime:
    case FieldId::kEvtTimeS:
    case FieldId::kEvtTimeIso8601:
    case FieldId::kEvtDatetime:
    case FieldId::kEvtDatetimeS:
    case FieldId::kEvtOutputtime:
        // Timestamps are numbers in JSON: the text form (a local-time conversion) is never needed.
        appendUnsigned(out, m_ev->ts);
        return Text::kOk;
    default: break;
    }
    bool have = extract(ref, v);
    switch (ref.id) {
    case FieldId::kEvtDeltatime:
    case FieldId::kEvtDeltatimeS:
    case FieldId::kEvtDeltatimeNs:
    case FieldId::kThreadExectime:
    case FieldId::kThreadTotexectime: have = extract(ref, v); break;
    case FieldId::kEvtCount: out += "1"; return Text::kOk;
    default: break;
    }
    if (!have) {
        out += "null";
        return Text::kMissing;
    }
    const bool dec = v.fmt == PrintFormat::kDec || v.fmt == PrintFormat::kId;
    switch (v.type) {
    case ParamType::kInt8:
    case ParamType::kInt16:
    case ParamType::kInt32:
    case ParamType::kInt64:
    case ParamType::kPid:
    case ParamType::kFd:
    case ParamType::kUint8:
    case ParamType::kL4Proto:
    case ParamType::kUint16:
    case ParamType::kPort:
    case ParamType::kUint32:
    case ParamType::kUint64:
    case ParamType::kRelTime:
    case ParamType::kAbsTime: {
        const bool signedType = v.type == ParamType::kInt8 || v.type == ParamType::kInt16 ||
                                v.type == ParamType::kInt32 || v.type == ParamType::kInt64 ||
                                v.type == ParamType::kPid || v.type == ParamType::kFd;
        // Time-like evt fields are numbers whatever their print format.
        bool timeField = ref.info && std::string_view(ref.info->name).starts_with("evt.") &&
                         (v.type == ParamType::kAbsTime || v.type == ParamType::kRelTime);
        if (dec || timeField) {
            if (signedType) {
                int64_t x = v.type == ParamType::kInt8    ? int8_t(v.num)
                            : v.type == ParamType::kInt16 ? int16_t(v.num)
                            : v.type == ParamType::kInt32 ? int32_t(v.num)
                                                          : int64_t(v.num);
                appendSigned(out, x);
            } else
                appendUnsigned(out, v.num);
            return Text::kOk;
        }
        if (v.fmt == PrintFormat::kNA && (v.type == ParamType::kInt64 || v.type == ParamType::kPid)) {
            appendSigned(out, int64_t(v.num));
            return Text::kOk;
        }
        std::string text;
        auto r = appendValueText(v, text);
        if (!r)
            return r;
        if (*r == Text::kMissing) {
            out += "null";
            return Text::kMissing;
        }
        appendJsonString(out, text);
        return Text::kOk;
    }
    case ParamType::kBool: out += v.num ? "true" : "false"; return Text::kOk;
    case ParamType::kSockAddr:
    case ParamType::kSockFamily: out += "null"; return Text::kMissing;
    case ParamType::kCharBuf:
    case ParamType::kFsPath:
    case ParamType::kFsRelPath:
    case ParamType::kByteBuf:
    case ParamType::kIpv4Addr:
    case ParamType::kIpv6Addr:
    case ParamType::kIpAddr:
    case ParamType::kIpNet: {
        if (v.type == ParamType::kCharBuf && ref.id != FieldId::kEvtBuffer) {
            // Strings go straight from the value (the common case: evt.info, proc.name, fd.name).
            appendJsonCString(out, v.bytes);
            return Text::kOk;
        }
        std::string text;
        if (ref.id == FieldId::kEvtBuffer)
            m_renderer.appendBufferText(text,
                                        std::span(reinterpret_cast<const uint8_t*>(v.bytes.data()), v.bytes.size()));
        else
            (void)appendValueText(v, text);
        appendJsonString(out, text);
        return Text::kOk;
    }
    default: return makeError(ErrorCode::kInvalidArgument, "wrong event type " + std::to_string(int(v.type)));
    }
}

} // namespace syscope::fields
