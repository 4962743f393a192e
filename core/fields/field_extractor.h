// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one implementation of every field: given an event (its bytes, the context the state tracker stored for it
// and its ordinal) it produces a field's typed value, its text as sysdig prints it (-p) and its JSON value (-j).
// Filters, output formats, GUI columns and chisels all go through it.
//
// Streaming use (the CLI): observe() every event in file order, then select() it and extract. That reproduces
// the per-thread values sysdig keeps between events (latency on events that skip the reset, the fd an exit
// inherits from its enter, which events have no thread). Random access (the GUI, from the index) only select()s:
// latency then comes from EventContext::paired/enterTs, which index rows do not keep (so it reads 0 there), and
// fds from EventContext::fdNum.
// Not thread-safe (scratch buffers, per-field state); use one per thread.
#include "base/result.h"
#include "decode/event_renderer.h"
#include "fields/field_ref.h"
#include "fields/field_value.h"
#include "fields/thread_transients.h"
#include "format/raw_event.h"
#include "state/state_tracker.h"

#include <functional>
#include <map>
#include <span>
#include <string>
#include <unordered_map>

namespace syscope {
struct EventView;
}

namespace syscope::fields {

class FieldExtractor {
public:
    FieldExtractor(const state::StateTracker& state, const decode::EventRenderer& renderer);

    // -t: 'h' (default), 'a', 'r', 'd' or 'D'; decides evt.outputtime.
    void setTimeFormat(char t) { m_timeFormat = t; }
    // evt.reltime counts from the capture's first event.
    void setFirstEventTs(uint64_t ts) { m_firstTs = ts; }
    // The mapped capture, to read back the enter event of an exit (fd.name of a failed openat).
    void setCaptureBytes(std::span<const uint8_t> bytes) { m_bytes = bytes; }

    // Streaming: feed every event, in file order, before selecting it.
    void observe(const format::RawEvent& ev, const state::EventContext& ctx, uint64_t ordinal);
    // The same, for callers that observe every event from the first: the ordinal is counted here.
    void observe(const format::RawEvent& ev, const state::EventContext& ctx) { observe(ev, ctx, m_nextOrdinal); }
    void resetStream()
    {
        m_transients.reset();
        m_containerIdThread = nullptr;
    }
    // Streaming with a filter: whether the filter accepted `ev` (call for every enter event observed, including
    // the ones skipped by event type). sysdig forgets an enter its filter rejects, which shows on the exit.
    void noteFiltered(const format::RawEvent& ev, bool accepted);
    // Whether a filter is set for this stream (sysdig formats output differently then: see fdNameFromCreator).
    void setFilterActive(bool active) { m_filterActive = active; }
    // Makes `ev` the event fields are read from. The references must stay valid while it is selected.
    void select(const format::RawEvent& ev, const state::EventContext& ctx, uint64_t ordinal);
    // Random access: an event read back from a Session's index (it must stay alive while selected).
    void select(const EventView& view);

    // The typed value of `ref` for the selected event; false when the field has no value for it.
    bool extract(const FieldRef& ref, FieldValue& out);

    enum class Text { kOk, kMissing };
    // sysdig's text for the field (what -p prints). An error is a value sysdig refuses to print
    // ("wrong event type 14"); it ends the output.
    Result<Text> appendText(const FieldRef& ref, std::string& out);
    // The field's JSON value (what -j prints), "null" when missing (returned as kMissing).
    Result<Text> appendJson(const FieldRef& ref, std::string& out);

    // Accessors the filter needs for fields that compare specially (fd.ip, fd.port, fd.net, proc.aname...).
    const format::RawEvent& event() const { return *m_ev; }
    uint64_t ordinal() const { return m_ordinal; }
    // The event's thread as most fields see it (looked up after the event was applied).
    const state::ThreadInfo* thread();
    // The thread attached to the event before it was applied (evt.latency and a few others read only this).
    const state::ThreadInfo* eventThread();
    const state::ThreadInfo* mainThread();
    const state::ThreadInfo* threadById(int64_t tid) const;
    const state::FdInfo* fdForFields();
    // Visits the ancestors of the process (parent first) until f returns true; true when it did.
    bool anyAncestor(const std::function<bool(const state::ThreadInfo&)>& f);
    // Whether an address is one of this machine's (the capture's interface list).
    // (sysdig asks the event's container first: its address, or any container's when it has none.)
    bool isLocalIpv4(const uint8_t* addr);
    bool isLocalIpv6(const uint8_t* addr);

    // Text of a typed value the way sysdig's rawval_to_string prints it; kMissing for types it prints as NULL.
    static Result<Text> appendValueText(const FieldValue& v, std::string& out);
    // appendText's second half, for a value extract() gave for `ref`: evt.buffer in `renderer`'s buffer format,
    // anything else as appendValueText. Reads nothing of an extractor, so printer threads call it too.
    static Result<Text> appendTextOf(const FieldRef& ref, const FieldValue& v, const decode::EventRenderer& renderer,
                                     std::string& out);

private:
    bool extractEvt(const FieldRef& ref, FieldValue& out);
    bool extractProcess(const FieldRef& ref, FieldValue& out);
    bool extractUserGroup(const FieldRef& ref, FieldValue& out);
    bool extractContainer(const FieldRef& ref, FieldValue& out);
    bool extractFd(const FieldRef& ref, FieldValue& out);
    bool extractFdList(const FieldRef& ref, FieldValue& out);
    bool fdNameFromCreator(std::string& name);
    const state::FdInfo* eventFd();
    bool enterKept();
    std::string_view rawFdName(const state::FdInfo& f);
    int64_t lastFd();
    uint64_t latency();
    const state::ContainerInfo* container();
    std::string_view containerId();
    bool setString(FieldValue& out, std::string_view s);
    bool setScratch(FieldValue& out);
    static bool setNum(FieldValue& out, uint64_t v);
    void appendArgs(std::string& out);

    const state::StateTracker& m_state;
    const decode::EventRenderer& m_renderer;
    ThreadTransients m_transients;
    std::span<const uint8_t> m_bytes;
    char m_timeFormat = 'h';
    uint64_t m_firstTs = 0;

    // The selected event and what has been looked up for it.
    const format::RawEvent* m_ev = nullptr;
    const state::EventContext* m_ctx = nullptr;
    const format::EventInfo* m_info = nullptr;
    uint64_t m_ordinal = 0;
    bool m_observed = false; // observe() ran for this event: the transient values are its own
    bool m_eventHasThread = false;
    bool m_threadDone = false, m_mainDone = false, m_fdDone = false;
    bool m_eventFdHidden = false; // see extract(): a filter on an unparsed exit may see no event fd
    bool m_inFilterCall = false;  // the field being extracted belongs to a filter
    bool m_filterActive = false;
    bool m_rawNamesBuilt = false;
    std::map<std::pair<int64_t, int64_t>, std::string> m_rawNames; // (table owner, fd) -> scanned unix name
    const state::ThreadInfo* m_thread = nullptr;
    const state::ThreadInfo* m_main = nullptr;
    const state::FdInfo* m_fd = nullptr;
    state::ThreadInfo m_containerThread; // what sysdig attaches to a container event: "container:<id>", tid -1
    uint64_t m_observedOffset = UINT64_MAX;
    uint64_t m_nextOrdinal = 0;

    std::string m_scratch;
    std::string m_containerIdCache;
    const state::ThreadInfo* m_containerIdThread = nullptr; // the thread m_containerIdCache was computed for
    std::unordered_map<uint32_t, const format::UserEntry*> m_users;
    bool m_usersLoaded = false;
};

} // namespace syscope::fields
