// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a chisel script says about itself through its globals: description, short_description, category and
// the args table. Plain values, read once per script.
#include "chisel/chisel_arg_info.h"

#include <string>
#include <vector>

namespace syscope::chisel {

struct ChiselInfo {
    std::string name; // file name without .lua
    std::string path; // where it was found
    std::string description;
    std::string shortDescription;
    std::string category;
    std::vector<ChiselArgInfo> args;
    bool isView = false; // a csysdig view (view_info instead of description): not a runnable chisel

    size_t requiredArgs() const
    {
        size_t n = 0;
        for (const auto& a : args)
            n += a.optional ? 0 : 1;
        return n;
    }
};

} // namespace syscope::chisel
