// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The filter language as the GUI sees it: compile text to a program (or an error with its column), then test
// events with a Matcher. The one place that talks to core/filter, so the filter bar, the filter job and the
// screenshot mode do not change when the compiler does. The empty filter compiles to "every event" (a null
// program).
// Thread-safe: compile() is pure and a Program is immutable; a Matcher belongs to one thread (it carries its own
// copy of the program and the field extractor's scratch state).
#include "session.h"

#include <memory>
#include <optional>
#include <string>

namespace syscope::gui {

struct FilterError {
    int column = -1; // 0-based column in the filter text, -1 when unknown
    std::string message;
};

class FilterEngine {
public:
    class Program;
    using ProgramPtr = std::shared_ptr<const Program>;

    struct Compiled {
        ProgramPtr program;               // null for the empty filter (matches every event)
        std::optional<FilterError> error; // set when the text does not compile
        // Compiles, but probably does not do what is meant (a field a syscall capture never fills, a comparison
        // with <NA>): the filter bar turns yellow and says why.
        std::optional<FilterError> caution;
        bool ok() const { return !error.has_value(); }
    };

    // Whether non-empty filters can be compiled in this build (false without core/filter).
    static bool available();
    static Compiled compile(const std::string& text);
    // Whether the program reads an exit's enter event (latency, fds of failed opens): then exits must be paired
    // with their enters before they are matched.
    static bool needsPairing(const Program& program);

    class Matcher {
    public:
        // `firstTs` is the capture's first shown event's timestamp (evt.reltime counts from it).
        Matcher(const Program& program, const Session& session, const state::StateTracker& state, uint64_t firstTs);
        ~Matcher();
        Matcher(const Matcher&) = delete;
        Matcher& operator=(const Matcher&) = delete;
        // The decision from the index columns alone (event type, cpu, time, ordinal), when they suffice.
        std::optional<bool> matchesRow(uint16_t type, uint16_t cpu, uint64_t ts, uint64_t ordinal) const;
        // Whether the program reads an exit's enter event (latency, fds of failed opens): then events must be
        // paired with EventAccess::pairWithEnter before matches().
        bool needsPairing() const;
        // The full test. Call under the session's state lock (inside Session::withState).
        bool matches(const EventView& event);
        // The full test of an exit event given the thread's last enter (EventAccess::lastEnter), as the CLI's
        // stream sees it: sysdig forgets an enter its filter rejected, and the exit then loses the enter's data
        // and, before parsing, its fd. The enter is evaluated first to know that. Under the state lock.
        bool matchesExit(const EventView& exit, const EventView& enter);
        // The same for an exit whose thread had no enter since the capture began: sysdig's fd.* fields then fall
        // back to the fd a new thread entry starts with.
        bool matchesUnpairedExit(const EventView& exit);
        // An operator the field's type refuses, met while evaluating (sysdig stops the capture with it).
        std::optional<FilterError> runtimeError() const;

    private:
        struct Impl;
        std::unique_ptr<Impl> m_impl;
    };
};

} // namespace syscope::gui
