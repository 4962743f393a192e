// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/spool_follower.h"

#include "format/block_types.h"
#include "format/capture_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace syscope::live {
namespace {

// Address space reserved for the file to grow into. Only the pages of the file as it stands are ever touched
// (touching past its end would fault), so the reservation costs nothing but addresses.
constexpr size_t kReserve = size_t(1) << 40;

} // namespace

SpoolFollower::~SpoolFollower()
{
    if (m_base)
        ::munmap(const_cast<uint8_t*>(m_base), m_reserved);
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<std::unique_ptr<SpoolFollower>> SpoolFollower::open(const std::string& path)
{
    std::unique_ptr<SpoolFollower> f(new SpoolFollower());
    f->m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (f->m_fd < 0)
        return makeError(ErrorCode::kIo, "cannot open " + path + ": " + std::strerror(errno));
    void* map = ::mmap(nullptr, kReserve, PROT_READ, MAP_SHARED | MAP_NORESERVE, f->m_fd, 0);
    if (map == MAP_FAILED)
        return makeError(ErrorCode::kIo, "cannot map " + path + ": " + std::strerror(errno));
    f->m_base = static_cast<const uint8_t*>(map);
    f->m_reserved = kReserve;
    f->refresh();
    return f;
}

void SpoolFollower::refresh()
{
    struct stat st {};
    if (::fstat(m_fd, &st) == 0 && size_t(st.st_size) > m_size)
        m_size = std::min(size_t(st.st_size), m_reserved);
}

SpoolFollower::Step SpoolFollower::readHeader(bool writerDone)
{
    if (m_headerDone)
        return Step::kReady;
    refresh();
    if (m_size < 4)
        return writerDone ? (m_error = makeError(ErrorCode::kNotCapture, "the capture is empty"), Step::kError)
                          : Step::kWait;
    format::CaptureReader reader(bytes());
    auto r = reader.open();
    if (!r) {
        if (r.error().code == ErrorCode::kTruncated && !writerDone)
            return Step::kWait;
        m_error = r.error();
        return Step::kError;
    }
    const auto& meta = reader.metadata();
    // The header is complete once an event block follows it; a writer that finished may have written none.
    const uint64_t first = meta.firstEventOffset;
    if (!writerDone && (first + 8 > m_size || !format::isEventBlock(format::readLe<uint32_t>(m_base + first))))
        return Step::kWait;
    m_meta = meta;
    m_pos = first;
    m_headerDone = true;
    return Step::kReady;
}

SpoolFollower::Next SpoolFollower::next(format::RawEvent& ev, bool writerDone)
{
    for (;;) {
        if (m_size - m_pos < 8)
            refresh();
        if (m_size - m_pos < 8)
            return writerDone ? Next::kEnd : Next::kWait;
        const uint32_t type = format::readLe<uint32_t>(m_base + m_pos);
        const uint32_t total = format::readLe<uint32_t>(m_base + m_pos + 4);
        if (!format::isEventBlock(type) || total < 12 || total % 4) {
            m_error =
                makeError(ErrorCode::kCorrupt, "unexpected block at offset " + std::to_string(m_pos), int64_t(m_pos));
            return Next::kError;
        }
        if (m_size - m_pos < total) {
            refresh();
            if (m_size - m_pos < total)
                return writerDone ? Next::kEnd : Next::kWait;
        }
        const uint64_t at = m_pos;
        m_pos += total;
        if (format::CaptureReader::eventAt(bytes(), at, ev))
            return Next::kEvent;
        // An event type beyond the schema: skipped, as every reader does.
    }
}

} // namespace syscope::live
