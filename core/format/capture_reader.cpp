// SPDX-License-Identifier: GPL-3.0-or-later
#include "format/capture_reader.h"

#include "format/block_types.h"
#include "format/byte_cursor.h"
#include "format/event_schema.h"

#include <algorithm>

namespace syscope::format {
namespace {

std::string hex(uint64_t v)
{
    char buf[24];
    snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
    return buf;
}

Error truncatedAt(uint64_t size, uint64_t blockOff, uint64_t need)
{
    return makeError(ErrorCode::kTruncated,
                     "truncated at byte " + std::to_string(size) + ": the block at offset " + std::to_string(blockOff) +
                         " needs " + std::to_string(need) + " bytes",
                     int64_t(size));
}

Error corruptAt(uint64_t blockOff, const std::string& why)
{
    return makeError(ErrorCode::kCorrupt, "corrupt block at offset " + std::to_string(blockOff) + ": " + why,
                     int64_t(blockOff));
}

int procListVersion(uint32_t t)
{
    switch (t) {
    case kBlockPlV1:
    case kBlockPlV1Int: return 1;
    case kBlockPlV2:
    case kBlockPlV2Int: return 2;
    case kBlockPlV3:
    case kBlockPlV3Int: return 3;
    case kBlockPlV4: return 4;
    case kBlockPlV5: return 5;
    case kBlockPlV6: return 6;
    case kBlockPlV7: return 7;
    case kBlockPlV8: return 8;
    case kBlockPlV9: return 9;
    default: return 0;
    }
}

// One PL entry; for V9 the cursor spans exactly the entry (its length already consumed).
ProcEntry parseProc(ByteCursor& c, int v)
{
    ProcEntry p;
    p.tid = c.read<uint64_t>();
    p.pid = c.read<uint64_t>();
    p.ptid = c.read<uint64_t>();
    if (v >= 6)
        p.sid = c.read<uint64_t>();
    if (v >= 8)
        p.vpgid = c.read<uint64_t>();
    p.comm = c.str16();
    p.exe = c.str16();
    if (v >= 7)
        p.exepath = c.str16();
    p.args = c.str16();
    p.cwd = c.str16();
    p.fdlimit = c.read<int64_t>();
    p.flags = c.read<uint32_t>();
    p.uid = c.read<uint32_t>();
    p.gid = c.read<uint32_t>();
    if (v >= 2) {
        p.vmsizeKb = c.read<uint32_t>();
        p.vmrssKb = c.read<uint32_t>();
        p.vmswapKb = c.read<uint32_t>();
        p.pfmajor = c.read<uint64_t>();
        p.pfminor = c.read<uint64_t>();
    }
    if (v >= 3)
        p.env = c.str16();
    if (v >= 4) {
        p.vtid = c.read<int64_t>();
        p.vpid = c.read<int64_t>();
        p.cgroups = c.str16();
    }
    if (v >= 5)
        p.root = c.str16();
    if (v >= 9) {
        // Tail fields appended over the years; an old tail (<= 29 bytes) lacks pidns_init_start_ts and tty.
        if (c.remaining() > 29) {
            p.pidnsInitStartTs = c.read<uint64_t>();
            p.tty = c.read<uint32_t>();
        }
        if (c.remaining() >= 4)
            p.loginuid = c.read<uint32_t>();
    }
    // Multi-strings always end with a NUL in memory, as libscap guarantees.
    for (std::string* s : {&p.args, &p.env, &p.cgroups})
        if (!s->empty() && s->back() != '\0')
            s->push_back('\0');
    return p;
}

bool parseFdPayload(ByteCursor& c, FdEntry& e, size_t entryEnd, bool v2)
{
    switch (e.type) {
    case FdType::kIpv4Sock:
        c.copy(e.sip.data(), 4);
        c.copy(e.dip.data(), 4);
        e.sport = c.read<uint16_t>();
        e.dport = c.read<uint16_t>();
        e.l4proto = L4Proto(c.read<uint8_t>());
        break;
    case FdType::kIpv6Sock:
        c.copy(e.sip.data(), 16);
        c.copy(e.dip.data(), 16);
        e.sport = c.read<uint16_t>();
        e.dport = c.read<uint16_t>();
        e.l4proto = L4Proto(c.read<uint8_t>());
        break;
    case FdType::kIpv4ServSock:
        c.copy(e.sip.data(), 4);
        e.sport = c.read<uint16_t>();
        e.l4proto = L4Proto(c.read<uint8_t>());
        break;
    case FdType::kIpv6ServSock:
        c.copy(e.sip.data(), 16);
        e.sport = c.read<uint16_t>();
        e.l4proto = L4Proto(c.read<uint8_t>());
        break;
    case FdType::kUnixSock:
        e.unixSource = c.read<uint64_t>();
        e.unixDest = c.read<uint64_t>();
        e.name = c.str16();
        break;
    case FdType::kFileV2:
        e.openFlags = c.read<uint32_t>();
        e.name = c.str16();
        if (v2 && entryEnd >= c.pos() + 4)
            e.dev = c.read<uint32_t>();
        break;
    case FdType::kFile:
    case FdType::kDirectory:
    case FdType::kFifo:
    case FdType::kEvent:
    case FdType::kUnsupported:
    case FdType::kSignalfd:
    case FdType::kEventPoll:
    case FdType::kInotify:
    case FdType::kTimerfd:
    case FdType::kNetlink:
    case FdType::kBpf:
    case FdType::kUserfaultfd:
    case FdType::kIoUring:
    case FdType::kMemfd:
    case FdType::kPidfd: e.name = c.str16(); break;
    default:
        if (!v2)
            return false; // without an entry length an unknown type cannot be skipped
        e.name = "unknown-type:[" + std::to_string(int(e.type)) + "]";
        e.type = FdType::kUnsupported;
        break;
    }
    return !c.failed();
}

} // namespace

Result<void> CaptureReader::open()
{
    if (m_bytes.size() < 4 || readLe<uint32_t>(m_bytes.data()) != kBlockShb)
        return makeError(ErrorCode::kNotCapture, "not a capture file: it does not start with a section header block",
                         0);
    return readSection();
}

Result<void> CaptureReader::readSection()
{
    const uint64_t size = m_bytes.size();
    const uint64_t shbOff = m_pos;
    if (size - m_pos < 28)
        return truncatedAt(size, shbOff, 28);
    const uint8_t* b = m_bytes.data() + m_pos;
    uint32_t total = readLe<uint32_t>(b + 4);
    if (readLe<uint32_t>(b + 8) != kByteOrderMagic)
        return corruptAt(shbOff, "invalid byte-order magic in the section header");
    if (total < 28 || total % 4 != 0)
        return corruptAt(shbOff, "section header length " + std::to_string(total) + " is invalid");
    if (total > size - m_pos)
        return truncatedAt(size, shbOff, total);
    CaptureMetadata meta;
    meta.majorVersion = readLe<uint16_t>(b + 12);
    meta.minorVersion = readLe<uint16_t>(b + 14);
    meta.sectionOffset = shbOff;
    if (meta.majorVersion != 1)
        return makeError(ErrorCode::kUnsupported,
                         "section header version " + std::to_string(meta.majorVersion) + "." +
                             std::to_string(meta.minorVersion) + " is not supported",
                         int64_t(shbOff));
    m_meta = std::move(meta);
    m_pos += total; // pcapng options, if any, are skipped with the block

    while (m_pos < size) {
        if (size - m_pos < 8)
            return truncatedAt(size, m_pos, 12);
        const uint8_t* h = m_bytes.data() + m_pos;
        uint32_t type = readLe<uint32_t>(h);
        uint32_t len = readLe<uint32_t>(h + 4);
        if (isEventBlock(type))
            break;
        if (type == kBlockShb)
            break; // an empty section: the next one starts here
        if (len < 12 || len % 4 != 0)
            return corruptAt(m_pos, "block length " + std::to_string(len) + " is invalid");
        if (len > size - m_pos)
            return truncatedAt(size, m_pos, len);
        if (readLe<uint32_t>(h + len - 4) != len)
            return corruptAt(m_pos, "the block's trailing length does not match its header");
        auto r = parseMetadataBlock(type, m_pos, m_bytes.subspan(m_pos + 8, len - 12));
        if (!r)
            return r;
        m_pos += len;
    }
    m_meta.firstEventOffset = m_pos;
    return {};
}

Result<void> CaptureReader::parseMetadataBlock(uint32_t type, uint64_t off, std::span<const uint8_t> body)
{
    ByteCursor c(body);
    if (type == kBlockMi || type == kBlockMiInt) {
        MachineInfo& m = m_meta.machine;
        m.numCpus = c.read<uint32_t>();
        m.memorySizeBytes = c.read<uint64_t>();
        m.maxPid = c.read<uint64_t>();
        std::string host = c.bytes(128);
        m.hostname = host.substr(0, host.find('\0'));
        m.bootTsEpoch = c.read<uint64_t>();
        if (c.failed())
            return corruptAt(off, "machine info block is too short");
        m.present = true;
        return {};
    }
    if (int v = procListVersion(type)) {
        while (c.remaining() >= 4) {
            if (v >= 9) {
                size_t start = c.pos();
                uint32_t entryLen = c.read<uint32_t>();
                if (entryLen < 4 || entryLen > c.remaining() + 4)
                    return corruptAt(off, "process entry at body offset " + std::to_string(start) + " has length " +
                                              std::to_string(entryLen));
                ByteCursor e(body.subspan(start + 4, entryLen - 4));
                ProcEntry p = parseProc(e, v);
                if (e.failed())
                    return corruptAt(off, "process entry at body offset " + std::to_string(start) + " is malformed");
                m_meta.procs.push_back(std::move(p));
                c.seek(start + entryLen);
            } else {
                ProcEntry p = parseProc(c, v);
                if (c.failed())
                    return corruptAt(off, "process list entry overruns the block");
                m_meta.procs.push_back(std::move(p));
            }
        }
        return {};
    }
    if (type == kBlockFdl || type == kBlockFdlInt || type == kBlockFdlV2) {
        const bool v2 = type == kBlockFdlV2;
        FdListBlock list;
        list.tid = c.read<uint64_t>();
        if (c.failed())
            return corruptAt(off, "fd list block is too short");
        while (c.remaining() >= 4) {
            size_t start = c.pos();
            size_t end = body.size();
            if (v2) {
                uint32_t entryLen = c.read<uint32_t>();
                if (entryLen < 4 || entryLen > c.remaining() + 4)
                    return corruptAt(off, "fd entry at body offset " + std::to_string(start) + " has length " +
                                              std::to_string(entryLen));
                end = start + entryLen;
            }
            FdEntry e;
            e.fd = c.read<int64_t>();
            e.ino = c.read<uint64_t>();
            e.type = FdType(c.read<uint8_t>());
            if (c.failed() || !parseFdPayload(c, e, end, v2))
                return corruptAt(off, "fd entry at body offset " + std::to_string(start) + " is malformed");
            list.fds.push_back(std::move(e));
            if (v2)
                c.seek(end);
        }
        m_meta.fdLists.push_back(std::move(list));
        return {};
    }
    if (type == kBlockIl || type == kBlockIlInt || type == kBlockIlV2) {
        const bool v2 = type == kBlockIlV2;
        std::vector<InterfaceEntry> list;
        while (c.remaining() >= 4) {
            size_t start = c.pos();
            size_t end = 0;
            if (v2) {
                uint32_t entryLen = c.read<uint32_t>(); // excludes its own 4 bytes
                if (entryLen > c.remaining())
                    return corruptAt(off, "interface entry overruns the block");
                end = c.pos() + entryLen;
            }
            InterfaceEntry e;
            e.type = c.read<uint16_t>();
            uint16_t nameLen = c.read<uint16_t>();
            bool v6 = e.type == 2 || e.type == 4;
            if (e.type < 1 || e.type > 4)
                return corruptAt(off, "unknown interface entry type " + std::to_string(e.type));
            size_t alen = v6 ? 16 : 4;
            c.copy(e.addr.data(), alen);
            c.copy(e.netmask.data(), alen);
            c.copy(e.bcast.data(), alen);
            if (e.type <= 2)
                e.linkspeed = c.read<uint64_t>();
            e.name = c.bytes(nameLen);
            if (c.failed())
                return corruptAt(off, "interface entry at body offset " + std::to_string(start) + " is malformed");
            list.push_back(std::move(e));
            if (v2)
                c.seek(end);
        }
        m_meta.interfaces = std::move(list);
        return {};
    }
    if (type == kBlockUl || type == kBlockUlInt || type == kBlockUlV2) {
        const bool v2 = type == kBlockUlV2;
        std::vector<UserEntry> users;
        std::vector<GroupEntry> groups;
        while (c.remaining() >= 4) {
            size_t start = c.pos();
            size_t end = 0;
            if (v2) {
                uint32_t entryLen = c.read<uint32_t>(); // includes its own 4 bytes
                if (entryLen < 4 || entryLen > c.remaining() + 4)
                    return corruptAt(off, "user entry overruns the block");
                end = start + entryLen;
            }
            uint8_t kind = c.read<uint8_t>();
            if (kind == 0) {
                UserEntry u;
                u.uid = c.read<uint32_t>();
                u.gid = c.read<uint32_t>();
                u.name = c.str16();
                u.homedir = c.str16();
                u.shell = c.str16();
                users.push_back(std::move(u));
            } else {
                GroupEntry g;
                g.gid = c.read<uint32_t>();
                g.name = c.str16();
                groups.push_back(std::move(g));
            }
            if (c.failed())
                return corruptAt(off, "user entry at body offset " + std::to_string(start) + " is malformed");
            if (v2)
                c.seek(end);
        }
        m_meta.users = std::move(users);
        m_meta.groups = std::move(groups);
        return {};
    }
    return {}; // unknown block: skipped by its length
}

namespace {

// The sum of an event's first n parameter lengths (u16 or u32 each).
uint64_t sumLens(const uint8_t* lens, uint32_t n, bool large)
{
    uint64_t sum = 0;
    if (large)
        for (uint32_t i = 0; i < n; ++i)
            sum += readLe<uint32_t>(lens + 4 * i);
    else
        for (uint32_t i = 0; i < n; ++i)
            sum += readLe<uint16_t>(lens + 2 * i);
    return sum;
}

} // namespace

// Inlined into next(): one call per event instead of two on the hottest path.
[[gnu::always_inline]] inline CaptureReader::EventParse CaptureReader::parseEvent(std::span<const uint8_t> bytes,
                                                                                  uint64_t off, uint32_t type,
                                                                                  uint32_t total, RawEvent& ev,
                                                                                  std::string* why)
{
    const uint8_t* b = bytes.data() + off;
    bool flagged = true, v2 = true; // the flagged v2 blocks (callers pass event blocks only)
    switch (type) {
    case kBlockEv:
    case kBlockEvInt: flagged = v2 = false; break;
    case kBlockEvf: v2 = false; break;
    case kBlockEvV2:
    case kBlockEvV2Large: flagged = false; break;
    default: break;
    }
    const uint32_t hdr = v2 ? kEventHeaderV2 : kEventHeaderV1;
    uint32_t pre = 2 + (flagged ? 4 : 0);
    uint32_t body = total - 12; // the trailer is not part of the event
    if (body < pre + hdr) {
        if (why)
            *why = "event block too short for an event header";
        return EventParse::kBad;
    }
    const uint8_t* e = b + 8 + pre;
    ev.offset = off;
    ev.cpu = readLe<uint16_t>(b + 8);
    ev.dumpFlags = flagged ? readLe<uint32_t>(b + 10) : 0;
    ev.ts = readLe<uint64_t>(e);
    ev.tid = readLe<uint64_t>(e + 8);
    ev.len = readLe<uint32_t>(e + 16);
    ev.type = readLe<uint16_t>(e + 20);
    // Pcapng options may follow the event inside the block, so the event must only fit, not fill it.
    if (ev.len < hdr || ev.len > body - pre) {
        if (why)
            *why = "event length " + std::to_string(ev.len) + " does not fit its block";
        return EventParse::kBad;
    }
    const EventInfo* info = eventInfo(ev.type);
    if (!info)
        return EventParse::kSkip;
    ev.largeLens = (info->flags & kEfLargePayload) != 0;
    const uint32_t lw = ev.largeLens ? 4 : 2;
    if (v2) {
        ev.nparams = readLe<uint32_t>(e + 22);
        uint64_t lensEnd = uint64_t(hdr) + uint64_t(ev.nparams) * lw;
        if (lensEnd > ev.len) {
            if (why)
                *why = "parameter lengths overrun the event";
            return EventParse::kBad;
        }
        ev.lens = e + hdr;
        ev.data = e + lensEnd;
        if (lensEnd + sumLens(ev.lens, ev.nparams, ev.largeLens) > ev.len) {
            if (why)
                *why = "parameters overrun the event";
            return EventParse::kBad;
        }
        return EventParse::kOk;
    }
    // v1: the parameter count is not stored; find the largest count <= the table's whose lengths add up to
    // the event length (old drivers wrote fewer parameters than the table lists).
    uint32_t target = ev.len;
    if (ev.type == 280 || ev.type == 286)
        target = target >= 3 ? target - 3 : 0; // old writers stored these two lengths 3 bytes too long
    ev.lens = e + hdr;
    for (int n = int(info->params.size()); n >= 0; --n) {
        uint64_t lensEnd = uint64_t(hdr) + uint64_t(n) * lw;
        if (lensEnd > ev.len)
            continue;
        ev.nparams = uint32_t(n);
        const uint64_t sum = sumLens(ev.lens, uint32_t(n), ev.largeLens);
        if (lensEnd + sum == target) {
            ev.data = e + lensEnd;
            return EventParse::kOk;
        }
        if (lensEnd + sum < target)
            break;
    }
    if (why)
        *why = "no parameter count of event type " + std::to_string(ev.type) + " matches its length";
    return EventParse::kBad;
}

bool CaptureReader::eventAt(std::span<const uint8_t> bytes, uint64_t offset, RawEvent& ev)
{
    if (offset + 12 > bytes.size())
        return false;
    uint32_t type = readLe<uint32_t>(bytes.data() + offset);
    uint32_t total = readLe<uint32_t>(bytes.data() + offset + 4);
    if (!isEventBlock(type) || total < 12 || total > bytes.size() - offset)
        return false;
    return parseEvent(bytes, offset, type, total, ev, nullptr) == EventParse::kOk;
}

CaptureReader::Step CaptureReader::next(RawEvent& ev)
{
    const uint64_t size = m_bytes.size();
    for (;;) {
        if (m_pos >= size)
            return Step::kEnd;
        if (size - m_pos < 8) {
            m_error = truncatedAt(size, m_pos, 12);
            return Step::kError;
        }
        const uint8_t* h = m_bytes.data() + m_pos;
        uint32_t type = readLe<uint32_t>(h);
        uint32_t total = readLe<uint32_t>(h + 4);
        // Files use one or two event block types throughout: a repeat needs no check against the seven.
        if (type != m_lastEventBlock && !isEventBlock(type)) {
            if (type == kBlockShb) {
                auto r = readSection();
                if (!r) {
                    m_error = r.error();
                    return Step::kError;
                }
                return Step::kNewSection;
            }
            m_error = corruptAt(m_pos, "unexpected block type " + hex(type) + " among the events");
            return Step::kError;
        }
        if (total < 12 || total % 4 != 0) {
            m_error = corruptAt(m_pos, "block length " + std::to_string(total) + " is invalid");
            return Step::kError;
        }
        if (total > size - m_pos) {
            m_error = truncatedAt(size, m_pos, total);
            return Step::kError;
        }
        EventParse p = parseEvent(m_bytes, m_pos, type, total, ev, nullptr);
        if (p == EventParse::kBad) {
            std::string why; // parsed again for the reason: the common path builds no string
            parseEvent(m_bytes, m_pos, type, total, ev, &why);
            m_error = corruptAt(m_pos, why);
            return Step::kError;
        }
        m_lastEventBlock = type;
        m_pos += total;
        if (p == EventParse::kSkip) {
            ++m_skippedUnknown;
            continue;
        }
        return Step::kEvent;
    }
}

} // namespace syscope::format
