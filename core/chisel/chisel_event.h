// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One event as a chisel sees it: its bytes, what the indexer learned about it, and the state around it. The
// state comes through a StateView so the same chisel code runs over a streaming pass, over the finished index,
// or over a synthetic event (sysdig.get_thread_table evaluates its filter on one per fd). Plain references,
// valid for the duration of one callback.
#include "decode/state_view.h"
#include "format/raw_event.h"
#include "state/state_tracker.h"

#include <cstdint>

namespace syscope::chisel {

struct ChiselEvent {
    uint64_t ordinal = 0; // 0-based; sysdig's evt.num is ordinal + 1
    const format::RawEvent* raw = nullptr;
    const state::EventContext* ctx = nullptr;
    const decode::StateView* state = nullptr;
    const state::StateTracker* tracker = nullptr; // tables that do not change per event (users, groups)
};

} // namespace syscope::chisel
