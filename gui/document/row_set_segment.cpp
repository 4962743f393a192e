// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/row_set_segment.h"

#include <algorithm>

namespace syscope::gui {

std::shared_ptr<const RowSetSegment> RowSetSegment::Builder::finish(uint64_t end)
{
    std::shared_ptr<RowSetSegment> s(new RowSetSegment());
    s->m_begin = m_begin;
    s->m_end = end;
    s->m_count = uint32_t(m_offsets.size());
    const uint64_t span = end - m_begin;
    // A bitmap plus its rank words costs 1/8 + 4/64 bytes per covered ordinal; a list costs 4 per member.
    s->m_dense = uint64_t(m_offsets.size()) * 4 * 16 > span * 3;
    if (s->m_dense) {
        s->m_bits.assign((span + 63) / 64, 0);
        for (uint32_t off : m_offsets)
            s->m_bits[off >> 6] |= uint64_t(1) << (off & 63);
        s->m_rank.resize(s->m_bits.size());
        uint32_t r = 0;
        for (size_t w = 0; w < s->m_bits.size(); ++w) {
            s->m_rank[w] = r;
            r += uint32_t(__builtin_popcountll(s->m_bits[w]));
        }
    } else {
        s->m_list = std::move(m_offsets);
        s->m_list.shrink_to_fit();
    }
    m_offsets = {};
    return s;
}

uint64_t RowSetSegment::ordinalAt(uint32_t i) const
{
    if (!m_dense)
        return m_begin + m_list[i];
    // The last word whose rank is <= i holds the member; then select within the word.
    auto it = std::upper_bound(m_rank.begin(), m_rank.end(), i);
    size_t w = size_t(it - m_rank.begin()) - 1;
    uint64_t word = m_bits[w];
    for (uint32_t k = i - m_rank[w]; k > 0; --k)
        word &= word - 1;
    return m_begin + w * 64 + uint64_t(__builtin_ctzll(word));
}

uint32_t RowSetSegment::rankOf(uint64_t ordinal) const
{
    if (ordinal <= m_begin)
        return 0;
    if (ordinal >= m_end)
        return m_count;
    const uint64_t off = ordinal - m_begin;
    if (!m_dense)
        return uint32_t(std::lower_bound(m_list.begin(), m_list.end(), uint32_t(off)) - m_list.begin());
    const size_t w = off >> 6;
    const uint64_t below = (uint64_t(1) << (off & 63)) - 1;
    return m_rank[w] + uint32_t(__builtin_popcountll(m_bits[w] & below));
}

bool RowSetSegment::contains(uint64_t ordinal) const
{
    if (ordinal < m_begin || ordinal >= m_end)
        return false;
    const uint64_t off = ordinal - m_begin;
    if (!m_dense)
        return std::binary_search(m_list.begin(), m_list.end(), uint32_t(off));
    return (m_bits[off >> 6] >> (off & 63)) & 1;
}

size_t RowSetSegment::memoryBytes() const
{
    return sizeof(*this) + m_list.capacity() * 4 + m_bits.capacity() * 8 + m_rank.capacity() * 4;
}

} // namespace syscope::gui
