// SPDX-License-Identifier: GPL-3.0-or-later
#include "filter/filter_engine.h"

#if __has_include("filter/filter_compiler.h")
#include "decode/event_renderer.h"
#include "fields/field_extractor.h"
#include "filter/filter_compiler.h"
#define SYSCOPE_GUI_HAVE_FILTER 1
#endif

namespace syscope::gui {

#ifdef SYSCOPE_GUI_HAVE_FILTER

class FilterEngine::Program {
public:
    explicit Program(filter::FilterProgram p) : program(std::move(p))
    {
        // Fields that read an exit's enter event: only then is the (backward) search for the enter worth it.
        for (const filter::FilterCheck& c : program.checks) {
            const std::string_view name = c.field.info ? std::string_view(c.field.info->name) : std::string_view();
            if (name.starts_with("fd.") || name.starts_with("evt.latency") || name.starts_with("evt.wait_latency") ||
                name.starts_with("evt.around"))
                needsPairing = true;
        }
    }
    filter::FilterProgram program;
    bool needsPairing = false;
};

struct FilterEngine::Matcher::Impl {
    bool needsPairing;
    // Each matcher evaluates its own copy: checks keep per-instance state and the program records runtime errors.
    filter::FilterProgram program;
    decode::EventRenderer renderer;
    fields::FieldExtractor extractor;
    Impl(const filter::FilterProgram& p, const Session& session, const state::StateTracker& state, uint64_t firstTs)
        : needsPairing(false), program(p), renderer(state, session.compat()), extractor(state, renderer)
    {
        extractor.setFirstEventTs(firstTs);
        extractor.setCaptureBytes(session.capture().bytes());
    }
};

bool FilterEngine::available() { return true; }

namespace {

// Why a filter that compiles probably does not do what its author means (Wireshark's yellow bar), or nullopt.
std::optional<FilterError> caution(const filter::FilterProgram& program)
{
    static constexpr std::string_view kNoSource[] = {"k8s.", "mesos.", "marathon.", "span.", "evtin.", "syslog."};
    for (const filter::FilterCheck& c : program.checks) {
        const std::string_view name = c.field.info ? std::string_view(c.field.info->name) : std::string_view();
        for (std::string_view prefix : kNoSource)
            if (name.starts_with(prefix))
                return FilterError{int(c.column), std::string(name) + " has no value in a syscall capture"};
        if (c.special == filter::FilterCheck::Special::kNeverMatches)
            return FilterError{int(c.column), c.field.text +
                                                  " never matches in a filter (as in sysdig 0.29.3); "
                                                  "use evt.arg." +
                                                  c.field.argName + " instead"};
        for (const filter::FilterLiteral& l : c.literals)
            if (l.str == "<NA>")
                return FilterError{int(c.column), "<NA> is how output shows a missing value; a filter compares the "
                                                  "value itself: use 'not " +
                                                      c.field.text + " exists'"};
    }
    return std::nullopt;
}

} // namespace

FilterEngine::Compiled FilterEngine::compile(const std::string& text)
{
    Compiled c;
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        return c;
    auto r = filter::FilterCompiler::compile(text);
    if (!r) {
        c.error = FilterError{int(r.error().offset), r.error().message};
        return c;
    }
    if (r->empty())
        return c;
    c.caution = caution(*r);
    c.program = std::make_shared<const Program>(std::move(r.value()));
    return c;
}

FilterEngine::Matcher::Matcher(const Program& program, const Session& session, const state::StateTracker& state,
                               uint64_t firstTs)
    : m_impl(std::make_unique<Impl>(program.program, session, state, firstTs))
{
    m_impl->needsPairing = program.needsPairing;
}

bool FilterEngine::Matcher::needsPairing() const { return m_impl->needsPairing; }

bool FilterEngine::needsPairing(const Program& program) { return program.needsPairing; }

FilterEngine::Matcher::~Matcher() = default;

std::optional<bool> FilterEngine::Matcher::matchesRow(uint16_t type, uint16_t cpu, uint64_t ts, uint64_t ordinal) const
{
    const filter::FilterProgram& p = m_impl->program;
    if (auto r = p.decideByType(type))
        return *r;
    return p.evaluateRow(type, cpu, ts, ordinal);
}

bool FilterEngine::Matcher::matches(const EventView& event)
{
    m_impl->extractor.select(event.raw, event.ctx, event.ordinal);
    return m_impl->program.evaluate(m_impl->extractor);
}

bool FilterEngine::Matcher::matchesExit(const EventView& exit, const EventView& enter)
{
    // Replays the two events of this thread through the extractor's streaming path, so its per-thread record
    // (latency, the enter's fd, whether the enter was kept) is what the CLI's single pass has at this exit.
    fields::FieldExtractor& ex = m_impl->extractor;
    ex.observe(enter.raw, enter.ctx, enter.ordinal);
    bool kept = false;
    if (auto d = matchesRow(enter.raw.type, enter.raw.cpu, enter.raw.ts, enter.ordinal))
        kept = *d;
    else {
        ex.select(enter.raw, enter.ctx, enter.ordinal);
        kept = m_impl->program.evaluate(ex);
    }
    ex.noteFiltered(enter.raw, kept);
    ex.observe(exit.raw, exit.ctx, exit.ordinal);
    ex.select(exit.raw, exit.ctx, exit.ordinal);
    return m_impl->program.evaluate(ex);
}

bool FilterEngine::Matcher::matchesUnpairedExit(const EventView& exit)
{
    fields::FieldExtractor& ex = m_impl->extractor;
    ex.observe(exit.raw, exit.ctx, exit.ordinal);
    ex.select(exit.raw, exit.ctx, exit.ordinal);
    return m_impl->program.evaluate(ex);
}

std::optional<FilterError> FilterEngine::Matcher::runtimeError() const
{
    const auto& e = m_impl->program.runtimeError();
    if (!e)
        return std::nullopt;
    return FilterError{int(e->offset), e->message};
}

#else // no core/filter in this build: only the empty filter compiles

class FilterEngine::Program {};
struct FilterEngine::Matcher::Impl {};

bool FilterEngine::available() { return false; }

FilterEngine::Compiled FilterEngine::compile(const std::string& text)
{
    Compiled c;
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        return c;
    c.error = FilterError{0, "filters are not available in this build (no core/filter)"};
    return c;
}

FilterEngine::Matcher::Matcher(const Program&, const Session&, const state::StateTracker&, uint64_t) {}
FilterEngine::Matcher::~Matcher() = default;
bool FilterEngine::Matcher::needsPairing() const { return false; }
bool FilterEngine::needsPairing(const Program&) { return false; }
std::optional<bool> FilterEngine::Matcher::matchesRow(uint16_t, uint16_t, uint64_t, uint64_t) const { return true; }
bool FilterEngine::Matcher::matches(const EventView&) { return true; }
bool FilterEngine::Matcher::matchesExit(const EventView&, const EventView&) { return true; }
bool FilterEngine::Matcher::matchesUnpairedExit(const EventView&) { return true; }
std::optional<FilterError> FilterEngine::Matcher::runtimeError() const { return std::nullopt; }

#endif

} // namespace syscope::gui
