// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reader -> state tracker -> index: the one sequential pass over a capture. Every event gets its ordinal
// (sysdig's evt.num - 1), its state context and a row in the EventIndex; an optional callback sees each event
// as it is indexed (the CLI prints from it, so printing and indexing are one pass). Thread affinity: run() on
// one thread; index() and state() may be read elsewhere up to index().size().
#include "base/result.h"
#include "decode/event_renderer.h"
#include "format/capture_reader.h"
#include "format/mapped_capture.h"
#include "index/event_index.h"
#include "state/state_tracker.h"

#include <atomic>
#include <functional>
#include <optional>

namespace syscope::index {

class Indexer {
public:
    using OnEvent = std::function<bool(uint64_t ordinal, const format::RawEvent&, const state::EventContext&)>;

    Indexer(const format::MappedCapture& capture, decode::Compat compat)
        : m_capture(capture), m_reader(capture.bytes()), m_compat(compat)
    {}

    // Reads the section header and metadata.
    Result<void> open();
    // Indexes every event (until onEvent returns false or stop is set). Damage found on the way does not fail
    // the run: what came before it is indexed and damage() says what and where.
    // beforeReset runs before a new section makes the tracker forget its state (and its versions).
    void run(const OnEvent& onEvent = {}, const std::atomic<bool>* stop = nullptr, bool buildIndex = true,
             const std::function<void()>& beforeReset = {});

    const std::optional<Error>& damage() const { return m_damage; }
    const EventIndex& index() const { return m_index; }
    const state::StateTracker& state() const { return m_state; }
    const format::CaptureMetadata& metadata() const { return m_reader.metadata(); }
    uint64_t eventCount() const { return m_ordinal; }

private:
    const format::MappedCapture& m_capture;
    format::CaptureReader m_reader;
    decode::Compat m_compat;
    state::StateTracker m_state;
    EventIndex m_index;
    uint64_t m_ordinal = 0;
    std::optional<Error> m_damage;
};

} // namespace syscope::index
