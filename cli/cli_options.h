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
    std::string readFile;                                              // -r
    uint64_t maxEvents = 0;                                            // -n (0: no limit)
    bool listEvents = false;                                           // -L
    bool help = false;                                                 // -h
    bool verbose = false;                                              // -v
    bool listFields = false;                                           // -l (with -v: the value types too)
    bool hasPrintFormat = false;                                       // -p given
    std::string printFormat;                                           // -p
    bool json = false;                                                 // -j
    decode::BufferFormat bufferFormat = decode::BufferFormat::kNormal; // -A / -x / -X / -b
    int bufferFormatFlags = 0;                                         // how many of -A -x -X -b were given
    char timeFormat = 'h';                                             // -t: h, a, r, d, D
    uint64_t snaplen = 0;                                              // -s (only affects live capture)
    decode::Compat compat = decode::Compat::kSysdig0293;               // --sysdig-compat
    std::vector<std::string> filterWords;                              // what remains: the filter
    // Chisels (-c NAME, -cl, -i NAME). Each -c remembers how many filter words came before it: the words after
    // it may be the chisel's arguments (ChiselCommand decides, as sysdig does).
    struct ChiselRequest {
        std::string name;
        size_t firstWord = 0;
        bool wordFollows = false; // the next command-line word is not an option
    };
    std::vector<ChiselRequest> chisels;
    bool listChisels = false;
    std::string chiselInfo;
    // ---- Live capture (cli/live_command.cpp): without -r, syscope-cli records through syscope-capture ----
    std::string writeFile;    // -w: write the capture to this file instead of printing it
    uint64_t durationSec = 0; // -M: stop after this many seconds (0: until interrupted or -n)
    bool compress = false;    // -z: gzip the -w file
    // ---- end of live capture ----
};

Result<CliOptions> parseCliOptions(int argc, char** argv);
const char* cliUsage();

} // namespace syscope::cli
