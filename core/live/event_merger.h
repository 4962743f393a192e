// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Merges the per-CPU ring buffers into one stream in timestamp order. Each ring is already in order (a CPU
// writes its records one after the other), so the merge only compares the rings' oldest records. A CPU whose
// ring is empty may still be writing a record with an older timestamp; the merge therefore hands out an
// event while some ring is empty only once the event is older than a horizon the caller chooses (now minus a
// few milliseconds, far longer than any probe program runs), or unconditionally when draining at the end.
// Thread affinity: one consumer thread.
#include "live/ring_reader.h"

#include <cstdint>
#include <span>
#include <vector>

namespace syscope::live {

class EventMerger {
public:
    struct Event {
        uint16_t cpu = 0;
        uint64_t ts = 0;
        std::span<const uint8_t> bytes; // one scap v2 event record; valid until consume()
    };

    explicit EventMerger(std::vector<RingReader> rings);

    // The oldest event that may be handed out given `horizon` (UINT64_MAX: everything); false when none.
    bool peek(Event& out, uint64_t horizon);
    // Consumes the event peek() returned.
    void consume();
    // Frees consumed ring space for the producers.
    void commit();
    // Events handed out with a timestamp older than one handed out before (a late CPU): written anyway.
    uint64_t lateEvents() const { return m_late; }
    size_t ringCount() const { return m_rings.size(); }

private:
    struct Head {
        std::span<const uint8_t> bytes;
        uint64_t ts = 0;
        bool valid = false;
    };

    std::vector<RingReader> m_rings;
    std::vector<Head> m_heads;
    size_t m_chosen = SIZE_MAX;
    uint64_t m_lastTs = 0;
    uint64_t m_late = 0;
};

} // namespace syscope::live
