// SPDX-License-Identifier: GPL-3.0-or-later
#include "filtered_printer.h"

#include "event_filter.h"
#include "event_line.h"

#include "parallel_printer.h"

#include "decode/event_renderer.h"
#include "fields/field_extractor.h"
#include "fields/output_format.h"

#include <cstdio>
#include <string>

namespace syscope::cli {

namespace {

constexpr int kExitError = 1;

void flushTo(std::string& buf)
{
    if (!buf.empty()) {
        fwrite(buf.data(), 1, buf.size(), stdout);
        buf.clear();
    }
}

} // namespace

bool FilteredPrinter::wanted(const CliOptions& opt)
{
    // -j alone (its default format) is printed in parallel like the default line (cli/parallel_printer).
    return !opt.filterWords.empty() || opt.hasPrintFormat || opt.bufferFormat != decode::BufferFormat::kNormal ||
           opt.timeFormat != 'h' || opt.verbose;
}

int FilteredPrinter::run(const CliOptions& opt, index::Indexer& indexer, std::span<const uint8_t> captureBytes)
{
    if (opt.bufferFormatFlags > 1) {
        fprintf(stderr, "you cannot specify more than one output format\n");
        return kExitError;
    }
    auto program = EventFilter::compile(opt.filterWords);
    if (!program)
        return kExitError;
    const bool defaultFormat = !opt.hasPrintFormat;
    std::string_view formatText = opt.hasPrintFormat ? std::string_view(opt.printFormat)
                                  : opt.json         ? fields::OutputFormat::kDefaultJson
                                                     : fields::OutputFormat::kDefault;
    auto format = fields::OutputFormat::parse(formatText);
    if (!format) {
        fprintf(stderr, "%s\n", format.error().message.c_str());
        return kExitError;
    }

    decode::EventRenderer renderer(indexer.state(), opt.compat);
    // sysdig cuts default-format buffers to 80 characters unless -v; JSON output never cuts them.
    renderer.setBufferFormat(opt.bufferFormat, !opt.verbose && !opt.json);
    fields::FieldExtractor extractor(indexer.state(), renderer);
    extractor.setTimeFormat(opt.timeFormat);
    extractor.setCaptureBytes(captureBytes);
    extractor.setFilterActive(!program->empty());
    // The default line has a fast renderer of its own; it is only valid for the human time format.
    const bool fastDefault = defaultFormat && !opt.json && opt.timeFormat == 'h';
    EventLine line(renderer, extractor, *format, fastDefault, opt.json);
    // Those lines, with plain buffers, are rendered on worker threads as without a filter: the reading thread
    // only tracks state and filters. Other text formats are written there too, from the values the reading
    // thread extracts.
    std::optional<ParallelPrinter> printer;
    if (fastDefault && opt.bufferFormat == decode::BufferFormat::kNormal && !opt.verbose)
        printer.emplace(indexer.state(), opt.compat, ParallelPrinter::Line::kDefault, stdout, 2);
    else if (!opt.json && !fastDefault)
        printer.emplace(indexer.state(), opt.compat, *format, ParallelPrinter::Buffers{opt.bufferFormat, !opt.verbose},
                        stdout, 1);
    const bool formatted = printer && !fastDefault;
    // The extractor's per-thread history (observe) serves fields of threads and fds. Lines the workers render
    // and a filter on the event type alone read none of it: the reading thread then skips keeping it.
    EventFilter filter(*program, extractor, renderer, !printer || formatted || !program->typeOnly());

    std::string out;
    out.reserve(1 << 20);
    uint64_t seen = 0;
    bool firstTsSet = false;
    std::optional<Error> failure;
    indexer.run(
        [&](uint64_t ordinal, const format::RawEvent& ev, const state::EventContext& ctx) {
            if (!ctx.headerMeta) {
                if (opt.maxEvents && seen >= opt.maxEvents)
                    return false;
                ++seen;
            }
            if (!firstTsSet && ev.ts != 0 && !ctx.headerMeta) {
                extractor.setFirstEventTs(ev.ts);
                firstTsSet = true;
            }
            switch (filter.apply(ev, ctx, ordinal)) {
            case EventFilter::Verdict::kDrop: return true;
            case EventFilter::Verdict::kFailed: failure = filter.runtimeError(); return false;
            case EventFilter::Verdict::kShow: break;
            }
            if (formatted) {
                printer->addFormatted(extractor);
                return !printer->failed();
            }
            if (printer) {
                printer->add(ev, ordinal, decode::CurrentStateView(indexer.state(), ctx, ordinal));
                return true;
            }
            if (auto r = line.append(out, ev, ordinal, ctx); !r) {
                failure = r.error();
                return false;
            }
            if (out.size() >= (1 << 20))
                flushTo(out);
            return true;
        },
        nullptr, false,
        [&] {
            if (printer)
                printer->drain(); // before the tracker forgets the state the queued events point to
            extractor.resetStream();
        });
    if (printer) {
        printer->drain();
        if (auto f = printer->failure())
            failure = std::move(f);
    }
    flushTo(out);
    fflush(stdout);
    if (failure) {
        fprintf(stderr, "%s\n", failure->message.c_str());
        return kExitError;
    }
    if (indexer.damage()) {
        fprintf(stderr, "syscope-cli: %s\n", indexer.damage()->message.c_str());
        return kExitError;
    }
    return 0;
}

} // namespace syscope::cli
