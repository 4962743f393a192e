// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A compiled filter, evaluated per event. Groups evaluate their items left to right with sysdig's short-circuit
// rules; a "not" that is not the first item of its group is ignored, as in sysdig 0.29.3. Cheap to evaluate,
// and for filters on evt.type / evt.cpu / evt.num / evt.dir / time the index row alone can decide.
#include "base/result.h"
#include "filter/filter_check.h"

#include <bitset>
#include <optional>
#include <vector>

namespace syscope::filter {

class FilterProgram {
public:
    struct Item {
        BoolOp op = BoolOp::kNone;
        int32_t check = -1; // index into checks, or -1 for a group
        int32_t group = -1; // index into groups
    };
    struct Group {
        std::vector<Item> items;
    };

    // The empty program accepts everything.
    bool empty() const { return groups.empty(); }
    bool evaluate(fields::FieldExtractor& ex) const;
    // Decision from the index columns alone; nullopt when the event has to be decoded.
    std::optional<bool> evaluateRow(uint16_t type, uint16_t cpu, uint64_t ts, uint64_t ordinal) const;
    // An operator the field's type does not support, met while evaluating (sysdig stops with it).
    const std::optional<Error>& runtimeError() const { return m_runtimeError; }
    // Whether some field remembers earlier events (evt.deltatime...): then every event must be evaluated.
    bool stateful() const { return m_stateful; }
    // Whether every check reads only the event itself (evt.type, evt.dir, evt.type.is, evt.is_io...): then no
    // per-thread history the extractor keeps can change a result.
    bool typeOnly() const { return m_typeOnly; }
    // Event types that can possibly match (bit set = may match).
    const std::bitset<format::kEventIdCount>& eventTypes() const { return m_types; }
    // Whether an event's type alone decides the filter (then eventTypes() holds the answer and evaluate() need
    // not run): filters made only of evt.type, evt.dir and evt.type.is tests, for every non-generic type.
    bool decidedByType(uint16_t type) const { return type < m_typeDecided.size() && m_typeDecided.test(type); }
    // What an event's type alone says of it: false (cannot match), true (matches), nullopt (evaluate). A
    // stateful program always says nullopt: its checks must see every event the filter is asked about, in the
    // order sysdig evaluates them, even where the type would settle the result.
    std::optional<bool> decideByType(uint16_t type) const
    {
        if (m_stateful)
            return std::nullopt;
        if (type < m_types.size() && !m_types.test(type))
            return false;
        if (decidedByType(type))
            return true;
        return std::nullopt;
    }

    // Built by FilterCompiler.
    std::vector<FilterCheck> checks;
    std::vector<Group> groups; // groups[0] is the root
    void finish();

private:
    bool evalGroup(const Group& g, fields::FieldExtractor& ex) const;
    std::optional<bool> rowGroup(const Group& g, uint16_t type, uint16_t cpu, uint64_t ts, uint64_t ordinal,
                                 bool typeOnly) const;

    mutable std::optional<Error> m_runtimeError;
    bool m_stateful = false;
    bool m_typeOnly = true;
    std::bitset<format::kEventIdCount> m_types;
    std::bitset<format::kEventIdCount> m_typeDecided;
};

} // namespace syscope::filter
