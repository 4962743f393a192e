// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every field class and field that filters, output formats, GUI columns and chisels can name -- one table per
// class, defined once in field_catalog.cpp -- and the parser that turns "evt.arg.fd" or "proc.aname[2]" into a
// FieldRef the way sysdig 0.29.3 resolves field names (the first class that recognises a prefix wins; filters
// need the whole token, output formats take the longest valid prefix). Immutable; thread-safe.
#include "base/result.h"
#include "fields/field_ref.h"

#include <span>
#include <string>
#include <string_view>

namespace syscope::fields {

class FieldCatalog {
public:
    static std::span<const FieldClass> classes();
    // The catalog entry with exactly this name (no argument syntax), or nullptr.
    static const FieldInfo* find(std::string_view name);
    static const FieldInfo& info(FieldId id);

    enum class Match { kExact, kPrefix };
    // Resolves the field at the start of `text`. kExact (filters): the whole text must be the field. kPrefix
    // (output formats): the longest valid field wins and FieldRef::consumed says how much it took.
    // An ok result with info == nullptr means "no such field"; an error carries sysdig's message for a field
    // whose argument is malformed (e.g. "unknown event argument foo").
    static Result<FieldRef> parse(std::string_view text, Match match);

    // `sysdig -l` (verbose: `-l -v`, with the value types).
    static std::string listing(bool verbose);
};

} // namespace syscope::fields
