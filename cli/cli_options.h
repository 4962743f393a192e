// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// syscope-cli's command line: sysdig's flags where they exist.
#include "base/result.h"
#include "decode/event_renderer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace syscope::cli {

struct CliOptions {
    std::string readFile;             // -r
    uint64_t maxEvents = 0;           // -n (0: no limit)
    bool listEvents = false;          // -L
    bool help = false;                // -h
    bool verbose = false;             // -v
    decode::Compat compat = decode::Compat::kSysdig0293; // --sysdig-compat
    std::vector<std::string> filterWords; // what remains: the filter
};

Result<CliOptions> parseCliOptions(int argc, char** argv);
const char* cliUsage();

} // namespace syscope::cli
