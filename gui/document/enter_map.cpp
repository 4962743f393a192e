// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/enter_map.h"

namespace syscope::gui {

void EnterMap::step(Threads& threads, const state::StateTracker& st, const index::EventIndex& index, uint64_t o)
{
    const index::EventRow row = index.row(o);
    if (row.threadVersion != state::kNoVersion && EventAccess::isPairingEnter(row.type))
        threads[st.threadVersion(row.threadVersion).tid] = EventAccess::Enter{o, row.type, row.ts, row.offset};
}

std::shared_ptr<const EnterMap> EnterMap::extended(size_t segments, uint64_t segmentSize, const state::StateTracker& st,
                                                   const index::EventIndex& index) const
{
    auto out = std::make_shared<EnterMap>(*this);
    if (out->m_atSegment.empty())
        out->m_atSegment.push_back(std::make_shared<const Threads>());
    while (out->m_atSegment.size() < segments) {
        const size_t k = out->m_atSegment.size(); // boundary k: after segment k - 1
        Threads t = *out->m_atSegment.back();
        for (uint64_t o = (k - 1) * segmentSize; o < k * segmentSize; ++o)
            step(t, st, index, o);
        out->m_atSegment.push_back(std::make_shared<const Threads>(std::move(t)));
    }
    return out;
}

} // namespace syscope::gui
