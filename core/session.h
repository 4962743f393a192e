// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One open capture: its mapped bytes, the indexer running on its own thread, and thread-safe random access to
// any indexed event with the state it had. The facade the GUI, chisels and jobs use.
// Thread affinity: open/startIndexing/cancel from one owner thread; every const method from any thread.
#include "base/result.h"
#include "decode/event_renderer.h"
#include "format/mapped_capture.h"
#include "index/indexer.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>

namespace syscope {

// An indexed event, decoded enough to render it: its bytes and the state context the indexer stored.
struct EventView {
    uint64_t ordinal = 0;
    format::RawEvent raw;
    state::EventContext ctx;
};

class Session {
public:
    ~Session();
    static Result<std::unique_ptr<Session>> open(const std::string& path,
                                                 decode::Compat compat = decode::Compat::kSysdig0293);

    // Starts indexing on a background thread. Events become readable as chunks are published.
    void startIndexing();
    // Indexes on the calling thread until done (CLI tools, tests).
    void indexNow();
    void cancel();
    void wait();

    bool indexingDone() const { return m_done.load(std::memory_order_acquire); }
    // Called once, on the indexing thread, as soon as indexing ends (at once if it already has): lets a
    // polling owner learn it without waiting for its next tick. Any thread.
    void onIndexingDone(std::function<void()> notify);
    // Events readable now.
    uint64_t eventCount() const { return m_indexer->index().size(); }
    // Fraction of the capture's bytes indexed so far, 0..1.
    double progress() const;
    // Damage found while indexing (valid once indexingDone()).
    std::optional<Error> damage() const;

    const std::string& path() const { return m_path; }
    const format::MappedCapture& capture() const { return *m_capture; }
    decode::Compat compat() const { return m_compat; }

    // Decodes event `ordinal`; false when it is not indexed (yet).
    bool event(uint64_t ordinal, EventView& out) const;
    // Runs f(state, index) under the state read lock: use it to render or inspect state consistently.
    template <typename F>
    auto withState(F&& f) const
    {
        std::shared_lock lock(m_stateLock);
        return f(m_indexer->state(), m_indexer->index());
    }

private:
    Session() = default;
    void runIndexer();

    std::string m_path;
    decode::Compat m_compat = decode::Compat::kSysdig0293;
    std::unique_ptr<format::MappedCapture> m_capture;
    std::unique_ptr<index::Indexer> m_indexer;
    mutable std::shared_mutex m_stateLock;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<bool> m_done{false};
    std::atomic<uint64_t> m_bytesDone{0};
    std::mutex m_notifyLock;
    std::function<void()> m_notifyDone; // under m_notifyLock
};

} // namespace syscope
