// SPDX-License-Identifier: GPL-3.0-or-later
#include "format/capture_writer.h"

#include "format/block_types.h"
#include "format/event_schema.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace syscope::format {
namespace {

// MI body size: fixed since the first release (scap-format.md 1.6).
constexpr size_t kMachineInfoBody = 180;
constexpr size_t kHostnameField = 128;

template <typename T>
void put(std::vector<uint8_t>& b, T v)
{
    uint8_t tmp[sizeof(T)];
    std::memcpy(tmp, &v, sizeof(T));
    b.insert(b.end(), tmp, tmp + sizeof(T));
}

void putBytes(std::vector<uint8_t>& b, const void* p, size_t n)
{
    auto* c = static_cast<const uint8_t*>(p);
    b.insert(b.end(), c, c + n);
}

// str16: u16 length, bytes, no NUL. Longer strings are cut: libscap refuses them anyway.
void putStr16(std::vector<uint8_t>& b, const std::string& s, size_t limit)
{
    size_t n = std::min(s.size(), limit);
    put<uint16_t>(b, uint16_t(n));
    putBytes(b, s.data(), n);
}

void patchU32(std::vector<uint8_t>& b, size_t at, uint32_t v) { std::memcpy(b.data() + at, &v, 4); }

// Limits libscap applies when reading metadata strings (scap-format.md 1.9, 1.10).
constexpr size_t kPathLimit = 1024;
constexpr size_t kMultiStringLimit = 4096;

void procEntry(std::vector<uint8_t>& b, const ProcEntry& p)
{
    size_t start = b.size();
    put<uint32_t>(b, 0); // entry_len, patched below
    put(b, p.tid);
    put(b, p.pid);
    put(b, p.ptid);
    put(b, p.sid);
    put(b, p.vpgid);
    putStr16(b, p.comm, kPathLimit);
    putStr16(b, p.exe, kPathLimit);
    putStr16(b, p.exepath, kPathLimit);
    putStr16(b, p.args, kMultiStringLimit);
    putStr16(b, p.cwd, kPathLimit);
    put(b, p.fdlimit);
    put(b, p.flags);
    put(b, p.uid);
    put(b, p.gid);
    put(b, p.vmsizeKb);
    put(b, p.vmrssKb);
    put(b, p.vmswapKb);
    put(b, p.pfmajor);
    put(b, p.pfminor);
    putStr16(b, p.env, kMultiStringLimit);
    put(b, p.vtid);
    put(b, p.vpid);
    putStr16(b, p.cgroups, kMultiStringLimit);
    putStr16(b, p.root, kPathLimit);
    // The tail is loginuid alone: a tail of at most 29 bytes is read as the pre-0.10 layout by every libscap,
    // while the newer layout (pidns_init_start_ts and tty first) would be misread by sysdig 0.29.3.
    put(b, p.loginuid);
    patchU32(b, start, uint32_t(b.size() - start));
}

void fdEntry(std::vector<uint8_t>& b, const FdEntry& e)
{
    size_t start = b.size();
    put<uint32_t>(b, 0);
    put(b, e.fd);
    put(b, e.ino);
    put(b, uint8_t(e.type));
    switch (e.type) {
    case FdType::kIpv4Sock:
        putBytes(b, e.sip.data(), 4);
        putBytes(b, e.dip.data(), 4);
        put(b, e.sport);
        put(b, e.dport);
        put(b, uint8_t(e.l4proto));
        break;
    case FdType::kIpv6Sock:
        putBytes(b, e.sip.data(), 16);
        putBytes(b, e.dip.data(), 16);
        put(b, e.sport);
        put(b, e.dport);
        put(b, uint8_t(e.l4proto));
        break;
    case FdType::kIpv4ServSock:
        putBytes(b, e.sip.data(), 4);
        put(b, e.sport);
        put(b, uint8_t(e.l4proto));
        break;
    case FdType::kIpv6ServSock:
        putBytes(b, e.sip.data(), 16);
        put(b, e.sport);
        put(b, uint8_t(e.l4proto));
        break;
    case FdType::kUnixSock:
        put(b, e.unixSource);
        put(b, e.unixDest);
        putStr16(b, e.name, kPathLimit);
        break;
    case FdType::kFileV2:
        put(b, e.openFlags);
        putStr16(b, e.name, kPathLimit);
        put(b, e.dev);
        break;
    default: putStr16(b, e.name, kPathLimit); break;
    }
    patchU32(b, start, uint32_t(b.size() - start));
}

void interfaceEntry(std::vector<uint8_t>& b, const InterfaceEntry& e)
{
    size_t start = b.size();
    put<uint32_t>(b, 0); // entry_len excluding itself
    put(b, e.type);
    size_t nameLen = std::min<size_t>(e.name.size(), 0xffff);
    put<uint16_t>(b, uint16_t(nameLen));
    size_t alen = (e.type == 2 || e.type == 4) ? 16 : 4;
    putBytes(b, e.addr.data(), alen);
    putBytes(b, e.netmask.data(), alen);
    putBytes(b, e.bcast.data(), alen);
    if (e.type == 1 || e.type == 2)
        put(b, e.linkspeed);
    putBytes(b, e.name.data(), nameLen);
    patchU32(b, start, uint32_t(b.size() - start - 4));
}

std::string errnoText(int err) { return std::strerror(err); }

} // namespace

// Turns one flush worth of blocks into one self-contained gzip member or zstd frame.
class CaptureCodec {
public:
    virtual ~CaptureCodec() = default;
    virtual bool compress(std::span<const uint8_t> in, std::vector<uint8_t>& out, std::string& why) = 0;
};

namespace {

class GzipCodec final : public CaptureCodec {
public:
    explicit GzipCodec(int level) : m_level(level) {}
    ~GzipCodec() override
    {
        if (m_ready)
            deflateEnd(&m_zs);
    }
    bool compress(std::span<const uint8_t> in, std::vector<uint8_t>& out, std::string& why) override
    {
        if (!m_ready) {
            // windowBits 15 + 16: a gzip wrapper, so every member carries its own header and CRC trailer.
            if (deflateInit2(&m_zs, m_level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
                why = "zlib initialisation failed";
                return false;
            }
            m_ready = true;
        } else {
            deflateReset(&m_zs);
        }
        out.resize(deflateBound(&m_zs, uLong(in.size())) + 64);
        m_zs.next_in = const_cast<Bytef*>(in.data());
        m_zs.avail_in = uInt(in.size());
        m_zs.next_out = out.data();
        m_zs.avail_out = uInt(out.size());
        int rc = deflate(&m_zs, Z_FINISH);
        if (rc != Z_STREAM_END) {
            why = std::string("gzip compression failed") + (m_zs.msg ? std::string(": ") + m_zs.msg : std::string());
            return false;
        }
        out.resize(out.size() - m_zs.avail_out);
        return true;
    }

private:
    z_stream m_zs{};
    int m_level;
    bool m_ready = false;
};

class ZstdCodec final : public CaptureCodec {
public:
    explicit ZstdCodec(int level) : m_level(level) {}
    ~ZstdCodec() override { ZSTD_freeCCtx(m_cctx); }
    bool compress(std::span<const uint8_t> in, std::vector<uint8_t>& out, std::string& why) override
    {
        if (!m_cctx) {
            m_cctx = ZSTD_createCCtx();
            if (!m_cctx) {
                why = "zstd initialisation failed";
                return false;
            }
            ZSTD_CCtx_setParameter(m_cctx, ZSTD_c_compressionLevel, m_level);
            ZSTD_CCtx_setParameter(m_cctx, ZSTD_c_checksumFlag, 1);
        }
        out.resize(ZSTD_compressBound(in.size()));
        size_t n = ZSTD_compress2(m_cctx, out.data(), out.size(), in.data(), in.size());
        if (ZSTD_isError(n)) {
            why = std::string("zstd compression failed: ") + ZSTD_getErrorName(n);
            return false;
        }
        out.resize(n);
        return true;
    }

private:
    ZSTD_CCtx* m_cctx = nullptr;
    int m_level;
};

} // namespace

CaptureWriter::CaptureWriter() = default;

CaptureWriter::~CaptureWriter() { (void)close(); }

bool CaptureWriter::isOpen() const { return m_fd >= 0; }

Result<void> CaptureWriter::open(const std::string& path, Compression compression, Options options)
{
    if (path == "-")
        return open(STDOUT_FILENO, compression, false, options);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return makeError(ErrorCode::kIo, "cannot create " + path + ": " + errnoText(errno));
    return open(fd, compression, true, options);
}

Result<void> CaptureWriter::open(int fd, Compression compression, bool takeOwnership, Options options)
{
    if (m_fd >= 0)
        return makeError(ErrorCode::kInvalidArgument, "the capture writer is already open");
    m_fd = fd;
    m_ownFd = takeOwnership;
    m_options = options;
    m_headerWritten = false;
    m_events = 0;
    m_failure.reset();
    m_buf.clear();
    m_buf.reserve(options.bufferSize + 4096);
    off_t pos = ::lseek(fd, 0, SEEK_CUR);
    m_goodOffset = pos > 0 ? uint64_t(pos) : 0;
    switch (compression) {
    case Compression::kNone: m_codec.reset(); break;
    case Compression::kGzip:
        m_codec = std::make_unique<GzipCodec>(options.level > 0 ? std::min(options.level, 9) : 3);
        break;
    case Compression::kZstd:
        m_codec = std::make_unique<ZstdCodec>(options.level > 0 ? std::min(options.level, 19) : 3);
        break;
    }
    return {};
}

Error CaptureWriter::fail(Error e)
{
    if (!m_failure)
        m_failure = e;
    return *m_failure;
}

Result<void> CaptureWriter::failedResult() const
{
    if (m_failure)
        return *m_failure;
    if (m_fd < 0)
        return makeError(ErrorCode::kInvalidArgument, "the capture writer is not open");
    return {};
}

Result<void> CaptureWriter::appendBlock(uint32_t type, std::span<const uint8_t> body)
{
    const uint32_t total = uint32_t((8 + body.size() + 4 + 3) & ~size_t(3));
    put(m_buf, type);
    put(m_buf, total);
    putBytes(m_buf, body.data(), body.size());
    m_buf.resize(m_buf.size() + (total - 12 - body.size()), 0);
    put(m_buf, total);
    return maybeFlush();
}

Result<void> CaptureWriter::writeHeader(const CaptureMetadata& meta)
{
    if (auto r = failedResult(); !r)
        return r;
    if (m_headerWritten)
        return makeError(ErrorCode::kInvalidArgument, "the capture header was already written");
    m_headerWritten = true;

    std::vector<uint8_t> body;
    // SHB: magic, version 1.2, section length unknown (-1), no options.
    put(body, kByteOrderMagic);
    put<uint16_t>(body, 1);
    put<uint16_t>(body, 2);
    put<int64_t>(body, -1);
    if (auto r = appendBlock(kBlockShb, body); !r)
        return r;

    body.clear();
    const MachineInfo& mi = meta.machine;
    put(body, mi.numCpus);
    put(body, mi.memorySizeBytes);
    put(body, mi.maxPid);
    char host[kHostnameField] = {};
    std::memcpy(host, mi.hostname.data(), std::min(mi.hostname.size(), kHostnameField - 1));
    putBytes(body, host, kHostnameField);
    put(body, mi.bootTsEpoch);
    body.resize(kMachineInfoBody, 0); // flags and two reserved words
    if (auto r = appendBlock(kBlockMi, body); !r)
        return r;

    if (!meta.interfaces.empty()) {
        body.clear();
        // IPv4 entries first, then IPv6, as libscap lists them.
        for (bool v6 : {false, true})
            for (const InterfaceEntry& e : meta.interfaces)
                if ((e.type == 2 || e.type == 4) == v6)
                    interfaceEntry(body, e);
        if (auto r = appendBlock(kBlockIlV2, body); !r)
            return r;
    }

    if (!meta.users.empty() || !meta.groups.empty()) {
        body.clear();
        for (const UserEntry& u : meta.users) {
            size_t start = body.size();
            put<uint32_t>(body, 0);
            put<uint8_t>(body, 0);
            put(body, u.uid);
            put(body, u.gid);
            putStr16(body, u.name, 255);
            putStr16(body, u.homedir, 1023);
            putStr16(body, u.shell, 1023);
            patchU32(body, start, uint32_t(body.size() - start));
        }
        for (const GroupEntry& g : meta.groups) {
            size_t start = body.size();
            put<uint32_t>(body, 0);
            put<uint8_t>(body, 1);
            put(body, g.gid);
            putStr16(body, g.name, 255);
            patchU32(body, start, uint32_t(body.size() - start));
        }
        if (auto r = appendBlock(kBlockUlV2, body); !r)
            return r;
    }

    if (!meta.procs.empty()) {
        body.clear();
        for (const ProcEntry& p : meta.procs)
            procEntry(body, p);
        if (auto r = appendBlock(kBlockPlV9, body); !r)
            return r;
    }

    for (const FdListBlock& list : meta.fdLists) {
        body.clear();
        put(body, list.tid);
        for (const FdEntry& e : list.fds)
            if (e.type != FdType::kUnknown)
                fdEntry(body, e);
        if (auto r = appendBlock(kBlockFdlV2, body); !r)
            return r;
    }
    return {};
}

Result<void> CaptureWriter::beginEventBlock(uint16_t cpu, uint32_t eventLen, uint16_t type, uint32_t flags)
{
    if (auto r = failedResult(); !r)
        return r;
    if (!m_headerWritten)
        return makeError(ErrorCode::kInvalidArgument, "events must follow the capture header");
    const EventInfo* info = eventInfo(type);
    const bool large = info && (info->flags & kEfLargePayload);
    const uint64_t total = 8 + ((uint64_t(2) + eventLen + 3) & ~uint64_t(3)) + (flags ? 4 : 0) + 4;
    if (!large && total - 8 > kMaxEventBlockBody)
        return makeError(ErrorCode::kInvalidArgument, "event of type " + std::to_string(type) +
                                                          " is too long for an event block (" +
                                                          std::to_string(eventLen) + " bytes)");
    if (total > UINT32_MAX)
        return makeError(ErrorCode::kInvalidArgument, "event too long");
    uint32_t blockType = large ? (flags ? kBlockEvfV2Large : kBlockEvV2Large) : (flags ? kBlockEvfV2 : kBlockEvV2);
    put(m_buf, blockType);
    put(m_buf, uint32_t(total));
    put(m_buf, cpu);
    if (flags)
        put(m_buf, flags);
    return {};
}

Result<void> CaptureWriter::finishEventBlock(size_t blockStart, uint32_t eventLen)
{
    // Padding as libscap computes it, from cpuid + event: the flags word does not change it.
    size_t pad = ((2 + size_t(eventLen) + 3) & ~size_t(3)) - (2 + size_t(eventLen));
    m_buf.resize(m_buf.size() + pad, 0);
    uint32_t total;
    std::memcpy(&total, m_buf.data() + blockStart + 4, 4);
    put(m_buf, total);
    ++m_events;
    return maybeFlush();
}

Result<void> CaptureWriter::writeEvent(uint16_t cpu, uint64_t ts, uint64_t tid, uint16_t type,
                                       std::span<const std::span<const uint8_t>> params, uint32_t flags)
{
    const EventInfo* info = eventInfo(type);
    const bool largeLens = info && (info->flags & kEfLargePayload);
    const uint32_t lw = largeLens ? 4 : 2;
    uint64_t len = kEventHeaderV2 + uint64_t(params.size()) * lw;
    for (auto p : params) {
        if (!largeLens && p.size() > 0xffff)
            return makeError(ErrorCode::kInvalidArgument, "parameter of " + std::to_string(p.size()) +
                                                              " bytes in an event of type " + std::to_string(type) +
                                                              " (16-bit lengths)");
        len += p.size();
    }
    if (len > UINT32_MAX)
        return makeError(ErrorCode::kInvalidArgument, "event too long");
    size_t blockStart = m_buf.size();
    if (auto r = beginEventBlock(cpu, uint32_t(len), type, flags); !r)
        return r;
    put(m_buf, ts);
    put(m_buf, tid);
    put(m_buf, uint32_t(len));
    put(m_buf, type);
    put(m_buf, uint32_t(params.size()));
    for (auto p : params) {
        if (largeLens)
            put(m_buf, uint32_t(p.size()));
        else
            put(m_buf, uint16_t(p.size()));
    }
    for (auto p : params)
        putBytes(m_buf, p.data(), p.size());
    return finishEventBlock(blockStart, uint32_t(len));
}

Result<void> CaptureWriter::writeEncodedEvent(uint16_t cpu, std::span<const uint8_t> event, uint32_t flags)
{
    if (event.size() < kEventHeaderV2)
        return makeError(ErrorCode::kInvalidArgument, "encoded event shorter than its header");
    uint32_t len;
    uint16_t type;
    std::memcpy(&len, event.data() + 16, 4);
    std::memcpy(&type, event.data() + 20, 2);
    if (len != event.size())
        return makeError(ErrorCode::kInvalidArgument, "encoded event says " + std::to_string(len) + " bytes but has " +
                                                          std::to_string(event.size()));
    size_t blockStart = m_buf.size();
    if (auto r = beginEventBlock(cpu, len, type, flags); !r)
        return r;
    putBytes(m_buf, event.data(), event.size());
    return finishEventBlock(blockStart, len);
}

Result<void> CaptureWriter::maybeFlush()
{
    if (m_buf.size() >= m_options.bufferSize)
        return flush();
    return {};
}

Result<void> CaptureWriter::writeOut(std::span<const uint8_t> bytes)
{
    const uint8_t* p = bytes.data();
    size_t n = bytes.size();
    while (n > 0) {
        ssize_t w = ::write(m_fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int err = w < 0 ? errno : ENOSPC;
            // Cut the file back to its last complete flush so that it ends with a whole block (or member).
            struct stat st {};
            if (::fstat(m_fd, &st) == 0 && S_ISREG(st.st_mode)) {
                if (::ftruncate(m_fd, off_t(m_goodOffset)) == 0)
                    ::lseek(m_fd, off_t(m_goodOffset), SEEK_SET);
            }
            m_buf.clear();
            return fail(
                makeError(ErrorCode::kIo, "cannot write the capture: " + errnoText(err), int64_t(m_goodOffset)));
        }
        p += w;
        n -= size_t(w);
    }
    m_goodOffset += bytes.size();
    return {};
}

Result<void> CaptureWriter::flush()
{
    if (auto r = failedResult(); !r)
        return r;
    if (m_buf.empty())
        return {};
    Result<void> r;
    if (m_codec) {
        std::string why;
        if (!m_codec->compress(m_buf, m_compressed, why)) {
            m_buf.clear();
            return fail(makeError(ErrorCode::kIo, why));
        }
        r = writeOut(m_compressed);
    } else {
        r = writeOut(m_buf);
    }
    m_buf.clear();
    return r;
}

Result<void> CaptureWriter::close()
{
    if (m_fd < 0)
        return m_failure ? Result<void>(*m_failure) : Result<void>();
    Result<void> r = m_failure ? Result<void>(*m_failure) : flush();
    if (m_ownFd && ::close(m_fd) != 0 && r.ok())
        r = fail(makeError(ErrorCode::kIo, "cannot close the capture: " + errnoText(errno)));
    m_fd = -1;
    m_codec.reset();
    m_buf.clear();
    m_buf.shrink_to_fit();
    return r;
}

} // namespace syscope::format
