// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One extracted field value, typed the way sysdig types it: numbers keep the field's width and signedness,
// strings and buffers are byte views (valid until the next extraction), addresses are their raw bytes.
#include "format/event_schema.h"

#include <cstdint>
#include <string_view>

namespace syscope::fields {

struct FieldValue {
    format::ParamType type = format::ParamType::kNone;
    format::PrintFormat fmt = format::PrintFormat::kNA;
    uint64_t num = 0;       // integers (two's complement for signed types), BOOL as 0/1
    double dbl = 0;         // DOUBLE
    std::string_view bytes; // strings (without NUL), buffers, IP addresses (4 or 16 bytes)

    int64_t asInt() const { return int64_t(num); }
};

} // namespace syscope::fields
