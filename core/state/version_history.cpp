// SPDX-License-Identifier: GPL-3.0-or-later
#include "state/version_history.h"

#include <algorithm>

namespace syscope::state {

void VersionHistory::set(uint64_t ordinal, uint32_t version)
{
    const uint32_t low = uint32_t(ordinal);
    const uint64_t high = ordinal >> 32;
    if (!m_entries.empty() && m_entries.back().from == low && lastHigh() == high) {
        m_entries.back().version = version;
        return;
    }
    if (high != lastHigh()) {
        if (!m_blocks)
            m_blocks = std::make_unique<std::vector<Block>>();
        m_blocks->push_back(Block{high, m_entries.size()});
    }
    m_entries.push_back(Entry{low, version});
}

uint32_t VersionHistory::at(uint64_t ordinal) const
{
    // Narrow the search to the entries of the block of 2^32 ordinals that holds `ordinal` (block 0 starts at
    // entry 0 and is not listed). When that block has none, the answer is the last entry before it.
    const uint64_t high = ordinal >> 32;
    size_t begin = 0, end = m_entries.size();
    if (m_blocks || high != 0) {
        static const std::vector<Block> kNone;
        const std::vector<Block>& blocks = m_blocks ? *m_blocks : kNone;
        auto next =
            std::upper_bound(blocks.begin(), blocks.end(), high, [](uint64_t h, const Block& b) { return h < b.high; });
        if (next != blocks.end())
            end = next->first;
        if (next != blocks.begin())
            begin = (next - 1)->first;
        if ((next == blocks.begin() ? 0 : (next - 1)->high) != high)
            return end ? m_entries[end - 1].version : kNoVersion;
    }
    // The last entry that starts at or before `ordinal`.
    auto it = std::upper_bound(m_entries.begin() + ptrdiff_t(begin), m_entries.begin() + ptrdiff_t(end),
                               uint32_t(ordinal), [](uint32_t o, const Entry& e) { return o < e.from; });
    if (it == m_entries.begin() + ptrdiff_t(begin))
        return begin ? m_entries[begin - 1].version : kNoVersion;
    return (it - 1)->version;
}

size_t VersionHistory::heapBytes() const
{
    size_t n = m_entries.capacity() * sizeof(Entry);
    if (m_blocks)
        n += sizeof(*m_blocks) + m_blocks->capacity() * sizeof(Block);
    return n;
}

} // namespace syscope::state
