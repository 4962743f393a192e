// SPDX-License-Identifier: GPL-3.0-or-later
#include "filter/filter_program.h"

namespace syscope::filter {

using fields::FieldId;

namespace {

bool isStatefulField(FieldId id)
{
    switch (id) {
    case FieldId::kEvtDeltatime:
    case FieldId::kEvtDeltatimeS:
    case FieldId::kEvtDeltatimeNs:
    case FieldId::kThreadExectime:
    case FieldId::kThreadTotexectime:
    case FieldId::kEvtLatencyHuman:
    case FieldId::kEvtOutputtime: return true;
    default: return false;
    }
}

} // namespace

bool FilterProgram::evalGroup(const Group& g, fields::FieldExtractor& ex) const
{
    bool res = true;
    for (size_t j = 0; j < g.items.size(); ++j) {
        const Item& it = g.items[j];
        auto eval = [&]() {
            return it.check >= 0 ? checks[size_t(it.check)].evaluate(ex, m_runtimeError)
                                 : evalGroup(groups[size_t(it.group)], ex);
        };
        if (j == 0) {
            if (it.op == BoolOp::kNone)
                res = eval();
            else if (it.op == BoolOp::kNot)
                res = !eval();
            continue;
        }
        switch (it.op) {
        case BoolOp::kOr:
            if (res)
                return true;
            res = eval();
            break;
        case BoolOp::kAnd:
            if (!res)
                return false;
            res = eval();
            break;
        case BoolOp::kOrNot:
            if (res)
                return true;
            res = !eval();
            break;
        case BoolOp::kAndNot:
            if (!res)
                return false;
            res = !eval();
            break;
        default: break; // a "not" (or nothing) between two items: sysdig ignores the item
        }
    }
    return res;
}

bool FilterProgram::evaluate(fields::FieldExtractor& ex) const
{
    if (groups.empty())
        return true;
    return evalGroup(groups[0], ex);
}

std::optional<bool> FilterProgram::rowGroup(const Group& g, uint16_t type, uint16_t cpu, uint64_t ts, uint64_t ordinal,
                                            bool typeOnly) const
{
    // Three-valued: nullopt is "would need the decoded event".
    std::optional<bool> res = true;
    for (size_t j = 0; j < g.items.size(); ++j) {
        const Item& it = g.items[j];
        auto eval = [&]() -> std::optional<bool> {
            if (it.group >= 0)
                return rowGroup(groups[size_t(it.group)], type, cpu, ts, ordinal, typeOnly);
            const FilterCheck& c = checks[size_t(it.check)];
            if (typeOnly && !FilterCheck::isTypeOnlyField(c.field.id) &&
                c.special != FilterCheck::Special::kNeverMatches)
                return std::nullopt;
            return c.evaluateRow(type, cpu, ts, ordinal);
        };
        auto neg = [](std::optional<bool> v) { return v ? std::optional<bool>(!*v) : std::nullopt; };
        if (j == 0) {
            if (it.op == BoolOp::kNone)
                res = eval();
            else if (it.op == BoolOp::kNot)
                res = neg(eval());
            continue;
        }
        bool isOr = it.op == BoolOp::kOr || it.op == BoolOp::kOrNot;
        bool isAnd = it.op == BoolOp::kAnd || it.op == BoolOp::kAndNot;
        if (!isOr && !isAnd)
            continue;
        if (isOr && res == true)
            return true;
        if (isAnd && res == false)
            return false;
        std::optional<bool> r = eval();
        if (it.op == BoolOp::kOrNot || it.op == BoolOp::kAndNot)
            r = neg(r);
        if (res) {
            res = r;
        } else if (r) {
            // unknown so far: a decisive value settles it, anything else stays unknown
            if (isOr && *r)
                res = true;
            else if (isAnd && !*r)
                res = false;
        }
    }
    return res;
}

std::optional<bool> FilterProgram::evaluateRow(uint16_t type, uint16_t cpu, uint64_t ts, uint64_t ordinal) const
{
    if (groups.empty())
        return true;
    return rowGroup(groups[0], type, cpu, ts, ordinal, false);
}

void FilterProgram::finish()
{
    m_stateful = false;
    m_typeOnly = true;
    for (auto& c : checks) {
        c.prepareRowTable();
        if (isStatefulField(c.field.id))
            m_stateful = true;
        if (!FilterCheck::isTypeOnlyField(c.field.id) && c.special != FilterCheck::Special::kNeverMatches)
            m_typeOnly = false;
    }
    m_types.set();
    m_typeDecided.reset();
    if (groups.empty())
        return;
    for (uint16_t t = 0; t < format::kEventIdCount; ++t) {
        const std::optional<bool> r = rowGroup(groups[0], t, 0, 0, 0, true);
        if (r == false)
            m_types.reset(t);
        if (r)
            m_typeDecided.set(t);
    }
}

} // namespace syscope::filter
