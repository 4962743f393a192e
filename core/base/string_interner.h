// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Deduplicates strings by content: intern() returns the same SharedString for equal contents for as long as
// the interner lives (it keeps one reference to each). Thread affinity: one thread at a time; the strings it
// hands out may then be read and copied anywhere.
#include "base/shared_string.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <unordered_set>

namespace syscope {

class StringInterner {
public:
    SharedString intern(std::string_view s);
    void clear() { m_strings.clear(); }
    size_t size() const { return m_strings.size(); }
    // Heap bytes of the distinct strings and of the table that finds them.
    uint64_t memoryBytes() const;

private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
    };
    struct Equal {
        using is_transparent = void;
        bool operator()(std::string_view a, std::string_view b) const { return a == b; }
    };
    std::unordered_set<SharedString, Hash, Equal> m_strings;
};

} // namespace syscope
