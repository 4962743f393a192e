// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A view of one event record inside the mapped capture: header fields decoded, parameters sliced lazily.
// Valid as long as the MappedCapture lives. Cheap to copy.
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

namespace syscope::format {

// Event-block dump flags (EVF blocks).
inline constexpr uint32_t kDumpFlagStateOnly = 1;

struct RawEvent {
    uint64_t offset = 0; // file offset of the event block
    uint64_t ts = 0;
    uint64_t tid = 0;
    const uint8_t* lens = nullptr; // nparams lengths, u16 or u32 each
    const uint8_t* data = nullptr; // first parameter byte
    uint32_t len = 0;              // event length as stored (header + lengths + data)
    uint32_t nparams = 0;
    uint32_t dumpFlags = 0;
    uint16_t cpu = 0;
    uint16_t type = 0;
    bool largeLens = false;

    uint32_t paramLen(uint32_t i) const
    {
        if (largeLens) {
            uint32_t v;
            std::memcpy(&v, lens + 4 * i, 4);
            return v;
        }
        uint16_t v;
        std::memcpy(&v, lens + 2 * i, 2);
        return v;
    }
    // Parameter i's bytes; empty span when i >= nparams.
    std::span<const uint8_t> param(uint32_t i) const
    {
        if (i >= nparams)
            return {};
        const uint8_t* p = data;
        for (uint32_t k = 0; k < i; ++k)
            p += paramLen(k);
        return {p, paramLen(i)};
    }
};

template <typename T>
inline T readLe(const uint8_t* p)
{
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}

} // namespace syscope::format
