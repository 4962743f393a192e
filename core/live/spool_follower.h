// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Follows a capture file that another process is still writing (the capture helper's spool): maps it with
// address space to grow into, reads the section header once it is complete, then hands out each event as soon
// as its whole block is in the file. The mapping grows with the file, so earlier events stay readable at
// their offsets (the state tracker reads stored enter events back). Uncompressed captures only; one section.
// Thread affinity: one thread.
#include "base/result.h"
#include "format/capture_metadata.h"
#include "format/raw_event.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace syscope::live {

class SpoolFollower {
public:
    ~SpoolFollower();
    SpoolFollower(const SpoolFollower&) = delete;
    SpoolFollower& operator=(const SpoolFollower&) = delete;

    static Result<std::unique_ptr<SpoolFollower>> open(const std::string& path);

    enum class Step { kReady, kWait, kError };
    // Reads the header. kWait until the writer has put it (and the start of an event block) in the file;
    // writerDone says the file will not grow any more, so whatever is there is all there will be.
    Step readHeader(bool writerDone);
    const format::CaptureMetadata& metadata() const { return m_meta; }

    enum class Next { kEvent, kWait, kEnd, kError };
    // The next event. kWait: its block is not complete yet (kEnd instead once writerDone).
    Next next(format::RawEvent& ev, bool writerDone);
    // The file's bytes as far as they are known: valid for every event handed out so far.
    std::span<const uint8_t> bytes() const { return {m_base, m_size}; }
    const Error& error() const { return m_error; }
    uint64_t position() const { return m_pos; }

private:
    SpoolFollower() = default;
    void refresh();

    int m_fd = -1;
    const uint8_t* m_base = nullptr;
    size_t m_reserved = 0;
    size_t m_size = 0;
    uint64_t m_pos = 0;
    bool m_headerDone = false;
    format::CaptureMetadata m_meta;
    Error m_error;
};

} // namespace syscope::live
