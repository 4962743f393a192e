// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Typed access to the parameters of a RawEvent, by index or by the parameter's name in the schema.
#include "format/event_schema.h"
#include "format/raw_event.h"

#include <optional>
#include <string_view>

namespace syscope::decode {

// Index of the parameter called `name` in event type `type`'s schema, or -1.
int findParam(uint16_t type, std::string_view name);

// An integer parameter's bytes (1, 2, 4 or 8, little endian), sign- or zero-extended; nullopt for other widths.
std::optional<int64_t> readInt(std::span<const uint8_t> p);
std::optional<uint64_t> readUInt(std::span<const uint8_t> p);

// Integer value of parameter i, sign-extended from its stored width (1, 2, 4 or 8 bytes); nullopt when absent
// or of another width.
std::optional<int64_t> paramInt(const format::RawEvent& ev, int i);
// Unsigned value (zero-extended).
std::optional<uint64_t> paramUInt(const format::RawEvent& ev, int i);
// A string parameter without its terminating NUL.
std::optional<std::string_view> paramStr(const format::RawEvent& ev, int i);

inline std::optional<int64_t> paramInt(const format::RawEvent& ev, std::string_view name)
{
    return paramInt(ev, findParam(ev.type, name));
}
inline std::optional<uint64_t> paramUInt(const format::RawEvent& ev, std::string_view name)
{
    return paramUInt(ev, findParam(ev.type, name));
}
inline std::optional<std::string_view> paramStr(const format::RawEvent& ev, std::string_view name)
{
    return paramStr(ev, findParam(ev.type, name));
}

} // namespace syscope::decode
