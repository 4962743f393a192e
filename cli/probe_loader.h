// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Loads the syscope eBPF probe (kernel/), configures it (snaplen, captured syscalls, ignored processes, clock
// offset), creates one ring buffer per CPU, attaches it, and maps the rings and the per-CPU counters into this
// process. Needs root, or CAP_BPF + CAP_PERFMON. Thread affinity: one owner; rings() readers on one thread.
#include "base/result.h"
#include "live/ring_reader.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct syscope_probe;

namespace syscope::cli {

class ProbeLoader {
public:
    struct Options {
        uint32_t snaplen = 80;
        std::vector<uint32_t> ignoredTgids; // processes whose events are not captured (at most 8)
        std::vector<std::string> syscalls;  // names of the syscalls to capture; empty: all
        size_t ringBytesPerCpu = 16u << 20; // rounded up to a power of two
        bool procexit = true;
        bool signals = true;
        uint64_t bootTimeNs = 0; // CLOCK_REALTIME - CLOCK_BOOTTIME
    };
    struct Counters {
        uint64_t events = 0;
        uint64_t drops = 0;
        uint64_t dropsTooBig = 0;
    };

    ~ProbeLoader();
    ProbeLoader(const ProbeLoader&) = delete;
    ProbeLoader& operator=(const ProbeLoader&) = delete;

    static Result<std::unique_ptr<ProbeLoader>> load(const Options& options);

    // One reader per CPU ring, in CPU order.
    std::vector<live::RingReader> rings() const;
    // Sums of the per-CPU counters.
    Counters counters() const;
    // Stops the probe: no record is produced after this returns. The rings stay readable.
    void detach();
    int cpuCount() const { return int(m_rings.size()); }

    // Every syscall name the probe knows (for option checking and listings).
    static std::vector<std::string> syscallNames();

private:
    ProbeLoader() = default;

    struct Ring {
        int fd = -1;
        void* consumer = nullptr;
        void* producer = nullptr; // producer page followed by the data area mapped twice
        size_t dataSize = 0;
    };
    syscope_probe* m_skel = nullptr;
    std::vector<Ring> m_rings;
    size_t m_pageSize = 4096;
};

} // namespace syscope::cli
