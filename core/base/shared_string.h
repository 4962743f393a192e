// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// An immutable string whose bytes are stored once and shared by reference count. State versions are copied
// every time a thread or fd changes, and most of their strings (command lines, environments, cgroups, file
// names) do not change: a copy is one pointer and an atomic increment instead of a heap copy. The counts are
// atomic because readers on other threads may copy a version's strings while the indexer derives new ones.
// StringInterner (string_interner.h) hands out one SharedString per distinct content, so equal strings also
// share their bytes.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace syscope {

class SharedString {
public:
    SharedString() = default;
    // A new, unshared copy of `s` (the empty string allocates nothing). Explicit so that every allocation is
    // visible: code that builds many equal strings should go through a StringInterner instead.
    explicit SharedString(std::string_view s);
    SharedString(const SharedString& o) noexcept : m_rep(o.m_rep)
    {
        if (m_rep)
            m_rep->refs.fetch_add(1, std::memory_order_relaxed);
    }
    SharedString(SharedString&& o) noexcept : m_rep(std::exchange(o.m_rep, nullptr)) {}
    SharedString& operator=(const SharedString& o) noexcept
    {
        SharedString(o).swap(*this);
        return *this;
    }
    SharedString& operator=(SharedString&& o) noexcept
    {
        SharedString(std::move(o)).swap(*this);
        return *this;
    }
    ~SharedString() { release(); }
    void swap(SharedString& o) noexcept { std::swap(m_rep, o.m_rep); }

    std::string_view view() const { return m_rep ? std::string_view(m_rep->chars(), m_rep->size) : std::string_view(); }
    operator std::string_view() const { return view(); } // NOLINT: implicit by design, reads like a string
    std::string str() const { return std::string(view()); }
    // NUL-terminated, never null.
    const char* c_str() const { return m_rep ? m_rep->chars() : ""; }
    const char* data() const { return c_str(); }
    size_t size() const { return m_rep ? m_rep->size : 0; }
    bool empty() const { return !m_rep; }
    char back() const { return m_rep->chars()[m_rep->size - 1]; }
    // Bytes the shared copy holds on the heap (0 for the empty string).
    size_t heapBytes() const { return m_rep ? sizeof(Rep) + m_rep->size + 1 : 0; }

    bool operator==(const SharedString& o) const { return m_rep == o.m_rep || view() == o.view(); }
    bool operator==(std::string_view o) const { return view() == o; }

private:
    struct Rep {
        std::atomic<uint32_t> refs{1};
        size_t size = 0;
        // The bytes and a terminating NUL follow the header in the same allocation.
        char* chars() { return reinterpret_cast<char*>(this + 1); }
        const char* chars() const { return reinterpret_cast<const char*>(this + 1); }
    };
    void release() noexcept;

    Rep* m_rep = nullptr; // null for the empty string
};

} // namespace syscope
