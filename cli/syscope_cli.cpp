// SPDX-License-Identifier: GPL-3.0-or-later
// syscope-cli: sysdig's command line over the syscope core.
#include "chisel_command.h"
#include "cli_options.h"
#include "decode/event_renderer.h"
#include "fields/field_catalog.h"
#include "fields/field_extractor.h"
#include "filtered_printer.h"
#include "format/event_schema.h"
#include "format/mapped_capture.h"
#include "index/indexer.h"
#include "live_command.h"
#include "parallel_printer.h"

#include <cstdio>
#include <string>

using namespace syscope;

namespace {

constexpr int kExitUsage = 2;
constexpr int kExitDamaged = 1;

void listEvents()
{
    std::string out;
    for (uint16_t id = 0; id < format::kEventIdCount; ++id) {
        const format::EventInfo* e = format::eventInfo(id);
        if (!e || (e->flags & (format::kEfUnused | format::kEfOldVersion)) || (e->category & format::kCatInternal))
            continue;
        out += format::isEnter(id) ? "> " : "< ";
        out += e->name;
        out.push_back('(');
        for (size_t i = 0; i < e->params.size(); ++i) {
            if (i)
                out += ", ";
            out += format::paramTypeName(e->params[i].type);
            out.push_back(' ');
            out += e->params[i].name;
        }
        out += ")\n";
    }
    fwrite(out.data(), 1, out.size(), stdout);
}

// sysdig's default line, or with -j its default JSON object, for every shown event, rendered on worker threads.
void printParallel(const cli::CliOptions& opt, index::Indexer& indexer)
{
    decode::EventRenderer renderer(indexer.state(), opt.compat);
    // Two workers: with the indexing thread that makes three, which keeps two cores busy.
    cli::ParallelPrinter printer(
        indexer.state(), opt.compat,
        opt.json ? cli::ParallelPrinter::Line::kDefaultJson : cli::ParallelPrinter::Line::kDefault, stdout, 2);
    // -j's proc.name is null where sysdig would have no thread entry, which depends on every event before
    // (fields::ThreadTransients): an extractor follows the whole stream here, on the reading thread.
    fields::FieldExtractor extractor(indexer.state(), renderer);
    const fields::FieldRef procName =
        fields::FieldCatalog::parse("proc.name", fields::FieldCatalog::Match::kExact).value();
    uint64_t seen = 0;
    indexer.run(
        [&](uint64_t ordinal, const format::RawEvent& ev, const state::EventContext& ctx) {
            // sysdig consumes the container table at the head of a file while opening it: not counted by -n.
            if (!ctx.headerMeta) {
                if (opt.maxEvents && seen >= opt.maxEvents)
                    return false;
                ++seen;
            }
            if (opt.json)
                extractor.observe(ev, ctx, ordinal);
            if (!renderer.isShown(ev, ctx))
                return true;
            const decode::CurrentStateView live(indexer.state(), ctx, ordinal);
            if (!opt.json) {
                printer.add(ev, ordinal, live);
                return true;
            }
            extractor.select(ev, ctx, ordinal);
            fields::FieldValue name;
            printer.add(ev, ordinal, live,
                        extractor.extract(procName, name) ? std::optional(name.bytes) : std::nullopt);
            return true;
        },
        nullptr, false,
        [&] {
            printer.drain(); // before the tracker forgets the state the queued events point to
            extractor.resetStream();
        });
    printer.drain();
    fflush(stdout);
}

int readCapture(const cli::CliOptions& opt)
{
    auto cap = format::MappedCapture::open(opt.readFile);
    if (!cap) {
        fprintf(stderr, "syscope-cli: %s\n", cap.error().message.c_str());
        return kExitUsage;
    }
    index::Indexer indexer(**cap, opt.compat);
    if (auto r = indexer.open(); !r) {
        fprintf(stderr, "syscope-cli: %s: %s\n", opt.readFile.c_str(), r.error().message.c_str());
        return r.error().code == ErrorCode::kNotCapture || r.error().code == ErrorCode::kUnsupported ? kExitUsage
                                                                                                     : kExitDamaged;
    }
    if (cli::FilteredPrinter::wanted(opt))
        return cli::FilteredPrinter::run(opt, indexer, (*cap)->bytes());
    printParallel(opt, indexer);
    if (indexer.damage()) {
        fprintf(stderr, "syscope-cli: %s: %s\n", opt.readFile.c_str(), indexer.damage()->message.c_str());
        return kExitDamaged;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    auto opt = cli::parseCliOptions(argc, argv);
    if (!opt) {
        fprintf(stderr, "syscope-cli: %s\n%s", opt.error().message.c_str(), cli::cliUsage());
        return kExitUsage;
    }
    if (opt->help) {
        fputs(cli::cliUsage(), stdout);
        return 0;
    }
    if (cli::ChiselCommand::wanted(*opt))
        return cli::ChiselCommand::run(*opt);
    if (opt->listFields) {
        std::string text = fields::FieldCatalog::listing(opt->verbose);
        fwrite(text.data(), 1, text.size(), stdout);
        return 0;
    }
    if (opt->listEvents) {
        listEvents();
        return 0;
    }
    if (cli::LiveCommand::wanted(*opt))
        return cli::LiveCommand::run(*opt);
    return readCapture(*opt);
}
