// SPDX-License-Identifier: GPL-3.0-or-later
#include "event_filter.h"

#include "filter/filter_compiler.h"

#include <cstdio>

namespace syscope::cli {

std::optional<filter::FilterProgram> EventFilter::compile(const std::vector<std::string>& words)
{
    std::string text;
    for (size_t i = 0; i < words.size(); ++i) {
        if (i)
            text.push_back(' ');
        text += words[i];
    }
    auto program = filter::FilterCompiler::compile(text);
    if (!program) {
        fprintf(stderr, "filter error at column %lld: %s\n", static_cast<long long>(program.error().offset + 1),
                program.error().message.c_str());
        return std::nullopt;
    }
    return std::move(*program);
}

EventFilter::Verdict EventFilter::apply(const format::RawEvent& ev, const state::EventContext& ctx, uint64_t ordinal)
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
