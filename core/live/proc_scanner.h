// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The state a live capture starts from, read from /proc and the system databases the way libscap does it when
// it opens a live capture: machine info, network interfaces, users and groups, every thread of every process,
// and each process's open file descriptors (sockets resolved through /proc/net). The result is what the
// capture header blocks carry (scap-format.md 1.5-1.10), so readers know the processes and fds that existed
// before the first event. Fd types newer than sysdig 0.29.3 (bpf, memfd, pidfd, ...) are written as
// "unsupported" so that it can read the file. Thread affinity: none (no state between calls).
#include "base/result.h"
#include "format/capture_metadata.h"

#include <cstdint>
#include <string>

namespace syscope::live {

class ProcScanner {
public:
    struct Options {
        std::string procRoot = "/proc"; // another root for tests
        bool withFds = true;
        // CLOCK_REALTIME - CLOCK_BOOTTIME in ns, for the machine info block (0: computed now).
        uint64_t bootTimeNs = 0;
    };

    static Result<format::CaptureMetadata> scan(const Options& options);
    static Result<format::CaptureMetadata> scan() { return scan(Options{}); }

    // Linux open(2) flags to the PPM numbering of the event table (scap-format.md 3.5).
    static uint32_t openFlagsToPpm(uint32_t linuxFlags);
    // CLOCK_REALTIME - CLOCK_BOOTTIME in ns: add it to a boot-time timestamp to get the epoch.
    static uint64_t bootTimeOffsetNs();
};

} // namespace syscope::live
