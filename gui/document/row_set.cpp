// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/row_set.h"

#include <algorithm>

namespace syscope::gui {

RowSet::RowSet(std::vector<SegmentPtr> segments) : m_segments(std::move(segments))
{
    m_rowStart.reserve(m_segments.size());
    for (const SegmentPtr& s : m_segments) {
        m_rowStart.push_back(m_total);
        m_total += s->count();
    }
}

size_t RowSet::segmentOfRow(uint64_t row) const
{
    auto it = std::upper_bound(m_rowStart.begin(), m_rowStart.end(), row);
    size_t i = size_t(it - m_rowStart.begin()) - 1;
    // Empty segments share their start row with the next one; upper_bound already skipped them.
    return i;
}

uint64_t RowSet::ordinalAt(uint64_t row) const
{
    size_t i = segmentOfRow(row);
    return m_segments[i]->ordinalAt(uint32_t(row - m_rowStart[i]));
}

uint64_t RowSet::lowerBound(uint64_t ordinal) const
{
    auto it = std::upper_bound(m_segments.begin(), m_segments.end(), ordinal,
                               [](uint64_t o, const SegmentPtr& s) { return o < s->end(); });
    if (it == m_segments.end())
        return m_total;
    size_t i = size_t(it - m_segments.begin());
    return m_rowStart[i] + (*it)->rankOf(ordinal);
}

std::optional<uint64_t> RowSet::rowOf(uint64_t ordinal) const
{
    auto it = std::upper_bound(m_segments.begin(), m_segments.end(), ordinal,
                               [](uint64_t o, const SegmentPtr& s) { return o < s->end(); });
    if (it == m_segments.end() || !(*it)->contains(ordinal))
        return std::nullopt;
    size_t i = size_t(it - m_segments.begin());
    return m_rowStart[i] + (*it)->rankOf(ordinal);
}

std::shared_ptr<const RowSet> RowSet::replacedFrom(uint64_t from, const std::vector<SegmentPtr>& tail) const
{
    std::vector<SegmentPtr> segs;
    segs.reserve(m_segments.size() + tail.size());
    for (const SegmentPtr& s : m_segments)
        if (s->end() <= from)
            segs.push_back(s);
    segs.insert(segs.end(), tail.begin(), tail.end());
    return std::make_shared<const RowSet>(std::move(segs));
}

size_t RowSet::memoryBytes() const
{
    size_t n = sizeof(*this) + m_rowStart.capacity() * 8 + m_segments.capacity() * sizeof(SegmentPtr);
    for (const SegmentPtr& s : m_segments)
        n += s->memoryBytes();
    return n;
}

} // namespace syscope::gui
