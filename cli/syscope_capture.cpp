// SPDX-License-Identifier: GPL-3.0-or-later
// syscope-capture: the privileged capture helper. Loads the probe, scans /proc for the initial state, drains
// the per-CPU ring buffers in timestamp order and writes a complete .scap (or a ring of them) until a signal, a
// duration or an event count stops it. The probe never waits for this process: when it falls behind, events
// are dropped in the kernel and counted. Whatever stops the capture (including a full disk), the file ends
// with a complete block and reads in sysdig and syscope. The GUI and syscope-cli run it rather than needing
// privileges themselves.
#include "live/capture_file_cycler.h"
#include "live/capture_stats.h"
#include "live/event_merger.h"
#include "live/proc_scanner.h"
#include "probe_loader.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <unistd.h>

using namespace syscope;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitWriteError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitProbe = 3;

// How long after an event is taken a CPU may still be writing an older one: far more than a probe program
// runs (microseconds), short enough to keep the merge latency unnoticeable.
constexpr uint64_t kMergeSlackNs = 5'000'000;

volatile sig_atomic_t g_stop = 0;

void onSignal(int) { g_stop = 1; }

struct Options {
    std::string path;
    format::Compression compression = format::Compression::kNone;
    uint64_t fileMb = 0, fileSeconds = 0, fileEvents = 0;
    uint32_t files = 0;
    uint64_t durationSec = 0, maxEvents = 0;
    uint32_t snaplen = 80;
    std::vector<std::string> syscalls;
    std::vector<uint32_t> ignored;
    size_t bufferMb = 16;
    int statsFd = -1, readyFd = -1;
    bool quiet = false, help = false;
};

const char* usage()
{
    return "Usage: syscope-capture -w FILE [options]\n"
           "Records system calls with syscope's eBPF probe into a .scap capture (root or CAP_BPF+CAP_PERFMON).\n"
           "  -w, --write=FILE          write the capture to FILE (\"-\": standard output)\n"
           "  -z, --compress            gzip the capture\n"
           "      --zstd                zstd-compress the capture (syscope reads it, sysdig does not)\n"
           "  -C, --file-size=MB        start a new file every MB million bytes (FILE0, FILE1, ...)\n"
           "  -W, --limit=N             keep at most N files, reusing the oldest\n"
           "  -G, --seconds=S           start a new file every S seconds (FILE may be a strftime pattern)\n"
           "  -e, --events-per-file=N   start a new file every N events\n"
           "  -M, --duration=S          stop after S seconds\n"
           "  -n, --numevents=N         stop after N events\n"
           "  -s, --snaplen=N           bytes of each I/O buffer to keep (default 80, at most 16000)\n"
           "      --syscalls=LIST       capture only these syscalls (comma-separated names)\n"
           "      --ignore-pid=PID      do not capture this process (repeatable; the helper ignores itself)\n"
           "      --buffer-mb=N         ring buffer per CPU in MiB (default 16)\n"
           "      --stats-fd=FD         also write the final statistics line to FD\n"
           "      --ready-fd=FD         write \"ready\" to FD once events are being recorded\n"
           "  -q, --quiet               no statistics on standard error\n"
           "  -h, --help                this help\n";
}

bool parseNumber(const std::string& s, uint64_t& out)
{
    if (s.empty())
        return false;
    char* end = nullptr;
    out = std::strtoull(s.c_str(), &end, 10);
    return end && *end == '\0';
}

Result<Options> parseOptions(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i], value;
        bool inlineValue = false;
        if (a.rfind("--", 0) == 0) {
            if (auto eq = a.find('='); eq != std::string::npos) {
                value = a.substr(eq + 1);
                a.resize(eq);
                inlineValue = true;
            }
        } else if (a.size() > 2 && a[0] == '-' && std::strchr("wCWGeMns", a[1])) {
            value = a.substr(2); // -wFILE, -n10
            a.resize(2);
            inlineValue = true;
        }
        auto take = [&]() -> Result<std::string> {
            if (inlineValue)
                return value;
            if (i + 1 >= argc)
                return makeError(ErrorCode::kInvalidArgument, "option " + a + " needs a value");
            return std::string(argv[++i]);
        };
        auto number = [&](uint64_t& out) -> Result<void> {
            auto v = take();
            if (!v)
                return v.error();
            if (!parseNumber(*v, out))
                return makeError(ErrorCode::kInvalidArgument, "option " + a + " needs a number, not " + *v);
            return {};
        };
        uint64_t n = 0;
        Result<void> r;
        if (a == "-w" || a == "--write") {
            auto v = take();
            if (!v)
                return v.error();
            o.path = *v;
        } else if (a == "-z" || a == "--compress") {
            o.compression = format::Compression::kGzip;
        } else if (a == "--zstd") {
            o.compression = format::Compression::kZstd;
        } else if (a == "-C" || a == "--file-size") {
            r = number(o.fileMb);
        } else if (a == "-W" || a == "--limit") {
            r = number(n);
            o.files = uint32_t(n);
        } else if (a == "-G" || a == "--seconds") {
            r = number(o.fileSeconds);
        } else if (a == "-e" || a == "--events-per-file") {
            r = number(o.fileEvents);
        } else if (a == "-M" || a == "--duration") {
            r = number(o.durationSec);
        } else if (a == "-n" || a == "--numevents") {
            r = number(o.maxEvents);
        } else if (a == "-s" || a == "--snaplen") {
            r = number(n);
            o.snaplen = uint32_t(std::min<uint64_t>(n, 16000));
        } else if (a == "--syscalls") {
            auto v = take();
            if (!v)
                return v.error();
            size_t start = 0;
            while (start <= v->size()) {
                size_t comma = v->find(',', start);
                std::string name = v->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                if (!name.empty())
                    o.syscalls.push_back(name);
                if (comma == std::string::npos)
                    break;
                start = comma + 1;
            }
        } else if (a == "--ignore-pid") {
            r = number(n);
            o.ignored.push_back(uint32_t(n));
        } else if (a == "--buffer-mb") {
            r = number(n);
            o.bufferMb = size_t(std::max<uint64_t>(n, 1));
        } else if (a == "--stats-fd") {
            r = number(n);
            o.statsFd = int(n);
        } else if (a == "--ready-fd") {
            r = number(n);
            o.readyFd = int(n);
        } else if (a == "-q" || a == "--quiet") {
            o.quiet = true;
        } else if (a == "-h" || a == "--help") {
            o.help = true;
        } else {
            return makeError(ErrorCode::kInvalidArgument, "unknown option " + a);
        }
        if (!r)
            return r.error();
    }
    if (!o.help && o.path.empty())
        return makeError(ErrorCode::kInvalidArgument, "no output file (-w FILE)");
    return o;
}

uint64_t clockNs(clockid_t c)
{
    timespec ts{};
    clock_gettime(c, &ts);
    return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
}

void writeAllFd(int fd, const std::string& s)
{
    const char* p = s.data();
    size_t n = s.size();
    while (n > 0) {
        ssize_t w = ::write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        p += w;
        n -= size_t(w);
    }
}

} // namespace

int main(int argc, char** argv)
{
    auto parsed = parseOptions(argc, argv);
    if (!parsed) {
        fprintf(stderr, "syscope-capture: %s\n%s", parsed.error().message.c_str(), usage());
        return kExitUsage;
    }
    Options opt = *parsed;
    if (opt.help) {
        fputs(usage(), stdout);
        return kExitOk;
    }

    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);
    signal(SIGPIPE, SIG_IGN); // a closed reader is a write error like any other

    const uint64_t bootTime = live::ProcScanner::bootTimeOffsetNs();
    cli::ProbeLoader::Options po;
    po.snaplen = opt.snaplen;
    po.syscalls = opt.syscalls;
    po.ringBytesPerCpu = opt.bufferMb << 20;
    po.bootTimeNs = bootTime;
    po.ignoredTgids.push_back(uint32_t(getpid()));
    for (uint32_t pid : opt.ignored)
        po.ignoredTgids.push_back(pid);
    auto probe = cli::ProbeLoader::load(po);
    if (!probe) {
        fprintf(stderr, "syscope-capture: %s\n", probe.error().message.c_str());
        return probe.error().code == ErrorCode::kInvalidArgument ? kExitUsage : kExitProbe;
    }

    // The probe is recording from here on; the /proc scan describes the state the first events start from.
    live::EventMerger merger((*probe)->rings());
    live::CaptureFileCycler::Options co;
    co.path = opt.path;
    co.compression = opt.compression;
    co.maxFileBytes = opt.fileMb * 1000000ull;
    co.maxFiles = opt.files;
    co.maxFileSeconds = opt.fileSeconds;
    co.maxFileEvents = opt.fileEvents;
    live::CaptureFileCycler out(
        co,
        [bootTime]() {
            live::ProcScanner::Options so;
            so.bootTimeNs = bootTime;
            return live::ProcScanner::scan(so);
        },
        [bootTime]() { return clockNs(CLOCK_BOOTTIME) + bootTime; });
    live::CaptureStats stats;
    int exitCode = kExitOk;
    if (auto r = out.open(clockNs(CLOCK_REALTIME)); !r) {
        fprintf(stderr, "syscope-capture: %s\n", r.error().message.c_str());
        return kExitWriteError;
    }
    if (opt.readyFd >= 0) {
        writeAllFd(opt.readyFd, "ready\n");
        ::close(opt.readyFd);
    }

    const uint64_t startMono = clockNs(CLOCK_MONOTONIC);
    bool detached = false;
    bool done = false;
    live::EventMerger::Event ev;
    while (!done) {
        const bool stopping =
            g_stop || (opt.durationSec && clockNs(CLOCK_MONOTONIC) - startMono >= opt.durationSec * 1000000000ull);
        if (stopping && !detached) {
            // No record is produced after this; what is in the rings is still written.
            (*probe)->detach();
            detached = true;
            stats.stopReason = g_stop ? "signal" : "duration";
        }
        const uint64_t horizon = detached ? UINT64_MAX : clockNs(CLOCK_BOOTTIME) + bootTime - kMergeSlackNs;
        uint64_t drained = 0;
        const uint64_t now = clockNs(CLOCK_REALTIME);
        while (merger.peek(ev, horizon)) {
            if (opt.maxEvents && out.eventsWritten() >= opt.maxEvents) {
                stats.stopReason = "events";
                done = true;
                break;
            }
            auto r = out.writeEncodedEvent(ev.cpu, ev.bytes, now);
            merger.consume();
            if (!r) {
                stats.stopReason = "write error: " + r.error().message;
                exitCode = kExitWriteError;
                done = true;
                break;
            }
            if ((++drained & 4095) == 0) {
                merger.commit();
                if (g_stop)
                    break;
            }
        }
        merger.commit();
        if (opt.maxEvents && out.eventsWritten() >= opt.maxEvents) {
            stats.stopReason = "events";
            done = true;
        }
        if (done)
            break;
        if (detached && drained == 0)
            break; // stopped and drained
        if (drained == 0) {
            // Idle: hand what is buffered to the file so that a follower sees it, then wait a little.
            if (out.hasBuffered()) {
                if (auto r = out.flush(); !r) {
                    stats.stopReason = "write error: " + r.error().message;
                    exitCode = kExitWriteError;
                    break;
                }
            }
            timespec pause{0, 2'000'000};
            nanosleep(&pause, nullptr);
        }
    }
    if (!detached)
        (*probe)->detach();
    if (auto r = out.close(); !r && exitCode == kExitOk) {
        stats.stopReason = "write error: " + r.error().message;
        exitCode = kExitWriteError;
    }

    const auto counters = (*probe)->counters();
    stats.eventsWritten = out.eventsWritten();
    stats.eventsProduced = counters.events;
    stats.drops = counters.drops;
    stats.dropsTooBig = counters.dropsTooBig;
    stats.lateEvents = merger.lateEvents();
    stats.bytesWritten = out.bytesWritten();
    stats.elapsedNs = clockNs(CLOCK_MONOTONIC) - startMono;
    stats.files = out.filesWritten();
    const std::string line = live::formatCaptureStats(stats);
    if (opt.statsFd >= 0) {
        writeAllFd(opt.statsFd, line + "\n");
        ::close(opt.statsFd);
    }
    if (!opt.quiet) {
        double secs = double(stats.elapsedNs) / 1e9;
        fprintf(stderr, "syscope-capture: %llu events written (%llu bytes, %u file%s) in %.2f s; %llu dropped%s%s\n",
                (unsigned long long)stats.eventsWritten, (unsigned long long)stats.bytesWritten, stats.files,
                stats.files == 1 ? "" : "s", secs, (unsigned long long)(stats.drops + stats.dropsTooBig),
                exitCode ? "; stopped: " : "", exitCode ? stats.stopReason.c_str() : "");
        fprintf(stderr, "%s\n", line.c_str());
    }
    return exitCode;
}
