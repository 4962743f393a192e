// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The category sysdig 0.29.3 gives a generic event (evt.category): the one of the syscall it stands for.
#include <cstdint>

namespace syscope::fields {

// EventCategory value for PPM_SC code `ppmSc` (0..328); kCatOther for codes beyond that.
uint32_t syscallCategory(uint16_t ppmSc);

} // namespace syscope::fields
