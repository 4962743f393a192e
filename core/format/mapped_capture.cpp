// SPDX-License-Identifier: GPL-3.0-or-later
#include "format/mapped_capture.h"

#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace syscope::format {
namespace {

struct Fd {
    int fd = -1;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

std::string sysError(const std::string& what, const std::string& path)
{
    return what + " " + path + ": " + std::strerror(errno);
}

// An anonymous file beside the other temporaries: it vanishes with the last descriptor, so a crash leaves no
// spool behind.
int makeSpool()
{
    const char* dir = std::getenv("TMPDIR");
    std::string base = dir && *dir ? dir : "/tmp";
    int fd = ::open(base.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0)
        return fd;
    std::string tmpl = base + "/syscope-spool-XXXXXX";
    fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd >= 0)
        ::unlink(tmpl.c_str());
    return fd;
}

bool writeAll(int fd, const void* data, size_t n)
{
    auto* p = static_cast<const char*>(data);
    while (n > 0) {
        ssize_t w = ::write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= size_t(w);
    }
    return true;
}

// Decompresses a gzip stream (all members, as zlib's reader does) into spoolFd. Returns a message when the
// stream is damaged or ends early; what was decompressed before that stays in the spool.
std::optional<std::string> gunzipInto(std::span<const uint8_t> in, int spoolFd, bool& ioFailed)
{
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 32) != Z_OK)
        return "zlib initialisation failed";
    std::vector<uint8_t> out(1 << 20);
    // zlib counts input in 32-bit units: feed captures over 4 GiB in slices.
    size_t fed = std::min<size_t>(in.size(), UINT32_MAX);
    zs.next_in = const_cast<Bytef*>(in.data());
    zs.avail_in = uInt(fed);
    std::optional<std::string> problem;
    for (;;) {
        if (zs.avail_in == 0 && fed < in.size()) {
            size_t more = std::min<size_t>(in.size() - fed, UINT32_MAX);
            zs.next_in = const_cast<Bytef*>(in.data() + fed);
            zs.avail_in = uInt(more);
            fed += more;
        }
        zs.next_out = out.data();
        zs.avail_out = uInt(out.size());
        int rc = inflate(&zs, Z_NO_FLUSH);
        size_t produced = out.size() - zs.avail_out;
        if (produced && !writeAll(spoolFd, out.data(), produced)) {
            ioFailed = true;
            problem = "cannot write the decompression spool";
            break;
        }
        if (rc == Z_STREAM_END) {
            // Another member may follow (concatenated gzip files read as one stream).
            size_t used = size_t(zs.next_in - in.data());
            if (used >= in.size() || in[used] != 0x1f)
                break;
            inflateReset(&zs);
            continue;
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0 && fed == in.size()) {
            problem = "compressed stream ends early at compressed byte " + std::to_string(zs.total_in);
            break;
        }
        if (rc != Z_OK) {
            problem = std::string("gzip data is corrupt near compressed byte ") + std::to_string(zs.total_in) +
                      (zs.msg ? std::string(" (") + zs.msg + ")" : std::string());
            break;
        }
        if (zs.avail_in == 0 && zs.avail_out != 0 && fed == in.size()) {
            problem = "compressed stream ends early at compressed byte " + std::to_string(zs.total_in);
            break;
        }
    }
    inflateEnd(&zs);
    return problem;
}

std::optional<std::string> unzstdInto(std::span<const uint8_t> in, int spoolFd, bool& ioFailed)
{
    ZSTD_DStream* ds = ZSTD_createDStream();
    if (!ds)
        return "zstd initialisation failed";
    std::vector<uint8_t> out(ZSTD_DStreamOutSize());
    ZSTD_inBuffer ib{in.data(), in.size(), 0};
    size_t last = 1;
    std::optional<std::string> problem;
    while (ib.pos < ib.size) {
        ZSTD_outBuffer ob{out.data(), out.size(), 0};
        last = ZSTD_decompressStream(ds, &ob, &ib);
        if (ob.pos && !writeAll(spoolFd, out.data(), ob.pos)) {
            ioFailed = true;
            problem = "cannot write the decompression spool";
            break;
        }
        if (ZSTD_isError(last)) {
            problem = std::string("zstd data is corrupt near compressed byte ") + std::to_string(ib.pos) + " (" +
                      ZSTD_getErrorName(last) + ")";
            break;
        }
    }
    if (!problem && last != 0) {
        // Flush what is still buffered, then report the early end.
        for (;;) {
            ZSTD_outBuffer ob{out.data(), out.size(), 0};
            size_t r = ZSTD_decompressStream(ds, &ob, &ib);
            if (ob.pos)
                writeAll(spoolFd, out.data(), ob.pos);
            if (ZSTD_isError(r) || ob.pos == 0)
                break;
        }
        problem = "compressed stream ends early at compressed byte " + std::to_string(in.size());
    }
    ZSTD_freeDStream(ds);
    return problem;
}

} // namespace

MappedCapture::~MappedCapture()
{
    if (m_mapSize)
        ::munmap(const_cast<uint8_t*>(m_data), m_mapSize);
}

std::unique_ptr<MappedCapture> MappedCapture::fromMemory(std::span<const uint8_t> bytes)
{
    std::unique_ptr<MappedCapture> c(new MappedCapture());
    c->m_data = bytes.data();
    c->m_size = bytes.size();
    return c;
}

void MappedCapture::advise(uint64_t offset, uint64_t length, int advice) const
{
    if (m_mapSize == 0 || offset >= m_size)
        return;
    const uint64_t page = 4096;
    const uint64_t begin = offset & ~(page - 1);
    const uint64_t end = std::min<uint64_t>(offset + length, m_size);
    ::madvise(const_cast<uint8_t*>(m_data) + begin, size_t(end - begin), advice);
}

void MappedCapture::prefault(uint64_t offset, uint64_t length) const
{
#ifndef MADV_POPULATE_READ
    constexpr int MADV_POPULATE_READ = 22; // Linux 5.14; older kernels refuse it with EINVAL
#endif
    advise(offset, length, MADV_POPULATE_READ);
}

void MappedCapture::willNeed(uint64_t offset, uint64_t length) const { advise(offset, length, MADV_WILLNEED); }

Result<std::unique_ptr<MappedCapture>> MappedCapture::open(const std::string& path)
{
    Fd in{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (in.fd < 0)
        return makeError(ErrorCode::kIo, sysError("cannot open", path));
    struct stat st {};
    if (::fstat(in.fd, &st) != 0)
        return makeError(ErrorCode::kIo, sysError("cannot stat", path));
    if (S_ISDIR(st.st_mode))
        return makeError(ErrorCode::kIo, path + " is a directory");
    std::unique_ptr<MappedCapture> c(new MappedCapture());
    if (st.st_size == 0)
        return c; // an empty file: the reader reports it as "not a capture"
    size_t size = size_t(st.st_size);
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, in.fd, 0);
    if (map == MAP_FAILED)
        return makeError(ErrorCode::kIo, sysError("cannot map", path));
    auto* bytes = static_cast<const uint8_t*>(map);
    bool gzip = size >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
    bool zstd = size >= 4 && bytes[0] == 0x28 && bytes[1] == 0xb5 && bytes[2] == 0x2f && bytes[3] == 0xfd;
    if (!gzip && !zstd) {
        ::madvise(map, size, MADV_SEQUENTIAL);
        c->m_data = bytes;
        c->m_size = c->m_mapSize = size;
        return c;
    }
    Fd spool{makeSpool()};
    if (spool.fd < 0) {
        ::munmap(map, size);
        return makeError(ErrorCode::kIo,
                         "cannot create a decompression spool file: " + std::string(std::strerror(errno)));
    }
    bool ioFailed = false;
    std::span<const uint8_t> in_bytes(bytes, size);
    auto problem = gzip ? gunzipInto(in_bytes, spool.fd, ioFailed) : unzstdInto(in_bytes, spool.fd, ioFailed);
    ::munmap(map, size);
    if (ioFailed)
        return makeError(ErrorCode::kIo, *problem + ": " + std::strerror(errno));
    c->m_compression = gzip ? Compression::kGzip : Compression::kZstd;
    if (problem)
        c->m_decompressError = makeError(ErrorCode::kTruncated, *problem);
    off_t spoolSize = ::lseek(spool.fd, 0, SEEK_END);
    if (spoolSize <= 0)
        return c;
    void* smap = ::mmap(nullptr, size_t(spoolSize), PROT_READ, MAP_PRIVATE, spool.fd, 0);
    if (smap == MAP_FAILED)
        return makeError(ErrorCode::kIo, sysError("cannot map the decompression spool of", path));
    ::madvise(smap, size_t(spoolSize), MADV_SEQUENTIAL);
    c->m_data = static_cast<const uint8_t*>(smap);
    c->m_size = c->m_mapSize = size_t(spoolSize);
    return c;
}

} // namespace syscope::format
