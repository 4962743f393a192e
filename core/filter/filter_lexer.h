// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The filter scanner. sysdig 0.29.3's filter language is context-sensitive at the character level -- a field ends at
// a blank or one of ( ) ! = < >, a value at a blank or parenthesis (and at ',' inside a list), operators are
// recognised by prefix ("containsfoo" is contains "foo") -- so the lexer offers one reading primitive per context
// and the parser calls the one its state expects. Positions are byte offsets.
#include "base/result.h"
#include "filter/cmp_op.h"

#include <string>
#include <string_view>

namespace syscope::filter {

class FilterLexer {
public:
    explicit FilterLexer(std::string_view text) : m_text(text) {}

    size_t pos() const { return m_pos; }
    void setPos(size_t p) { m_pos = p; }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    // Skips blanks and returns the next character without consuming it ('\0' at the end).
    char skipBlanks();
    // The field name: up to a blank or one of ( ) ! = < >.
    std::string_view readField();
    // A comparison operator, matched by prefix.
    Result<CmpOp> readOperator();
    // A value: quoted ('..' or "..", either quote closes) or bare; escapes \\ \" \xHH are decoded.
    Result<std::string> readValue(bool inList);

    static bool isBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

private:
    std::string_view m_text;
    size_t m_pos = 0;
};

} // namespace syscope::filter
