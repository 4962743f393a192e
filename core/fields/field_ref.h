// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A field as a filter or output format names it: the catalog entry plus its parsed argument (evt.arg.NAME,
// evt.arg[N], proc.aname[N], evt.type.is.X, thread.cgroup.X, ...). Each use of a field owns one FieldRef, because
// a few fields keep state between the events they see (evt.deltatime, thread.totexectime), exactly as each sysdig
// filter check instance does.
#include "fields/field_info.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace syscope::fields {

// Which part of the extractor serves a field: decided once from its name, since extraction runs per field and
// per event.
enum class FieldFamily : uint8_t { kNone, kEvt, kProcess, kUserGroup, kContainer, kFd, kFdList };

struct FieldRef {
    const FieldInfo* info = nullptr;
    FieldId id = FieldId::kCount;
    FieldFamily family = FieldFamily::kNone;
    format::ParamType type = format::ParamType::kNone; // effective value type
    format::PrintFormat fmt = format::PrintFormat::kNA;
    std::string text;      // the field as written, argument included ("evt.arg.fd"): the JSON key
    uint32_t consumed = 0; // characters of the input the field took

    // Argument. argIndex >= 0: a number in brackets; argName: a name after '.' or a non-numeric bracket.
    int32_t argIndex = -1;
    bool anyAncestor = false; // proc.aname / proc.apid without [N]: filters match any ancestor
    std::string argName;
    uint16_t evtType = 0, evtType1 = 0;                   // evt.type.is: the enter/exit ids it matches
    uint64_t aroundTs = 0;                                // evt.around[T]
    format::ParamType rawType = format::ParamType::kNone; // evt.rawarg: the named parameter's type
    // sysdig evaluates filters before the parser marks a renamed fd, so a filter never sees fd.name_changed set
    // while an output format does; the filter compiler sets this to reproduce that.
    bool inFilter = false;

    // Per-instance state of stateful fields: evt.deltatime's previous timestamp, thread.exectime's last switch
    // per CPU, thread.totexectime's running total per thread, evt.latency.human's last text.
    mutable uint64_t lastTs = 0;
    mutable std::vector<uint64_t> perCpu;
    mutable std::unordered_map<int64_t, uint64_t> perThread;
    mutable std::string lastText;
};

} // namespace syscope::fields
