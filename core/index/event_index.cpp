// SPDX-License-Identifier: GPL-3.0-or-later
#include "index/event_index.h"

namespace syscope::index {

void EventIndex::append(const EventRow& row)
{
    uint32_t slot = uint32_t(m_count & (kChunkSize - 1));
    if (slot == 0) {
        if (m_chunkCount == kMaxChunks)
            return; // beyond 4 G events: not indexed
        m_chunks[m_chunkCount] = std::make_unique<Chunk>();
        m_chunks[m_chunkCount]->baseOffset = row.offset;
        ++m_chunkCount;
    }
    Chunk& c = *m_chunks[m_chunkCount - 1];
    c.offsetDelta[slot] = uint32_t(row.offset - c.baseOffset);
    c.ts[slot] = row.ts;
    c.threadVersion[slot] = row.threadVersion;
    c.fdVersion[slot] = row.fdVersion;
    c.type[slot] = row.type;
    c.cpu[slot] = row.cpu;
    ++m_count;
    // Publish in batches: readers poll the count, the writer need not pay an atomic store per event.
    if ((m_count & 4095) == 0)
        m_published.store(m_count, std::memory_order_release);
}

EventRow EventIndex::row(uint64_t ordinal) const
{
    const Chunk& c = chunk(ordinal);
    uint32_t s = uint32_t(ordinal & (kChunkSize - 1));
    return EventRow{c.baseOffset + c.offsetDelta[s], c.ts[s], c.threadVersion[s], c.fdVersion[s], c.type[s], c.cpu[s]};
}

uint64_t EventIndex::memoryBytes() const
{
    return uint64_t(m_chunkCount) * sizeof(Chunk) + kMaxChunks * sizeof(void*);
}

} // namespace syscope::index
