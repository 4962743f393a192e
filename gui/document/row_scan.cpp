// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/row_scan.h"

#include "document/event_access.h"
#include "format/capture_reader.h"
#include "format/event_schema.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace syscope::gui {

namespace {

// The candidates' segment for exactly [begin, end), or null.
const RowSetSegment* candidateSegment(const RowSet* candidates, uint64_t begin, uint64_t end)
{
    if (!candidates || candidates->coveredEnd() < end)
        return nullptr;
    const auto& segs = candidates->segments();
    auto it = std::lower_bound(segs.begin(), segs.end(), begin,
                               [](const RowSet::SegmentPtr& s, uint64_t b) { return s->begin() < b; });
    if (it == segs.end() || (*it)->begin() != begin || (*it)->end() != end)
        return nullptr;
    return it->get();
}

} // namespace

RowScanResult RowScan::run(const RowScanRequest& request, JobControl& control)
{
    const auto t0 = std::chrono::steady_clock::now();
    RowScanResult result;
    result.from = request.from;
    result.to = request.to;
    const Session& session = *request.session;
    // Published index rows never change, so the index is read without the state lock; only the filter
    // program, which looks at thread and fd state, runs under it.
    const index::EventIndex& index =
        *session.withState([](const state::StateTracker&, const index::EventIndex& i) { return &i; });
    const auto bytes = session.capture().bytes();

    std::vector<std::pair<uint64_t, uint64_t>> ranges;
    for (uint64_t b = request.from; b < request.to; b = (b / kSegmentSize + 1) * kSegmentSize)
        ranges.emplace_back(b, std::min(request.to, (b / kSegmentSize + 1) * kSegmentSize));
    result.shown.resize(ranges.size());
    result.segments.resize(ranges.size());

    const uint64_t total = std::max<uint64_t>(1, request.to - request.from);
    std::atomic<uint64_t> done{0};
    std::atomic<size_t> next{0};
    const state::StateTracker& state =
        *session.withState([](const state::StateTracker& st, const index::EventIndex&) { return &st; });
    // Pairing exits with enters needs each thread's last enter at every segment start: extend the map the
    // document keeps (one sequential walk over what it does not cover yet), then segments pair in parallel.
    std::shared_ptr<const EnterMap> enterMap = request.enters;
    if (request.program && request.to > 0 && FilterEngine::needsPairing(*request.program)) {
        const size_t needed = size_t((request.to - 1) / kSegmentSize) + 1; // boundaries 0 .. last segment's start
        if (!enterMap || enterMap->size() < needed) {
            const EnterMap empty;
            enterMap = session.withState([&](const state::StateTracker& st, const index::EventIndex& idx) {
                return (enterMap ? *enterMap : empty).extended(needed, kSegmentSize, st, idx);
            });
        }
    }
    result.enters = enterMap;
    std::mutex errorLock;
    std::atomic<bool> failed{false}; // a runtime filter error ends the scan; the result carries it
    auto worker = [&] {
        EventView view, enterView;
        std::unique_ptr<FilterEngine::Matcher> matcher; // one per worker thread: matchers are not shared
        for (size_t i = next.fetch_add(1); i < ranges.size() && !control.stopRequested() && !failed;
             i = next.fetch_add(1)) {
            const auto [b, e] = ranges[i];
            RowSetSegment::Builder shown(b);
            if (const RowSetSegment* c = candidateSegment(request.candidates.get(), b, e)) {
                c->forEach([&](uint64_t o) {
                    shown.add(o);
                    return true;
                });
            } else {
                for (uint64_t o = b; o < e; ++o)
                    if (!index.hidden(o))
                        shown.add(o);
            }
            auto seg = shown.finish(e);
            result.shown[i] = seg;
            if (request.program) {
                if (!matcher)
                    matcher =
                        std::make_unique<FilterEngine::Matcher>(*request.program, session, state, request.firstTs);
                // Most events are decided from the index columns (event type, cpu, time); only the rest are
                // decoded, together, under one hold of the state lock.
                std::vector<uint64_t> accepted, undecided;
                seg->forEach([&](uint64_t o) {
                    const index::EventRow row = index.row(o);
                    if (auto d = matcher->matchesRow(row.type, row.cpu, row.ts, o)) {
                        if (*d)
                            accepted.push_back(o);
                    } else
                        undecided.push_back(o);
                    return true;
                });
                const size_t decided = accepted.size();
                if (!undecided.empty()) {
                    session.withState([&](const state::StateTracker& st, const index::EventIndex& idx) {
                        // Pairing exits with their enters walks the segment forward once, remembering each
                        // thread's last enter, instead of searching backwards from every exit.
                        EnterMap::Threads enters;
                        if (enterMap)
                            enters = enterMap->at(size_t(b / kSegmentSize));
                        uint64_t walked = b;
                        auto pairUpTo = [&](uint64_t o) {
                            for (; walked < o; ++walked)
                                EnterMap::step(enters, st, idx, walked);
                        };
                        for (size_t k = 0; k < undecided.size(); ++k) {
                            if ((k & 4095) == 0 && control.stopRequested())
                                return;
                            const uint64_t o = undecided[k];
                            if (!EventAccess::load(session, st, idx, o, view))
                                continue;
                            bool match = false;
                            if (matcher->needsPairing() && !format::isEnter(view.raw.type)) {
                                pairUpTo(o);
                                auto it = enters.find(int64_t(view.raw.tid));
                                if (it != enters.end() &&
                                    EventAccess::load(session, st, idx, it->second.ordinal, enterView)) {
                                    EventAccess::applyEnter(it->second, view, bytes);
                                    match = matcher->matchesExit(view, enterView);
                                } else
                                    match = matcher->matchesUnpairedExit(view);
                            } else
                                match = matcher->matches(view);
                            if (match)
                                accepted.push_back(o);
                            if (matcher->runtimeError())
                                return;
                        }
                    });
                }
                if (auto err = matcher->runtimeError()) {
                    std::lock_guard lock(errorLock);
                    if (!result.error)
                        result.error = err;
                    failed = true;
                }
                std::inplace_merge(accepted.begin(), accepted.begin() + std::ptrdiff_t(decided), accepted.end());
                RowSetSegment::Builder matched(b);
                for (uint64_t o : accepted)
                    matched.add(o);
                seg = matched.finish(e);
            }
            result.segments[i] = seg;
            const uint64_t d = done.fetch_add(e - b) + (e - b);
            control.setProgress(double(d) / double(total));
        }
    };
    const size_t workers = std::min<size_t>(ranges.size(), std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    for (size_t k = 1; k < workers; ++k)
        threads.emplace_back(worker);
    if (workers > 0)
        worker();
    for (auto& t : threads)
        t.join();
    for (const auto& s : result.segments)
        if (s)
            result.members += s->count();
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return result;
}

} // namespace syscope::gui
