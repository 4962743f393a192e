// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Everything the sysdig.* part of the chisel API asks of whoever runs the chisels: where output goes, the
// capture-wide settings a chisel may read or change (global filter, snaplen, output format), what the capture
// says about the machine, and the thread and container tables as they stand at the current event.
// Implemented by ChiselRun; called only from the thread that runs the chisels.
#include "base/result.h"
#include "format/capture_metadata.h"
#include "state/container_table.h"
#include "state/fd_info.h"
#include "state/state_tracker.h"
#include "state/thread_info.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace syscope::chisel {

class ChiselHost {
public:
    struct ThreadEntry {
        const state::ThreadInfo* thread = nullptr;
        uint32_t threadVersion = state::kNoVersion; // the tracker's version index of *thread
        std::vector<const state::FdInfo*> fds;      // in ascending fd order
        const std::string* userName = nullptr;
    };

    virtual ~ChiselHost() = default;

    // Chisel output (print, io.write, formatter lines) and diagnostics.
    virtual void write(std::string_view text) = 0;
    virtual void flush() = 0;
    virtual void writeError(std::string_view text) = 0;

    virtual bool isLive() const = 0;
    virtual bool isTty() const = 0;
    // The capture file's name as given to -r; empty when live.
    virtual std::string eventSourceName() const = 0;
    // 0..100 of the capture read so far.
    virtual double readProgress() const = 0;

    virtual std::string globalFilter() const = 0;
    virtual Result<void> setGlobalFilter(std::string_view text) = 0;
    virtual void setSnaplen(uint32_t snaplen) = 0;
    virtual void setFatfileDumpMode(bool on) = 0;
    virtual bool printContainerData() const = 0;
    // "normal" or "json".
    virtual std::string outputFormat() const = 0;
    virtual Result<void> setOutputFormat(std::string_view format) = 0;

    // nullptr until the capture is open (sysdig answers only from on_capture_start on).
    virtual const format::MachineInfo* machineInfo() const = 0;
    virtual uint64_t firstEventTs() const = 0;
    virtual uint64_t lastEventTs() const = 0;

    // The threads alive at the current event, ascending by tid, each with its open fds.
    virtual std::vector<ThreadEntry> threadTable() const = 0;
    // The containers known at the current event.
    virtual std::vector<const state::ContainerInfo*> containerTable() const = 0;
    // The state to evaluate filters against when a chisel asks about threads outside an event, and the
    // ordinal of the event the run is at.
    virtual const state::StateTracker* tracker() const = 0;
    virtual uint64_t currentOrdinal() const = 0;
};

} // namespace syscope::chisel
