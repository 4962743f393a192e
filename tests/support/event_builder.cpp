// SPDX-License-Identifier: GPL-3.0-or-later
#include "event_builder.h"

#include "format/event_schema.h"

#include <arpa/inet.h>

#include <cstring>

namespace syscope::test {
namespace {

template <typename T>
void put(Bytes& b, T v)
{
    uint8_t tmp[sizeof(T)];
    std::memcpy(tmp, &v, sizeof(T));
    b.insert(b.end(), tmp, tmp + sizeof(T));
}

void putBytes(Bytes& b, const void* p, size_t n)
{
    auto* c = static_cast<const uint8_t*>(p);
    b.insert(b.end(), c, c + n);
}

void putStr16(Bytes& b, std::string_view s)
{
    put<uint16_t>(b, uint16_t(s.size()));
    putBytes(b, s.data(), s.size());
}

void append(Bytes& b, const Bytes& more) { b.insert(b.end(), more.begin(), more.end()); }

Bytes procEntry(const format::ProcEntry& p, int v, int v9Tail)
{
    Bytes e;
    put(e, p.tid);
    put(e, p.pid);
    put(e, p.ptid);
    if (v >= 6)
        put(e, p.sid);
    if (v >= 8)
        put(e, p.vpgid);
    putStr16(e, p.comm);
    putStr16(e, p.exe);
    if (v >= 7)
        putStr16(e, p.exepath);
    putStr16(e, p.args);
    putStr16(e, p.cwd);
    put(e, p.fdlimit);
    put(e, p.flags);
    put(e, p.uid);
    put(e, p.gid);
    if (v >= 2) {
        put(e, p.vmsizeKb);
        put(e, p.vmrssKb);
        put(e, p.vmswapKb);
        put(e, p.pfmajor);
        put(e, p.pfminor);
    }
    if (v >= 3)
        putStr16(e, p.env);
    if (v >= 4) {
        put(e, p.vtid);
        put(e, p.vpid);
        putStr16(e, p.cgroups);
    }
    if (v >= 5)
        putStr16(e, p.root);
    if (v >= 9 && v9Tail > 0) {
        // libs 0.10 put pidns_init_start_ts and tty in front of loginuid; readers tell the layouts apart by the
        // tail length, so a short tail has to be the old layout.
        Bytes tail;
        if (v9Tail > 29) {
            put(tail, p.pidnsInitStartTs);
            put(tail, p.tty);
        }
        put(tail, p.loginuid);
        put<uint8_t>(tail, 0);              // exe_writable
        put<uint64_t>(tail, 0x1ffffffffff); // cap_inheritable
        put<uint64_t>(tail, 0x1ffffffffff); // cap_permitted
        put<uint64_t>(tail, 0x1ffffffffff); // cap_effective
        put<uint8_t>(tail, 0);              // exe_upper_layer
        put<uint64_t>(tail, 1234);          // exe_ino
        put<uint64_t>(tail, 1);             // exe_ino_ctime
        put<uint64_t>(tail, 2);             // exe_ino_mtime
        put<uint8_t>(tail, 0);              // exe_from_memfd
        put<uint8_t>(tail, 0);              // exe_lower_layer
        put<int64_t>(tail, int64_t(p.pid)); // pgid
        tail.resize(std::min<size_t>(tail.size(), size_t(v9Tail)), 0);
        append(e, tail);
    }
    if (v >= 9) {
        Bytes withLen;
        put<uint32_t>(withLen, uint32_t(e.size() + 4));
        append(withLen, e);
        return withLen;
    }
    return e;
}

Bytes fdEntry(const format::FdEntry& f, bool v2, bool fileV2Dev)
{
    Bytes e;
    put(e, f.fd);
    put(e, f.ino);
    put<uint8_t>(e, uint8_t(f.type));
    using format::FdType;
    switch (f.type) {
    case FdType::kIpv4Sock:
        putBytes(e, f.sip.data(), 4);
        putBytes(e, f.dip.data(), 4);
        put(e, f.sport);
        put(e, f.dport);
        put<uint8_t>(e, uint8_t(f.l4proto));
        break;
    case FdType::kIpv6Sock:
        putBytes(e, f.sip.data(), 16);
        putBytes(e, f.dip.data(), 16);
        put(e, f.sport);
        put(e, f.dport);
        put<uint8_t>(e, uint8_t(f.l4proto));
        break;
    case FdType::kIpv4ServSock:
        putBytes(e, f.sip.data(), 4);
        put(e, f.sport);
        put<uint8_t>(e, uint8_t(f.l4proto));
        break;
    case FdType::kIpv6ServSock:
        putBytes(e, f.sip.data(), 16);
        put(e, f.sport);
        put<uint8_t>(e, uint8_t(f.l4proto));
        break;
    case FdType::kUnixSock:
        put(e, f.unixSource);
        put(e, f.unixDest);
        putStr16(e, f.name);
        break;
    case FdType::kFileV2:
        put(e, f.openFlags);
        putStr16(e, f.name);
        if (v2 && fileV2Dev)
            put(e, f.dev);
        break;
    default: putStr16(e, f.name); break;
    }
    if (!v2)
        return e;
    Bytes withLen;
    put<uint32_t>(withLen, uint32_t(e.size() + 4)); // FDL_V2 entry lengths count themselves
    append(withLen, e);
    return withLen;
}

Bytes interfaceEntry(const format::InterfaceEntry& i, bool v2, size_t extraBytes)
{
    Bytes e;
    put(e, i.type);
    put<uint16_t>(e, uint16_t(i.name.size()));
    size_t alen = (i.type == 2 || i.type == 4) ? 16 : 4;
    putBytes(e, i.addr.data(), alen);
    putBytes(e, i.netmask.data(), alen);
    putBytes(e, i.bcast.data(), alen);
    if (i.type == 1 || i.type == 2)
        put(e, i.linkspeed);
    putBytes(e, i.name.data(), i.name.size());
    if (!v2)
        return e;
    e.resize(e.size() + extraBytes, 0xEE);
    Bytes withLen;
    put<uint32_t>(withLen, uint32_t(e.size())); // IL_V2 entry lengths exclude themselves
    append(withLen, e);
    return withLen;
}

} // namespace

namespace enc {

Bytes u8(uint8_t v) { return Bytes{v}; }
Bytes u16(uint16_t v)
{
    Bytes b;
    put(b, v);
    return b;
}
Bytes u32(uint32_t v)
{
    Bytes b;
    put(b, v);
    return b;
}
Bytes u64(uint64_t v)
{
    Bytes b;
    put(b, v);
    return b;
}
Bytes i64(int64_t v)
{
    Bytes b;
    put(b, v);
    return b;
}

Bytes str(std::string_view s)
{
    Bytes b(s.begin(), s.end());
    b.push_back(0);
    return b;
}

Bytes raw(std::string_view s) { return Bytes(s.begin(), s.end()); }

Bytes sockaddrV4(std::array<uint8_t, 4> ip, uint16_t port)
{
    Bytes b{2};
    putBytes(b, ip.data(), 4);
    put(b, port);
    return b;
}

Bytes sockaddrV6(const std::array<uint8_t, 16>& ip, uint16_t port)
{
    Bytes b{10};
    putBytes(b, ip.data(), 16);
    put(b, port);
    return b;
}

Bytes sockaddrUnix(std::string_view path)
{
    Bytes b{1};
    append(b, str(path));
    return b;
}

Bytes tupleV4(std::array<uint8_t, 4> sip, uint16_t sport, std::array<uint8_t, 4> dip, uint16_t dport)
{
    Bytes b{2};
    putBytes(b, sip.data(), 4);
    put(b, sport);
    putBytes(b, dip.data(), 4);
    put(b, dport);
    return b;
}

Bytes tupleV6(const std::array<uint8_t, 16>& sip, uint16_t sport, const std::array<uint8_t, 16>& dip, uint16_t dport)
{
    Bytes b{10};
    putBytes(b, sip.data(), 16);
    put(b, sport);
    putBytes(b, dip.data(), 16);
    put(b, dport);
    return b;
}

Bytes tupleUnix(uint64_t source, uint64_t dest, std::string_view path)
{
    Bytes b{1};
    put(b, source);
    put(b, dest);
    append(b, str(path));
    return b;
}

Bytes fdList(const std::vector<std::pair<int64_t, uint16_t>>& fds)
{
    Bytes b;
    put<uint16_t>(b, uint16_t(fds.size()));
    for (const auto& [fd, flags] : fds) {
        put(b, fd);
        put(b, flags);
    }
    return b;
}

Bytes pcapngComments(const std::vector<std::string>& texts)
{
    Bytes b;
    for (const std::string& t : texts) {
        put<uint16_t>(b, 1); // opt_comment
        put<uint16_t>(b, uint16_t(t.size()));
        putBytes(b, t.data(), t.size());
        b.resize((b.size() + 3) & ~size_t(3), 0);
    }
    put<uint16_t>(b, 0); // opt_endofopt
    put<uint16_t>(b, 0);
    return b;
}

std::array<uint8_t, 16> ipv6(std::string_view text)
{
    std::array<uint8_t, 16> a{};
    std::string s(text);
    ::inet_pton(AF_INET6, s.c_str(), a.data());
    return a;
}

} // namespace enc

CaptureBuilder& CaptureBuilder::frame(uint32_t type, const Bytes& body)
{
    const uint32_t total = uint32_t((8 + body.size() + 4 + 3) & ~size_t(3));
    m_blocks.push_back(m_out.size());
    put(m_out, type);
    put(m_out, total);
    append(m_out, body);
    m_out.resize(m_out.size() + (total - 12 - body.size()), 0);
    put(m_out, total);
    return *this;
}

CaptureBuilder& CaptureBuilder::shb(uint16_t major, uint16_t minor, const Bytes& pcapngOptions)
{
    Bytes body;
    put(body, format::kByteOrderMagic);
    put(body, major);
    put(body, minor);
    put<int64_t>(body, -1); // section_length: unknown, as libscap writes it
    append(body, pcapngOptions);
    return frame(format::kBlockShb, body);
}

CaptureBuilder& CaptureBuilder::machineInfo(const format::MachineInfo& mi, uint32_t blockType)
{
    Bytes body;
    put(body, mi.numCpus);
    put(body, mi.memorySizeBytes);
    put(body, mi.maxPid);
    char host[128] = {};
    std::memcpy(host, mi.hostname.data(), std::min<size_t>(mi.hostname.size(), sizeof host - 1));
    putBytes(body, host, sizeof host);
    put(body, mi.bootTsEpoch);
    put<uint64_t>(body, 0); // flags
    put<uint64_t>(body, 0); // reserved3
    put<uint64_t>(body, 0); // reserved4
    return frame(blockType, body);
}

CaptureBuilder& CaptureBuilder::procList(int version, const std::vector<format::ProcEntry>& entries, bool legacyId,
                                         int v9Tail)
{
    static constexpr uint32_t kTypes[] = {0,
                                          format::kBlockPlV1,
                                          format::kBlockPlV2,
                                          format::kBlockPlV3,
                                          format::kBlockPlV4,
                                          format::kBlockPlV5,
                                          format::kBlockPlV6,
                                          format::kBlockPlV7,
                                          format::kBlockPlV8,
                                          format::kBlockPlV9};
    static constexpr uint32_t kLegacy[] = {0, format::kBlockPlV1Int, format::kBlockPlV2Int, format::kBlockPlV3Int};
    uint32_t type = legacyId && version <= 3 ? kLegacy[version] : kTypes[version];
    Bytes body;
    for (const auto& p : entries)
        append(body, procEntry(p, version, v9Tail));
    return frame(type, body);
}

CaptureBuilder& CaptureBuilder::fdList(bool v2, uint64_t tid, const std::vector<format::FdEntry>& entries,
                                       bool legacyId, bool fileV2Dev)
{
    Bytes body;
    put(body, tid);
    for (const auto& f : entries)
        append(body, fdEntry(f, v2, fileV2Dev));
    return frame(v2 ? format::kBlockFdlV2 : legacyId ? format::kBlockFdlInt : format::kBlockFdl, body);
}

CaptureBuilder& CaptureBuilder::interfaceList(bool v2, const std::vector<format::InterfaceEntry>& entries,
                                              bool legacyId, size_t extraBytes)
{
    Bytes body;
    for (const auto& i : entries)
        append(body, interfaceEntry(i, v2, extraBytes));
    return frame(v2 ? format::kBlockIlV2 : legacyId ? format::kBlockIlInt : format::kBlockIl, body);
}

CaptureBuilder& CaptureBuilder::userList(bool v2, const std::vector<format::UserEntry>& users,
                                         const std::vector<format::GroupEntry>& groups, bool legacyId)
{
    Bytes body;
    auto entry = [&](const Bytes& e) {
        if (v2)
            put<uint32_t>(body, uint32_t(e.size() + 4)); // UL_V2 entry lengths count themselves
        append(body, e);
    };
    for (const auto& u : users) {
        Bytes e;
        put<uint8_t>(e, 0);
        put(e, u.uid);
        put(e, u.gid);
        putStr16(e, u.name);
        putStr16(e, u.homedir);
        putStr16(e, u.shell);
        entry(e);
    }
    for (const auto& g : groups) {
        Bytes e;
        put<uint8_t>(e, 1);
        put(e, g.gid);
        putStr16(e, g.name);
        entry(e);
    }
    return frame(v2 ? format::kBlockUlV2 : legacyId ? format::kBlockUlInt : format::kBlockUl, body);
}

CaptureBuilder& CaptureBuilder::block(uint32_t type, const Bytes& body) { return frame(type, body); }

CaptureBuilder& CaptureBuilder::raw(const Bytes& bytes)
{
    append(m_out, bytes);
    return *this;
}

CaptureBuilder& CaptureBuilder::event(uint32_t blockType, uint16_t cpu, uint64_t ts, uint64_t tid, uint16_t type,
                                      const std::vector<Bytes>& params, uint32_t flags)
{
    Event e;
    e.blockType = blockType;
    e.cpu = cpu;
    e.ts = ts;
    e.tid = tid;
    e.type = type;
    e.params = params;
    e.flags = flags;
    return event(e);
}

CaptureBuilder& CaptureBuilder::event(const Event& e)
{
    using namespace format;
    const uint32_t bt = e.blockType;
    const bool flagged = bt == kBlockEvf || bt == kBlockEvfV2 || bt == kBlockEvfV2Large;
    const bool v2 = bt == kBlockEvV2 || bt == kBlockEvfV2 || bt == kBlockEvV2Large || bt == kBlockEvfV2Large;
    const EventInfo* info = eventInfo(e.type);
    const bool large = info && (info->flags & kEfLargePayload);

    Bytes lens, data;
    for (const Bytes& p : e.params) {
        if (large)
            put<uint32_t>(lens, uint32_t(p.size()));
        else
            put<uint16_t>(lens, uint16_t(p.size()));
        append(data, p);
    }
    const uint32_t hdr = v2 ? kEventHeaderV2 : kEventHeaderV1;
    const uint32_t len = uint32_t(int64_t(hdr + lens.size() + data.size()) + e.lenDelta);

    Bytes body;
    put(body, e.cpu);
    if (flagged)
        put(body, e.flags);
    put(body, e.ts);
    put(body, e.tid);
    put(body, len);
    put(body, e.type);
    if (v2)
        put<uint32_t>(body, e.nparamsOverride >= 0 ? uint32_t(e.nparamsOverride) : uint32_t(e.params.size()));
    append(body, lens);
    append(body, data);
    append(body, e.trailing);
    return frame(bt, body);
}

QByteArray CaptureBuilder::toByteArray() const
{
    return QByteArray(reinterpret_cast<const char*>(m_out.data()), qsizetype(m_out.size()));
}

} // namespace syscope::test
