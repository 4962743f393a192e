// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One piece of a RowSet: the member ordinals inside [begin, end), usually one index chunk (64Ki events).
// Stored as a bitmap with a rank directory when dense (0.19 B per covered event) and as a sorted list of
// 32-bit offsets when sparse, so "every event" and "the 12 events of one process" are both cheap.
// Immutable once built; shared between RowSets and threads.
#include <cstdint>
#include <memory>
#include <vector>

namespace syscope::gui {

class RowSetSegment {
public:
    // Collects members in increasing order, then picks the cheaper representation.
    class Builder {
    public:
        explicit Builder(uint64_t begin) : m_begin(begin) {}
        void add(uint64_t ordinal) { m_offsets.push_back(uint32_t(ordinal - m_begin)); }
        std::shared_ptr<const RowSetSegment> finish(uint64_t end);

    private:
        uint64_t m_begin;
        std::vector<uint32_t> m_offsets;
    };

    uint64_t begin() const { return m_begin; }
    uint64_t end() const { return m_end; }
    uint32_t count() const { return m_count; }
    // The i-th member (i < count()).
    uint64_t ordinalAt(uint32_t i) const;
    // Members smaller than `ordinal`.
    uint32_t rankOf(uint64_t ordinal) const;
    bool contains(uint64_t ordinal) const;
    size_t memoryBytes() const;

    // Calls f(ordinal) for every member in order; stops early when f returns false.
    template <typename F>
    void forEach(F&& f) const
    {
        if (!m_dense) {
            for (uint32_t off : m_list)
                if (!f(m_begin + off))
                    return;
            return;
        }
        for (size_t w = 0; w < m_bits.size(); ++w) {
            uint64_t word = m_bits[w];
            while (word) {
                int b = __builtin_ctzll(word);
                if (!f(m_begin + w * 64 + uint64_t(b)))
                    return;
                word &= word - 1;
            }
        }
    }

private:
    RowSetSegment() = default;
    uint64_t m_begin = 0, m_end = 0;
    uint32_t m_count = 0;
    bool m_dense = false;
    std::vector<uint32_t> m_list; // sparse: offsets from m_begin
    std::vector<uint64_t> m_bits; // dense: bit k of word w is ordinal m_begin + 64w + k
    std::vector<uint32_t> m_rank; // dense: members before word w
};

} // namespace syscope::gui
