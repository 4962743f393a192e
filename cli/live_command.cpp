// SPDX-License-Identifier: GPL-3.0-or-later
#include "live_command.h"

#include "event_filter.h"
#include "event_line.h"

#include "decode/event_renderer.h"
#include "fields/field_extractor.h"
#include "fields/output_format.h"
#include "format/block_types.h"
#include "format/capture_writer.h"
#include "live/capture_stats.h"
#include "live/spool_follower.h"
#include "state/state_tracker.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace syscope::cli {
namespace {

constexpr int kExitError = 1;

volatile sig_atomic_t g_interrupted = 0;

void onSignal(int) { g_interrupted = 1; }

std::string helperPath()
{
    if (const char* env = std::getenv("SYSCOPE_CAPTURE"); env && *env)
        return env;
    char self[4096];
    ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return "syscope-capture";
    std::string dir(self, size_t(n));
    dir.resize(dir.rfind('/') + 1);
    return dir + "syscope-capture";
}

void writeOut(std::string& buf)
{
    if (!buf.empty()) {
        fwrite(buf.data(), 1, buf.size(), stdout);
        buf.clear();
    }
}

// The running helper and the two pipes it reports through.
struct Helper {
    pid_t pid = -1;
    int statsFd = -1; // read end: the final statistics line
    int readyFd = -1; // read end: "ready" once it records
    int status = 0;
    bool exited = false;

    bool poll()
    {
        if (!exited && ::waitpid(pid, &status, WNOHANG) == pid)
            exited = true;
        return exited;
    }
    void wait()
    {
        while (!exited) {
            if (::waitpid(pid, &status, 0) == pid)
                exited = true;
            else if (errno != EINTR)
                break;
        }
    }
    int exitCode() const { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }
};

Result<Helper> spawnHelper(const std::vector<std::string>& args)
{
    int stats[2], ready[2];
    if (::pipe2(stats, O_CLOEXEC) != 0 || ::pipe2(ready, O_CLOEXEC) != 0)
        return makeError(ErrorCode::kIo, std::string("cannot create a pipe: ") + std::strerror(errno));
    std::vector<std::string> full = args;
    full.push_back("--stats-fd=3");
    full.push_back("--ready-fd=4");
    Helper h;
    h.pid = ::fork();
    if (h.pid < 0)
        return makeError(ErrorCode::kIo, std::string("cannot start syscope-capture: ") + std::strerror(errno));
    if (h.pid == 0) {
        // The helper's descriptors 3 and 4 are the write ends; everything else closes on exec.
        ::dup2(stats[1], 3);
        ::dup2(ready[1], 4);
        std::vector<char*> argv;
        for (std::string& a : full)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        fprintf(stderr, "syscope-cli: cannot run %s: %s\n", argv[0], std::strerror(errno));
        ::_exit(127);
    }
    ::close(stats[1]);
    ::close(ready[1]);
    h.statsFd = stats[0];
    h.readyFd = ready[0];
    return h;
}

// Blocks until the helper says it records (true) or exits without doing so (false).
bool waitReady(Helper& h)
{
    char buf[16];
    ssize_t n;
    do {
        n = ::read(h.readyFd, buf, sizeof buf);
    } while (n < 0 && errno == EINTR);
    ::close(h.readyFd);
    h.readyFd = -1;
    return n > 0;
}

std::optional<live::CaptureStats> readStats(Helper& h)
{
    std::string text;
    char buf[512];
    for (;;) {
        ssize_t n = ::read(h.statsFd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        text.append(buf, size_t(n));
    }
    ::close(h.statsFd);
    h.statsFd = -1;
    return live::parseCaptureStats(text);
}

void reportStats(const std::optional<live::CaptureStats>& stats, bool verbose)
{
    if (!stats)
        return;
    const uint64_t drops = stats->drops + stats->dropsTooBig;
    if (verbose) {
        double secs = double(stats->elapsedNs) / 1e9;
        fprintf(stderr, "Driver Events:%llu\nDriver Drops:%llu\nSuppressed by Comm:0\n",
                (unsigned long long)stats->eventsProduced, (unsigned long long)drops);
        fprintf(stderr, "Elapsed time: %.3f, Captured Events: %llu, %.2f eps\n", secs,
                (unsigned long long)stats->eventsWritten, secs > 0 ? double(stats->eventsWritten) / secs : 0.0);
    } else if (drops) {
        fprintf(stderr, "syscope-cli: the probe dropped %llu of %llu events (its ring buffers were full)\n",
                (unsigned long long)drops, (unsigned long long)(stats->eventsProduced + drops));
    }
    if (stats->stopReason.rfind("write error", 0) == 0)
        fprintf(stderr, "syscope-cli: capture stopped: %s\n", stats->stopReason.c_str());
}

std::string makeSpool()
{
    const char* dir = std::getenv("TMPDIR");
    std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/syscope-live-XXXXXX";
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        return {};
    ::close(fd);
    return tmpl;
}

// Follows the spool and hands every event, with its state context, to `onEvent` until the helper is done or
// onEvent returns false (then the helper is told to stop).
template <typename OnEvent>
int followSpool(const std::string& spool, Helper& helper, state::StateTracker& state, OnEvent&& onEvent)
{
    auto follower = live::SpoolFollower::open(spool);
    if (!follower) {
        fprintf(stderr, "syscope-cli: %s\n", follower.error().message.c_str());
        return kExitError;
    }
    auto& f = **follower;
    auto stopHelper = [&] {
        if (!helper.exited)
            ::kill(helper.pid, SIGTERM);
    };
    for (;;) {
        if (g_interrupted)
            stopHelper();
        bool done = helper.poll();
        auto h = f.readHeader(done);
        if (h == live::SpoolFollower::Step::kReady)
            break;
        if (h == live::SpoolFollower::Step::kError) {
            fprintf(stderr, "syscope-cli: %s\n", f.error().message.c_str());
            stopHelper();
            return kExitError;
        }
        usleep(5000);
    }
    state.reset(f.metadata());
    uint64_t ordinal = 0;
    bool stopped = false;
    format::RawEvent ev;
    for (;;) {
        if (g_interrupted && !stopped) {
            stopHelper();
            stopped = true;
        }
        const bool done = helper.poll();
        auto step = f.next(ev, done);
        if (step == live::SpoolFollower::Next::kEvent) {
            state::EventContext ctx = state.apply(ev, ordinal, f.bytes());
            if (!stopped && !onEvent(ordinal, ev, ctx, f)) {
                stopHelper();
                stopped = true;
            }
            ++ordinal;
            continue;
        }
        if (step == live::SpoolFollower::Next::kError) {
            fprintf(stderr, "syscope-cli: %s\n", f.error().message.c_str());
            stopHelper();
            return kExitError;
        }
        if (step == live::SpoolFollower::Next::kEnd)
            break;
        fflush(stdout);
        usleep(10000);
    }
    return 0;
}

} // namespace

bool LiveCommand::wanted(const CliOptions& opt) { return opt.readFile.empty(); }

int LiveCommand::run(const CliOptions& opt)
{
    const std::string helper = helperPath();
    if (::access(helper.c_str(), X_OK) != 0) {
        fprintf(stderr, "syscope-cli: live capture needs %s (not found: was the probe built?); use -r FILE\n",
                helper.c_str());
        return kExitError;
    }
    if (opt.bufferFormatFlags > 1) {
        fprintf(stderr, "you cannot specify more than one output format\n");
        return kExitError;
    }
    auto program = EventFilter::compile(opt.filterWords);
    if (!program)
        return kExitError;

    std::vector<std::string> args{helper, "-q", "--ignore-pid=" + std::to_string(getpid())};
    if (opt.snaplen)
        args.push_back("--snaplen=" + std::to_string(opt.snaplen));
    if (opt.durationSec)
        args.push_back("--duration=" + std::to_string(opt.durationSec));

    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    signal(SIGPIPE, SIG_IGN);

    // -w without a filter: the helper writes the file itself.
    if (!opt.writeFile.empty() && program->empty()) {
        args.push_back("--write=" + opt.writeFile);
        if (opt.compress)
            args.push_back("--compress");
        if (opt.maxEvents)
            args.push_back("--numevents=" + std::to_string(opt.maxEvents));
        auto h = spawnHelper(args);
        if (!h) {
            fprintf(stderr, "syscope-cli: %s\n", h.error().message.c_str());
            return kExitError;
        }
        waitReady(*h);
        h->wait();
        reportStats(readStats(*h), opt.verbose);
        return h->exitCode();
    }

    const std::string spool = makeSpool();
    if (spool.empty()) {
        fprintf(stderr, "syscope-cli: cannot create a spool file: %s\n", std::strerror(errno));
        return kExitError;
    }
    args.push_back("--write=" + spool);
    auto h = spawnHelper(args);
    if (!h) {
        ::unlink(spool.c_str());
        fprintf(stderr, "syscope-cli: %s\n", h.error().message.c_str());
        return kExitError;
    }
    if (!waitReady(*h)) {
        h->wait();
        readStats(*h);
        ::unlink(spool.c_str());
        return h->exitCode() ? h->exitCode() : kExitError;
    }

    state::StateTracker state;
    decode::EventRenderer renderer(state, opt.compat);
    renderer.setBufferFormat(opt.bufferFormat, !opt.verbose && !opt.json);
    fields::FieldExtractor extractor(state, renderer);
    extractor.setTimeFormat(opt.timeFormat);
    std::string_view formatText = opt.hasPrintFormat ? std::string_view(opt.printFormat)
                                  : opt.json         ? fields::OutputFormat::kDefaultJson
                                                     : fields::OutputFormat::kDefault;
    auto outFormat = fields::OutputFormat::parse(formatText);
    if (!outFormat) {
        fprintf(stderr, "%s\n", outFormat.error().message.c_str());
        ::kill(h->pid, SIGTERM);
        h->wait();
        ::unlink(spool.c_str());
        return kExitError;
    }
    const bool fastDefault = !opt.hasPrintFormat && !opt.json && opt.timeFormat == 'h';
    EventLine line(renderer, extractor, *outFormat, fastDefault, opt.json);
    EventFilter filter(*program, extractor, renderer, true);

    format::CaptureWriter writer;
    const bool writing = !opt.writeFile.empty();
    bool headerWritten = false;
    if (writing) {
        if (auto r = writer.open(opt.writeFile, opt.compress ? format::Compression::kGzip : format::Compression::kNone);
            !r) {
            fprintf(stderr, "syscope-cli: %s\n", r.error().message.c_str());
            ::kill(h->pid, SIGTERM);
            h->wait();
            ::unlink(spool.c_str());
            return kExitError;
        }
    }

    std::string out;
    uint64_t seen = 0;
    bool firstTsSet = false;
    std::optional<Error> failure;
    int rc = followSpool(
        spool, *h, state,
        [&](uint64_t ordinal, const format::RawEvent& ev, const state::EventContext& ctx, live::SpoolFollower& f) {
            if (opt.maxEvents && seen >= opt.maxEvents)
                return false;
            ++seen;
            extractor.setCaptureBytes(f.bytes());
            if (!firstTsSet && ev.ts != 0) {
                extractor.setFirstEventTs(ev.ts);
                firstTsSet = true;
            }
            switch (filter.apply(ev, ctx, ordinal)) {
            case EventFilter::Verdict::kDrop: return true;
            case EventFilter::Verdict::kFailed: failure = filter.runtimeError(); return false;
            case EventFilter::Verdict::kShow: break;
            }
            if (writing) {
                if (!headerWritten) {
                    if (auto r = writer.writeHeader(f.metadata()); !r) {
                        failure = r.error();
                        return false;
                    }
                    headerWritten = true;
                }
                std::span<const uint8_t> bytes(ev.lens - format::kEventHeaderV2, ev.len);
                if (auto r = writer.writeEncodedEvent(ev.cpu, bytes, ev.dumpFlags); !r) {
                    failure = r.error();
                    return false;
                }
                return true;
            }
            if (auto r = line.append(out, ev, ordinal, ctx); !r) {
                failure = r.error();
                return false;
            }
            if (out.size() >= (1 << 16))
                writeOut(out);
            return true;
        });
    writeOut(out);
    fflush(stdout);
    h->wait();
    auto stats = readStats(*h);
    ::unlink(spool.c_str());
    if (writing) {
        if (!headerWritten && !failure)
            fprintf(stderr, "syscope-cli: no event matched; %s holds no capture\n", opt.writeFile.c_str());
        if (auto r = writer.close(); !r && !failure)
            failure = r.error();
    }
    reportStats(stats, opt.verbose);
    if (failure) {
        fprintf(stderr, "%s\n", failure->message.c_str());
        return kExitError;
    }
    if (rc)
        return rc;
    return h->exitCode() == 0 ? 0 : kExitError;
}

} // namespace syscope::cli
