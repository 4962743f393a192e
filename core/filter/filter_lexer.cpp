// SPDX-License-Identifier: GPL-3.0-or-later
#include "filter/filter_lexer.h"

#include <array>
#include <cctype>

namespace syscope::filter {

namespace {

bool isSpecial(char c) { return c == '(' || c == ')' || c == '!' || c == '=' || c == '<' || c == '>'; }

Error lexError(std::string message, size_t column)
{
    return makeError(ErrorCode::kInvalidArgument, std::move(message), int64_t(column));
}

} // namespace

std::string_view cmpOpText(CmpOp op)
{
    static constexpr std::array<std::string_view, 15> kText = {
        "=",          "!=",       "<=",   "<",  ">=",         ">",      "contains", "icontains",
        "startswith", "endswith", "glob", "in", "intersects", "pmatch", "exists"};
    return kText[size_t(op)];
}

char FilterLexer::skipBlanks()
{
    while (!atEnd() && isBlank(m_text[m_pos]))
        ++m_pos;
    return peek();
}

std::string_view FilterLexer::readField()
{
    size_t start = m_pos;
    while (!atEnd() && !isBlank(m_text[m_pos]) && !isSpecial(m_text[m_pos]))
        ++m_pos;
    return m_text.substr(start, m_pos - start);
}

Result<CmpOp> FilterLexer::readOperator()
{
    skipBlanks();
    // Tried in this order, by prefix: so "==" is "=" followed by a value starting with "=", and "intersects" is
    // "in" followed by junk.
    static constexpr std::array<std::pair<std::string_view, CmpOp>, 14> kOps = {{
        {"=", CmpOp::kEq},
        {"!=", CmpOp::kNe},
        {"<=", CmpOp::kLe},
        {"<", CmpOp::kLt},
        {">=", CmpOp::kGe},
        {">", CmpOp::kGt},
        {"contains", CmpOp::kContains},
        {"icontains", CmpOp::kIcontains},
        {"startswith", CmpOp::kStartswith},
        {"endswith", CmpOp::kEndswith},
        {"glob", CmpOp::kGlob},
        {"in", CmpOp::kIn},
        {"pmatch", CmpOp::kPmatch},
        {"exists", CmpOp::kExists},
    }};
    std::string_view rest = m_text.substr(m_pos);
    for (const auto& [text, op] : kOps)
        if (rest.substr(0, text.size()) == text) {
            m_pos += text.size();
            return op;
        }
    return lexError("filter error: unrecognized comparison operator after " + std::string(m_text.substr(0, m_pos)),
                    m_pos);
}

Result<std::string> FilterLexer::readValue(bool inList)
{
    skipBlanks();
    bool quoted = false;
    if (!atEnd() && (m_text[m_pos] == '"' || m_text[m_pos] == '\'')) {
        quoted = true;
        ++m_pos;
    }
    const size_t start = m_pos;
    enum class Esc { kNormal, kSlash, kHex } esc = Esc::kNormal;
    int digits[2] = {0, 0};
    int ndigits = 0;
    std::string out;
    while (!atEnd()) {
        char c = m_text[m_pos];
        bool end = quoted ? (esc != Esc::kSlash && (c == '"' || c == '\''))
                          : (isBlank(c) || c == '(' || c == ')' || (inList && c == ','));
        if (end) {
            if (esc != Esc::kNormal)
                return lexError("filter error: unrecognized escape sequence at " + std::string(m_text.substr(start)),
                                m_pos);
            if (quoted)
                ++m_pos; // past the closing quote
            return out;
        }
        switch (esc) {
        case Esc::kNormal:
            if (c == '\\')
                esc = Esc::kSlash;
            else
                out.push_back(c);
            break;
        case Esc::kSlash:
            if (c == '\\' || c == '"') {
                out.push_back(c);
                esc = Esc::kNormal;
            } else if (c == 'x') {
                esc = Esc::kHex;
                ndigits = 0;
            } else {
                out.push_back('\\');
                out.push_back(c);
                esc = Esc::kNormal;
            }
            break;
        case Esc::kHex:
            if (!std::isxdigit(static_cast<unsigned char>(c)))
                return lexError("filter error: unrecognized escape sequence at " + std::string(m_text.substr(start)),
                                m_pos);
            digits[ndigits++] = std::isdigit(static_cast<unsigned char>(c))
                                    ? c - '0'
                                    : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
            if (ndigits == 2) {
                out.push_back(char(digits[0] * 16 + digits[1]));
                esc = Esc::kNormal;
            }
            break;
        }
        ++m_pos;
    }
    if (quoted)
        return lexError("filter error: unclosed quotes", start - 1);
    // An escape cut short by the end of the filter is dropped, as sysdig does.
    return out;
}

} // namespace syscope::filter
