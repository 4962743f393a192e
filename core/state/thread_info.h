// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What syscope knows about one thread at one point of a capture. Immutable once stored as a version. The
// strings are shared: the versions of a thread (and threads of one image) hold one copy of each.
#include "base/shared_string.h"

#include <cstdint>

namespace syscope::state {

struct ThreadInfo {
    int64_t tid = -1, pid = -1, ptid = -1, sid = 0, vpgid = 0;
    int64_t vtid = -1, vpid = -1;
    SharedString comm, exe, exepath;
    SharedString args;    // multi-string, elements NUL-terminated
    SharedString env;     // multi-string
    SharedString cgroups; // multi-string
    SharedString cwd;     // process-level; kept on the main thread, with a trailing '/'
    SharedString containerId;
    int64_t fdlimit = 0;
    uint32_t flags = 0, uid = 0xffffffff, gid = 0xffffffff, loginuid = 0xffffffff, tty = 0;
    uint32_t vmsizeKb = 0, vmrssKb = 0, vmswapKb = 0;
    uint64_t pfmajor = 0, pfminor = 0;
    uint64_t cloneTs = 0;      // the clone that created it, when the capture holds it (proc.duration)
    int64_t fdTableOwner = -1; // tid whose fd table this thread uses
    bool incomplete = false;   // created for a tid first seen in an event: nothing known about it
};

} // namespace syscope::state
