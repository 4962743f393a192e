// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The filter step that syscope-cli's capture-file and live loops share, in sysdig's order for each event: the
// extractor's per-thread history is fed, sysdig's visibility is decided, then the filter runs (from the event
// type alone where that settles it) and the extractor learns whether an enter was kept. Compiling prints the
// error with its column, as both commands report it.
#include "decode/event_renderer.h"
#include "fields/field_extractor.h"
#include "filter/filter_program.h"

#include <optional>
#include <string>
#include <vector>

namespace syscope::cli {

class EventFilter {
public:
    enum class Verdict { kDrop, kShow, kFailed };

    // The filter words of the command line; nullopt (after printing the error) when they do not compile.
    static std::optional<filter::FilterProgram> compile(const std::vector<std::string>& words);

    // trackExtractor false: the caller reads no field that the extractor's per-thread history serves (lines the
    // parallel printer renders, with a filter on the event type alone), so that history is not kept.
    EventFilter(const filter::FilterProgram& program, fields::FieldExtractor& extractor,
                const decode::EventRenderer& renderer, bool trackExtractor)
        : m_program(program), m_extractor(extractor), m_renderer(renderer), m_track(trackExtractor),
          m_evaluateAll(program.stateful())
    {}

    // kShow leaves the event selected in the extractor; kFailed: the filter met an error (runtimeError()).
    // Inlined into the callers' loops: it runs for every event of the capture.
    Verdict apply(const format::RawEvent& ev, const state::EventContext& ctx, uint64_t ordinal);
    const std::optional<Error>& runtimeError() const { return m_program.runtimeError(); }

private:
    const filter::FilterProgram& m_program;
    fields::FieldExtractor& m_extractor;
    const decode::EventRenderer& m_renderer;
    const bool m_track;
    const bool m_evaluateAll; // stateful checks see the events sysdig hides too
};

[[gnu::always_inline]] inline EventFilter::Verdict EventFilter::apply(const format::RawEvent& ev,
                                                                      const state::EventContext& ctx, uint64_t ordinal)
{
    if (m_track)
        m_extractor.observe(ev, ctx, ordinal);
    const bool shown = m_renderer.isShown(ev, ctx);
    if (!shown && !m_evaluateAll)
        return Verdict::kDrop;
    if (m_program.empty()) {
        m_extractor.select(ev, ctx, ordinal);
        return Verdict::kShow;
    }
    const std::optional<bool> byType = m_program.decideByType(ev.type);
    if (byType == false) {
        if (m_track)
            m_extractor.noteFiltered(ev, false);
        return Verdict::kDrop;
    }
    m_extractor.select(ev, ctx, ordinal);
    const bool pass = byType ? *byType : m_program.evaluate(m_extractor);
    if (m_program.runtimeError())
        return Verdict::kFailed;
    if (m_track)
        m_extractor.noteFiltered(ev, pass);
    return pass && shown ? Verdict::kShow : Verdict::kDrop;
}

} // namespace syscope::cli
