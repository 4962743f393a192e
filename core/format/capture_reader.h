// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Walks the blocks of a mapped capture: the section header and metadata blocks (parsed into CaptureMetadata),
// then the event blocks one by one (handed out as RawEvent views). Reads SHB 1.0-1.2, PL_V1-V9, FDL/FDL_V2,
// IL/IL_V2, UL/UL_V2, MI, EV/EVF (v1 header) and EV_V2/EVF_V2/*_LARGE (v2 header); skips unknown blocks and
// pcapng options. Damage ends the walk with an Error that names the byte offset. One reader per thread.
#include "base/result.h"
#include "format/capture_metadata.h"
#include "format/raw_event.h"

#include <span>

namespace syscope::format {

class CaptureReader {
public:
    explicit CaptureReader(std::span<const uint8_t> bytes) : m_bytes(bytes) {}

    // Reads the first section header and its metadata. Fails when the bytes are not a capture.
    Result<void> open();
    const CaptureMetadata& metadata() const { return m_meta; }

    enum class Step { kEvent, kNewSection, kEnd, kError };
    // The next event. kNewSection: a further section began; metadata() now describes it, and the caller
    // should drop the state it derived from the previous one. kError: see error().
    Step next(RawEvent& ev);
    const Error& error() const { return m_error; }
    uint64_t position() const { return m_pos; }
    // Number of event blocks skipped because their type is beyond the schema.
    uint64_t skippedUnknown() const { return m_skippedUnknown; }

    // Decodes the event block at a known offset (random access from an index). False when it is not one.
    static bool eventAt(std::span<const uint8_t> bytes, uint64_t offset, RawEvent& ev);

private:
    Result<void> readSection();
    Result<void> parseMetadataBlock(uint32_t type, uint64_t off, std::span<const uint8_t> body);
    enum class EventParse { kOk, kSkip, kBad };
    static EventParse parseEvent(std::span<const uint8_t> bytes, uint64_t off, uint32_t type, uint32_t total,
                                 RawEvent& ev, std::string* why);

    std::span<const uint8_t> m_bytes;
    CaptureMetadata m_meta;
    uint64_t m_pos = 0;
    uint64_t m_skippedUnknown = 0;
    uint32_t m_lastEventBlock = 0; // the type of the last event block read (0: none yet)
    Error m_error;
};

} // namespace syscope::format
