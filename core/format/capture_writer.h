// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one .scap writer: live capture, `-w`, export of subsets and merge all go through it. Writes what current
// libscap writes (scap-format.md 1.14): SHB 1.2, MI, IL_V2, UL_V2, one PL_V9, one FDL_V2 per fd list, then
// EV_V2 / EVF_V2 (or the LARGE variants for large-payload event types), optionally as a gzip or zstd stream.
//
// Blocks are buffered and only whole blocks are handed to the file. With compression every flush becomes one
// complete gzip member or zstd frame (readers continue across members and frames), so at every flush the file
// is a complete capture. When a write fails (ENOSPC, EIO, ...) the file is cut back to the end of the last
// complete flush and every later call returns that same Error: what was written before stays readable.
// Thread affinity: one thread at a time.
#include "base/result.h"
#include "format/capture_metadata.h"
#include "format/mapped_capture.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace syscope::format {

class CaptureCodec; // one gzip member / zstd frame per flush; internal to capture_writer.cpp

class CaptureWriter {
public:
    struct Options {
        // Uncompressed bytes gathered before they go to the file (and, compressed, the size of a member/frame).
        size_t bufferSize = 1 << 20;
        // zlib 1..9 or zstd 1..19; 0 chooses a fast default, since a live capture must keep up with the probe.
        int level = 0;
    };

    CaptureWriter();
    ~CaptureWriter(); // closes (flushing) if still open; errors are lost: call close() to see them
    CaptureWriter(const CaptureWriter&) = delete;
    CaptureWriter& operator=(const CaptureWriter&) = delete;

    // Creates (truncates) path. "-" writes to standard output.
    Result<void> open(const std::string& path, Compression compression, Options options);
    Result<void> open(const std::string& path, Compression compression) { return open(path, compression, Options{}); }
    // Writes to an already open descriptor; it is closed by close() only when takeOwnership is set.
    Result<void> open(int fd, Compression compression, bool takeOwnership, Options options);
    Result<void> open(int fd, Compression compression, bool takeOwnership = false)
    {
        return open(fd, compression, takeOwnership, Options{});
    }

    // Section header and metadata blocks. Call once, before the first event. Empty tables are left out (except
    // the MI block, which is always written).
    Result<void> writeHeader(const CaptureMetadata& meta);

    // One event from its parts: the parameters as raw byte slices in table order. flags != 0 selects an EVF
    // block (kDumpFlagStateOnly for events kept only for state).
    Result<void> writeEvent(uint16_t cpu, uint64_t ts, uint64_t tid, uint16_t type,
                            std::span<const std::span<const uint8_t>> params, uint32_t flags = 0);
    // One event already encoded as a v2 event record (26-byte header, length array, parameters), as the probe
    // produces it and as a mapped capture holds it. Its length field must match the bytes.
    Result<void> writeEncodedEvent(uint16_t cpu, std::span<const uint8_t> event, uint32_t flags = 0);

    // Hands everything buffered to the file. Cheap when nothing is buffered.
    Result<void> flush();
    // Flushes and closes. Safe to call more than once; after a failure it closes what is left.
    Result<void> close();

    bool isOpen() const;
    // The first write error, once one happened.
    const std::optional<Error>& failure() const { return m_failure; }
    // Bytes in the file (compressed size) that are known complete, and bytes still in the buffer.
    uint64_t fileBytes() const { return m_goodOffset; }
    uint64_t bufferedBytes() const { return m_buf.size(); }
    uint64_t eventsWritten() const { return m_events; }

private:
    Result<void> appendBlock(uint32_t type, std::span<const uint8_t> body);
    // Appends the block header (and cpu, flags) of an event block for an event of eventLen bytes.
    Result<void> beginEventBlock(uint16_t cpu, uint32_t eventLen, uint16_t type, uint32_t flags);
    // After the event bytes: padding and trailer.
    Result<void> finishEventBlock(size_t blockStart, uint32_t eventLen);
    Result<void> maybeFlush();
    Result<void> writeOut(std::span<const uint8_t> bytes);
    Error fail(Error e);
    Result<void> failedResult() const;

    int m_fd = -1;
    bool m_ownFd = false;
    bool m_headerWritten = false;
    Options m_options;
    std::unique_ptr<CaptureCodec> m_codec; // null: no compression
    std::vector<uint8_t> m_compressed;
    std::vector<uint8_t> m_buf; // whole blocks not yet in the file
    uint64_t m_goodOffset = 0;  // file offset after the last complete flush
    uint64_t m_events = 0;
    std::optional<Error> m_failure;
};

} // namespace syscope::format
