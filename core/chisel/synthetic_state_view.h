// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The state of a made-up event that stands for "this thread using this fd": sysdig.get_thread_table runs its
// filter once per fd on such an event. Every fd number asks about the one fd.
#include "decode/state_view.h"

namespace syscope::chisel {

class SyntheticStateView final : public decode::StateView {
public:
    SyntheticStateView(const state::StateTracker& st, const state::ThreadInfo* thread, const state::FdInfo* fd)
        : m_st(st), m_thread(thread), m_fd(fd)
    {}
    const state::ThreadInfo* thread() const override { return m_thread; }
    const state::ThreadInfo* threadById(int64_t tid) const override
    {
        return m_thread && m_thread->tid == tid ? m_thread : nullptr;
    }
    const state::FdInfo* fd(int64_t) const override { return m_fd; }
    std::string_view cwd() const override { return m_thread ? std::string_view(m_thread->cwd) : std::string_view(); }
    const std::string* userName(uint32_t uid) const override { return m_st.userName(uid); }
    const std::string* groupName(uint32_t gid) const override { return m_st.groupName(gid); }

private:
    const state::StateTracker& m_st;
    const state::ThreadInfo* m_thread;
    const state::FdInfo* m_fd;
};

} // namespace syscope::chisel
