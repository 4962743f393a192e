// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/capture_file_cycler.h"

#include <ctime>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace syscope::live {

bool CaptureFileCycler::rotating() const
{
    return m_options.path != "-" &&
           (m_options.maxFileBytes || m_options.maxFileSeconds || m_options.maxFileEvents || m_options.maxFiles);
}

std::string CaptureFileCycler::nextName(uint64_t nowNs) const
{
    if (!rotating())
        return m_options.path;
    if (m_options.maxFileSeconds && m_options.path.find('%') != std::string::npos) {
        time_t t = time_t(nowNs / 1000000000ull);
        tm local{};
        localtime_r(&t, &local);
        char buf[4096];
        size_t n = strftime(buf, sizeof buf, m_options.path.c_str(), &local);
        if (n > 0)
            return std::string(buf, n);
    }
    uint32_t index = m_files;
    if (m_options.maxFiles)
        index %= m_options.maxFiles;
    return m_options.path + std::to_string(index);
}

Result<void> CaptureFileCycler::prepareFile()
{
    m_boundaryTs = m_clock();
    auto meta = m_header();
    if (!meta)
        return meta.error();
    m_pending = std::move(*meta);
    return {};
}

Result<void> CaptureFileCycler::startFile(uint64_t nowNs)
{
    m_current = nextName(nowNs);
    auto r = m_writer.open(m_current, m_options.compression, format::CaptureWriter::Options{1 << 20, m_options.level});
    if (!r)
        return r;
    auto h = m_writer.writeHeader(*m_pending);
    m_pending.reset();
    if (!h)
        return h;
    // Hand the header to the file at once: a reader following the file sees the processes before any event.
    if (auto f = m_writer.flush(); !f)
        return f;
    if (m_options.maxFiles) {
        m_written.erase(std::remove(m_written.begin(), m_written.end(), m_current), m_written.end());
        m_written.push_back(m_current);
        while (m_written.size() > m_options.maxFiles) {
            ::unlink(m_written.front().c_str());
            m_written.pop_front();
        }
    }
    m_fileStartNs = nowNs;
    m_fileEvents = 0;
    ++m_files;
    return {};
}

Result<void> CaptureFileCycler::open(uint64_t nowNs)
{
    if (auto r = prepareFile(); !r)
        return r;
    return startFile(nowNs);
}

Result<void> CaptureFileCycler::writeEncodedEvent(uint16_t cpu, std::span<const uint8_t> event, uint64_t nowNs)
{
    uint64_t ts = 0;
    if (event.size() >= 8)
        std::memcpy(&ts, event.data(), 8);
    if (m_files == 1 && m_fileEvents == 0 && ts < m_boundaryTs) {
        ++m_beforeStart;
        return {};
    }
    if (rotating() && m_fileEvents > 0 && !m_pending) {
        bool full =
            (m_options.maxFileBytes && m_writer.fileBytes() + m_writer.bufferedBytes() >= m_options.maxFileBytes) ||
            (m_options.maxFileSeconds && nowNs - m_fileStartNs >= m_options.maxFileSeconds * 1000000000ull) ||
            (m_options.maxFileEvents && m_fileEvents >= m_options.maxFileEvents);
        if (full) {
            if (auto r = prepareFile(); !r)
                return r;
        }
    }
    if (m_pending && ts >= m_boundaryTs) {
        if (auto r = m_writer.close(); !r)
            return r;
        m_bytesDone += m_writer.fileBytes();
        if (auto r = startFile(nowNs); !r)
            return r;
    }
    if (auto r = m_writer.writeEncodedEvent(cpu, event); !r)
        return r;
    ++m_fileEvents;
    ++m_events;
    return {};
}

Result<void> CaptureFileCycler::flush() { return m_writer.flush(); }

Result<void> CaptureFileCycler::close() { return m_writer.close(); }

} // namespace syscope::live
