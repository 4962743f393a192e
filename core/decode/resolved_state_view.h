// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A StateView whose answers were looked up ahead of time, while the event was being applied, so the event can
// be rendered later on another thread without touching the tracker's tables (which keep changing). It holds
// pointers to immutable thread/fd versions, which stay valid while the tracker lives and is not reset.
// Entries live in a caller-owned arena shared by a batch of events.
#include "decode/state_view.h"
#include "format/raw_event.h"

#include <vector>

namespace syscope::decode {

struct ResolvedEntry {
    int64_t key;     // fd number or tid
    const void* ptr; // FdInfo or ThreadInfo version, nullptr when absent
    bool isThread;
};

class ResolvedStateView final : public StateView {
public:
    ResolvedStateView() = default;
    // Looks up, in `live`, everything rendering `ev` will ask, appending the answers to `arena`.
    static ResolvedStateView resolve(const format::RawEvent& ev, const StateView& live,
                                     const state::StateTracker& users, std::vector<ResolvedEntry>& arena);
    // Points the view at its arena once the batch is complete (the arena may have moved while filling).
    void bind(const std::vector<ResolvedEntry>& arena) { m_arena = arena.data(); }

    const state::ThreadInfo* thread() const override { return m_thread; }
    const state::ThreadInfo* threadById(int64_t tid) const override;
    const state::FdInfo* fd(int64_t fd) const override;
    std::string_view cwd() const override { return m_cwd; }
    const std::string* userName(uint32_t uid) const override { return m_users->userName(uid); }
    const std::string* groupName(uint32_t gid) const override { return m_users->groupName(gid); }

private:
    const state::ThreadInfo* m_thread = nullptr;
    std::string_view m_cwd;
    const state::StateTracker* m_users = nullptr;
    const ResolvedEntry* m_arena = nullptr;
    uint32_t m_first = 0, m_count = 0;
};

} // namespace syscope::decode
