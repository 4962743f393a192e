// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// sysdig's -j line for its default format (OutputFormat::kDefaultJson), written directly, as
// EventRenderer::appendDefaultLine writes the default text line: no per-field dispatch, and the state only
// through a StateView, so that worker threads can render it over state resolved ahead of time
// (cli/parallel_printer). The text must be OutputFormat::appendJson's for that format, byte for byte: tst_cli
// compares the two on every shared capture. Any thread; the renderer is the caller's (one per thread).
#include "decode/event_renderer.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace syscope::fields {

// Appends the line and its newline. `renderer` renders evt.info and must not cut buffers (JSON never does).
// `procName`: proc.name's value as the FieldExtractor following the stream extracted it, nullopt when sysdig
// would have no thread for the event (null); it depends on every event before, so the reading thread finds it.
// `scratch`: room to escape evt.info in, the caller's to reuse.
void appendDefaultJsonLine(std::string& out, const decode::EventRenderer& renderer, const format::RawEvent& ev,
                           uint64_t ordinal, const decode::StateView& sv, std::optional<std::string_view> procName,
                           std::string& scratch);

} // namespace syscope::fields
