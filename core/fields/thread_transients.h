// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Per-thread values that sysdig 0.29.3 keeps only for the event being processed and that several fields expose
// with all their quirks: the latency of the last exit (stale on events that skip the reset, e.g. switch), the fd
// the last enter named (fd.* fall back to it when an exit lost its enter), and whether sysdig would have a thread
// entry at all (it creates an empty one only on events that may query the OS, never on switch, clone or procexit
// events). Fed in file order by observe(); random access without it falls back to the EventContext.
#include "format/raw_event.h"
#include "state/state_tracker.h"

#include <array>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace syscope::fields {

class ThreadTransients {
public:
    struct Entry {
        uint64_t lastEnterTs = 0; // 0: no enter seen since the thread entry was created
        uint64_t latency = 0;
        int64_t lastFd = 0; // a new sysdig thread entry starts at fd 0
        uint16_t lastEnterType = 0xffff;
        bool stub = false; // sysdig created an empty entry for this tid
        // Whether the filter accepted the thread's last enter: sysdig forgets an enter its filter rejected, so
        // the matching exit then gets neither the enter's data nor, before parsing, its fd.
        bool enterKept = true;
    };

    void reset();
    // Applies one event (with the context the tracker produced for it). Call for every event, in file order.
    // `knownBefore`: sysdig had an entry for the event's tid before the event; `found`: find(tid) after
    // flushExited(), when the caller has just looked it up (saves a look-up on every event).
    void observe(const format::RawEvent& ev, const state::EventContext& ctx, bool knownBefore, Entry* found = nullptr);
    const Entry* find(int64_t tid) const { return lookup(tid); }
    Entry* find(int64_t tid) { return lookup(tid); }
    // Drops the entries of threads whose exit was the previous event (observe() does it first thing).
    void flushExited()
    {
        if (!m_pendingErase.empty()) [[unlikely]]
            erasePending();
    }
    // Records whether the filter accepted the enter event just observed for `tid`.
    void setEnterKept(int64_t tid, bool kept);
    // Whether sysdig has an entry for a tid the tracker knows (the tracker also keeps empty entries for tids
    // seen only on events where sysdig creates none).
    bool visible(int64_t tid, const state::ThreadInfo* t) const;
    // Whether the last observed event had its thread attached before parsing (latency and a few other fields
    // read only that one).
    bool eventHasThread() const { return m_eventHasThread; }

private:
    // Every event looks its tid up two or three times: a small direct-mapped cache of map nodes (which never
    // move) answers most of them; erasing an entry clears its slot.
    struct CacheSlot {
        int64_t tid = 0;
        Entry* entry = nullptr;
    };
    static constexpr size_t kCacheSlots = 256;
    Entry* lookup(int64_t tid) const
    {
        CacheSlot& c = m_cache[uint64_t(tid) % kCacheSlots];
        if (c.entry && c.tid == tid)
            return c.entry;
        return lookupSlow(tid, c);
    }
    Entry* lookupSlow(int64_t tid, CacheSlot& c) const;
    Entry& entry(int64_t tid);
    void erasePending();

    mutable std::array<CacheSlot, kCacheSlots> m_cache{};
    // mutable: the cache fills on const look-ups.
    mutable std::unordered_map<int64_t, Entry> m_threads;
    std::vector<int64_t> m_pendingErase;
    bool m_eventHasThread = false;
};

} // namespace syscope::fields
