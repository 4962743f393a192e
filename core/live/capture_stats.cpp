// SPDX-License-Identifier: GPL-3.0-or-later
#include "live/capture_stats.h"

#include <cstdlib>
#include <sstream>

namespace syscope::live {
namespace {

constexpr std::string_view kTag = "syscope-capture-stats";

} // namespace

std::string formatCaptureStats(const CaptureStats& s)
{
    std::ostringstream o;
    o << kTag << " events_written=" << s.eventsWritten << " events_produced=" << s.eventsProduced
      << " drops=" << s.drops << " drops_too_big=" << s.dropsTooBig << " late=" << s.lateEvents
      << " bytes=" << s.bytesWritten << " elapsed_ns=" << s.elapsedNs << " files=" << s.files;
    // The reason goes last: it may contain spaces.
    o << " stop=" << s.stopReason;
    return o.str();
}

std::optional<CaptureStats> parseCaptureStats(std::string_view line)
{
    if (line.substr(0, kTag.size()) != kTag)
        return std::nullopt;
    CaptureStats s;
    std::string rest(line.substr(kTag.size()));
    auto stop = rest.find(" stop=");
    if (stop != std::string::npos) {
        s.stopReason = rest.substr(stop + 6);
        while (!s.stopReason.empty() && (s.stopReason.back() == '\n' || s.stopReason.back() == '\r'))
            s.stopReason.pop_back();
        rest.resize(stop);
    }
    std::istringstream in(rest);
    std::string kv;
    while (in >> kv) {
        auto eq = kv.find('=');
        if (eq == std::string::npos)
            continue;
        std::string k = kv.substr(0, eq);
        uint64_t v = std::strtoull(kv.c_str() + eq + 1, nullptr, 10);
        if (k == "events_written")
            s.eventsWritten = v;
        else if (k == "events_produced")
            s.eventsProduced = v;
        else if (k == "drops")
            s.drops = v;
        else if (k == "drops_too_big")
            s.dropsTooBig = v;
        else if (k == "late")
            s.lateEvents = v;
        else if (k == "bytes")
            s.bytesWritten = v;
        else if (k == "elapsed_ns")
            s.elapsedNs = v;
        else if (k == "files")
            s.files = uint32_t(v);
    }
    return s;
}

} // namespace syscope::live
