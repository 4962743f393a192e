// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which version of one thread or fd was current from which event on. Entries are appended in event order and
// looked up by binary search. A capture has tens of thousands of them, so an entry keeps only the low 32 bits
// of its event ordinal (8 bytes instead of 16): the index stops at 2^32 events, and a reader that streams a
// longer capture without an index is served by a side list of where each later block of 2^32 ordinals
// starts, which exists only once such ordinals are seen. Thread affinity: that of the StateTracker that owns it
// (one writer; readers while no write is under way).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace syscope::state {

inline constexpr uint32_t kNoVersion = 0xffffffff;

class VersionHistory {
public:
    // From event `ordinal` on, `version` (or kNoVersion: gone) is current. `ordinal` is never below the last
    // one set; setting the same ordinal again replaces its version.
    void set(uint64_t ordinal, uint32_t version);
    // The version current after event `ordinal`, kNoVersion when there was none.
    uint32_t at(uint64_t ordinal) const;
    uint32_t current() const { return m_entries.empty() ? kNoVersion : m_entries.back().version; }
    // Heap bytes beyond the object itself.
    size_t heapBytes() const;

private:
    struct Entry {
        uint32_t from; // low 32 bits of the first ordinal
        uint32_t version;
    };
    struct Block {
        uint64_t high; // ordinal >> 32 of the entries from `first` on
        size_t first;
    };
    uint64_t lastHigh() const { return m_blocks && !m_blocks->empty() ? m_blocks->back().high : 0; }

    std::vector<Entry> m_entries;
    std::unique_ptr<std::vector<Block>> m_blocks; // blocks after the first; null below 2^32 events
};

} // namespace syscope::state
