// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Renders events as text the way sysdig does: evt.type, evt.info (every parameter as name=value with its
// resolved form), and sysdig's default output line. State comes from the StateTracker's versioned history, so
// the same code serves a streaming print and random access from the index. Not thread-safe (it caches the
// last local-time conversion); use one per thread.
#include "decode/compat_profile.h"
#include "decode/state_view.h"
#include "format/raw_event.h"
#include "state/state_tracker.h"

#include <ctime>
#include <span>
#include <string>

namespace syscope::decode {

// How BYTEBUF parameters (I/O data) render: sysdig's default dots, -A (printable text and line ends), -x (hex),
// -X (hex and ASCII), -b (base64).
enum class BufferFormat { kNormal, kAscii, kHex, kHexAscii, kBase64 };

class EventRenderer {
public:
    EventRenderer(const state::StateTracker& state, Compat compat)
        : m_state(state), m_compat(compat), m_profile(&CompatProfile::of(compat))
    {}

    // Whether sysdig's default output shows this event at all.
    bool isShown(const format::RawEvent& ev, const state::EventContext& ctx) const;
    // evt.type: the event name, or for generic events the syscall's name.
    std::string_view typeName(const format::RawEvent& ev) const;
    // evt.info: "name=value " for each present parameter. The (ordinal, ctx) forms read the tracker's history
    // as it stood after event `ordinal`; the StateView forms take the state from the caller.
    void appendInfo(std::string& out, const format::RawEvent& ev, uint64_t ordinal,
                    const state::EventContext& ctx) const;
    void appendInfo(std::string& out, const format::RawEvent& ev, const StateView& sv) const;
    // One parameter's value as evt.info shows it (without "name=").
    void appendParamValue(std::string& out, const format::RawEvent& ev, uint32_t i, uint64_t ordinal,
                          const state::EventContext& ctx, bool fullBuffers = false) const;
    // One parameter as evt.arg shows it: the resolved form when there is one ("ENOENT", "<f>/etc/passwd",
    // "O_RDONLY"), else the plain value.
    void appendParamArg(std::string& out, const format::RawEvent& ev, uint32_t i, uint64_t ordinal,
                        const state::EventContext& ctx) const;
    // Buffer rendering for -A/-x/-X/-b; `limit` keeps sysdig's 80-character cut of default-format buffers (off
    // with -v and in JSON output).
    void setBufferFormat(BufferFormat format, bool limit)
    {
        m_bufferFormat = format;
        m_limitBuffers = limit;
    }
    BufferFormat bufferFormat() const { return m_bufferFormat; }
    // A BYTEBUF's bytes in the current buffer format (evt.buffer), with the 80-character cut when it applies.
    void appendBufferText(std::string& out, std::span<const uint8_t> bytes, bool fullBuffers = false) const;
    void appendParamValue(std::string& out, const format::RawEvent& ev, uint32_t i, const StateView& sv,
                          bool fullBuffers = false) const;
    // HH:MM:SS.nnnnnnnnn in local time (honours TZ).
    void appendTime(std::string& out, uint64_t ts) const;
    // The default line, with the trailing newline.
    void appendDefaultLine(std::string& out, const format::RawEvent& ev, uint64_t ordinal,
                           const state::EventContext& ctx) const;
    void appendDefaultLine(std::string& out, const format::RawEvent& ev, uint64_t ordinal, const StateView& sv) const;

private:
    static constexpr size_t kTimeLength = 18; // HH:MM:SS.nnnnnnnnn
    // appendTime's text into buf[0, kTimeLength).
    void writeTime(char* buf, uint64_t ts) const;
    void appendFd(std::string& out, int64_t fd, const StateView& sv) const;

    const state::StateTracker& m_state;
    Compat m_compat;
    const CompatProfile* m_profile; // what this compat level renders differently (parameter lists, rules)
    BufferFormat m_bufferFormat = BufferFormat::kNormal;
    bool m_limitBuffers = true;
    mutable int64_t m_cachedSec = INT64_MIN;
    mutable char m_cachedHms[9] = {};
};

} // namespace syscope::decode
