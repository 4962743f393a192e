// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Parses a filter the way sysdig 0.29.3 does (see the grammar at the top of filter_parser.cpp), into a
// FilterGroupAst. Errors are values whose offset is the column of the problem. Fields are looked up in the
// catalog as they are read (sysdig reports an unknown field before a bad operator); values are not converted here.
#include "base/result.h"
#include "filter/filter_ast.h"

#include <string_view>

namespace syscope::filter {

class FilterParser {
public:
    static Result<FilterGroupAst> parse(std::string_view text);
};

} // namespace syscope::filter
