// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What rendering one event needs to know about the state around it: its thread, other threads by id (PID
// parameters), fds of its table, its working directory, user and group names. The renderer asks only this, so
// the same rendering runs over the tracker's history (random access) or over lookups resolved ahead of time on
// another thread (the CLI's parallel printer).
#include "state/state_tracker.h"

#include <string_view>

namespace syscope::decode {

class StateView {
public:
    virtual ~StateView() = default;
    virtual const state::ThreadInfo* thread() const = 0;
    virtual const state::ThreadInfo* threadById(int64_t tid) const = 0;
    virtual const state::FdInfo* fd(int64_t fd) const = 0;
    virtual std::string_view cwd() const = 0;
    virtual const std::string* userName(uint32_t uid) const = 0;
    virtual const std::string* groupName(uint32_t gid) const = 0;
};

// The tracker's state around event `ordinal`, given the event's context: what both ways of looking it up share.
class TrackerStateView : public StateView {
public:
    TrackerStateView(const state::StateTracker& st, const state::EventContext& ctx, uint64_t ordinal)
        : m_st(st), m_ordinal(ordinal),
          m_thread(ctx.threadVersion == state::kNoVersion ? nullptr : &st.threadVersion(ctx.threadVersion))
    {}
    const state::ThreadInfo* thread() const override { return m_thread; }
    std::string_view cwd() const override { return m_thread ? m_st.cwdOf(*m_thread, m_ordinal) : std::string_view(); }
    const std::string* userName(uint32_t uid) const override { return m_st.userName(uid); }
    const std::string* groupName(uint32_t gid) const override { return m_st.groupName(gid); }

protected:
    const state::StateTracker& m_st;
    uint64_t m_ordinal;
    const state::ThreadInfo* m_thread;
};

// The state as the tracker's history says it stood after event `ordinal`.
class HistoryStateView final : public TrackerStateView {
public:
    using TrackerStateView::TrackerStateView;
    const state::ThreadInfo* threadById(int64_t tid) const override { return m_st.threadAt(tid, m_ordinal); }
    const state::FdInfo* fd(int64_t fd) const override
    {
        return m_thread ? m_st.fdAt(m_thread->fdTableOwner, fd, m_ordinal) : nullptr;
    }
};

// The state as it stands right after the tracker applied event `ordinal`: the same answers as HistoryStateView
// for that event, from the live tables instead of the histories. Valid only until the next event is applied.
class CurrentStateView final : public TrackerStateView {
public:
    using TrackerStateView::TrackerStateView;
    const state::ThreadInfo* threadById(int64_t tid) const override { return m_st.currentThread(tid); }
    const state::FdInfo* fd(int64_t fd) const override
    {
        return m_thread ? m_st.currentFd(m_thread->fdTableOwner, fd) : nullptr;
    }
};

} // namespace syscope::decode
