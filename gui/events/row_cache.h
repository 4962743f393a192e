// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A bounded cache of rendered event-list rows, filled a block of rows at a time (one state-lock acquisition
// per block), least recently used blocks dropped first. Holds at most kMaxBlocks * kBlockRows rows however
// many events the capture has: the list never keeps one object per event. GUI thread.
#include <QString>

#include <array>
#include <cstdint>
#include <list>
#include <unordered_map>
#include <vector>

namespace syscope::gui {

class RowCache {
public:
    static constexpr int kBlockRows = 128;
    static constexpr size_t kMaxBlocks = 48;
    static constexpr int kMaxCells = 8;

    struct Row {
        uint64_t ordinal = 0;
        std::array<QString, kMaxCells> cells; // by ColumnId; the time column is formatted on demand
        std::vector<QString> fields;          // field columns, in column order
        int8_t rule = -1;                     // colouring rule, -1 none
    };
    using Block = std::vector<Row>;

    // The cached block, or null.
    const Block* find(int block);
    const Block& insert(int block, Block rows);
    void erase(int block);
    void clear();
    size_t size() const { return m_blocks.size(); }

private:
    std::list<int> m_lru; // most recent first
    struct Entry {
        Block rows;
        std::list<int>::iterator pos;
    };
    std::unordered_map<int, Entry> m_blocks;
};

} // namespace syscope::gui
