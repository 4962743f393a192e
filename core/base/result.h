// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Errors are values: every fallible core API returns Result<T>. No exception crosses the core API.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace syscope {

enum class ErrorCode {
    kIo,          // the OS refused (open, read, mmap, write)
    kNotCapture,  // the bytes are not a capture at all
    kTruncated,   // the capture ends inside a block
    kCorrupt,     // a block's framing or content contradicts itself
    kUnsupported, // well-formed but a version we do not read
    kInvalidArgument,
    kCancelled,
};

struct Error {
    ErrorCode code = ErrorCode::kIo;
    std::string message;
    // Byte offset in the capture (or column in a filter) where the problem is; -1 when not applicable.
    int64_t offset = -1;
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}     // NOLINT: implicit by design
    Result(Error error) : m_v(std::move(error)) {} // NOLINT
    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const Error& error() const { return std::get<1>(m_v); }

private:
    std::variant<T, Error> m_v;
};

// Success holds no Error: per-event callers return it millions of times, and building and destroying an empty
// Error (its string) each time was a measurable part of their cost.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_err(std::move(error)) {} // NOLINT
    bool ok() const { return !m_err.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const
    {
        static const Error kNone;
        return m_err ? *m_err : kNone;
    }

private:
    std::optional<Error> m_err;
};

inline Error makeError(ErrorCode code, std::string message, int64_t offset = -1)
{
    return Error{code, std::move(message), offset};
}

} // namespace syscope
