// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/shared_string.h"

#include <cstring>
#include <new>

namespace syscope {

SharedString::SharedString(std::string_view s)
{
    if (s.empty())
        return;
    void* block = ::operator new(sizeof(Rep) + s.size() + 1);
    m_rep = new (block) Rep;
    m_rep->size = s.size();
    std::memcpy(m_rep->chars(), s.data(), s.size());
    m_rep->chars()[s.size()] = '\0';
}

void SharedString::release() noexcept
{
    // acq_rel: the thread that frees the bytes must see every other owner's last use of them.
    if (m_rep && m_rep->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        m_rep->~Rep();
        ::operator delete(m_rep);
    }
    m_rep = nullptr;
}

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
