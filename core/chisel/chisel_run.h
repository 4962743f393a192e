// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs one or more chisels over one event stream the way sysdig 0.29.3 drives them: every chisel gets every
// event that passes the global filter (the command-line filter, or what a chisel set with sysdig.set_filter),
// events the global filter drops still advance the chisels' interval timers, and sysdig.end_capture() or the
// event limit ends the run for all. The run is the chisels' ChiselHost: it answers sysdig.* from the capture
// and from the state at the current event.
//
// Two ways to drive it: runFile() reads a capture itself in one streaming pass (syscope-cli); or a caller that
// already has the events (the GUI over a Session) calls begin(), feed() for each event in order, and end().
// Thread affinity: one thread drives a run; cancel() from any thread once the chisels are added.
#include "base/result.h"
#include "chisel/chisel.h"
#include "chisel/chisel_catalog.h"
#include "chisel/chisel_host.h"
#include "chisel/field_source.h"
#include "decode/event_renderer.h"
#include "decode/state_view.h"
#include "format/capture_metadata.h"
#include "state/state_tracker.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

namespace syscope {
class Session;
}

namespace syscope::chisel {

class ChiselRun final : public ChiselHost, private FieldSource {
public:
    struct Options {
        std::string filter;              // the global filter (sysdig's command-line filter)
        std::string sourceName;          // what sysdig.get_evtsource_name answers (the -r argument)
        uint64_t maxEvents = 0;          // -n; 0 for no limit
        bool printContainerData = false; // -pc
        // -A/-x/-X/-b: the user's buffer format wins over what chisels ask with sysdig.set_output_format.
        bool bufferFormatForced = false;
        decode::BufferFormat bufferFormat = decode::BufferFormat::kNormal;
        bool tty = false; // stdout is a terminal
        bool live = false;
        // Every event of the capture reaches feed() in file order (a streaming pass). Off when the caller
        // feeds a selection from the index: fields then take the index's view of stream-dependent values.
        bool streaming = true;
    };
    using Sink = std::function<void(std::string_view)>;
    // Makes the field source for the state a run reads (the fields need the tracker, which exists only once
    // the capture is mapped). `bytes` is the mapped capture.
    using FieldSourceFactory = std::function<std::unique_ptr<FieldSource>(
        const state::StateTracker& tracker, std::span<const uint8_t> bytes, decode::Compat compat)>;

    // out receives the chisels' output (an empty view means "flush"), err their diagnostics.
    ChiselRun(const ChiselCatalog& catalog, FieldSourceFactory fields, Options options, Sink out, Sink err);
    ~ChiselRun() override;

    // Loads a chisel (runs its top-level code); its arguments are set on the returned chisel before begin().
    Result<Chisel*> add(std::string_view name);
    const std::vector<std::unique_ptr<Chisel>>& chisels() const { return m_chisels; }
    // The global filter, when it is only known once the chisels have taken their arguments.
    void setFilterText(std::string text) { m_options.filter = std::move(text); }

    // Streams `path` through the chisels: init, capture start, every event, capture end.
    Result<void> runFile(const std::string& path, decode::Compat compat = decode::Compat::kSysdig0293);

    // Runs the chisels over an indexed session (indexing must be done): every event in order, or only the
    // given ordinals (ascending), e.g. a filter's RowSet or a time range.
    Result<void> runSession(const Session& session, std::span<const uint64_t> ordinals = {});

    // For callers that feed events themselves. begin() calls on_init and on_capture_start; `tracker` is the
    // state the events are applied to (read at each feed()), `bytes` the mapped capture.
    Result<void> begin(const format::CaptureMetadata& meta, const state::StateTracker& tracker,
                       std::span<const uint8_t> bytes, decode::Compat compat = decode::Compat::kSysdig0293);
    // False when the run is over (end_capture, event limit, an error: see end()).
    bool feed(uint64_t ordinal, const format::RawEvent& ev, const state::EventContext& ctx);
    // on_capture_end for every chisel (also after a failure, as sysdig does); returns the first error of the
    // run, if any. A caller that fails before begin() (bad arguments) calls it too.
    Result<void> end();
    // Records a failure found outside the run (the first one wins) and ends the event loop.
    void abort(Error e) { fail(std::move(e)); }

    void cancel();
    uint64_t eventsSeen() const { return m_seen; }

    // ChiselHost
    void write(std::string_view text) override { m_out(text); }
    void flush() override { m_out({}); }
    void writeError(std::string_view text) override { m_err(text); }
    bool isLive() const override { return m_options.live; }
    bool isTty() const override { return m_options.tty; }
    std::string eventSourceName() const override { return m_options.sourceName; }
    double readProgress() const override { return m_progress; }
    std::string globalFilter() const override { return m_filterText; }
    Result<void> setGlobalFilter(std::string_view text) override;
    void setSnaplen(uint32_t snaplen) override { m_snaplen = snaplen; }
    void setFatfileDumpMode(bool on) override { m_fatfile = on; }
    bool printContainerData() const override { return m_options.printContainerData; }
    std::string outputFormat() const override { return m_outputFormat; }
    Result<void> setOutputFormat(std::string_view format) override;
    const format::MachineInfo* machineInfo() const override { return m_machine; }
    uint64_t firstEventTs() const override { return m_firstTs; }
    uint64_t lastEventTs() const override { return m_lastTs; }
    std::vector<ThreadEntry> threadTable() const override;
    std::vector<const state::ContainerInfo*> containerTable() const override;
    const state::StateTracker* tracker() const override { return m_tracker; }
    uint64_t currentOrdinal() const override { return m_ordinal; }

private:
    // FieldSource: what the chisels ask goes to the source made for the current capture.
    void observe(const ChiselEvent& ev) override;
    void noteFiltered(const ChiselEvent& ev, bool accepted) override;
    Result<std::unique_ptr<Extractor>> field(std::string_view name) override;
    Result<std::unique_ptr<Predicate>> filter(std::string_view text, Stage stage) override;
    Result<std::unique_ptr<Formatter>> formatter(std::string_view format) override;
    Result<void> initChisels();

    void noteIds(const format::RawEvent& ev, const state::EventContext& ctx);
    void noteTid(int64_t tid);
    bool fail(Error e);

    const ChiselCatalog& m_catalog;
    FieldSourceFactory m_makeFields;
    std::unique_ptr<FieldSource> m_fields;
    Options m_options;
    Sink m_out, m_err;
    std::vector<std::unique_ptr<Chisel>> m_chisels;

    std::string m_filterText;
    std::unique_ptr<FieldSource::Predicate> m_filter;
    std::string m_outputFormat = "normal";
    decode::BufferFormat m_bufferFormat = decode::BufferFormat::kNormal;
    uint32_t m_snaplen = 0;
    bool m_fatfile = false;

    const format::MachineInfo* m_machine = nullptr;
    const state::StateTracker* m_tracker = nullptr;
    uint64_t m_firstTs = 0, m_lastTs = 0;
    uint64_t m_ordinal = 0; // the current event
    // The current event, kept where chisels can still read it after their callback: like sysdig's, evt.*
    // answers about the last event read also in on_interval and on_capture_end.
    format::RawEvent m_curRaw;
    state::EventContext m_curCtx;
    std::optional<decode::HistoryStateView> m_curView;
    ChiselEvent m_cur;
    uint64_t m_seen = 0;
    double m_progress = 0;
    bool m_begun = false, m_over = false, m_ended = false;
    std::optional<Error> m_error;
    std::atomic<bool> m_cancel{false};

    // What the thread and container tables are built from: every tid, fd number and container id the run
    // has come across (the tracker answers which of them exist at the current event).
    std::unordered_set<int64_t> m_tids;
    std::vector<bool> m_tidSeen;
    int64_t m_lastTid = INT64_MIN;
    std::vector<bool> m_fdSeen;
    std::unordered_set<int64_t> m_bigFds;
    std::unordered_set<std::string> m_containerIds;
};

} // namespace syscope::chisel
