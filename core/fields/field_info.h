// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The static description of one field and of one field class, as the catalog lists them. Plain constant data.
#include "fields/field_id.h"
#include "format/event_schema.h"

#include <cstdint>
#include <span>

namespace syscope::fields {

// How a field may be used. The values mirror what sysdig 0.29.3 enforces: filter-only fields cannot be printed,
// print-only and table-only fields are left out of the listing but still parse.
enum FieldFlag : uint8_t {
    kFieldNone = 0,
    kFieldFilterOnly = 1,
    kFieldPrintOnly = 2,
    kFieldTableOnly = 4,
    kFieldRequiresArg = 8,
};

struct FieldInfo {
    FieldId id;
    const char* name;
    format::ParamType type;  // the value type; evt.rawarg takes the type of the parameter it names
    format::PrintFormat fmt; // how numbers render (decimal, hex, zero-padded nanoseconds...)
    uint8_t flags;           // FieldFlag bits
    const char* description;
};

struct FieldClass {
    const char* name;      // "evt", "process", "fd"...
    const char* shortDesc; // "All event types" (may be empty)
    const char* description;
    std::span<const FieldInfo> fields;
};

} // namespace syscope::fields
