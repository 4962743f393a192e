// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a live capture reports when it ends: events written, events the probe produced, drops. The capture
// helper prints it as one "key=value ..." line (on stderr and on a descriptor its parent may pass), which is
// how syscope-cli learns the drop counts of the capture it ran.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace syscope::live {

struct CaptureStats {
    uint64_t eventsWritten = 0;  // events in the capture file(s)
    uint64_t eventsProduced = 0; // records the probe handed to the ring buffers
    uint64_t drops = 0;          // records lost because a ring buffer was full (never waited for)
    uint64_t dropsTooBig = 0;    // records that outgrew the probe's event size limit
    uint64_t lateEvents = 0;     // events written out of timestamp order (a CPU later than the merge horizon)
    uint64_t bytesWritten = 0;   // file bytes (compressed size when compressing)
    uint64_t elapsedNs = 0;
    uint32_t files = 0;     // files written (more than one with -C/-G)
    std::string stopReason; // "signal", "duration", "events", "write error: ..."
};

// One line, without the newline: "syscope-capture-stats events_written=... stop=...".
std::string formatCaptureStats(const CaptureStats& s);
// The stats from a line formatCaptureStats() made; nullopt for any other line.
std::optional<CaptureStats> parseCaptureStats(std::string_view line);

} // namespace syscope::live
