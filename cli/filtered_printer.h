// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// syscope-cli's printing when a filter, -p, a buffer format, -t or -v is given (with or without -j): one pass over
// the capture that tracks state, evaluates the filter and extracts the output format's fields for every event, in
// file order, with the same field extractor the GUI and chisels use. Text lines are written on worker threads
// (cli/parallel_printer), -j objects on the reading thread.
#include "cli_options.h"
#include "index/indexer.h"

#include <cstdint>
#include <span>

namespace syscope::cli {

class FilteredPrinter {
public:
    // Whether these options need this printer rather than the parallel one (default line, or -j alone).
    static bool wanted(const CliOptions& opt);
    // Runs over an opened indexer; returns the process exit code.
    static int run(const CliOptions& opt, index::Indexer& indexer, std::span<const uint8_t> captureBytes);
};

} // namespace syscope::cli
