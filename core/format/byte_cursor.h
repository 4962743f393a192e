// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Bounds-checked little-endian reads over a block body. A read past the end sets failed() and yields zeros,
// so a parser checks once at the end of an entry instead of after every field.
#include <cstdint>
#include <cstring>
#include <span>
#include <string>

namespace syscope::format {

class ByteCursor {
public:
    explicit ByteCursor(std::span<const uint8_t> bytes) : m_bytes(bytes) {}

    template <typename T>
    T read()
    {
        T v{};
        if (!need(sizeof(T)))
            return v;
        std::memcpy(&v, m_bytes.data() + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return v;
    }
    // A u16 length followed by that many bytes (no NUL on disk).
    std::string str16()
    {
        uint16_t n = read<uint16_t>();
        return bytes(n);
    }
    std::string bytes(size_t n)
    {
        if (!need(n))
            return {};
        std::string s(reinterpret_cast<const char*>(m_bytes.data() + m_pos), n);
        m_pos += n;
        return s;
    }
    void copy(void* out, size_t n)
    {
        if (!need(n))
            return;
        std::memcpy(out, m_bytes.data() + m_pos, n);
        m_pos += n;
    }
    void skip(size_t n)
    {
        if (need(n))
            m_pos += n;
    }
    size_t pos() const { return m_pos; }
    void seek(size_t p) { m_pos = p <= m_bytes.size() ? p : (m_failed = true, m_bytes.size()); }
    size_t remaining() const { return m_bytes.size() - m_pos; }
    bool failed() const { return m_failed; }

private:
    bool need(size_t n)
    {
        if (m_failed || n > m_bytes.size() - m_pos) {
            m_failed = true;
            return false;
        }
        return true;
    }
    std::span<const uint8_t> m_bytes;
    size_t m_pos = 0;
    bool m_failed = false;
};

} // namespace syscope::format
