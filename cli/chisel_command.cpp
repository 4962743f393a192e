// SPDX-License-Identifier: GPL-3.0-or-later
#include "chisel_command.h"

#include "chisel/chisel_catalog.h"
#include "chisel/chisel_run.h"
#include "chisel/core_field_source.h"
#include "fields/output_format.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <string>

namespace syscope::cli {

namespace {

using chisel::ChiselCatalog;
using chisel::ChiselRun;

// Our installed chisels: where CMake installs them, and beside the binary's own prefix
// (<prefix>/bin/syscope-cli -> <prefix>/share/syscope/chisels) for an installed tree that was moved.
std::vector<std::string> installedChiselDirs()
{
    std::vector<std::string> dirs;
#ifdef SYSCOPE_INSTALL_CHISELS_DIR
    dirs.emplace_back(SYSCOPE_INSTALL_CHISELS_DIR);
#endif
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec)
        dirs.push_back((exe.parent_path().parent_path() / "share" / "syscope" / "chisels").string());
    return dirs;
}

// Chisel output goes to stdout in large writes; an empty view asks for a flush.
class StdoutSink {
public:
    void operator()(std::string_view text)
    {
        if (text.empty()) {
            flush();
            return;
        }
        m_buf.append(text);
        if (m_buf.size() >= (1u << 16))
            flush();
    }
    void flush()
    {
        if (!m_buf.empty())
            fwrite(m_buf.data(), 1, m_buf.size(), stdout);
        m_buf.clear();
        fflush(stdout);
    }

private:
    std::string m_buf;
};

void printError(const std::string& msg)
{
    fflush(stdout);
    fprintf(stderr, "%s\n", msg.c_str());
}

std::string join(const std::vector<std::string>& words, size_t from, const std::set<size_t>& skip)
{
    std::string out;
    for (size_t i = from; i < words.size(); ++i) {
        if (skip.count(i))
            continue;
        if (!out.empty())
            out.push_back(' ');
        out += words[i];
    }
    return out;
}

} // namespace

bool ChiselCommand::wanted(const CliOptions& opt)
{
    return opt.listChisels || !opt.chiselInfo.empty() || !opt.chisels.empty();
}

int ChiselCommand::run(const CliOptions& opt)
{
    ChiselCatalog catalog(ChiselCatalog::defaultSearchPath(installedChiselDirs()));
    if (opt.listChisels) {
        std::string out = ChiselCatalog::formatList(catalog.list());
        fwrite(out.data(), 1, out.size(), stdout);
        return 0;
    }
    if (!opt.chiselInfo.empty()) {
        auto info = catalog.info(opt.chiselInfo);
        if (!info) {
            printError(info.error().message);
            return 1;
        }
        std::string out = ChiselCatalog::formatInfo(*info);
        fwrite(out.data(), 1, out.size(), stdout);
        return 0;
    }
    if (opt.readFile.empty()) {
        printError("syscope-cli: chisels run over a capture for now; use -r FILE");
        return 2;
    }

    StdoutSink out;
    ChiselRun::Options o;
    o.sourceName = opt.readFile;
    o.maxEvents = opt.maxEvents;
    o.tty = isatty(STDOUT_FILENO) != 0;
    // -pc tells chisels to show container columns, as in sysdig.
    o.printContainerData = opt.hasPrintFormat && opt.printFormat == fields::OutputFormat::kContainer;
    o.bufferFormatForced = opt.bufferFormatFlags > 0;
    o.bufferFormat = opt.bufferFormat;
    auto makeFields = [](const state::StateTracker& tracker, std::span<const uint8_t> bytes, decode::Compat compat) {
        auto f = std::make_unique<chisel::CoreFieldSource>(tracker, compat);
        f->setCaptureBytes(bytes);
        return std::unique_ptr<chisel::FieldSource>(std::move(f));
    };
    // Filled in below, once the chisels have taken their words.
    ChiselRun run(
        catalog, makeFields, o, [&out](std::string_view t) { out(t); },
        [&out](std::string_view t) {
            out.flush();
            fwrite(t.data(), 1, t.size(), stderr);
        });

    // Which words are a chisel's arguments and which the filter (see the class comment).
    const auto& words = opt.filterWords;
    std::set<size_t> consumed;
    state::StateTracker noState;
    chisel::CoreFieldSource probe(noState, opt.compat);
    for (const auto& req : opt.chisels) {
        auto c = run.add(req.name);
        if (!c) {
            printError(c.error().message);
            (void)run.end();
            return 1;
        }
        const auto& info = (*c)->info();
        if (info.args.empty())
            continue;
        const bool hasWord = req.wordFollows && req.firstWord < words.size() && !consumed.count(req.firstWord);
        if (!hasWord) {
            if (info.requiredArgs() != 0) {
                printError("missing arguments for chisel " + req.name);
                (void)run.end();
                return 1;
            }
            continue;
        }
        const std::string& word = words[req.firstWord];
        bool take = info.requiredArgs() != 0 || (info.args.size() == 1 && info.args[0].argtype == "filter");
        if (!take)
            take = !probe.filter(join(words, req.firstWord, consumed), chisel::FieldSource::Stage::kGlobal);
        if (!take)
            continue;
        consumed.insert(req.firstWord);
        if (auto r = (*c)->setArgs(word); !r) {
            printError(r.error().message);
            (void)run.end();
            return 1;
        }
    }
    run.setFilterText(join(words, 0, consumed));

    auto r = run.runFile(opt.readFile, opt.compat);
    out.flush();
    if (!r) {
        printError(r.error().message);
        return 1;
    }
    return 0;
}

} // namespace syscope::cli
