// SPDX-License-Identifier: GPL-3.0-or-later
#include "fields/thread_transients.h"

#include "decode/param_access.h"
#include "format/event_schema.h"

namespace syscope::fields {

namespace {

constexpr uint16_t kSwitch6 = 152;
constexpr uint16_t kProcInfo = 234;

// What observe() needs to know of each event type, in one table: it runs on every event.
enum : uint8_t {
    kContainer = 1, // container meta-events: no thread
    kNoQueryOs = 2, // format::looksUpThreadOnly
    kProcExit = 4,  // the thread's entry goes after this event
    kDupExit = 8,   // dup family: the thread points at the new fd
    kPairExit = 16, // pipe, pipe2, socketpair: the thread points at the second new fd
};
constexpr auto kTraits = [] {
    std::array<uint8_t, format::kEventIdCount> t{};
    for (uint16_t i = 0; i < format::kEventIdCount; ++i) {
        if (format::looksUpThreadOnly(i))
            t[i] |= kNoQueryOs;
        if (format::isContainerEvent(i))
            t[i] |= kContainer;
    }
    t[16] |= kProcExit;
    t[186] |= kProcExit;
    t[125] = t[363] = t[365] = t[367] = kDupExit;
    t[61] = t[393] = t[43] = kPairExit;
    return t;
}();

} // namespace

void ThreadTransients::reset()
{
    m_threads.clear();
    m_cache = {};
    m_pendingErase.clear();
}

ThreadTransients::Entry* ThreadTransients::lookupSlow(int64_t tid, CacheSlot& c) const
{
    auto it = m_threads.find(tid);
    if (it == m_threads.end())
        return nullptr;
    c = CacheSlot{tid, &it->second};
    return c.entry;
}

ThreadTransients::Entry& ThreadTransients::entry(int64_t tid)
{
    if (Entry* e = lookup(tid))
        return *e;
    Entry& e = m_threads.emplace(tid, Entry{}).first->second;
    m_cache[uint64_t(tid) % kCacheSlots] = CacheSlot{tid, &e};
    return e;
}

void ThreadTransients::erasePending()
{
    // A thread that exited went away after its procexit event: whatever comes next for its tid is a new entry.
    for (int64_t tid : m_pendingErase) {
        if (CacheSlot& c = m_cache[uint64_t(tid) % kCacheSlots]; c.tid == tid)
            c = CacheSlot{};
        m_threads.erase(tid);
    }
    m_pendingErase.clear();
}

void ThreadTransients::setEnterKept(int64_t tid, bool kept)
{
    if (Entry* e = lookup(tid))
        e->enterKept = kept;
}

bool ThreadTransients::visible(int64_t tid, const state::ThreadInfo* t) const
{
    if (!t)
        return false;
    if (!t->incomplete)
        return true;
    const Entry* e = find(tid);
    return e && e->stub;
}

void ThreadTransients::observe(const format::RawEvent& ev, const state::EventContext& ctx, bool knownBefore,
                               Entry* found)
{
    flushExited();
    m_eventHasThread = false;
    const format::EventInfo* info = format::eventInfo(ev.type);
    if (!info)
        return;
    const uint8_t traits = kTraits[ev.type]; // in range: the type has an EventInfo
    if (traits & kContainer)
        return;
    if (info->flags & format::kEfSkipParseReset) {
        m_eventHasThread = ev.type == kProcInfo && knownBefore;
        return;
    }
    const int64_t tid = int64_t(ev.tid);
    if (traits & kProcExit)
        m_pendingErase.push_back(tid);
    if ((traits & kNoQueryOs) && !knownBefore)
        return; // looked up without creating: an unknown tid stops the reset here
    m_eventHasThread = true;
    Entry& e = found ? *found : entry(tid);
    if (!(traits & kNoQueryOs))
        e.stub = true;
    if (ev.type == kSwitch6)
        return; // switch events stop before the enter/exit bookkeeping
    if (format::isEnter(ev.type)) {
        e.lastFd = -1;
        e.lastEnterType = ev.type;
        if (info->flags & format::kEfUsesFd)
            if (auto fd = decode::paramInt(ev, 0))
                e.lastFd = *fd;
        e.latency = 0;
        e.lastEnterTs = ev.ts;
        e.enterKept = true;
    } else if (e.lastEnterTs != 0) {
        e.latency = ev.ts - e.lastEnterTs;
    }
    // The parsers point the thread at the fd the event used or created (matched exits, new fds); pipe and
    // socketpair leave it at the second fd they create, dup at the copy.
    if ((traits & kDupExit) && decode::paramInt(ev, 0).value_or(-1) >= 0)
        e.lastFd = *decode::paramInt(ev, 0); // dup points the thread at the new fd
    else if (ctx.hasFdNum)
        e.lastFd = ctx.fdNum;
    else if (!format::isEnter(ev.type) && (info->flags & format::kEfCreatesFd) && !(traits & kPairExit) &&
             decode::paramInt(ev, 0).value_or(-1) >= 0)
        e.lastFd = *decode::paramInt(ev, 0); // signalfd, timerfd, inotify...: the new fd is the result
    else if ((traits & kPairExit) && decode::paramInt(ev, 0).value_or(-1) >= 0)
        if (auto fd2 = decode::paramInt(ev, "fd2"))
            e.lastFd = *fd2;
}

} // namespace syscope::fields
