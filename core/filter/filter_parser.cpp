// SPDX-License-Identifier: GPL-3.0-or-later
//
// The filter language of sysdig 0.29.3 (a hand-written scanner there, reproduced here with its quirks):
//
//   filter     = blank* [ sequence ] blank* ;
//   sequence   = item { join item } ;                 (* and/or may not mix in one group; checked per group *)
//   item       = { "not" } ( "(" sequence ")" | check ) ;
//   join       = "and" | "or" | "not" ;                (* a bare "not" between items is accepted and ignored *)
//   check      = field blank* ( unary | binary | list ) ;
//   unary      = "exists" ;
//   binary     = binop blank* value ;                  (* the value may be empty: "proc.name contains" *)
//   list       = ( "in" | "pmatch" ) blank* "(" value { "," value } ")" ;
//   binop      = "=" | "!=" | "<=" | "<" | ">=" | ">" | "contains" | "icontains" | "startswith"
//              | "endswith" | "glob" ;                 (* matched by prefix, in this order *)
//   field      = { any char but blank and ( ) ! = < > } ;
//   value      = quoted | bare ;
//   quoted     = ( '"' | "'" ) { char | escape } ( '"' | "'" ) ;   (* either quote closes *)
//   bare       = { any char but blank ( ) [ "," inside a list ] | escape } ;
//   escape     = "\\" | '\"' | "\x" hex hex ;          (* any other "\c" stays as the two characters *)
//
// Keywords are read letter by letter with blanks allowed between the letters ("a nd" is "and"), and only where
// an operator between items is expected; elsewhere "and"/"or" would start a field name. "==" is "=" with a value
// that starts with "=". "intersects" is "in" followed by junk, so it is unusable.
#include "filter/filter_parser.h"

#include "fields/field_catalog.h"
#include "filter/filter_lexer.h"

#include <vector>

namespace syscope::filter {

namespace {

Error parseError(std::string message, size_t column)
{
    return makeError(ErrorCode::kInvalidArgument, std::move(message), int64_t(column));
}

// and/or may not alternate among the items of one group (the first item's operator does not count).
Result<void> checkMixing(const FilterGroupAst& g, size_t column)
{
    if (g.items.size() <= 2)
        return {};
    auto base = [](BoolOp op) { return uint8_t(op) & ~uint8_t(1); };
    uint8_t b0 = base(g.items[1].op);
    for (size_t i = 2; i < g.items.size(); ++i)
        if (base(g.items[i].op) != b0)
            return parseError("expression mixes 'and' and 'or' in an ambiguous way. Please use brackets.",
                              g.items[i].column);
    (void)column;
    return {};
}

class Parser {
public:
    explicit Parser(std::string_view text) : m_text(text), m_lex(text) {}

    Result<FilterGroupAst> run()
    {
        FilterGroupAst root;
        std::vector<FilterGroupAst*> stack{&root};
        enum class State { kNeedExpression, kExpressionDone } state = State::kNeedExpression;
        BoolOp last = BoolOp::kNone;
        for (;;) {
            char c = m_lex.skipBlanks();
            const size_t at = m_lex.pos();
            if (c == '\0') {
                if (stack.size() != 1)
                    return parseError("filter error: unexpected end of filter", stack.back()->column);
                if (state != State::kExpressionDone)
                    return parseError("filter error: unexpected end of filter", at);
                root.closeColumn = at;
                if (auto r = checkMixing(root, at); !r)
                    return r.error();
                return root;
            }
            switch (c) {
            case '(': {
                if (state != State::kNeedExpression)
                    return parseError("unexpected '(' after " + std::string(m_text.substr(0, at)), at);
                FilterItemAst item;
                item.op = last;
                item.column = at;
                item.group = std::make_unique<FilterGroupAst>();
                item.group->column = at;
                FilterGroupAst* g = item.group.get();
                stack.back()->items.push_back(std::move(item));
                stack.push_back(g);
                last = BoolOp::kNone;
                m_lex.setPos(at + 1);
                break;
            }
            case ')': {
                // sysdig closes a group whatever state it is in; the end of the filter catches what is missing.
                if (stack.size() == 1)
                    return parseError("filter error: unexpected ')'", at); // sysdig 0.29.3 crashes here
                stack.back()->closeColumn = at;
                if (auto r = checkMixing(*stack.back(), at); !r)
                    return r.error();
                stack.pop_back();
                m_lex.setPos(at + 1);
                break;
            }
            case 'o':
            case 'a':
                if (at != 0 && state != State::kNeedExpression) {
                    std::string_view word = c == 'o' ? "or" : "and";
                    if (!readKeyword(word))
                        return parseError("syntax error in filter", m_lex.pos());
                    last = c == 'o' ? BoolOp::kOr : BoolOp::kAnd;
                    state = State::kNeedExpression;
                    break;
                }
                [[fallthrough]];
            default:
                if (c == 'n') {
                    if (!readKeyword("not"))
                        return parseError("syntax error in filter", m_lex.pos());
                    last = BoolOp(uint8_t(last) | uint8_t(BoolOp::kNot));
                    state = State::kNeedExpression;
                    break;
                }
                if (state != State::kNeedExpression)
                    return parseError("syntax error in filter", at);
                auto check = parseCheck();
                if (!check)
                    return check.error();
                FilterItemAst item;
                item.op = last;
                item.column = at;
                item.check = std::make_unique<FilterCheckAst>(std::move(*check));
                stack.back()->items.push_back(std::move(item));
                state = State::kExpressionDone;
                break;
            }
        }
    }

private:
    // Reads the letters of a keyword, blanks allowed before each (sysdig reads them one next() at a time).
    bool readKeyword(std::string_view word)
    {
        m_lex.setPos(m_lex.pos() + 1);
        for (size_t i = 1; i < word.size(); ++i) {
            if (m_lex.skipBlanks() != word[i])
                return false;
            m_lex.setPos(m_lex.pos() + 1);
        }
        return true;
    }

    Result<FilterCheckAst> parseCheck()
    {
        FilterCheckAst check;
        check.fieldColumn = m_lex.pos();
        check.field = std::string(m_lex.readField());
        // sysdig looks the field up as soon as it has read it, before the operator.
        auto ref = fields::FieldCatalog::parse(check.field, fields::FieldCatalog::Match::kExact);
        if (!ref)
            return parseError(ref.error().message, check.fieldColumn);
        if (!ref->info)
            return parseError("filter error: unrecognized field " + check.field + " at pos " +
                                  std::to_string(check.fieldColumn),
                              check.fieldColumn);
        m_lex.skipBlanks();
        check.opColumn = m_lex.pos();
        auto op = m_lex.readOperator();
        if (!op)
            return op.error();
        check.op = *op;
        if (check.op == CmpOp::kExists)
            return check;
        if (check.op == CmpOp::kIn || check.op == CmpOp::kIntersects || check.op == CmpOp::kPmatch) {
            check.list = true;
            if (m_lex.skipBlanks() != '(')
                return parseError("expected '(' after 'in/intersects/pmatch' operand", m_lex.pos());
            m_lex.setPos(m_lex.pos() + 1);
            for (;;) {
                size_t col = m_lex.pos();
                auto v = m_lex.readValue(true);
                if (!v)
                    return v.error();
                check.values.push_back(std::move(*v));
                check.valueColumns.push_back(col);
                char c = m_lex.skipBlanks();
                if (c == ')') {
                    m_lex.setPos(m_lex.pos() + 1);
                    return check;
                }
                if (c != ',')
                    return parseError("expected either ')' or ',' after a value inside the 'in/pmatch' clause",
                                      m_lex.pos());
                m_lex.setPos(m_lex.pos() + 1);
            }
        }
        size_t col = m_lex.pos();
        auto v = m_lex.readValue(false);
        if (!v)
            return v.error();
        check.values.push_back(std::move(*v));
        check.valueColumns.push_back(col);
        return check;
    }

    std::string_view m_text;
    FilterLexer m_lex;
};

} // namespace

Result<FilterGroupAst> FilterParser::parse(std::string_view text) { return Parser(text).run(); }

} // namespace syscope::filter
