// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/event_renderer.h"

#include "base/bytes16.h"
#include "decode/addr_format.h"
#include "decode/param_access.h"
#include "format/event_schema.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cinttypes>
#include <cstdio>
#include <cstring>

namespace syscope::decode {

using format::ParamType;
using format::PrintFormat;
using format::RawEvent;

namespace {

constexpr size_t kBufferPreview = 80; // sysdig cuts rendered buffers to this many characters unless -v
constexpr int64_t kAtFdCwd = -100;

bool isGeneric(uint16_t type) { return type <= 1; }

void appendSanitized(std::string& out, std::string_view s)
{
    // Bulk copy, then turn the non-printable bytes into dots in place, sixteen at a time without a branch (JSON
    // prints whole I/O buffers, often binary): far cheaper than a push_back per byte.
    const size_t start = out.size();
    out.append(s);
    auto* p = reinterpret_cast<unsigned char*>(out.data()) + start;
    size_t i = 0;
    for (; i + 16 <= s.size(); i += 16) {
        const Bytes16 x = loadBytes16(p + i);
        const auto bad = Bytes16((x < 0x20) | (x >= 0x7f));
        storeBytes16(p + i, (x & ~bad) | (bad & '.'));
    }
    for (; i < s.size(); ++i)
        if (p[i] < 0x20 || p[i] >= 0x7f)
            p[i] = '.';
}

void appendBuffer(std::string& out, std::span<const uint8_t> b, bool full)
{
    if (!full && b.size() > kBufferPreview) {
        appendSanitized(out, std::string_view(reinterpret_cast<const char*>(b.data()), kBufferPreview - 3));
        out += "...";
        return;
    }
    appendSanitized(out, std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
}

// -A: printable bytes kept, CR turned into a line end, LF kept unless it follows a CR (or starts the buffer), other
// bytes dropped; sysdig starts the text on a new line.
void appendAsciiBuffer(std::string& out, std::span<const uint8_t> b)
{
    out.push_back('\n');
    for (size_t j = 0; j < b.size(); ++j) {
        uint8_t c = b[j];
        if (c >= 0x20 && c < 0x7f)
            out.push_back(char(c));
        else if (c == '\r')
            out.push_back('\n');
        else if (c == '\n' && j > 0 && b[j - 1] != '\r')
            out.push_back('\n');
    }
}

// -x / -X: rows of 16 bytes, "\n\t0xOFFS:" then 2-byte groups in hex, -X adding the printable bytes after
// padding the row to its full width; the dump ends with a line end.
void appendHexBuffer(std::string& out, std::span<const uint8_t> b, bool ascii)
{
    static constexpr char kHex[] = "0123456789abcdef";
    for (size_t j = 0; j < b.size(); j += 16) {
        char head[16];
        int n = snprintf(head, sizeof head, "\n\t0x%.4x:", unsigned(j));
        out.append(head, size_t(n));
        size_t chunks = 0;
        for (size_t k = j; k < b.size() && chunks < 8; k += 2, ++chunks) {
            out.push_back(' ');
            out.push_back(kHex[b[k] >> 4]);
            out.push_back(kHex[b[k] & 15]);
            if (k + 1 < b.size()) {
                out.push_back(kHex[b[k + 1] >> 4]);
                out.push_back(kHex[b[k + 1] & 15]);
            }
        }
        if (ascii) {
            for (; chunks < 8; ++chunks)
                out.append(5, ' ');
            out.append(2, ' ');
            for (size_t k = j; k < j + 16 && k < b.size(); ++k)
                out.push_back(b[k] >= 0x20 && b[k] < 0x7f ? char(b[k]) : '.');
        }
    }
    out.push_back('\n');
}

void appendBase64Buffer(std::string& out, std::span<const uint8_t> b)
{
    static constexpr char kTable[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t j = 0;
    for (; j + 3 <= b.size(); j += 3) {
        uint32_t t = (uint32_t(b[j]) << 16) | (uint32_t(b[j + 1]) << 8) | b[j + 2];
        for (int s = 18; s >= 0; s -= 6)
            out.push_back(kTable[(t >> s) & 63]);
    }
    if (size_t rest = b.size() - j) {
        uint32_t t = uint32_t(b[j]) << 16;
        if (rest == 2)
            t |= uint32_t(b[j + 1]) << 8;
        out.push_back(kTable[(t >> 18) & 63]);
        out.push_back(kTable[(t >> 12) & 63]);
        out.push_back(rest == 2 ? kTable[(t >> 6) & 63] : '=');
        out.push_back('=');
    }
}

// Flag names per sysdig 0.29.3: walk the table in order; an exact match of the whole value ends the walk,
// otherwise every non-zero entry whose bits are all still set is taken and its bits cleared.
void appendFlagNames(std::string& out, const format::FlagTable* table, uint64_t value)
{
    if (!table)
        return;
    std::string names;
    uint64_t rest = value;
    for (const auto& e : table->entries) {
        if (e.value == value) {
            if (!names.empty())
                names.push_back('|');
            names += e.name;
            break;
        }
        if (e.value != 0 && (rest & e.value) == e.value) {
            if (!names.empty())
                names.push_back('|');
            names += e.name;
            rest &= ~uint64_t(e.value);
        }
    }
    if (!names.empty()) {
        out.push_back('(');
        out += names;
        out.push_back(')');
    }
}

// Enumeration names as newer sysdig prints them: every entry equal to the value (AF_LOCAL and AF_UNIX both).
void appendEnumNames(std::string& out, const format::FlagTable* table, uint64_t value)
{
    if (!table)
        return;
    size_t start = out.size();
    for (const auto& e : table->entries)
        if (e.value == value) {
            out.push_back(out.size() == start ? '(' : '|');
            out += e.name;
        }
    if (out.size() != start)
        out.push_back(')');
}

// "YYYY-MM-DD HH:MM:SS.nnnnnnnnn" in local time (honours TZ), how newer sysdig prints ABSTIME parameters.
void appendDate(std::string& out, uint64_t ns)
{
    time_t secs = time_t(ns / 1000000000ull);
    struct tm tm {};
    localtime_r(&secs, &tm);
    char buf[64];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%09u", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, unsigned(ns % 1000000000ull));
    out += buf;
}

void appendInteger(std::string& out, std::span<const uint8_t> p, bool isSigned, PrintFormat fmt)
{
    const auto wide = decode::readUInt(p);
    if (!wide)
        return;
    const uint64_t u = *wide;
    const int64_t s = *decode::readInt(p);
    switch (fmt) {
    case PrintFormat::kHex: appendHex(out, u, true); break;
    case PrintFormat::kOct: {
        if (u == 0) {
            out.push_back('0');
            break;
        }
        char buf[32];
        snprintf(buf, sizeof buf, "0%" PRIo64, u);
        out += buf;
        break;
    }
    case PrintFormat::k10PaddedDec: {
        char buf[32];
        snprintf(buf, sizeof buf, "%09" PRIu64, u);
        out += buf;
        break;
    }
    default:
        if (isSigned)
            appendDec(out, s);
        else
            appendUDec(out, u);
        break;
    }
}

void appendSockaddr(std::string& out, std::span<const uint8_t> p)
{
    if (p.empty()) {
        out += "NULL";
        return;
    }
    switch (p[0]) {
    case 2:
        if (p.size() >= 7) {
            appendIpv4(out, p.data() + 1);
            out.push_back(':');
            appendUDec(out, format::readLe<uint16_t>(p.data() + 5));
        }
        return;
    case 10:
        if (p.size() >= 19) {
            if (isIpv4Mapped(p.data() + 1))
                appendIpv4(out, p.data() + 13);
            else
                appendIpv6(out, p.data() + 1);
            out.push_back(':');
            appendUDec(out, format::readLe<uint16_t>(p.data() + 17));
        }
        return;
    case 1: {
        std::string_view path(reinterpret_cast<const char*>(p.data() + 1), p.size() - 1);
        appendSanitized(out, path.substr(0, path.find('\0')));
        return;
    }
    default:
        out += "family ";
        appendUDec(out, p[0]);
        return;
    }
}

void appendTuple(std::string& out, std::span<const uint8_t> p)
{
    if (p.empty()) {
        out += "NULL";
        return;
    }
    switch (p[0]) {
    case 2:
        if (p.size() >= 13) {
            appendIpv4(out, p.data() + 1);
            out.push_back(':');
            appendUDec(out, format::readLe<uint16_t>(p.data() + 5));
            out += "->";
            appendIpv4(out, p.data() + 7);
            out.push_back(':');
            appendUDec(out, format::readLe<uint16_t>(p.data() + 11));
        }
        return;
    case 10:
        if (p.size() >= 37) {
            bool v4 = (isIpv4Mapped(p.data() + 1) || isAllZero(p.data() + 1, 16)) &&
                      (isIpv4Mapped(p.data() + 19) || isAllZero(p.data() + 19, 16));
            auto addr = [&](const uint8_t* a) { v4 ? appendIpv4(out, a + 12) : appendIpv6(out, a); };
            addr(p.data() + 1);
            out.push_back(':');
            appendUDec(out, format::readLe<uint16_t>(p.data() + 17));
            out += "->";
            addr(p.data() + 19);
            out.push_back(':');
            appendUDec(out, format::readLe<uint16_t>(p.data() + 35));
        }
        return;
    case 1:
        if (p.size() >= 17) {
            appendHex(out, format::readLe<uint64_t>(p.data() + 1), false);
            out += "->";
            appendHex(out, format::readLe<uint64_t>(p.data() + 9), false);
            out.push_back(' ');
            std::string_view path(reinterpret_cast<const char*>(p.data() + 17), p.size() - 17);
            appendSanitized(out, path.substr(0, path.find('\0')));
        }
        return;
    default:
        out += "family ";
        appendUDec(out, p[0]);
        return;
    }
}

} // namespace

bool EventRenderer::isShown(const RawEvent& ev, const state::EventContext& ctx) const
{
    return state::isShownEvent(ev, ctx);
}

std::string_view EventRenderer::typeName(const RawEvent& ev) const
{
    // The names as views, measured once: every printed line needs one.
    static const auto kNames = [] {
        std::array<std::string_view, format::kEventIdCount> names;
        for (uint16_t id = 0; id < format::kEventIdCount; ++id)
            names[id] = format::eventInfo(id)->name;
        return names;
    }();
    if (ev.type >= format::kEventIdCount)
        return "<unknown>";
    if (isGeneric(ev.type)) {
        auto id = paramUInt(ev, 0);
        std::string_view n = id ? m_profile->syscallName(uint16_t(*id)) : std::string_view();
        if (n.empty() && id)
            n = format::syscallName(uint16_t(*id));
        return n.empty() ? std::string_view("<unknown>") : n;
    }
    return kNames[ev.type];
}

void EventRenderer::appendFd(std::string& out, int64_t fd, const StateView& sv) const
{
    appendDec(out, fd);
    if (fd < 0) {
        if (fd == kAtFdCwd) {
            out += "(AT_FDCWD)";
            return;
        }
        std::string_view e = format::errnoName(-fd);
        if (!e.empty()) {
            out.push_back('(');
            out += e;
            out.push_back(')');
        }
        return;
    }
    const state::FdInfo* f = sv.fd(fd);
    if (!f)
        return;
    char tag[5] = {'(', '<', f->typeChar(), 0, 0};
    size_t n = 3;
    if (char l4 = f->l4Char())
        tag[n++] = l4;
    tag[n++] = '>';
    out.append(tag, n);
    appendSanitized(out, f->name);
    out.push_back(')');
}

void EventRenderer::appendParamValue(std::string& out, const RawEvent& ev, uint32_t i, uint64_t ordinal,
                                     const state::EventContext& ctx, bool fullBuffers) const
{
    appendParamValue(out, ev, i, HistoryStateView(m_state, ctx, ordinal), fullBuffers);
}

void EventRenderer::appendParamValue(std::string& out, const RawEvent& ev, uint32_t i, const StateView& sv,
                                     bool fullBuffers) const
{
    const std::span<const format::ParamInfo> params = m_profile->params(ev.type);
    if (i >= params.size() || i >= ev.nparams)
        return;
    const format::ParamInfo& pi = params[i];
    const CompatProfile::Rules& rules = m_profile->rules();
    std::span<const uint8_t> p = ev.param(i);
    ParamType type = pi.type;
    PrintFormat fmt = pi.fmt;
    if (type == ParamType::kDyn) {
        if (p.empty())
            return;
        uint8_t idx = p[0];
        if (idx >= pi.dynTypes.size())
            return;
        type = pi.dynTypes[idx].type;
        fmt = pi.dynTypes[idx].fmt;
        p = p.subspan(1);
    }
    switch (type) {
    case ParamType::kInt8:
    case ParamType::kInt16:
    case ParamType::kInt32:
    case ParamType::kInt64: appendInteger(out, p, true, fmt); return;
    case ParamType::kUint8:
    case ParamType::kUint16:
    case ParamType::kUint32:
    case ParamType::kUint64:
        // sysdig 0.29.3 prints unsigned parameters through its signed conversion (2^64-1 shows as -1).
        appendInteger(out, p, true, fmt);
        return;
    case ParamType::kAbsTime:
        if (rules.absTimeAsDate && p.size() == 8) {
            appendDate(out, format::readLe<uint64_t>(p.data()));
            return;
        }
        appendInteger(out, p, false, fmt);
        return;
    case ParamType::kPort:
    case ParamType::kL4Proto:
    case ParamType::kSockFamily: appendInteger(out, p, false, fmt); return;
    case ParamType::kBool: appendInteger(out, p, false, fmt); return;
    case ParamType::kCharBuf: {
        if (p.empty() && rules.emptyStringIsNa) {
            out += "<NA>";
            return;
        }
        std::string_view s(reinterpret_cast<const char*>(p.data()), p.size());
        if (!s.empty() && s.back() == '\0')
            s.remove_suffix(1);
        out += s;
        return;
    }
    case ParamType::kByteBuf:
        if (p.empty() && rules.emptyBufferIsNull) {
            out += "NULL";
            return;
        }
        appendBufferText(out, p, fullBuffers);
        return;
    case ParamType::kErrno: {
        appendInteger(out, p, true, rules.errnoAlwaysDecimal ? PrintFormat::kDec : fmt);
        if (p.size() == 8) {
            int64_t v = format::readLe<int64_t>(p.data());
            if (v < 0) {
                std::string_view e = format::errnoName(-v);
                if (!e.empty()) {
                    out.push_back('(');
                    out += e;
                    out.push_back(')');
                }
            }
        }
        return;
    }
    case ParamType::kSockAddr: appendSockaddr(out, p); return;
    case ParamType::kSockTuple: appendTuple(out, p); return;
    case ParamType::kFd: {
        auto v = paramInt(ev, int(i));
        if (v)
            appendFd(out, *v, sv);
        return;
    }
    case ParamType::kPid: {
        auto v = paramInt(ev, int(i));
        if (!v)
            return;
        appendDec(out, *v);
        // A thread the capture never described (seen only through its own events) shows as <NA>.
        if (const state::ThreadInfo* t = sv.threadById(*v); t && (t->incomplete || !t->comm.empty())) {
            out.push_back('(');
            out += t->incomplete ? std::string_view("<NA>") : std::string_view(t->comm);
            out.push_back(')');
        }
        return;
    }
    case ParamType::kFdList: {
        if (p.size() < 2)
            return;
        uint16_t n = format::readLe<uint16_t>(p.data());
        for (uint16_t k = 0; k < n && 2 + size_t(k) * 10 + 10 <= p.size(); ++k) {
            int64_t fd = format::readLe<int64_t>(p.data() + 2 + k * 10);
            uint16_t fl = format::readLe<uint16_t>(p.data() + 2 + k * 10 + 8);
            if (k)
                out.push_back(' ');
            appendUDec(out, uint64_t(fd)); // sysdig prints fd lists unsigned: -1 shows as 18446744073709551615
            out.push_back(':');
            const state::FdInfo* f = sv.fd(fd);
            out.push_back(f ? f->typeChar() : '?');
            appendHex(out, fl, false);
        }
        return;
    }
    case ParamType::kFsPath:
    case ParamType::kFsRelPath: {
        if (p.empty() && rules.emptyStringIsNa) {
            out += "<NA>";
            return;
        }
        std::string_view s(reinterpret_cast<const char*>(p.data()), p.size());
        if (!s.empty() && s.back() == '\0')
            s.remove_suffix(1);
        appendSanitized(out, s);
        if (s.empty() || s[0] == '/')
            return;
        std::string_view base;
        if (!sv.thread() || (rules.relPathEchoWithoutThread && sv.thread()->incomplete)) {
            if (type == ParamType::kFsRelPath && rules.relPathEchoWithoutThread) {
                out.push_back('(');
                appendSanitized(out, s);
                out.push_back(')');
            }
            return;
        }
        if (type == ParamType::kFsRelPath && pi.dirfdParam >= 0) {
            auto dirfd = paramInt(ev, pi.dirfdParam);
            if (!dirfd)
                return;
            if (*dirfd == kAtFdCwd)
                base = sv.cwd();
            else if (const state::FdInfo* d = sv.fd(*dirfd))
                base = d->name;
            else
                return;
        } else
            base = sv.cwd();
        std::string resolved = joinPath(base, s);
        if (resolved != s) {
            out.push_back('(');
            appendSanitized(out, resolved);
            out.push_back(')');
        }
        return;
    }
    case ParamType::kSyscallId: {
        auto v = paramUInt(ev, int(i));
        if (!v)
            return;
        appendUDec(out, *v);
        std::string_view n = format::syscallName(uint16_t(*v));
        if (!n.empty()) {
            out.push_back('(');
            out += n;
            out.push_back(')');
        }
        return;
    }
    case ParamType::kSigType: {
        if (p.empty())
            return;
        appendUDec(out, p[0]);
        std::string_view n = format::signalName(p[0]);
        if (!n.empty()) {
            out.push_back('(');
            out += n;
            out.push_back(')');
        }
        return;
    }
    case ParamType::kRelTime: {
        if (p.size() != 8)
            return;
        uint64_t v = format::readLe<uint64_t>(p.data());
        if (v == UINT64_MAX) {
            out += "none";
            return;
        }
        appendUDec(out, v);
        char buf[48];
        snprintf(buf, sizeof buf, "(%gs)", double(v) / 1e9);
        out += buf;
        return;
    }
    case ParamType::kFlags8:
    case ParamType::kFlags16:
    case ParamType::kFlags32:
    case ParamType::kEnumFlags8:
    case ParamType::kEnumFlags16:
    case ParamType::kEnumFlags32: {
        auto v = paramUInt(ev, int(i));
        if (!v && !p.empty())
            return;
        uint64_t value = v.value_or(0);
        if (p.size() == 1)
            value = p[0];
        appendUDec(out, value);
        const bool isEnum =
            type == ParamType::kEnumFlags8 || type == ParamType::kEnumFlags16 || type == ParamType::kEnumFlags32;
        if (isEnum && rules.enumFlagsByEquality)
            appendEnumNames(out, pi.flags, value);
        else
            appendFlagNames(out, pi.flags, value);
        return;
    }
    case ParamType::kMode: {
        appendInteger(out, p, false, fmt);
        if (auto v = paramUInt(ev, int(i)))
            appendFlagNames(out, pi.flags, *v);
        return;
    }
    case ParamType::kUid:
    case ParamType::kGid: {
        if (p.size() != 4)
            return;
        uint32_t v = format::readLe<uint32_t>(p.data());
        if (v == UINT32_MAX && rules.noneUid) {
            out += "-1(<NONE>)";
            return;
        }
        appendUDec(out, v);
        const std::string* n = type == ParamType::kUid ? sv.userName(v) : sv.groupName(v);
        if (n) {
            out.push_back('(');
            out += *n;
            out.push_back(')');
        }
        return;
    }
    case ParamType::kSigSet: {
        if (p.size() != 4)
            return;
        uint32_t v = format::readLe<uint32_t>(p.data());
        bool first = true;
        for (int b = 0; b < 32; ++b)
            if (v & (1u << b)) {
                std::string_view n = format::signalName(uint8_t(b + 1));
                if (n.empty())
                    continue;
                if (!first)
                    out.push_back(' ');
                out += n;
                first = false;
            }
        return;
    }
    case ParamType::kIpv4Addr:
        if (p.size() == 4)
            appendIpv4(out, p.data());
        return;
    case ParamType::kIpv6Addr:
        if (p.size() == 16)
            appendIpv6(out, p.data());
        return;
    case ParamType::kIpAddr:
        if (p.size() == 4)
            appendIpv4(out, p.data());
        else if (p.size() == 16)
            appendIpv6(out, p.data());
        return;
    case ParamType::kFd32: {
        auto v = paramInt(ev, int(i));
        if (v)
            appendFd(out, *v, sv);
        return;
    }
    case ParamType::kPid32: appendInteger(out, p, true, fmt); return;
    case ParamType::kDouble:
        if (p.size() == 8) {
            double d;
            std::memcpy(&d, p.data(), 8);
            char buf[48];
            snprintf(buf, sizeof buf, "%g", d);
            out += buf;
        }
        return;
    default: return;
    }
}

void EventRenderer::appendInfo(std::string& out, const RawEvent& ev, uint64_t ordinal,
                               const state::EventContext& ctx) const
{
    appendInfo(out, ev, HistoryStateView(m_state, ctx, ordinal));
}

void EventRenderer::appendInfo(std::string& out, const RawEvent& ev, const StateView& sv) const
{
    if (isGeneric(ev.type))
        return; // sysdig names the syscall as the type and shows no arguments
    const std::span<const format::ParamInfo> params = m_profile->params(ev.type);
    uint32_t n = std::min<uint32_t>(ev.nparams, uint32_t(params.size()));
    for (uint32_t i = 0; i < n; ++i) {
        // "name=" (after the previous value's separating space) in one append: this loop is the hot path.
        char buf[64];
        const char* name = params[i].name;
        size_t len = std::strlen(name);
        if (len + 1 <= sizeof buf) {
            std::memcpy(buf, name, len);
            buf[len] = '=';
            out.append(buf, len + 1);
        } else
            out.append(name, len).push_back('=');
        appendParamValue(out, ev, i, sv);
        out.push_back(' ');
    }
}

void EventRenderer::appendTime(std::string& out, uint64_t ts) const
{
    char buf[kTimeLength];
    writeTime(buf, ts);
    out.append(buf, sizeof buf);
}

void EventRenderer::writeTime(char* buf, uint64_t ts) const
{
    int64_t sec = int64_t(ts / 1000000000ULL);
    if (sec != m_cachedSec) {
        time_t t = time_t(sec);
        struct tm tm {};
        localtime_r(&t, &tm);
        snprintf(m_cachedHms, sizeof m_cachedHms, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
        m_cachedSec = sec;
    }
    std::memcpy(buf, m_cachedHms, 8);
    buf[8] = '.';
    static constexpr char kPairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                     "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                     "8081828384858687888990919293949596979899";
    uint32_t frac = uint32_t(ts % 1000000000ULL);
    buf[17] = char('0' + frac % 10);
    frac /= 10;
    for (int i = 15; i >= 9; i -= 2) {
        std::memcpy(buf + i, kPairs + 2 * (frac % 100), 2);
        frac /= 100;
    }
}

void EventRenderer::appendDefaultLine(std::string& out, const RawEvent& ev, uint64_t ordinal,
                                      const state::EventContext& ctx) const
{
    appendDefaultLine(out, ev, ordinal, HistoryStateView(m_state, ctx, ordinal));
}

void EventRenderer::appendDefaultLine(std::string& out, const RawEvent& ev, uint64_t ordinal, const StateView& sv) const
{
    if (out.capacity() - out.size() < 512)
        out.reserve(out.size() * 2 + 4096); // the common line then appends without reallocating
    // "NUM HH:MM:SS.nnnnnnnnn CPU COMM (TID) D TYPE " built on the stack and appended once: this runs for every
    // printed line, and each append is a call.
    char buf[256];
    auto r = std::to_chars(buf, buf + 24, ordinal + 1);
    *r.ptr++ = ' ';
    char* p = r.ptr;
    writeTime(p, ev.ts);
    p += kTimeLength;
    *p++ = ' ';
    p = std::to_chars(p, p + 8, ev.cpu).ptr;
    *p++ = ' ';
    std::string_view prefix, name;
    if (format::isContainerEvent(ev.type)) {
        // Container events belong to no thread; sysdig names them after the container.
        auto json = paramStr(ev, 0).value_or("");
        prefix = "container:";
        if (ev.type == 228)
            name = json;
        else if (auto at = json.find("\"id\":\""); at != std::string_view::npos) {
            auto e = json.find('"', at + 6);
            name = json.substr(at + 6, e == std::string_view::npos ? 0 : e - at - 6);
        }
    } else if (const state::ThreadInfo* t = sv.thread(); t && !t->incomplete && !t->comm.empty())
        name = t->comm;
    else
        name = "<NA>";
    const std::string_view type = typeName(ev);
    if (size_t(p - buf) + prefix.size() + name.size() + type.size() + 32 <= sizeof buf) {
        std::memcpy(p, prefix.data(), prefix.size());
        p += prefix.size();
        std::memcpy(p, name.data(), name.size());
        p += name.size();
    } else { // a name too long for the stack buffer
        out.append(buf, size_t(p - buf)).append(prefix).append(name);
        p = buf;
    }
    *p++ = ' ';
    *p++ = '(';
    p = std::to_chars(p, p + 24, int64_t(ev.tid)).ptr;
    *p++ = ')';
    *p++ = ' ';
    *p++ = format::isEnter(ev.type) ? '>' : '<';
    *p++ = ' ';
    if (size_t(p - buf) + type.size() + 1 <= sizeof buf) {
        std::memcpy(p, type.data(), type.size());
        p += type.size();
        *p++ = ' ';
        out.append(buf, size_t(p - buf));
    } else
        out.append(buf, size_t(p - buf)).append(type).push_back(' ');
    appendInfo(out, ev, sv);
    out.push_back('\n');
}

void EventRenderer::appendBufferText(std::string& out, std::span<const uint8_t> bytes, bool fullBuffers) const
{
    if (bytes.empty())
        return;
    switch (m_bufferFormat) {
    case BufferFormat::kNormal: appendBuffer(out, bytes, fullBuffers || !m_limitBuffers); return;
    case BufferFormat::kAscii: appendAsciiBuffer(out, bytes); return;
    case BufferFormat::kHex:
    case BufferFormat::kHexAscii: appendHexBuffer(out, bytes, m_bufferFormat == BufferFormat::kHexAscii); return;
    case BufferFormat::kBase64: appendBase64Buffer(out, bytes); return;
    }
}

void EventRenderer::appendParamArg(std::string& out, const RawEvent& ev, uint32_t i, uint64_t ordinal,
                                   const state::EventContext& ctx) const
{
    // The value and its resolved form render as "value(resolved)"; evt.arg wants the resolved part alone when
    // there is one. Only these types resolve, and their plain part never contains '(' except a path's.
    const std::span<const format::ParamInfo> params = m_profile->params(ev.type);
    if (i >= params.size() || i >= ev.nparams)
        return;
    const format::ParamInfo& pi = params[i];
    ParamType type = pi.type;
    std::span<const uint8_t> p = ev.param(i);
    if (type == ParamType::kDyn && !p.empty() && p[0] < pi.dynTypes.size())
        type = pi.dynTypes[p[0]].type;
    size_t start = out.size();
    appendParamValue(out, ev, i, ordinal, ctx);
    size_t open = std::string::npos;
    switch (type) {
    case ParamType::kFsPath:
    case ParamType::kFsRelPath: {
        size_t plain = p.size();
        if (plain && p[plain - 1] == 0)
            --plain;
        if (out.size() > start + plain)
            open = start + plain;
        break;
    }
    case ParamType::kErrno:
    case ParamType::kFd:
    case ParamType::kFd32:
    case ParamType::kPid:
    case ParamType::kSyscallId:
    case ParamType::kSigType:
    case ParamType::kRelTime:
    case ParamType::kFlags8:
    case ParamType::kFlags16:
    case ParamType::kFlags32:
    case ParamType::kEnumFlags8:
    case ParamType::kEnumFlags16:
    case ParamType::kEnumFlags32:
    case ParamType::kMode:
    case ParamType::kUid:
    case ParamType::kGid: open = out.find('(', start); break;
    default: break;
    }
    if (open == std::string::npos || out.back() != ')' || open + 2 > out.size())
        return;
    std::string resolved = out.substr(open + 1, out.size() - open - 2);
    out.resize(start);
    out += resolved;
}

} // namespace syscope::decode
