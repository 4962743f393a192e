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
// The same for a value rendered straight into `out` from `start` on, after its opening quote (out[start - 1]):
// escapes it in place and closes the quote. Text that needs no escape (nearly all) is then never copied.
// `scratch` is the caller's, reused.
void endJsonCString(std::string& out, size_t start, std::string& scratch);

} // namespace syscope::fields
