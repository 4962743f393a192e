// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// syscope-cli's chisel modes, as sysdig's: -cl lists the chisels by category, -i NAME describes one, and
// -c NAME [ARGS] (repeatable) runs chisels over a capture with the remaining words as the filter. Which words
// after -c NAME are the chisel's arguments follows sysdig: a chisel with a required argument takes the next
// word; one with only optional arguments takes it unless it starts with '-', or (for more than one argument,
// or one that is not a filter) the rest of the line compiles as a filter.
#include "cli_options.h"

namespace syscope::cli {

class ChiselCommand {
public:
    // Whether the options ask for a chisel mode at all.
    static bool wanted(const CliOptions& opt);
    // Runs it; the process exit code.
    static int run(const CliOptions& opt);
};

} // namespace syscope::cli
