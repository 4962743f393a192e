// SPDX-License-Identifier: GPL-3.0-or-later
#include "fields/thread_transients.h"

#include "decode/param_access.h"
#include "format/event_schema.h"

namespace syscope::fields {

namespace {

constexpr uint16_t kSwitch6 = 152;
constexpr uint16_t kProcInfo = 234;

bool isContainerEvent(uint16_t t) { return t == 228 || t == 272 || t == 324; }

// Events on which sysdig looks a thread up without creating an empty one for an unknown tid: clone exits,
// switch, procexit. A table, as every event asks.
constexpr auto kNoQueryOs = [] {
    std::array<bool, format::kEventIdCount> t{};
    for (uint16_t i = 0; i < format::kEventIdCount; ++i)
        t[i] = format::isCloneExit(i) || i == kSwitch6 || i == 16 || i == 186;
    return t;
}();
bool noQueryOs(uint16_t t) { return t < kNoQueryOs.size() && kNoQueryOs[t]; }

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

void ThreadTransients::observe(const format::RawEvent& ev, const state::EventContext& ctx, bool knownBefore)
{
    flushExited();
    m_eventHasThread = false;
    const format::EventInfo* info = format::eventInfo(ev.type);
    if (!info || isContainerEvent(ev.type))
        return;
    if (info->flags & format::kEfSkipParseReset) {
        m_eventHasThread = ev.type == kProcInfo && knownBefore;
        return;
    }
    const int64_t tid = int64_t(ev.tid);
    if (ev.type == 16 || ev.type == 186)
        m_pendingErase.push_back(tid);
    if (noQueryOs(ev.type)) {
        // Looked up without creating: an unknown tid stops the reset here.
        if (!knownBefore)
            return;
    }
    m_eventHasThread = true;
    Entry& e = entry(tid);
    if (!noQueryOs(ev.type))
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
    if ((ev.type == 125 || ev.type == 363 || ev.type == 365 || ev.type == 367) &&
        decode::paramInt(ev, 0).value_or(-1) >= 0)
        e.lastFd = *decode::paramInt(ev, 0); // dup points the thread at the new fd
    else if (ctx.hasFdNum)
        e.lastFd = ctx.fdNum;
    else if (!format::isEnter(ev.type) && (info->flags & format::kEfCreatesFd) &&
             decode::paramInt(ev, 0).value_or(-1) >= 0 && ev.type != 61 && ev.type != 393 && ev.type != 43)
        e.lastFd = *decode::paramInt(ev, 0); // signalfd, timerfd, inotify...: the new fd is the result
    else if ((ev.type == 61 || ev.type == 393 || ev.type == 43) && decode::paramInt(ev, 0).value_or(-1) >= 0)
        if (auto fd2 = decode::paramInt(ev, "fd2"))
            e.lastFd = *fd2;
}

} // namespace syscope::fields
