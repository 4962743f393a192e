// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The columnar per-event index: for every event, where it is in the file, when it happened, on which CPU, its
// type, and the thread and fd versions the state tracker attached to it -- 24 bytes per event, so any event
// can be decoded with its state by random access. Append-only, in chunks of 64Ki events; one writer (the
// indexer), readers see the chunks published before the count they read.
#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace syscope::index {

struct EventRow {
    uint64_t offset;
    uint64_t ts;
    uint32_t threadVersion;
    uint32_t fdVersion;
    uint16_t type;
    uint16_t cpu;
    bool hidden = false; // not shown by sysdig's output (state::isShownEvent)
};

class EventIndex {
public:
    static constexpr uint32_t kChunkBits = 14; // 16 Ki events: little slack in the last chunk
    static constexpr uint32_t kChunkSize = 1u << kChunkBits;

    EventIndex() = default;
    EventIndex(const EventIndex&) = delete;
    EventIndex& operator=(const EventIndex&) = delete;

    // Inline: it runs for every event of every capture opened.
    void append(const EventRow& row)
    {
        const uint32_t slot = uint32_t(m_count & (kChunkSize - 1));
        if (slot == 0) [[unlikely]] {
            if (m_chunkCount == kMaxChunks)
                return; // beyond 4 G events: not indexed
            startChunk(row);
        }
        Chunk& c = *m_current;
        c.offsetDelta[slot] = uint32_t(row.offset - c.baseOffset);
        const uint64_t tsDelta = row.ts - c.baseTs; // wraps to a huge value for a ts before baseTs
        if (tsDelta > UINT32_MAX || c.tsFull.load(std::memory_order_relaxed)) [[unlikely]]
            storeFullTs(c, slot, row.ts);
        else
            c.tsDelta[slot] = uint32_t(tsDelta);
        c.threadVersion[slot] = row.threadVersion;
        c.fdVersion[slot] = row.fdVersion;
        c.type[slot] = row.type;
        c.cpu[slot] = uint16_t((row.cpu & ~kHiddenBit) | (row.hidden ? kHiddenBit : 0));
        ++m_count;
        // Publish in batches: readers poll the count, the writer need not pay an atomic store per event.
        if ((m_count & 4095) == 0)
            m_published.store(m_count, std::memory_order_release);
    }
    // Makes every appended row visible (append() publishes in batches).
    void publish() { m_published.store(m_count, std::memory_order_release); }
    // Events whose rows are complete and visible to readers.
    uint64_t size() const { return m_published.load(std::memory_order_acquire); }
    EventRow row(uint64_t ordinal) const;
    uint64_t ts(uint64_t ordinal) const { return chunk(ordinal).timestamp(uint32_t(ordinal & (kChunkSize - 1))); }
    uint16_t type(uint64_t ordinal) const { return chunk(ordinal).type[ordinal & (kChunkSize - 1)]; }
    // Whether the event is hidden from the event list (read from the index alone, without decoding the event).
    bool hidden(uint64_t ordinal) const { return chunk(ordinal).cpu[ordinal & (kChunkSize - 1)] & kHiddenBit; }
    // Bytes held by the columns (what the index costs beyond the mapped capture).
    uint64_t memoryBytes() const;

private:
    // CPU numbers stay far below 2^15, so the cpu column's top bit holds the event's hidden flag for free.
    static constexpr uint16_t kHiddenBit = 0x8000;
    struct Chunk {
        uint64_t baseOffset = 0;
        uint64_t baseTs = 0;
        std::array<uint32_t, kChunkSize> offsetDelta;
        // Timestamps as 32-bit deltas from baseTs while the chunk spans < 4.3 s (the usual case); a chunk that
        // spans more switches to full 64-bit values, which hold every row so far as well.
        std::array<uint32_t, kChunkSize> tsDelta;
        std::atomic<uint64_t*> tsFull{nullptr};
        ~Chunk() { delete[] tsFull.load(); }
        uint64_t timestamp(uint32_t s) const
        {
            const uint64_t* full = tsFull.load(std::memory_order_acquire);
            return full ? full[s] : baseTs + tsDelta[s];
        }
        std::array<uint32_t, kChunkSize> threadVersion;
        std::array<uint32_t, kChunkSize> fdVersion;
        std::array<uint16_t, kChunkSize> type;
        std::array<uint16_t, kChunkSize> cpu; // the CPU, with kHiddenBit for events the list hides
    };
    static_assert(sizeof(Chunk) <= 20 * EventIndex::kChunkSize + 64, "20 bytes per event in the common case");
    const Chunk& chunk(uint64_t ordinal) const
    {
        uint64_t c = ordinal >> kChunkBits;
        return *(*m_pages[c >> kPageBits])[c & ((1u << kPageBits) - 1)];
    }

    // Chunk slots in fixed pages (up to 2^32 events) so readers never see a table move while the writer grows;
    // pages are allocated on demand to keep small captures small.
    static constexpr uint32_t kPageBits = 10;
    static constexpr uint32_t kMaxChunks = 1u << 18;
    using Page = std::array<std::unique_ptr<Chunk>, 1u << kPageBits>;
    std::array<std::unique_ptr<Page>, (kMaxChunks >> kPageBits)> m_pages;
    void startChunk(const EventRow& row);
    void storeFullTs(Chunk& c, uint32_t slot, uint64_t ts);
    Chunk* m_current = nullptr; // the chunk append() fills
    uint32_t m_chunkCount = 0;
    uint64_t m_count = 0;
    std::atomic<uint64_t> m_published{0};
};

} // namespace syscope::index
