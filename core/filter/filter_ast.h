// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the filter parser produces: a group is a sequence of items (checks or nested groups), each with the boolean
// operator that joins it to the items before -- sysdig 0.29.3's own shape, which keeps its quirks (a "not" between
// two checks is remembered but ignored, "not not" is a single "not"). Columns are 0-based offsets into the text.
#include "filter/cmp_op.h"

#include <memory>
#include <string>
#include <vector>

namespace syscope::filter {

struct FilterCheckAst {
    std::string field;
    size_t fieldColumn = 0;
    CmpOp op = CmpOp::kEq;
    size_t opColumn = 0;
    bool list = false;               // in / intersects / pmatch: values came in parentheses
    std::vector<std::string> values; // after escape processing
    std::vector<size_t> valueColumns;
};

struct FilterGroupAst;

struct FilterItemAst {
    BoolOp op = BoolOp::kNone;
    size_t column = 0;
    std::unique_ptr<FilterCheckAst> check; // exactly one of check / group
    std::unique_ptr<FilterGroupAst> group;
};

struct FilterGroupAst {
    std::vector<FilterItemAst> items;
    size_t column = 0;      // where the group opens (0 for the whole filter)
    size_t closeColumn = 0; // where it closes
};

} // namespace syscope::filter
