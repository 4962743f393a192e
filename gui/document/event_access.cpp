// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/event_access.h"

#include "decode/param_access.h"
#include "format/capture_reader.h"
#include "format/event_schema.h"

namespace syscope::gui {

bool EventAccess::load(const Session& session, const state::StateTracker& state, const index::EventIndex& index,
                       uint64_t ordinal, EventView& out)
{
    if (ordinal >= index.size())
        return false;
    const index::EventRow row = index.row(ordinal);
    if (!format::CaptureReader::eventAt(session.capture().bytes(), row.offset, out.raw))
        return false;
    out.ordinal = ordinal;
    out.ctx = state::EventContext{};
    out.ctx.threadVersion = row.threadVersion;
    out.ctx.fdVersion = row.fdVersion;
    if (row.fdVersion != state::kNoVersion) {
        out.ctx.fdNum = state.fdVersion(row.fdVersion).fd;
        out.ctx.hasFdNum = true;
    } else if (format::isEnter(out.raw.type)) {
        // An fd the state does not know still has its number: the tracker takes it from the enter's first
        // parameter, and the index keeps no row field for it.
        const format::EventInfo* info = format::eventInfo(out.raw.type);
        if (info && (info->flags & format::kEfUsesFd))
            if (auto fd = decode::paramInt(out.raw, 0)) {
                out.ctx.fdNum = *fd;
                out.ctx.hasFdNum = true;
            }
    }
    return true;
}

bool EventAccess::isPairingEnter(uint16_t type)
{
    const format::EventInfo* info = format::eventInfo(type);
    // The tracker remembers a thread's last enter, skipping the enters that do not reset it.
    return format::isEnter(type) && info && !(info->flags & format::kEfSkipParseReset) && type != 152;
}

EventAccess::Enter EventAccess::lastEnter(const state::StateTracker& state, const index::EventIndex& index, int64_t tid,
                                          uint64_t before, uint64_t limit)
{
    const uint64_t stop = before > limit ? before - limit : 0;
    for (uint64_t o = before; o-- > stop;) {
        const index::EventRow row = index.row(o);
        if (row.threadVersion == state::kNoVersion || !isPairingEnter(row.type) ||
            state.threadVersion(row.threadVersion).tid != tid)
            continue;
        return Enter{o, row.type, row.ts, row.offset};
    }
    return {};
}

void EventAccess::applyEnter(const Enter& enter, EventView& ev, std::span<const uint8_t> bytes)
{
    if (enter.ordinal == UINT64_MAX || uint16_t(enter.type + 1) != ev.raw.type)
        return;
    ev.ctx.paired = true;
    ev.ctx.enterTs = enter.ts;
    ev.ctx.enterOffset = enter.offset;
    // A paired exit uses the fd its enter named, as the tracker does.
    const format::EventInfo* info = format::eventInfo(ev.raw.type);
    format::RawEvent e;
    if (!ev.ctx.hasFdNum && info && (info->flags & format::kEfUsesFd) && !bytes.empty() &&
        format::CaptureReader::eventAt(bytes, enter.offset, e))
        if (auto fd = decode::paramInt(e, 0)) {
            ev.ctx.fdNum = *fd;
            ev.ctx.hasFdNum = true;
        }
}

void EventAccess::pairWithEnter(const Session& session, const state::StateTracker& state,
                                const index::EventIndex& index, EventView& ev, uint64_t limit)
{
    if (format::isEnter(ev.raw.type) || ev.ctx.paired)
        return;
    applyEnter(lastEnter(state, index, int64_t(ev.raw.tid), ev.ordinal, limit), ev, session.capture().bytes());
}

bool EventAccess::failed(const format::RawEvent& ev)
{
    if (format::isEnter(ev.type) || ev.nparams == 0)
        return false;
    const format::EventInfo* info = format::eventInfo(ev.type);
    if (!info || info->params.empty())
        return false;
    switch (info->params[0].type) {
    case format::ParamType::kErrno:
    case format::ParamType::kFd:
    case format::ParamType::kFd32:
    case format::ParamType::kPid:
    case format::ParamType::kPid32: {
        auto v = decode::paramInt(ev, 0);
        return v && *v < 0;
    }
    default: return false;
    }
}

std::string_view EventAccess::categoryName(const format::RawEvent& ev, const state::FdInfo* fd)
{
    const format::EventInfo* info = format::eventInfo(ev.type);
    if (!info)
        return "unknown";
    const uint32_t cat = info->category & 0x3f; // the low values; wait/scheduler/internal are flag bits above
    if (cat == format::kCatIoRead || cat == format::kCatIoWrite || cat == format::kCatIoOther) {
        if (!fd)
            return cat == format::kCatIoRead ? "IO_READ" : cat == format::kCatIoWrite ? "IO_WRITE" : "IO_OTHER";
        if (fd->isIpv4() || fd->isIpv6())
            return "net";
        switch (fd->type) {
        case format::FdType::kFile:
        case format::FdType::kDirectory:
        case format::FdType::kFileV2: return "file";
        default: return "ipc";
        }
    }
    if (info->category & format::kCatScheduler)
        return "scheduler";
    if (info->category & format::kCatInternal)
        return "internal";
    switch (cat) {
    case format::kCatOther: return "other";
    case format::kCatFile: return "file";
    case format::kCatNet: return "net";
    case format::kCatIpc: return "ipc";
    case format::kCatMemory: return "memory";
    case format::kCatProcess: return "process";
    case format::kCatSleep: return "sleep";
    case format::kCatSystem: return "system";
    case format::kCatSignal: return "signal";
    case format::kCatUser: return "user";
    case format::kCatTime: return "time";
    case format::kCatProcessing: return "processing";
    default: return (info->category & format::kCatWait) ? "wait" : "unknown";
    }
}

} // namespace syscope::gui
