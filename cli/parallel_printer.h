// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Prints events on worker threads while the indexer keeps applying the next ones: the indexing thread resolves
// each shown event's state lookups (ResolvedStateView) and hands batches to workers that render them; batches
// are written in order. State is sequential, text is not: this is how syscope-cli uses more than one core.
// Two kinds of line: sysdig's default line, and -j's default JSON object.
#include "decode/event_renderer.h"
#include "decode/resolved_state_view.h"

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
    };
    ParallelPrinter(const state::StateTracker& state, decode::Compat compat, Line line, FILE* out, int workers);
    ~ParallelPrinter();

    // Indexing thread: queue event `ordinal` for printing with the state `live` describes now. kDefaultJson also
    // takes proc.name's value (nullopt: null), which only the reading thread can tell; it is copied.
    void add(const format::RawEvent& ev, uint64_t ordinal, const decode::StateView& live,
             std::optional<std::string_view> procName = std::nullopt);
    // Indexing thread: waits until everything queued is written (before the tracker forgets its state).
    void drain();

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
        std::string names; // the items' proc.name values, one after the other
        std::string text;
    };
    void submit();
    void work(decode::Compat compat);

    const state::StateTracker& m_state;
    const Line m_line;
    FILE* m_out;
    std::unique_ptr<Batch> m_filling;
    uint64_t m_nextSeq = 0;

    std::mutex m_mu;
    std::condition_variable m_ready, m_written, m_freed;
    std::deque<std::unique_ptr<Batch>> m_queue, m_free;
    uint64_t m_nextToWrite = 0;
    bool m_stop = false;
    std::vector<std::thread> m_workers;
};

} // namespace syscope::cli
