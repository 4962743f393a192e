// SPDX-License-Identifier: GPL-3.0-or-later
#include "event_line.h"

namespace syscope::cli {

Result<void> EventLine::append(std::string& out, const format::RawEvent& ev, uint64_t ordinal,
                               const state::EventContext& ctx)
{
    if (m_fastDefault) {
        m_renderer.appendDefaultLine(out, ev, ordinal, ctx);
        return {};
    }
    auto line = m_json ? m_format.appendJson(m_extractor, out) : m_format.appendText(m_extractor, out);
    if (!line)
        return line.error();
    if (*line == fields::OutputFormat::Line::kPrinted)
        out.push_back('\n');
    return {};
}

} // namespace syscope::cli
