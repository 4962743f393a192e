// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where every thread's last pairing enter stood at each segment boundary of the index: what lets a filter job
// pair exit events with their enters (evt.latency, fds of failed opens) exactly and in parallel, without
// replaying the capture from the start for each segment. Built forward once, extended as the index grows.
// Immutable once built; shared between jobs as shared_ptr<const EnterMap>.
#include "document/event_access.h"

#include <memory>
#include <unordered_map>
#include <vector>

namespace syscope::gui {

class EnterMap {
public:
    using Threads = std::unordered_map<int64_t, EventAccess::Enter>;

    // Boundaries known: at(k) is valid for k < size(), the state before ordinal k * segmentSize.
    size_t size() const { return m_atSegment.size(); }
    const Threads& at(size_t k) const { return *m_atSegment[k]; }

    // This map extended so that it knows boundary `segments - 1` (walking the complete segments in between).
    // Call under the session's state lock.
    std::shared_ptr<const EnterMap> extended(size_t segments, uint64_t segmentSize, const state::StateTracker& st,
                                             const index::EventIndex& index) const;
    // Applies one event to a thread map (what the forward walk does per event).
    static void step(Threads& threads, const state::StateTracker& st, const index::EventIndex& index, uint64_t o);

private:
    std::vector<std::shared_ptr<const Threads>> m_atSegment;
};

} // namespace syscope::gui
