// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Writes a live capture to one file, or to a ring of files as sysdig's -C/-W/-G/-e do: a new file starts when
// the current one reaches a size (in 10^6 bytes), an age or an event count; file names get a counter starting
// at 0 (or, with -G and a strftime pattern in the name, the local time); with a file count (-W) the oldest
// files are reused or removed. Every file is a complete capture: it starts with a header describing the
// processes and fds as they are when it is opened (the caller's header source, typically a /proc scan).
//
// A header describes the moment its scan started, so each file holds exactly the events from that moment on:
// events older than the first scan are not written (the scan already shows their effect, and a process that
// exited before it would appear in them without a description), and at a rotation the events older than the
// new scan still go to the old file. Readers then meet no thread the header or a clone event did not describe.
// Thread affinity: one thread.
#include "base/result.h"
#include "format/capture_metadata.h"
#include "format/capture_writer.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <string>

namespace syscope::live {

class CaptureFileCycler {
public:
    struct Options {
        std::string path; // "-": standard output (no rotation)
        format::Compression compression = format::Compression::kNone;
        int level = 0;               // compression level (0: the writer's default)
        uint64_t maxFileBytes = 0;   // -C, in bytes (0: no limit)
        uint32_t maxFiles = 0;       // -W (0: unlimited)
        uint64_t maxFileSeconds = 0; // -G (0: no limit)
        uint64_t maxFileEvents = 0;  // -e (0: no limit)
    };
    using HeaderSource = std::function<Result<format::CaptureMetadata>()>;
    // The current time in the clock of the event timestamps (ns since the epoch).
    using Clock = std::function<uint64_t()>;

    CaptureFileCycler(Options options, HeaderSource header, Clock clock)
        : m_options(std::move(options)), m_header(std::move(header)), m_clock(std::move(clock))
    {}

    // Opens the first file and writes its header.
    Result<void> open(uint64_t nowNs);
    // Writes one encoded event record, starting a new file first when the current one is full or old.
    Result<void> writeEncodedEvent(uint16_t cpu, std::span<const uint8_t> event, uint64_t nowNs);
    Result<void> flush();
    Result<void> close();

    bool rotating() const;
    bool hasBuffered() const { return m_writer.bufferedBytes() > 0; }
    uint64_t eventsWritten() const { return m_events; }
    // Events older than the first header's scan, left out.
    uint64_t eventsBeforeStart() const { return m_beforeStart; }
    uint64_t bytesWritten() const { return m_bytesDone + m_writer.fileBytes(); }
    uint32_t filesWritten() const { return m_files; }
    const std::string& currentPath() const { return m_current; }

private:
    std::string nextName(uint64_t nowNs) const;
    // Scans for the next file's header; the file starts with the first event at or after the scan.
    Result<void> prepareFile();
    Result<void> startFile(uint64_t nowNs);

    Options m_options;
    HeaderSource m_header;
    Clock m_clock;
    format::CaptureWriter m_writer;
    std::optional<format::CaptureMetadata> m_pending; // the next file's header, scanned but not written yet
    uint64_t m_boundaryTs = 0;                        // when m_pending's scan started
    uint64_t m_beforeStart = 0;
    std::string m_current;
    std::deque<std::string> m_written; // names in use, oldest first (for -W with time-based names)
    uint64_t m_fileStartNs = 0;
    uint64_t m_fileEvents = 0;
    uint64_t m_events = 0;
    uint64_t m_bytesDone = 0; // bytes of files already closed
    uint32_t m_files = 0;
};

} // namespace syscope::live
