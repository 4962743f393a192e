// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// syscope-cli without -r: live capture through the privileged helper syscope-capture (found next to the
// syscope-cli binary, or named by $SYSCOPE_CAPTURE), so that syscope-cli itself needs no privileges of its own
// beyond running the helper.
//
// How the events get here: the helper writes an uncompressed capture to a spool file in $TMPDIR and flushes it
// whenever its rings run dry; syscope-cli follows that file (live::SpoolFollower), tracks state and prints or
// filters each event as soon as its block is complete, then removes the spool. A file rather than a pipe keeps
// every earlier event addressable, which the state tracker needs (it reads stored enter events back), and is
// what the GUI will index the same way. With -w and no filter the helper writes the file itself; with -w and a
// filter the followed events that match are written with the capture writer.
//
// -n counts events as when reading (every event, printed or not), -M stops after that many seconds, -s is the
// snaplen, -z gzips the -w file. The probe's drop count is reported at the end when there were drops, and the
// full statistics with -v.
#include "cli_options.h"

namespace syscope::cli {

class LiveCommand {
public:
    static bool wanted(const CliOptions& opt);
    // Returns the process exit code.
    static int run(const CliOptions& opt);
};

} // namespace syscope::cli
