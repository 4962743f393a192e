// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Block type ids of the .scap container (scap-format.md 1.4), shared by the reader and the writer.
#include <cstdint>

namespace syscope::format {

inline constexpr uint32_t kBlockShb = 0x0A0D0D0A;
inline constexpr uint32_t kByteOrderMagic = 0x1A2B3C4D;
inline constexpr uint32_t kBlockMi = 0x201, kBlockMiInt = 0x8002ABCD;
inline constexpr uint32_t kBlockPlV1 = 0x202, kBlockPlV1Int = 0x8000ABCD;
inline constexpr uint32_t kBlockPlV2 = 0x207, kBlockPlV2Int = 0x8013ABCD;
inline constexpr uint32_t kBlockPlV3 = 0x209, kBlockPlV3Int = 0x8014ABCD;
inline constexpr uint32_t kBlockPlV4 = 0x210, kBlockPlV5 = 0x211, kBlockPlV6 = 0x212, kBlockPlV7 = 0x213;
inline constexpr uint32_t kBlockPlV8 = 0x214, kBlockPlV9 = 0x215;
inline constexpr uint32_t kBlockFdl = 0x203, kBlockFdlInt = 0x8001ABCD, kBlockFdlV2 = 0x218;
inline constexpr uint32_t kBlockEv = 0x204, kBlockEvInt = 0x8010ABCD, kBlockEvf = 0x208;
inline constexpr uint32_t kBlockEvV2 = 0x216, kBlockEvfV2 = 0x217, kBlockEvV2Large = 0x221, kBlockEvfV2Large = 0x222;
inline constexpr uint32_t kBlockIl = 0x205, kBlockIlInt = 0x8011ABCD, kBlockIlV2 = 0x219;
inline constexpr uint32_t kBlockUl = 0x206, kBlockUlInt = 0x8012ABCD, kBlockUlV2 = 0x220;

inline constexpr uint32_t kEventHeaderV1 = 22;        // ts, tid, len, type
inline constexpr uint32_t kEventHeaderV2 = 26;        // + nparams
inline constexpr uint32_t kMaxEventBlockBody = 65536; // for the non-LARGE event blocks

inline bool isEventBlock(uint32_t t)
{
    return t == kBlockEv || t == kBlockEvInt || t == kBlockEvf || t == kBlockEvV2 || t == kBlockEvfV2 ||
           t == kBlockEvV2Large || t == kBlockEvfV2Large;
}

} // namespace syscope::format
