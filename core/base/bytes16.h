// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Sixteen bytes handled at once, for the text loops that every printed line runs (sanitizing buffers, escaping
// JSON): GCC's and Clang's portable vector extension, which compiles to SSE2 on x86-64 and NEON on arm64.
// Comparisons give a mask, 0xff in each byte where they hold.
#include <cstdint>
#include <cstring>

namespace syscope {

using Bytes16 = unsigned char __attribute__((vector_size(16)));

inline Bytes16 loadBytes16(const void* p)
{
    Bytes16 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

inline void storeBytes16(void* p, Bytes16 v) { std::memcpy(p, &v, sizeof v); }

// Whether any byte of a mask is set.
template <typename Mask>
inline bool anyByte(Mask m)
{
    uint64_t lo, hi;
    std::memcpy(&lo, &m, 8);
    std::memcpy(&hi, reinterpret_cast<const char*>(&m) + 8, 8);
    return (lo | hi) != 0;
}

} // namespace syscope
