// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One event's output line, as syscope-cli prints it on the reading thread (-j with a filter or -p, buffer formats
// of the default line, live capture): sysdig's default line through its own fast renderer where that applies, else
// the output format through the field extractor. Shared by the capture reader and live capture so both print
// alike; -p text from a capture file is written by cli/parallel_printer instead.
#include "base/result.h"
#include "decode/event_renderer.h"
#include "fields/field_extractor.h"
#include "fields/output_format.h"

#include <string>

namespace syscope::cli {

class EventLine {
public:
    // fastDefault: the default format with the human time format, which the renderer writes itself.
    EventLine(const decode::EventRenderer& renderer, fields::FieldExtractor& extractor, fields::OutputFormat& format,
              bool fastDefault, bool json)
        : m_renderer(renderer), m_extractor(extractor), m_format(format), m_fastDefault(fastDefault), m_json(json)
    {}
    // Appends the line of the event the extractor has selected (nothing when the format skips it).
    Result<void> append(std::string& out, const format::RawEvent& ev, uint64_t ordinal, const state::EventContext& ctx);

private:
    const decode::EventRenderer& m_renderer;
    fields::FieldExtractor& m_extractor;
    fields::OutputFormat& m_format;
    const bool m_fastDefault;
    const bool m_json;
};

} // namespace syscope::cli
