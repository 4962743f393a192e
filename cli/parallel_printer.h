// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Prints events on worker threads while the indexer keeps applying the next ones: the indexing thread resolves
// each shown event's state lookups (ResolvedStateView) and hands batches to workers that render them; batches
// are written in order. State is sequential, text is not: this is how syscope-cli uses more than one core.
#include "decode/event_renderer.h"
#include "decode/resolved_state_view.h"

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace syscope::cli {

class ParallelPrinter {
public:
    ParallelPrinter(const state::StateTracker& state, decode::Compat compat, FILE* out, int workers);
    ~ParallelPrinter();

    // Indexing thread: queue event `ordinal` for printing with the state `live` describes now.
    void add(const format::RawEvent& ev, uint64_t ordinal, const decode::StateView& live);
    // Indexing thread: waits until everything queued is written (before the tracker forgets its state).
    void drain();

private:
    struct Item {
        format::RawEvent ev;
        uint64_t ordinal;
        decode::ResolvedStateView view;
    };
    struct Batch {
        uint64_t seq = 0;
        std::vector<Item> items;
        std::vector<decode::ResolvedEntry> arena;
        std::string text;
    };
    void submit();
    void work(decode::Compat compat);

    const state::StateTracker& m_state;
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
