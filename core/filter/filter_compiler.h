// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Turns a filter text into a FilterProgram: parses it, resolves every field in the catalog and converts every
// literal to its field's type, with sysdig 0.29.3's rules (evt.type values must name an event or a syscall; "in"
// on a string field is a set test, on any other field a group of "=" checks; pmatch needs a string field).
// Errors are values; their offset is the column of the problem.
#include "base/result.h"
#include "filter/filter_ast.h"
#include "filter/filter_program.h"

#include <string_view>

namespace syscope::filter {

class FilterCompiler {
public:
    static Result<FilterProgram> compile(std::string_view text);
    static Result<FilterProgram> compile(const FilterGroupAst& ast);
};

} // namespace syscope::filter
