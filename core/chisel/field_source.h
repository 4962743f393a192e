// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the chisel runtime needs from the field and filter engine, and nothing more: resolve a field name into
// an extractor (chisel.request_field), compile filter text into a predicate (chisel.set_filter, sysdig.set_filter,
// get_thread_table's filter), and compile an output format into a formatter (chisel.set_event_formatter).
// Keeping the runtime behind this narrow seam lets it be built, tested and replaced independently of the
// engine that implements it. Thread affinity: a source, and each extractor, predicate and formatter it makes,
// is used from the one thread that runs the chisels; a few fields keep state between events, so instances are
// never shared between chisels.
#include "base/result.h"
#include "chisel/chisel_event.h"
#include "chisel/field_value.h"
#include "decode/event_renderer.h"

#include <memory>
#include <string>
#include <string_view>

namespace syscope::chisel {

class FieldSource {
public:
    class Extractor {
    public:
        virtual ~Extractor() = default;
        // Fills `out` (nil when the field does not apply to this event).
        virtual void extract(const ChiselEvent& ev, FieldValue& out) = 0;
    };
    class Predicate {
    public:
        virtual ~Predicate() = default;
        virtual bool matches(const ChiselEvent& ev) = 0;
    };
    class Formatter {
    public:
        virtual ~Formatter() = default;
        // Appends the formatted line (without newline); false when the event is not to be printed.
        virtual bool format(const ChiselEvent& ev, std::string& out) = 0;
    };

    virtual ~FieldSource() = default;
    // Streaming runs show the source every event, in file order, before any field of it is read: a few fields
    // depend on what came before (the latency and fd a thread's last enter left behind).
    virtual void observe(const ChiselEvent& ev) { (void)ev; }
    // Streaming runs with a global filter tell the source what it decided for each event: sysdig forgets an
    // enter event its global filter rejects, which some fields of the exit show.
    virtual void noteFiltered(const ChiselEvent& ev, bool accepted) { (void)ev, (void)accepted; }
    // How buffers (evt.buffer, evt.arg.data) render: sysdig.set_output_format("ascii") and friends.
    virtual void setBufferFormat(decode::BufferFormat format) { (void)format; }
    // An error means the name is not a field; its message is what the user sees.
    virtual Result<std::unique_ptr<Extractor>> field(std::string_view name) = 0;
    // Where a filter runs decides what it sees: sysdig evaluates its global filter (the command line's, or
    // sysdig.set_filter) before it parses an event that does not change state, and a chisel's own filter
    // (chisel.set_filter, get_thread_table) after.
    enum class Stage { kGlobal, kChisel };
    virtual Result<std::unique_ptr<Predicate>> filter(std::string_view text, Stage stage) = 0;
    virtual Result<std::unique_ptr<Formatter>> formatter(std::string_view format) = 0;
};

} // namespace syscope::chisel
