// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reads an indexed event while the caller already holds the session's state lock (inside Session::withState),
// where Session::event() must not be called: it takes that lock again. Also the few per-event facts the views
// derive from the schema (failed?, category). Stateless; any thread.
#include "session.h"

#include <string_view>

namespace syscope::gui {

class EventAccess {
public:
    // The event `ordinal` with the context the indexer stored; false when it is not indexed.
    static bool load(const Session& session, const state::StateTracker& state, const index::EventIndex& index,
                     uint64_t ordinal, EventView& out);
    // Fills the pairing the index does not keep (ctx.paired, enterTs, enterOffset) for an exit event: the
    // thread's most recent enter that takes part in pairing, as the state tracker pairs them. Fields that read
    // the enter (evt.latency, fd.name of a failed open) need it. Looks back at most `limit` events
    // (a thread asleep longer than that shows no latency).
    static constexpr uint64_t kPairSearch = 65536;
    static void pairWithEnter(const Session& session, const state::StateTracker& state, const index::EventIndex& index,
                              EventView& ev, uint64_t limit = kPairSearch);
    // A thread's most recent enter that takes part in pairing, before ordinal `before` (at most `limit` events
    // back); ordinal == UINT64_MAX when there is none.
    struct Enter {
        uint64_t ordinal = UINT64_MAX;
        uint16_t type = 0;
        uint64_t ts = 0, offset = 0;
    };
    static Enter lastEnter(const state::StateTracker& state, const index::EventIndex& index, int64_t tid,
                           uint64_t before, uint64_t limit = kPairSearch);
    // Whether an enter event of this type sets the thread's pairing state (the tracker skips some).
    static bool isPairingEnter(uint16_t type);
    // Applies a found enter to an exit's context (with `bytes`, the capture, also the fd the enter named).
    static void applyEnter(const Enter& enter, EventView& ev, std::span<const uint8_t> bytes = {});
    // An exit event whose return value (first parameter: errno, fd or pid) is negative.
    static bool failed(const format::RawEvent& ev);
    // evt.category as sysdig names it; I/O events are named after the kind of fd they use.
    static std::string_view categoryName(const format::RawEvent& ev, const state::FdInfo* fd);
};

} // namespace syscope::gui
