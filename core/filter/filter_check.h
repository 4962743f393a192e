// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One compiled comparison: a field, an operator and the literal(s) already converted to the field's type, with
// sysdig 0.29.3's comparison rules per type (scap-format.md 6.4). Some operator/type pairs are only refused when
// an event reaches them, as in sysdig: evaluate() then reports the error through `runtimeError`.
#include "fields/field_extractor.h"
#include "fields/field_ref.h"
#include "filter/cmp_op.h"

#include <array>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace syscope::filter {

struct FilterLiteral {
    uint64_t num = 0;             // integers, truncated to the field's width
    std::string str;              // strings, buffers
    std::array<uint8_t, 16> ip{}; // addresses and networks (network byte order)
    std::array<uint8_t, 16> mask{};
    uint8_t ipLen = 0; // 4 or 16 when an address/network was parsed
    bool hasMask = false;
};

class FilterCheck {
public:
    // Fields whose comparison is not "extract, then compare".
    enum class Special : uint8_t {
        kNone,
        kFdIp,
        kFdPort,
        kFdNet,
        kAncestorPid,
        kAncestorName,
        kAround,
        kNeverMatches,
    };

    fields::FieldRef field;
    CmpOp op = CmpOp::kEq;
    format::ParamType type = format::ParamType::kNone; // the type literals were parsed as
    Special special = Special::kNone;
    std::vector<FilterLiteral> literals; // one, except for set/path lists
    bool useSet = false;                 // in (...) on CHARBUF fields: set membership
    std::unordered_set<std::string> set;
    std::vector<std::vector<std::string>> paths; // pmatch (...): each path split into components
    uint64_t aroundDeltaNs = 0;
    size_t column = 0;

    bool evaluate(fields::FieldExtractor& ex, std::optional<Error>& runtimeError) const;
    // The result from the index columns alone (type, cpu, timestamp, ordinal); nullopt when the event must be
    // decoded.
    std::optional<bool> evaluateRow(uint16_t type, uint16_t cpu, uint64_t ts, uint64_t ordinal) const
    {
        if (!m_rowByType.empty()) { // evt.type, evt.dir, evt.type.is: one lookup instead of a string comparison
            const int8_t r = type < m_rowByType.size() ? m_rowByType[type] : -1;
            return r < 0 ? std::nullopt : std::optional<bool>(r != 0);
        }
        return rowResult(type, cpu, ts, ordinal);
    }
    // For fields whose row result depends on the event type alone, computes it for every type once (the
    // compiler calls it when the check is complete).
    void prepareRowTable();
    // Fields whose value is a function of the event type: evt.type, evt.dir, evt.type.is and the event-table
    // flags evt.is_io, evt.is_io_read, evt.is_io_write, evt.is_wait.
    static bool isTypeOnlyField(fields::FieldId id);

    // Converts a literal to `type` as sysdig's value parser does; the error text is sysdig's.
    static Result<FilterLiteral> parseLiteral(std::string_view text, format::ParamType type);

private:
    std::optional<bool> rowResult(uint16_t type, uint16_t cpu, uint64_t ts, uint64_t ordinal) const;
    bool compareValue(const fields::FieldValue& v, std::optional<Error>& err) const;
    bool compareSpecial(fields::FieldExtractor& ex, std::optional<Error>& err) const;

    std::vector<int8_t> m_rowByType; // per event type: -1 undecided, 0 false, 1 true; empty when not prepared
};

} // namespace syscope::filter
