// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The job that decides which events a view shows: every event sysdig's default output shows, further narrowed
// by a filter program. Works on index-chunk-sized segments in parallel, so growing the set while the capture
// indexes and re-filtering the whole capture are the same code. A pure function of its request.
// Thread affinity: run() on a pool thread; it starts its own workers.
#include "document/enter_map.h"
#include "document/job_control.h"
#include "document/row_set.h"
#include "filter/filter_engine.h"
#include "session.h"

#include <memory>
#include <optional>
#include <vector>

namespace syscope::gui {

struct RowScanRequest {
    std::shared_ptr<const Session> session;
    FilterEngine::ProgramPtr program;         // null: no filter
    std::shared_ptr<const RowSet> candidates; // when set, segments it covers are scanned over its members
    uint64_t from = 0;                        // a multiple of kSegmentSize
    uint64_t to = 0;                          // at most the session's event count when the job started
    uint64_t firstTs = 0;                     // the capture's first shown event (evt.reltime)
    std::shared_ptr<const EnterMap> enters;   // what earlier jobs learnt of enter/exit pairing (may be null)
};

struct RowScanResult {
    uint64_t from = 0, to = 0;
    std::vector<RowSet::SegmentPtr> shown;    // every shown event in [from, to)
    std::vector<RowSet::SegmentPtr> segments; // those the program matched (the same as `shown` without one)
    uint64_t members = 0;
    double seconds = 0;
    std::optional<FilterError> error;       // the filter met an operator its field refuses (sysdig stops there)
    std::shared_ptr<const EnterMap> enters; // extended when the filter needed pairing, else the request's
};

class RowScan {
public:
    static constexpr uint64_t kSegmentSize = 65536; // the index's chunk size
    static RowScanResult run(const RowScanRequest& request, JobControl& control);
};

} // namespace syscope::gui
