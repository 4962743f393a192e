// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The events a view shows: an immutable, sorted set of event ordinals covering [0, coveredEnd()), made of
// segments (one per index chunk) so a set that grows while the capture indexes shares every finished segment
// with its predecessor, and a filter can build its segments in parallel. Row i is the i-th smallest member.
// Immutable; pass as shared_ptr<const RowSet> between threads.
#include "document/row_set_segment.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace syscope::gui {

class RowSet {
public:
    using SegmentPtr = std::shared_ptr<const RowSetSegment>;

    RowSet() = default;
    // Segments must be contiguous and in order, the first starting at 0.
    explicit RowSet(std::vector<SegmentPtr> segments);

    uint64_t size() const { return m_total; }
    bool empty() const { return m_total == 0; }
    // Ordinals below this have been decided (member or not).
    uint64_t coveredEnd() const { return m_segments.empty() ? 0 : m_segments.back()->end(); }
    // The ordinal shown in `row` (row < size()).
    uint64_t ordinalAt(uint64_t row) const;
    // The first row whose ordinal is >= `ordinal` (size() when none).
    uint64_t lowerBound(uint64_t ordinal) const;
    std::optional<uint64_t> rowOf(uint64_t ordinal) const;
    bool contains(uint64_t ordinal) const { return rowOf(ordinal).has_value(); }

    const std::vector<SegmentPtr>& segments() const { return m_segments; }
    // A set that keeps this one's segments ending at or before `from` and continues with `tail`.
    std::shared_ptr<const RowSet> replacedFrom(uint64_t from, const std::vector<SegmentPtr>& tail) const;
    size_t memoryBytes() const;

private:
    size_t segmentOfRow(uint64_t row) const;
    std::vector<SegmentPtr> m_segments;
    std::vector<uint64_t> m_rowStart; // rows before segment i
    uint64_t m_total = 0;
};

} // namespace syscope::gui
