// SPDX-License-Identifier: GPL-3.0-or-later
#include "filter/filter_compiler.h"

#include "fields/field_catalog.h"
#include "filter/filter_parser.h"
#include "format/event_schema.h"

#include <unordered_set>

namespace syscope::filter {

using fields::FieldCatalog;
using fields::FieldId;
using format::ParamType;

namespace {

Error at(Error e, size_t column)
{
    e.offset = int64_t(column);
    return e;
}

Error compileError(std::string message, size_t column)
{
    return makeError(ErrorCode::kInvalidArgument, std::move(message), int64_t(column));
}

// evt.type literals must name an event sysdig 0.29.3 knows or a syscall.
bool knownEventType(std::string_view name)
{
    static const std::unordered_set<std::string_view> names = [] {
        std::unordered_set<std::string_view> s;
        for (uint16_t id = 0; id < format::kEventIdCount0293; ++id)
            s.insert(format::eventInfo(id)->name);
        for (uint16_t sc = 0; sc < 329; ++sc)
            if (auto n = format::syscallName(sc); !n.empty())
                s.insert(n);
        return s;
    }();
    return names.count(name) > 0;
}

class Compiler {
public:
    Result<FilterProgram> run(const FilterGroupAst& ast)
    {
        m_prog.groups.emplace_back();
        if (auto r = compileGroup(ast, 0); !r)
            return r.error();
        m_prog.finish();
        return std::move(m_prog);
    }

private:
    Result<void> compileGroup(const FilterGroupAst& g, size_t index)
    {
        for (const auto& item : g.items) {
            if (item.group) {
                size_t sub = m_prog.groups.size();
                m_prog.groups.emplace_back();
                m_prog.groups[index].items.push_back({item.op, -1, int32_t(sub)});
                if (auto r = compileGroup(*item.group, sub); !r)
                    return r;
                continue;
            }
            if (auto r = compileCheck(*item.check, item.op, index); !r)
                return r;
        }
        return {};
    }

    Result<FilterLiteral> literal(const FilterCheck& c, const std::string& text, size_t column)
    {
        if (c.field.id == FieldId::kEvtType && !knownEventType(text))
            return compileError("unknown event type " + text, column);
        auto lit = FilterCheck::parseLiteral(text, c.type);
        if (!lit)
            return at(lit.error(), column);
        return lit;
    }

    Result<void> compileCheck(const FilterCheckAst& a, BoolOp op, size_t groupIndex)
    {
        auto ref = FieldCatalog::parse(a.field, FieldCatalog::Match::kExact);
        if (!ref)
            return at(ref.error(), a.fieldColumn);
        if (!ref->info)
            return compileError("filter error: unrecognized field " + a.field + " at pos " +
                                    std::to_string(a.fieldColumn),
                                a.fieldColumn);
        FilterCheck c;
        c.field = std::move(*ref);
        c.field.inFilter = true;
        c.op = a.op;
        c.column = a.fieldColumn;
        c.type = c.field.id == FieldId::kEvtRawarg ? c.field.rawType : c.field.type;
        switch (c.field.id) {
        case FieldId::kFdIp: c.special = FilterCheck::Special::kFdIp; break;
        case FieldId::kFdPort:
        case FieldId::kFdProto: c.special = FilterCheck::Special::kFdPort; break;
        case FieldId::kFdNet: c.special = FilterCheck::Special::kFdNet; break;
        case FieldId::kEvtAround: c.special = FilterCheck::Special::kAround; break;
        case FieldId::kProcApid:
            if (c.field.anyAncestor)
                c.special = FilterCheck::Special::kAncestorPid;
            break;
        case FieldId::kProcAname:
            if (c.field.anyAncestor)
                c.special = FilterCheck::Special::kAncestorName;
            break;
        default: break;
        }
        if (c.special == FilterCheck::Special::kAround && a.op != CmpOp::kEq && a.op != CmpOp::kExists)
            return compileError("evt.around supports only '=' comparison operator", a.opColumn);
        auto& items = m_prog.groups[groupIndex].items;
        if (a.op == CmpOp::kExists) {
            items.push_back({op, int32_t(m_prog.checks.size()), -1});
            m_prog.checks.push_back(std::move(c));
            return {};
        }
        if (a.list) {
            if (c.type == ParamType::kCharBuf) {
                // A set (or path list) test on string fields.
                for (size_t i = 0; i < a.values.size(); ++i) {
                    auto lit = literal(c, a.values[i], a.valueColumns[i]);
                    if (!lit)
                        return lit.error();
                    if (a.op == CmpOp::kPmatch) {
                        std::vector<std::string> comps;
                        std::string_view p = lit->str;
                        size_t k = 0;
                        while (k <= p.size()) {
                            size_t e = p.find('/', k);
                            if (e == std::string_view::npos)
                                e = p.size();
                            if (e > k)
                                comps.emplace_back(p.substr(k, e - k));
                            k = e + 1;
                        }
                        c.paths.push_back(std::move(comps));
                    } else {
                        c.set.insert(lit->str);
                        c.useSet = true;
                    }
                }
                items.push_back({op, int32_t(m_prog.checks.size()), -1});
                m_prog.checks.push_back(std::move(c));
                return {};
            }
            if (a.op == CmpOp::kPmatch)
                return compileError("pmatch requires all charbuf arguments", a.opColumn);
            // Any other type: field=v1 or field=v2 ..., each a fresh check of the same field that -- as in sysdig
            // 0.29.3 -- does not inherit the field's argument (proc.apid[2] in (..) compares proc.apid[0]).
            size_t sub = m_prog.groups.size();
            m_prog.groups.emplace_back();
            m_prog.groups[groupIndex].items.push_back({op, -1, int32_t(sub)});
            for (size_t i = 0; i < a.values.size(); ++i) {
                FilterCheck e;
                e.field = c.field;
                e.type = c.type;
                e.special = c.special;
                e.column = c.column;
                e.op = CmpOp::kEq;
                if (e.field.argIndex > 0)
                    e.field.argIndex = 0;
                e.field.evtType = e.field.evtType1 = 0;
                e.field.aroundTs = 0;
                if (e.special == FilterCheck::Special::kAncestorPid ||
                    e.special == FilterCheck::Special::kAncestorName) {
                    e.special = FilterCheck::Special::kNone;
                    e.field.anyAncestor = false;
                    e.field.argIndex = 0;
                }
                if (e.field.id == FieldId::kEvtRawarg)
                    e.special = FilterCheck::Special::kNeverMatches;
                auto lit = literal(e, a.values[i], a.valueColumns[i]);
                if (!lit)
                    return lit.error();
                if (e.special == FilterCheck::Special::kAround)
                    e.aroundDeltaNs = lit->num * 1000000ULL;
                e.literals.push_back(std::move(*lit));
                m_prog.groups[sub].items.push_back(
                    {i == 0 ? BoolOp::kNone : BoolOp::kOr, int32_t(m_prog.checks.size()), -1});
                m_prog.checks.push_back(std::move(e));
            }
            return {};
        }
        if (c.special == FilterCheck::Special::kAround) {
            FilterLiteral lit;
            auto num = FilterCheck::parseLiteral(a.values[0], ParamType::kUint64);
            if (!num)
                return at(num.error(), a.valueColumns[0]);
            c.aroundDeltaNs = num->num * 1000000ULL;
            c.literals.push_back(lit);
        } else {
            auto lit = literal(c, a.values[0], a.valueColumns[0]);
            if (!lit)
                return lit.error();
            c.literals.push_back(std::move(*lit));
        }
        items.push_back({op, int32_t(m_prog.checks.size()), -1});
        m_prog.checks.push_back(std::move(c));
        return {};
    }

    FilterProgram m_prog;
};

} // namespace

Result<FilterProgram> FilterCompiler::compile(const FilterGroupAst& ast) { return Compiler().run(ast); }

Result<FilterProgram> FilterCompiler::compile(std::string_view text)
{
    if (text.empty())
        return FilterProgram{};
    auto ast = FilterParser::parse(text);
    if (!ast)
        return ast.error();
    return compile(*ast);
}

} // namespace syscope::filter
