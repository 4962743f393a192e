// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What one sysdig version prints differently from another for the same event, kept as data the renderer looks
// up instead of branches spread through it (docs/architecture.md, "Compatibility switches"): the parameter lists
// the version knows (newer libs appended parameters to events 0.29.3 already had, and retyped a few as
// enumerations or user ids), the names it gives some syscalls, and a handful of rendering rules per parameter
// type. 0.29.3 is the base: its profile changes nothing.
#include "format/event_schema.h"

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace syscope::decode {

// Which sysdig's renderings to reproduce where versions differ.
enum class Compat { kSysdig0293, kSysdig036 };

class CompatProfile {
public:
    static const CompatProfile& of(Compat compat);

    // The parameters of event `type` as this version describes them.
    std::span<const format::ParamInfo> params(uint16_t type) const;
    // The syscall name of a generic event's PPM_SC code where this version names it differently; empty if not.
    std::string_view syscallName(uint16_t ppmSc) const;

    // Rendering rules that differ by version.
    struct Rules {
        // ENUMFLAGS list every table entry equal to the value (0.29.3 walks them like FLAGS).
        bool enumFlagsByEquality = false;
        // ERRNO values print in decimal whatever the parameter's print format (0.29.3 honours PF_HEX).
        bool errnoAlwaysDecimal = false;
        // An empty BYTEBUF prints NULL, an empty string parameter <NA> (0.29.3 prints nothing for both).
        bool emptyBufferIsNull = false;
        bool emptyStringIsNa = false;
        // A user id of -1 prints as "-1(<NONE>)".
        bool noneUid = false;
        // ABSTIME parameters print as a date, "YYYY-MM-DD HH:MM:SS.nnnnnnnnn" (0.29.3: the raw number).
        bool absTimeAsDate = false;
        // A relative path of an event whose thread is unknown (or known only by its tid) still shows its
        // unresolved form in parentheses.
        bool relPathEchoWithoutThread = false;
    };
    const Rules& rules() const { return m_rules; }

private:
    CompatProfile() = default;
    static CompatProfile build036();

    Rules m_rules;
    // Per event id: the parameter list when it differs from the base table (empty vector: use the base).
    std::vector<std::vector<format::ParamInfo>> m_params;
    std::vector<std::pair<uint16_t, std::string_view>> m_syscallNames;
};

} // namespace syscope::decode
