// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The comparison operators of the filter language, in the order sysdig 0.29.3's scanner tries them.
#include <cstdint>
#include <string_view>

namespace syscope::filter {

enum class CmpOp : uint8_t {
    kEq,
    kNe,
    kLe,
    kLt,
    kGe,
    kGt,
    kContains,
    kIcontains,
    kStartswith,
    kEndswith,
    kGlob,
    kIn,
    kIntersects,
    kPmatch,
    kExists,
};

// How an item combines with the result so far (sysdig's boolop): the first item of a group has kNone or kNot.
enum class BoolOp : uint8_t { kNone = 0, kNot = 1, kAnd = 2, kOr = 4, kAndNot = 3, kOrNot = 5 };

std::string_view cmpOpText(CmpOp op);

} // namespace syscope::filter
