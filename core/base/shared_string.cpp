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

} // namespace syscope
