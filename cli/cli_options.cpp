// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli_options.h"

#include <cstdlib>
#include <cstring>

namespace syscope::cli {

const char* cliUsage()
{
    return "Usage: syscope-cli [options] [filter]\n"
           "  -r, --read=FILE        read events from a capture (.scap, gzip or zstd)\n"
           "  -n, --numevents=N      stop after N events\n"
           "  -L, --list-events      list the event types syscope knows\n"
           "  -l, --list             list the fields filters and -p formats can use (-l -v: with types)\n"
           "  -p, --print=FORMAT     print events with this format (%field, %Nfield, leading * for all events)\n"
           "  -pc                    the container format\n"
           "  -j, --json             print events as JSON objects\n"
           "  -A, --print-ascii      print data buffers as text with line ends\n"
           "  -x, --print-hex        print data buffers in hex\n"
           "  -X, --print-hex-ascii  print data buffers in hex and ASCII\n"
           "  -b, --print-base64     print data buffers in base64\n"
           "  -t, --timetype=T       time format: h (human), a (absolute), r (relative), d (delta), D (dtime)\n"
           "  -s, --snaplen=N        accepted for sysdig compatibility; reading a capture ignores it\n"
           "  -d, --displayflt       accepted for sysdig compatibility (filters already see the full state)\n"
           "  -c, --chisel=NAME      run a chisel (repeatable); its arguments follow its name\n"
           "  -cl, --list-chisels    list the chisels by category\n"
           "  -i, --chisel-info=NAME describe a chisel and its arguments\n"
           "      --sysdig-compat=V  render as sysdig V does where versions differ (0.29.3 default, 0.36)\n"
           // ---- live capture ----
           "Without -r, events are captured live (root, or CAP_BPF+CAP_PERFMON) and printed:\n"
           "  -w, --write=FILE       write the live capture to FILE (only events matching the filter)\n"
           "  -M SECONDS             stop capturing after SECONDS\n"
           "  -z, --compress         gzip the -w file\n"
           // ---- end of live capture ----
           "  -v, --verbose          verbose output\n"
           "  -h, --help             this help\n";
}

Result<CliOptions> parseCliOptions(int argc, char** argv)
{
    CliOptions o;
    auto needValue = [&](int& i, const std::string& flag) -> Result<std::string> {
        if (i + 1 >= argc)
            return makeError(ErrorCode::kInvalidArgument, "option " + flag + " needs a value");
        return std::string(argv[++i]);
    };
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        std::string value;
        bool hasInline = false;
        if (a.rfind("--", 0) == 0) {
            if (auto eq = a.find('='); eq != std::string::npos) {
                value = a.substr(eq + 1);
                a = a.substr(0, eq);
                hasInline = true;
            }
        }
        auto take = [&](const std::string& flag) -> Result<std::string> {
            if (hasInline)
                return value;
            return needValue(i, flag);
        };
        if (a == "-r" || a == "--read") {
            auto v = take(a);
            if (!v)
                return v.error();
            o.readFile = *v;
        } else if (a.rfind("-r", 0) == 0 && a.size() > 2 && a[1] == 'r') {
            o.readFile = a.substr(2);
        } else if (a == "-n" || a == "--numevents") {
            auto v = take(a);
            if (!v)
                return v.error();
            char* end = nullptr;
            o.maxEvents = std::strtoull(v->c_str(), &end, 10);
            if (!end || *end || v->empty())
                return makeError(ErrorCode::kInvalidArgument, "invalid number of events: " + *v);
        } else if (a == "-cl" || a == "--list-chisels") {
            o.listChisels = true;
        } else if (a == "-c" || a == "--chisel" || (a.rfind("-c", 0) == 0 && a.size() > 2)) {
            std::string name = a.size() > 2 && a[1] == 'c' ? a.substr(2) : std::string();
            if (name.empty()) {
                auto v = take(a);
                if (!v)
                    return v.error();
                name = *v;
            }
            if (name == "l")
                o.listChisels = true;
            else
                o.chisels.push_back({name, o.filterWords.size(), i + 1 < argc && argv[i + 1][0] != '-'});
        } else if (a == "-i" || a == "--chisel-info" || (a.rfind("-i", 0) == 0 && a.size() > 2)) {
            if (a.size() > 2 && a[1] == 'i') {
                o.chiselInfo = a.substr(2);
            } else {
                auto v = take(a);
                if (!v)
                    return v.error();
                o.chiselInfo = *v;
            }
        } else if (a == "-p" || a == "--print" || (a.rfind("-p", 0) == 0 && a.size() > 2)) {
            std::string fmt;
            if (a.size() > 2 && a[1] == 'p') {
                fmt = a.substr(2);
            } else {
                auto v = take(a);
                if (!v)
                    return v.error();
                fmt = *v;
            }
            // -pc / -pcontainer select the container format, as in sysdig.
            if (fmt == "c" || fmt == "container")
                fmt = "*%evt.num %evt.outputtime %evt.cpu %container.name (%container.id) %proc.name "
                      "(%thread.tid:%thread.vtid) %evt.dir %evt.type %evt.info";
            o.printFormat = fmt;
            o.hasPrintFormat = true;
        } else if (a == "-j" || a == "--json") {
            o.json = true;
        } else if (a == "-A" || a == "--print-ascii") {
            o.bufferFormat = decode::BufferFormat::kAscii;
            ++o.bufferFormatFlags;
        } else if (a == "-x" || a == "--print-hex") {
            o.bufferFormat = decode::BufferFormat::kHex;
            ++o.bufferFormatFlags;
        } else if (a == "-X" || a == "--print-hex-ascii") {
            o.bufferFormat = decode::BufferFormat::kHexAscii;
            ++o.bufferFormatFlags;
        } else if (a == "-b" || a == "--print-base64") {
            o.bufferFormat = decode::BufferFormat::kBase64;
            ++o.bufferFormatFlags;
        } else if (a == "-t" || a == "--timetype" || (a.rfind("-t", 0) == 0 && a.size() > 2)) {
            std::string t;
            if (a.size() > 2 && a[1] == 't') {
                t = a.substr(2);
            } else {
                auto v = take(a);
                if (!v)
                    return v.error();
                t = *v;
            }
            if (t == "h" || t == "human")
                o.timeFormat = 'h';
            else if (t == "a" || t == "absolute")
                o.timeFormat = 'a';
            else if (t == "r" || t == "relative")
                o.timeFormat = 'r';
            else if (t == "d" || t == "delta")
                o.timeFormat = 'd';
            else if (t == "D" || t == "dtime")
                o.timeFormat = 'D';
            else
                return makeError(ErrorCode::kInvalidArgument, "invalid modifier for flag -t");
        } else if (a == "-s" || a == "--snaplen") {
            auto v = take(a);
            if (!v)
                return v.error();
            char* end = nullptr;
            o.snaplen = std::strtoull(v->c_str(), &end, 10);
            if (!end || *end || v->empty())
                return makeError(ErrorCode::kInvalidArgument, "invalid snaplen: " + *v);
        } else if (a == "-d" || a == "--displayflt") {
            // Filters see every event's state already; nothing to change.
        } else if (a == "-l" || a == "--list") {
            o.listFields = true;
        } else if (a == "-lv") {
            o.listFields = true;
            o.verbose = true;
        } else if (a == "-L" || a == "--list-events") {
            o.listEvents = true;
        } else if (a == "-v" || a == "--verbose") {
            o.verbose = true;
        } else if (a == "-h" || a == "--help") {
            o.help = true;
        } else if (a == "--sysdig-compat") {
            auto v = take(a);
            if (!v)
                return v.error();
            if (*v == "0.29.3" || *v == "0.29")
                o.compat = decode::Compat::kSysdig0293;
            else if (*v == "0.36" || *v == "0.36.0")
                o.compat = decode::Compat::kSysdig036;
            else
                return makeError(ErrorCode::kInvalidArgument, "unknown sysdig version for --sysdig-compat: " + *v);
            // ---- live capture ----
        } else if (a == "-w" || a == "--write" || (a.rfind("-w", 0) == 0 && a.size() > 2)) {
            if (a.size() > 2 && a[1] == 'w') {
                o.writeFile = a.substr(2);
            } else {
                auto v = take(a);
                if (!v)
                    return v.error();
                o.writeFile = *v;
            }
        } else if (a == "-M") {
            auto v = take(a);
            if (!v)
                return v.error();
            char* end = nullptr;
            o.durationSec = std::strtoull(v->c_str(), &end, 10);
            if (!end || *end || v->empty())
                return makeError(ErrorCode::kInvalidArgument, "invalid number of seconds: " + *v);
        } else if (a == "-z" || a == "--compress") {
            o.compress = true;
            // ---- end of live capture ----
        } else if (a.size() > 1 && a[0] == '-' && o.filterWords.empty()) {
            return makeError(ErrorCode::kInvalidArgument, "unknown option " + a);
        } else {
            o.filterWords.push_back(argv[i]);
        }
    }
    return o;
}

} // namespace syscope::cli
