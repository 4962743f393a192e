// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A field's value in the shape the Lua side receives it: sysdig hands numbers of every width to Lua as doubles,
// text and buffers as strings, booleans as booleans, and a field that does not apply as nil. Text is a view
// (valid until the next extraction), of the engine's own bytes when they can be handed over as they are, else
// of the owned buffer, which is reused between extractions so a hot on_event does not allocate.
#include <string>
#include <string_view>

namespace syscope::chisel {

struct FieldValue {
    enum class Kind { kNil, kNumber, kString, kBool };
    Kind kind = Kind::kNil;
    double number = 0;
    bool boolean = false;
    std::string_view view;
    std::string text;

    void setNil() { kind = Kind::kNil; }
    void setNumber(double v)
    {
        kind = Kind::kNumber;
        number = v;
    }
    void setBool(bool v)
    {
        kind = Kind::kBool;
        boolean = v;
    }
    // Text that stays valid until the next extraction.
    void setView(std::string_view v)
    {
        kind = Kind::kString;
        view = v;
    }
    // Text to build in the owned buffer; call finish() once it is complete.
    std::string& setString()
    {
        kind = Kind::kString;
        text.clear();
        return text;
    }
    void finish() { view = text; }
};

} // namespace syscope::chisel
