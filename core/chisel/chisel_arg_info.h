// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One entry of a chisel's args table: its name, what it is for, its type as the script states it ("string",
// "int", "filter"...; sysdig only shows it, except that a lone "filter" argument takes the next word), and
// whether it may be left out. A plain value.
#include <string>

namespace syscope::chisel {

struct ChiselArgInfo {
    std::string name;
    std::string description;
    std::string argtype;
    bool optional = false;
};

} // namespace syscope::chisel
