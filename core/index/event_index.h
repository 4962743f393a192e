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
};

class EventIndex {
public:
    static constexpr uint32_t kChunkBits = 16;
    static constexpr uint32_t kChunkSize = 1u << kChunkBits;

    EventIndex() = default;
    EventIndex(const EventIndex&) = delete;
    EventIndex& operator=(const EventIndex&) = delete;

    void append(const EventRow& row);
    // Makes every appended row visible (append() publishes in batches).
    void publish() { m_published.store(m_count, std::memory_order_release); }
    // Events whose rows are complete and visible to readers.
    uint64_t size() const { return m_published.load(std::memory_order_acquire); }
    EventRow row(uint64_t ordinal) const;
    uint64_t ts(uint64_t ordinal) const { return chunk(ordinal).ts[ordinal & (kChunkSize - 1)]; }
    uint16_t type(uint64_t ordinal) const { return chunk(ordinal).type[ordinal & (kChunkSize - 1)]; }
    // Bytes held by the columns (what the index costs beyond the mapped capture).
    uint64_t memoryBytes() const;

private:
    struct Chunk {
        uint64_t baseOffset = 0;
        std::array<uint32_t, kChunkSize> offsetDelta;
        std::array<uint64_t, kChunkSize> ts;
        std::array<uint32_t, kChunkSize> threadVersion;
        std::array<uint32_t, kChunkSize> fdVersion;
        std::array<uint16_t, kChunkSize> type;
        std::array<uint16_t, kChunkSize> cpu;
    };
    static_assert(sizeof(Chunk) <= 24 * EventIndex::kChunkSize + 64, "24 bytes per event");
    const Chunk& chunk(uint64_t ordinal) const { return *m_chunks[ordinal >> kChunkBits]; }

    // A fixed table of chunk slots (up to 2^32 events), so readers never see it move while the writer grows.
    static constexpr uint32_t kMaxChunks = 1u << 16;
    std::unique_ptr<std::unique_ptr<Chunk>[]> m_chunks = std::make_unique<std::unique_ptr<Chunk>[]>(kMaxChunks);
    uint32_t m_chunkCount = 0;
    uint64_t m_count = 0;
    std::atomic<uint64_t> m_published{0};
};

} // namespace syscope::index
