// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// JSON string values as sysdig's -j writes them (through jsoncpp). Shared by the field extractor and the CLI's
// parallel default-JSON printer, so that both escape every value the same way. Any thread.
#include <string>
#include <string_view>

namespace syscope::fields {

// `s` quoted, with jsoncpp's escapes: quote and backslash, \b \f \n \r \t by name, other control characters
// as \u00XX; every other byte (UTF-8 included) as it is.
void appendJsonString(std::string& out, std::string_view s);
// A CHARBUF value: sysdig hands jsoncpp a C string, so an embedded NUL ends it.
void appendJsonCString(std::string& out, std::string_view s);

} // namespace syscope::fields
