// SPDX-License-Identifier: GPL-3.0-or-later
#include "index/event_index.h"

namespace syscope::index {

void EventIndex::startChunk(const EventRow& row)
{
    auto& page = m_pages[m_chunkCount >> kPageBits];
    if (!page)
        page = std::make_unique<Page>();
    auto& slot = (*page)[m_chunkCount & ((1u << kPageBits) - 1)];
    // Default-initialised, not zeroed: every column entry is written before it is published, and zeroing
    // 320 KiB per chunk would cost a page fault and a memset per event batch for nothing.
    slot.reset(new Chunk);
    slot->baseOffset = row.offset;
    slot->baseTs = row.ts;
    m_current = slot.get();
    ++m_chunkCount;
}

void EventIndex::storeFullTs(Chunk& c, uint32_t slot, uint64_t ts)
{
    uint64_t* full = c.tsFull.load(std::memory_order_relaxed);
    if (!full) {
        // The chunk spans more than 4.3 s (or goes back in time): from now on it keeps full timestamps.
        full = new uint64_t[kChunkSize];
        for (uint32_t i = 0; i < slot; ++i)
            full[i] = c.baseTs + c.tsDelta[i];
        c.tsFull.store(full, std::memory_order_release);
    }
    full[slot] = ts;
}

EventRow EventIndex::row(uint64_t ordinal) const
{
    const Chunk& c = chunk(ordinal);
    uint32_t s = uint32_t(ordinal & (kChunkSize - 1));
    return EventRow{c.baseOffset + c.offsetDelta[s],
                    c.timestamp(s),
                    c.threadVersion[s],
                    c.fdVersion[s],
                    c.type[s],
                    uint16_t(c.cpu[s] & ~kHiddenBit),
                    (c.cpu[s] & kHiddenBit) != 0};
}

uint64_t EventIndex::memoryBytes() const
{
    uint64_t pages = 0;
    for (const auto& p : m_pages)
        pages += p ? sizeof(Page) : 0;
    uint64_t full = 0;
    for (uint32_t i = 0; i < m_chunkCount; ++i)
        if ((*m_pages[i >> kPageBits])[i & ((1u << kPageBits) - 1)]->tsFull.load())
            full += kChunkSize * sizeof(uint64_t);
    return uint64_t(m_chunkCount) * sizeof(Chunk) + pages + sizeof(m_pages) + full;
}

} // namespace syscope::index
