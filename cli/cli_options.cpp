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
           "      --sysdig-compat=V  render as sysdig V does where versions differ (0.29.3 default, 0.36)\n"
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
        } else if (a.size() > 1 && a[0] == '-' && o.filterWords.empty()) {
            return makeError(ErrorCode::kInvalidArgument, "unknown option " + a);
        } else {
            o.filterWords.push_back(argv[i]);
        }
    }
    return o;
}

} // namespace syscope::cli
