// SPDX-License-Identifier: GPL-3.0-or-later
#include "fields/syscall_categories.h"

#include "format/event_schema.h"

#include <iterator>

namespace syscope::fields {

using namespace format;

namespace {

// Per PPM_SC code, in code order (the syscall table of the libs sysdig 0.29.3 is built from).
constexpr uint32_t kCategories[] = {
    kCatOther,   kCatSystem,  kCatProcess, kCatIoRead,  kCatIoWrite, kCatFile,    kCatFile,    kCatFile,    kCatFile,
    kCatFile,    kCatFile,    kCatTime,    kCatFile,    kCatFile,    kCatFile,    kCatFile,    kCatProcess, kCatFile,
    kCatOther,   kCatTime,    kCatFile,    kCatWait,    kCatTime,    kCatFile,    kCatIoOther, kCatIpc,     kCatFile,
    kCatFile,    kCatFile,    kCatIoOther, kCatIpc,     kCatTime,    kCatMemory,  kCatProcess, kCatIoOther, kCatWait,
    kCatProcess, kCatProcess, kCatIpc,     kCatFile,    kCatIoOther, kCatProcess, kCatProcess, kCatProcess, kCatSystem,
    kCatProcess, kCatProcess, kCatTime,    kCatTime,    kCatFile,    kCatFile,    kCatFile,    kCatProcess, kCatProcess,
    kCatSystem,  kCatFile,    kCatFile,    kCatFile,    kCatFile,    kCatFile,    kCatProcess, kCatProcess, kCatFile,
    kCatFile,    kCatSystem,  kCatTime,    kCatTime,    kCatSystem,  kCatOther,   kCatWait,    kCatSystem,  kCatSystem,
    kCatIoOther, kCatSystem,  kCatSystem,  kCatMemory,  kCatSystem,  kCatSystem,  kCatSystem,  kCatProcess, kCatFile,
    kCatSystem,  kCatProcess, kCatFile,    kCatWait,    kCatFile,    kCatIoOther, kCatIoRead,  kCatIoWrite, kCatProcess,
    kCatIoOther, kCatMemory,  kCatMemory,  kCatMemory,  kCatMemory,  kCatProcess, kCatProcess, kCatProcess, kCatProcess,
    kCatSleep,   kCatProcess, kCatProcess, kCatProcess, kCatSleep,   kCatFile,    kCatWait,    kCatProcess, kCatSignal,
    kCatSignal,  kCatSignal,  kCatSignal,  kCatSignal,  kCatSignal,  kCatFile,    kCatProcess, kCatProcess, kCatFile,
    kCatProcess, kCatFile,    kCatUser,    kCatUser,    kCatUser,    kCatUser,    kCatUser,    kCatUser,    kCatUser,
    kCatUser,    kCatFile,    kCatUser,    kCatUser,    kCatUser,    kCatUser,    kCatFile,    kCatUser,    kCatUser,
    kCatUser,    kCatUser,    kCatProcess, kCatMemory,  kCatMemory,  kCatProcess, kCatFile,    kCatFile,    kCatFile,
    kCatFile,    kCatFile,    kCatFile,    kCatFile,    kCatFile,    kCatFile,    kCatFile,    kCatFile,    kCatFile,
    kCatSignal,  kCatIpc,     kCatProcess, kCatProcess, kCatProcess, kCatProcess, kCatIoOther, kCatIoOther, kCatIoOther,
    kCatIoOther, kCatIoOther, kCatIoOther, kCatWait,    kCatWait,    kCatWait,    kCatFile,    kCatProcess, kCatTime,
    kCatTime,    kCatTime,    kCatTime,    kCatTime,    kCatTime,    kCatTime,    kCatTime,    kCatSleep,   kCatSignal,
    kCatFile,    kCatIpc,     kCatIpc,     kCatIpc,     kCatIpc,     kCatIpc,     kCatIpc,     kCatSystem,  kCatWait,
    kCatSystem,  kCatSystem,  kCatSystem,  kCatProcess, kCatProcess, kCatIpc,     kCatIpc,     kCatIpc,     kCatFile,
    kCatFile,    kCatFile,    kCatFile,    kCatFile,    kCatFile,    kCatFile,    kCatFile,    kCatFile,    kCatFile,
    kCatFile,    kCatFile,    kCatWait,    kCatWait,    kCatProcess, kCatProcess, kCatProcess, kCatIpc,     kCatIpc,
    kCatIpc,     kCatProcess, kCatWait,    kCatFile,    kCatSignal,  kCatTime,    kCatIpc,     kCatTime,    kCatTime,
    kCatSignal,  kCatIpc,     kCatWait,    kCatIoOther, kCatIpc,     kCatIpc,     kCatIoRead,  kCatIoWrite, kCatOther,
    kCatOther,   kCatIpc,     kCatProcess, kCatOther,   kCatFile,    kCatProcess, kCatIpc,     kCatNet,     kCatNet,
    kCatNet,     kCatNet,     kCatNet,     kCatNet,     kCatNet,     kCatNet,     kCatNet,     kCatNet,     kCatNet,
    kCatNet,     kCatNet,     kCatNet,     kCatNet,     kCatNet,     kCatNet,     kCatNet,     kCatIpc,     kCatIpc,
    kCatIpc,     kCatIpc,     kCatIpc,     kCatIpc,     kCatIpc,     kCatIpc,     kCatIpc,     kCatIpc,     kCatFile,
    kCatFile,    kCatFile,    kCatFile,    kCatProcess, kCatOther,   kCatSignal,  kCatIpc,     kCatNet,     kCatFile,
    kCatFile,    kCatFile,    kCatFile,    kCatFile,    kCatWait,    kCatSignal,  kCatSignal,  kCatSignal,  kCatSystem,
    kCatFile,    kCatSignal,  kCatProcess, kCatTime,    kCatFile,    kCatWait,    kCatFile,    kCatFile,    kCatProcess,
    kCatIpc,     kCatSignal,  kCatIoOther, kCatIoOther, kCatIoOther, kCatIoOther, kCatIoOther, kCatIoOther, kCatIoOther,
    kCatIoOther, kCatIoOther, kCatIoOther, kCatIoOther, kCatIoOther, kCatIoOther, kCatIoOther, kCatIoOther, kCatSystem,
    kCatOther,   kCatOther,   kCatIoOther, kCatIoOther, kCatIoOther, kCatFile,    kCatFile,    kCatFile,    kCatFile,
    kCatSystem,  kCatSystem,  kCatFile,    kCatProcess, kCatProcess,
};
static_assert(std::size(kCategories) == 329);

} // namespace

uint32_t syscallCategory(uint16_t ppmSc)
{
    return ppmSc < std::size(kCategories) ? kCategories[ppmSc] : uint32_t(kCatOther);
}

} // namespace syscope::fields
