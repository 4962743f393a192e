// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Applies events, in file order, to the thread and fd tables, the way sysdig 0.29.3's parsers do (see
// scap-format.md section 5). Every change appends an immutable version, and per-tid / per-fd histories record
// which version was current from which event on, so any later reader can ask for the state at event n without
// replaying. A forked child's fd table starts with its parent's versions: an fd version may be current in
// several tables. Thread affinity: one writer (the indexer); the stores are append-only.
#include "base/string_interner.h"
#include "format/capture_metadata.h"
#include "format/event_schema.h"
#include "format/raw_event.h"
#include "state/container_table.h"
#include "state/fd_info.h"
#include "state/thread_info.h"
#include "state/version_history.h"

#include <array>
#include <deque>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace syscope::state {

// What the tracker learned about one event, stored by the index beside it.
struct EventContext {
    uint32_t threadVersion = kNoVersion; // the event's thread after the event
    uint32_t fdVersion = kNoVersion;     // the fd the event uses (fd.* fields), after the event
    int64_t fdNum = -1;                  // that fd's number (remembered from the enter event for exits)
    bool hasFdNum = false;
    bool paired = false;      // an exit whose enter was seen
    uint64_t enterTs = 0;     // ts of the matching enter (latency)
    uint64_t enterOffset = 0; // file offset of the matching enter
    bool headerMeta = false;  // a container description written before the first real event
};

// Whether sysdig's output shows the event (its default line, -p, filters that print): internal events, the
// container table a writer dumps before the first event, user/group table updates and state-only dumps are not.
inline bool isShownEvent(const format::RawEvent& ev, const EventContext& ctx)
{
    if (ctx.headerMeta)
        return false; // the container table a writer dumps before the first event
    const format::EventInfo* info = format::eventInfo(ev.type);
    if (!info || (info->category & format::kCatInternal))
        return false;
    if (ev.ts == 0)
        return false; // container descriptions that old writers put at the head of the file
    if (ev.type >= 354 && ev.type <= 361)
        return false; // user/group table updates: state, not activity
    return (ev.dumpFlags & format::kDumpFlagStateOnly) == 0;
}

class StateTracker {
public:
    StateTracker() = default;
    // Forgets everything and loads the initial tables of a (new) section.
    void reset(const format::CaptureMetadata& meta);
    // sysdig 0.36 fills a clone's caller it knew nothing about from the parent-side exit; 0.29.3 leaves it empty.
    void setRefreshCallerOnClone(bool on) { m_refreshCallerOnClone = on; }

    // Applies event `ordinal` (0-based across the capture) and returns its context. `bytes` is the whole
    // mapped capture, used to read back stored enter events.
    EventContext apply(const format::RawEvent& ev, uint64_t ordinal, std::span<const uint8_t> bytes);

    const ThreadInfo& threadVersion(uint32_t v) const { return m_threads[v]; }
    const FdInfo& fdVersion(uint32_t v) const { return m_fds[v]; }
    size_t threadVersionCount() const { return m_threads.size(); }
    size_t fdVersionCount() const { return m_fds.size(); }
    // Approximate heap bytes held by versions and histories (for the index cost report).
    uint64_t memoryBytes() const;

    // State as it stood after event `ordinal` (nullptr when the thread or fd did not exist then).
    const ThreadInfo* threadAt(int64_t tid, uint64_t ordinal) const;
    const FdInfo* fdAt(int64_t tableOwner, int64_t fd, uint64_t ordinal) const;
    // The directory a thread's relative paths resolve against (its process's cwd) at `ordinal`.
    const SharedString& cwdOf(const ThreadInfo& t, uint64_t ordinal) const;
    // State as it stands now, after the last applied event: the same answers as threadAt/fdAt at that event's
    // ordinal (removals take effect when the next event is applied), without searching the histories.
    const ThreadInfo* currentThread(int64_t tid) const;
    const FdInfo* currentFd(int64_t owner, int64_t fd) const;

    const std::string* userName(uint32_t uid) const;
    const std::string* groupName(uint32_t gid) const;
    const format::CaptureMetadata& metadata() const { return m_meta; }
    // The containers the capture's container events describe (container.* fields).
    const ContainerTable& containers() const { return m_containers; }

private:
    struct FdKey {
        int64_t owner, fd;
        bool operator==(const FdKey&) const = default;
    };
    struct FdKeyHash {
        size_t operator()(const FdKey& k) const { return std::hash<int64_t>()(k.owner * 1000003 ^ k.fd); }
    };
    struct PairState {
        uint16_t enterType = 0xffff;
        uint64_t enterTs = 0;
        uint64_t enterOffset = 0;
        int64_t lastFd = -1;
        bool hasLastFd = false;
    };

    uint32_t addThreadVersion(ThreadInfo t, uint64_t ordinal);
    // A thread sysdig learns of from an event of it: known only by its tid until a clone/execve/proc scan says more.
    uint32_t addIncompleteThread(int64_t tid, uint64_t ordinal);
    uint32_t currentFdVersion(int64_t owner, int64_t fd) const;
    uint32_t setFd(int64_t owner, FdInfo fd, uint64_t ordinal);
    // Makes an existing version fd `fd`'s in `owner`'s table from `ordinal` on.
    void linkFd(int64_t owner, int64_t fd, uint32_t version, uint64_t ordinal);
    void removeFd(int64_t owner, int64_t fd, uint64_t ordinal);
    void copyFdTable(int64_t fromOwner, int64_t toOwner, uint64_t ordinal);
    void flushDeferred(uint64_t ordinal);

    void applyExit(const format::RawEvent& ev, uint64_t ordinal, std::span<const uint8_t> bytes, PairState& ps,
                   EventContext& ctx, uint32_t& tv);
    bool updateFromDatagramTuple(FdInfo& f, std::span<const uint8_t> tuple, int64_t owner, bool incoming);
    void patchZeroAddress(FdInfo& f) const;
    FdInfo::Role guessRole(const FdInfo& f, int64_t owner, bool incoming) const;
    void applyClone(const format::RawEvent& ev, uint64_t ordinal, uint32_t& tv);
    ThreadInfo callerFromClone(const format::RawEvent& ev, const ThreadInfo& known);
    // A directory as a cwd is kept: with a trailing '/'; an empty one becomes `ifEmpty`.
    SharedString internDir(std::string_view dir, std::string_view ifEmpty = {});
    void applyExecve(const format::RawEvent& ev, uint64_t ordinal, uint32_t& tv);

    format::CaptureMetadata m_meta;
    std::deque<ThreadInfo> m_threads;
    std::deque<FdInfo> m_fds;
    // Fd versions by content (hash -> version): most changes repeat an earlier state exactly (the same file
    // opened again, a datagram socket's peer going back and forth), and each distinct state is stored once.
    std::unordered_multimap<uint64_t, uint32_t> m_fdByContent;
    // Every string of the versions above, once (versions share them).
    StringInterner m_strings;
    std::unordered_map<int64_t, VersionHistory> m_threadHistory;
    std::unordered_map<FdKey, VersionHistory, FdKeyHash> m_fdHistory;
    std::unordered_map<int64_t, std::unordered_map<int64_t, uint32_t>> m_liveTables; // owner -> fd -> version
    std::unordered_map<int64_t, PairState> m_pairs;
    // Every event looks its thread's history and pairing state up: a small direct-mapped cache of the two map
    // entries saves the searches (map nodes never move, and neither map erases an entry before reset()).
    struct ThreadSlot {
        int64_t tid = 0;
        VersionHistory* history = nullptr;
        PairState* pair = nullptr;
    };
    static constexpr size_t kSlotCount = 256;
    std::array<ThreadSlot, kSlotCount> m_slots{};
    ThreadSlot& slot(int64_t tid)
    {
        ThreadSlot& s = m_slots[uint64_t(tid) % kSlotCount];
        if (!s.history || s.tid != tid) [[unlikely]]
            fillSlot(s, tid);
        return s;
    }
    void fillSlot(ThreadSlot& s, int64_t tid);
    // The fd table of the owner looked up last (fd lookups come in runs for one process).
    mutable int64_t m_lastOwner = 0;
    mutable const std::unordered_map<int64_t, uint32_t>* m_lastTable = nullptr;
    std::vector<FdKey> m_deferredFdRemovals;
    std::vector<int64_t> m_deferredThreadRemovals;
    std::unordered_map<uint32_t, std::string> m_users, m_groups;
    ContainerTable m_containers;
    bool m_sawActivity = false; // an event other than a container description was applied
    bool m_refreshCallerOnClone = false;
};

} // namespace syscope::state
