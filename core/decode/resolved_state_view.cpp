// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/resolved_state_view.h"

#include "decode/compat_profile.h"
#include "decode/param_access.h"
#include "format/event_schema.h"

namespace syscope::decode {

using format::ParamType;

ResolvedStateView ResolvedStateView::resolve(const format::RawEvent& ev, const StateView& live,
                                             const state::StateTracker& users, std::vector<ResolvedEntry>& arena)
{
    ResolvedStateView v;
    v.m_thread = live.thread();
    bool needsCwd = false; // only paths are resolved against it: most events skip the process lookup
    v.m_users = &users;
    v.m_first = uint32_t(arena.size());
    auto addFd = [&](int64_t fd) { arena.push_back({fd, live.fd(fd), false}); };
    auto addThread = [&](int64_t tid) { arena.push_back({tid, live.threadById(tid), true}); };
    // The widest parameter lists any compat level renders (newer sysdig appends fd parameters to some events),
    // so the lookups cover every level.
    const std::span<const format::ParamInfo> params = CompatProfile::of(Compat::kSysdig036).params(ev.type);
    const uint32_t n = std::min<uint32_t>(ev.nparams, uint32_t(params.size()));
    // Mirrors what EventRenderer::appendParamValue asks of its StateView, parameter type by parameter type.
    const uint8_t* next = ev.data; // walked once: ev.param(i) would count the lengths from the start each time
    for (uint32_t i = 0; i < n; ++i) {
        const format::ParamInfo& pi = params[i];
        ParamType type = pi.type;
        std::span<const uint8_t> p(next, ev.paramLen(i));
        next += p.size();
        if (type == ParamType::kDyn) {
            if (p.empty() || p[0] >= pi.dynTypes.size())
                continue;
            type = pi.dynTypes[p[0]].type;
            p = p.subspan(1);
        }
        switch (type) {
        case ParamType::kFd:
            if (p.size() == 8)
                addFd(format::readLe<int64_t>(p.data()));
            break;
        case ParamType::kFd32:
            if (auto x = paramInt(ev, int(i)))
                addFd(*x);
            break;
        case ParamType::kPid:
            if (p.size() == 8)
                addThread(format::readLe<int64_t>(p.data()));
            break;
        case ParamType::kFdList:
            if (p.size() >= 2) {
                uint16_t count = format::readLe<uint16_t>(p.data());
                for (uint16_t k = 0; k < count && 2 + size_t(k) * 10 + 10 <= p.size(); ++k)
                    addFd(format::readLe<int64_t>(p.data() + 2 + k * 10));
            }
            break;
        case ParamType::kFsPath: needsCwd = true; break;
        case ParamType::kFsRelPath:
            needsCwd = true;
            if (pi.dirfdParam >= 0)
                if (auto d = paramInt(ev, pi.dirfdParam))
                    addFd(*d);
            break;
        default: break;
        }
    }
    if (needsCwd)
        v.m_cwd = live.cwd();
    v.m_count = uint32_t(arena.size()) - v.m_first;
    return v;
}

const state::ThreadInfo* ResolvedStateView::threadById(int64_t tid) const
{
    for (uint32_t i = 0; i < m_count; ++i) {
        const ResolvedEntry& e = m_arena[m_first + i];
        if (e.isThread && e.key == tid)
            return static_cast<const state::ThreadInfo*>(e.ptr);
    }
    return nullptr;
}

const state::FdInfo* ResolvedStateView::fd(int64_t fd) const
{
    for (uint32_t i = 0; i < m_count; ++i) {
        const ResolvedEntry& e = m_arena[m_first + i];
        if (!e.isThread && e.key == fd)
            return static_cast<const state::FdInfo*>(e.ptr);
    }
    return nullptr;
}

} // namespace syscope::decode
