// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/string_interner.h"

namespace syscope {

SharedString StringInterner::intern(std::string_view s)
{
    if (s.empty())
        return {};
    if (auto it = m_strings.find(s); it != m_strings.end())
        return *it;
    return *m_strings.emplace(s).first;
}

uint64_t StringInterner::memoryBytes() const
{
    // A node holds the next pointer, the string pointer and the cached hash; each bucket is one pointer.
    uint64_t n = m_strings.bucket_count() * sizeof(void*);
    for (const SharedString& s : m_strings)
        n += 3 * sizeof(void*) + s.heapBytes();
    return n;
}

} // namespace syscope
