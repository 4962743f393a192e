// SPDX-License-Identifier: GPL-3.0-or-later
#include "fields/default_json_line.h"

#include "fields/json_text.h"
#include "format/event_schema.h"

#include <charconv>
#include <cstring>

namespace syscope::fields {

void appendDefaultJsonLine(std::string& out, const decode::EventRenderer& renderer, const format::RawEvent& ev,
                           uint64_t ordinal, const decode::StateView& sv, std::optional<std::string_view> procName,
                           std::string& scratch)
{
    // The members in jsoncpp's order (sorted by key), each typed as the field catalog types it: evt.cpu INT16,
    // evt.num UINT64, thread.tid INT64, evt.outputtime the raw timestamp (JSON never formats time), the others
    // strings. Numbers and keys go through a stack buffer, appended once per run: this runs for every line.
    char buf[128];
    char* p = buf;
    auto put = [&p](std::string_view s) {
        std::memcpy(p, s.data(), s.size());
        p += s.size();
    };
    auto flush = [&] {
        out.append(buf, size_t(p - buf));
        p = buf;
    };
    put(R"({"evt.cpu":)");
    p = std::to_chars(p, p + 8, int16_t(ev.cpu)).ptr;
    put(format::isEnter(ev.type) ? R"(,"evt.dir":">","evt.info":")" : R"(,"evt.dir":"<","evt.info":")");
    flush();
    const size_t info = out.size();
    renderer.appendInfo(out, ev, sv);
    endJsonCString(out, info, scratch);
    put(R"(,"evt.num":)");
    p = std::to_chars(p, p + 24, ordinal + 1).ptr;
    put(R"(,"evt.outputtime":)");
    p = std::to_chars(p, p + 24, ev.ts).ptr;
    put(R"(,"evt.type":)");
    flush();
    appendJsonCString(out, renderer.typeName(ev));
    if (procName) {
        out += R"(,"proc.name":)";
        appendJsonCString(out, *procName);
    } else
        out += R"(,"proc.name":null)";
    put(R"(,"thread.tid":)");
    p = std::to_chars(p, p + 24, int64_t(ev.tid)).ptr;
    put("}\n");
    flush();
}

} // namespace syscope::fields
