// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/param_access.h"

#include <cstring>

namespace syscope::decode {

int findParam(uint16_t type, std::string_view name)
{
    const format::EventInfo* info = format::eventInfo(type);
    if (!info)
        return -1;
    for (size_t i = 0; i < info->params.size(); ++i)
        if (name == info->params[i].name)
            return int(i);
    return -1;
}

std::optional<uint64_t> readUInt(std::span<const uint8_t> p)
{
    switch (p.size()) {
    case 1: return p[0];
    case 2: return format::readLe<uint16_t>(p.data());
    case 4: return format::readLe<uint32_t>(p.data());
    case 8: return format::readLe<uint64_t>(p.data());
    default: return std::nullopt;
    }
}

std::optional<int64_t> readInt(std::span<const uint8_t> p)
{
    switch (p.size()) {
    case 1: return int8_t(p[0]);
    case 2: return format::readLe<int16_t>(p.data());
    case 4: return format::readLe<int32_t>(p.data());
    case 8: return format::readLe<int64_t>(p.data());
    default: return std::nullopt;
    }
}

std::optional<uint64_t> paramUInt(const format::RawEvent& ev, int i)
{
    if (i < 0 || uint32_t(i) >= ev.nparams)
        return std::nullopt;
    return readUInt(ev.param(uint32_t(i)));
}

std::optional<int64_t> paramInt(const format::RawEvent& ev, int i)
{
    if (i < 0 || uint32_t(i) >= ev.nparams)
        return std::nullopt;
    return readInt(ev.param(uint32_t(i)));
}

std::optional<std::string_view> paramStr(const format::RawEvent& ev, int i)
{
    if (i < 0 || uint32_t(i) >= ev.nparams)
        return std::nullopt;
    auto p = ev.param(uint32_t(i));
    std::string_view s(reinterpret_cast<const char*>(p.data()), p.size());
    if (!s.empty() && s.back() == '\0')
        s.remove_suffix(1);
    return s;
}

} // namespace syscope::decode
