// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/event_merger.h"

#include <cstring>

namespace syscope::live {

EventMerger::EventMerger(std::vector<RingReader> rings) : m_rings(std::move(rings)), m_heads(m_rings.size()) {}

bool EventMerger::peek(Event& out, uint64_t horizon)
{
    size_t best = SIZE_MAX;
    bool someEmpty = false;
    for (size_t i = 0; i < m_rings.size(); ++i) {
        Head& h = m_heads[i];
        if (!h.valid) {
            h.bytes = m_rings[i].peek();
            if (h.bytes.size() < 8) {
                someEmpty = true;
                continue;
            }
            std::memcpy(&h.ts, h.bytes.data(), 8);
            h.valid = true;
        }
        if (best == SIZE_MAX || h.ts < m_heads[best].ts)
            best = i;
    }
    if (best == SIZE_MAX)
        return false;
    if (someEmpty && m_heads[best].ts > horizon)
        return false;
    m_chosen = best;
    out.cpu = uint16_t(best);
    out.ts = m_heads[best].ts;
    out.bytes = m_heads[best].bytes;
    return true;
}

void EventMerger::consume()
{
    if (m_chosen == SIZE_MAX)
        return;
    Head& h = m_heads[m_chosen];
    if (h.ts < m_lastTs)
        ++m_late;
    else
        m_lastTs = h.ts;
    m_rings[m_chosen].pop();
    h.valid = false;
    m_chosen = SIZE_MAX;
}

void EventMerger::commit()
{
    for (RingReader& r : m_rings)
        r.commit();
}

} // namespace syscope::live
