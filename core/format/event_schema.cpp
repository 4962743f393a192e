// SPDX-License-Identifier: GPL-3.0-or-later
#include "format/event_schema.h"

#include <algorithm>
#include <array>
#include <iterator>

namespace syscope::format {
namespace {

// Ids 0..335, flag tables, PPM_SC names and errno/signal names of sysdig 0.29.3 (generated).
#include "event_table_0293.inc"
// Ids 336..453, the flag tables they add and the PPM_SC names of newer libs (hand-written).
#include "event_table_new.inc"

static_assert(std::size(kEvents0293) == kEventIdCount0293);
static_assert(std::size(kEvents0293) + std::size(kEventsNew) == kEventIdCount);
static_assert(std::size(kSyscallNames0293) == kSyscallNamesNewFirst);

template <size_t N>
constexpr bool sortedByValue(const NameValue (&table)[N])
{
    for (size_t i = 1; i < N; ++i)
        if (table[i - 1].value >= table[i].value)
            return false;
    return true;
}
static_assert(sortedByValue(kErrnoNames0293), "errno names must be sorted for the binary search");
static_assert(sortedByValue(kSignalNames0293), "signal names must be sorted for the binary search");

constexpr auto kAllFlagTables = [] {
    std::array<const FlagTable*, std::size(kFlagTables0293) + std::size(kFlagTablesNew)> all{};
    auto out = std::copy(std::begin(kFlagTables0293), std::end(kFlagTables0293), all.begin());
    std::copy(std::begin(kFlagTablesNew), std::end(kFlagTablesNew), out);
    return all;
}();

template <size_t N>
std::string_view lookupName(const NameValue (&table)[N], uint32_t value)
{
    auto it = std::lower_bound(std::begin(table), std::end(table), value,
                               [](const NameValue& nv, uint32_t v) { return nv.value < v; });
    if (it == std::end(table) || it->value != value)
        return {};
    return it->name;
}

} // namespace

namespace detail {
constinit const std::array<const EventInfo*, kEventIdCount> kEventInfoById = [] {
    std::array<const EventInfo*, kEventIdCount> all{};
    for (uint16_t i = 0; i < kEventIdCount; ++i)
        all[i] = i < kEventIdCount0293 ? &kEvents0293[i] : &kEventsNew[i - kEventIdCount0293];
    return all;
}();
} // namespace detail

std::string_view syscallName(uint16_t ppmSc)
{
    if (ppmSc < std::size(kSyscallNames0293))
        return kSyscallNames0293[ppmSc];
    if (ppmSc - kSyscallNamesNewFirst < std::ssize(kSyscallNamesNew))
        return kSyscallNamesNew[ppmSc - kSyscallNamesNewFirst];
    return {};
}

std::string_view errnoName(int64_t err)
{
    if (err <= 0 || err > int64_t(UINT32_MAX))
        return {};
    return lookupName(kErrnoNames0293, uint32_t(err));
}

std::string_view signalName(uint8_t sig) { return lookupName(kSignalNames0293, sig); }

std::span<const FlagTable* const> flagTables() { return kAllFlagTables; }

} // namespace syscope::format
