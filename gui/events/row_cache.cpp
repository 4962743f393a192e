// SPDX-License-Identifier: GPL-3.0-or-later
#include "events/row_cache.h"

namespace syscope::gui {

const RowCache::Block* RowCache::find(int block)
{
    auto it = m_blocks.find(block);
    if (it == m_blocks.end())
        return nullptr;
    m_lru.splice(m_lru.begin(), m_lru, it->second.pos);
    return &it->second.rows;
}

const RowCache::Block& RowCache::insert(int block, Block rows)
{
    if (auto it = m_blocks.find(block); it != m_blocks.end()) {
        m_lru.erase(it->second.pos);
        m_blocks.erase(it);
    }
    while (m_blocks.size() >= kMaxBlocks) {
        m_blocks.erase(m_lru.back());
        m_lru.pop_back();
    }
    m_lru.push_front(block);
    auto& e = m_blocks[block];
    e.rows = std::move(rows);
    e.pos = m_lru.begin();
    return e.rows;
}

void RowCache::erase(int block)
{
    if (auto it = m_blocks.find(block); it != m_blocks.end()) {
        m_lru.erase(it->second.pos);
        m_blocks.erase(it);
    }
}

void RowCache::clear()
{
    m_blocks.clear();
    m_lru.clear();
}

} // namespace syscope::gui
