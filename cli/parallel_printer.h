// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Prints events on worker threads while the indexer keeps applying the next ones: the indexing thread resolves
// each shown event's state lookups (ResolvedStateView) and hands batches to workers that render them; batches
// are written in order. State is sequential, text is not: this is how syscope-cli uses more than one core.
// Three kinds of line: sysdig's default line, -j's default JSON object, and a -p format's text, whose field values
// the reading thread extracts (fields::OutputFormat::prepare) and the workers write.
#include "base/result.h"
#include "decode/event_renderer.h"
#include "decode/resolved_state_view.h"
#include "fields/output_format.h"

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace syscope::cli {

class ParallelPrinter {
public:
    enum class Line {
        kDefault,     // EventRenderer::appendDefaultLine
        kDefaultJson, // fields::appendDefaultJsonLine (-j without -p)
        kFormat,      // fields::OutputFormat text (-p)
    };
    // How kFormat lines print buffers (evt.buffer): the reading thread's renderer settings.
    struct Buffers {
        decode::BufferFormat format = decode::BufferFormat::kNormal;
        bool cut = true;
    };
    ParallelPrinter(const state::StateTracker& state, decode::Compat compat, Line line, FILE* out, int workers);
    // kFormat: lines of `format`, which must outlive the printer (workers only read its tokens).
    ParallelPrinter(const state::StateTracker& state, decode::Compat compat, fields::OutputFormat& format,
                    Buffers buffers, FILE* out, int workers);
    ~ParallelPrinter();

    // Indexing thread: queue event `ordinal` for printing with the state `live` describes now. kDefaultJson also
    // takes proc.name's value (nullopt: null), which only the reading thread can tell; it is copied.
    void add(const format::RawEvent& ev, uint64_t ordinal, const decode::StateView& live,
             std::optional<std::string_view> procName = std::nullopt);
    // kFormat, indexing thread: queues the line of the event `ex` has selected.
    void addFormatted(fields::FieldExtractor& ex);
    // Indexing thread: waits until everything queued is written (before the tracker forgets its state).
    void drain();
    // A value a worker could not print (sysdig's "wrong event type"): the output stops before that line and
    // nothing queued after it is written. Indexing thread; final once drain() returned.
    std::optional<Error> failure();
    // Whether failure() has something: cheap enough to ask for every event.
    bool failed() const;

private:
    static constexpr uint32_t kNoName = UINT32_MAX;
    struct Item {
        format::RawEvent ev;
        uint64_t ordinal;
        decode::ResolvedStateView view;
        uint32_t nameAt, nameLength; // proc.name in Batch::names; nameLength kNoName: null
    };
    struct Batch {
        uint64_t seq = 0;
        std::vector<Item> items;
        std::vector<decode::ResolvedEntry> arena;
        std::string names;           // the items' proc.name values, one after the other
        std::vector<uint32_t> lines; // kFormat: each event's first value in `values`
        std::vector<fields::OutputFormat::Prepared> values;
        std::string bytes; // kFormat: the values' bytes
        std::string text;
        std::optional<Error> error; // the line that could not be printed ends the batch
        size_t size() const { return items.size() + lines.size(); }
    };
    void start(decode::Compat compat, Buffers buffers, int workers);
    Batch& filling();
    void submit();
    void work(decode::Compat compat, Buffers buffers);
    void writeFormat(Batch& b, const decode::EventRenderer& renderer) const;

    const state::StateTracker& m_state;
    const Line m_line;
    fields::OutputFormat* m_format = nullptr;
    FILE* m_out;
    std::unique_ptr<Batch> m_filling;
    uint64_t m_nextSeq = 0;

    std::mutex m_mu;
    std::condition_variable m_ready, m_written, m_freed;
    std::deque<std::unique_ptr<Batch>> m_queue, m_free;
    uint64_t m_nextToWrite = 0;
    bool m_stop = false;
    std::optional<Error> m_failure; // under m_mu: set by the writer of the batch that failed
    std::atomic<bool> m_failed{false};
    std::vector<std::thread> m_workers;
};

} // namespace syscope::cli
