// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the filter front end (the GUI compiles whatever is typed, on every keystroke): any byte
// string must either compile to a program or give an error value whose column lies inside the text; it must
// never crash, hang or read out of bounds. The same bytes also go through the -p format parser.
#include "fields/output_format.h"
#include "filter/filter_compiler.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto program = syscope::filter::FilterCompiler::compile(text);
    if (!program) {
        const int64_t column = program.error().offset;
        if (column < 0 || uint64_t(column) > size || program.error().message.empty())
            std::abort(); // every error must point into the filter and say something
    } else {
        // A compiled program answers these without an event.
        (void)program->empty();
        (void)program->stateful();
        (void)program->eventTypes().count();
    }
    auto format = syscope::fields::OutputFormat::parse(text);
    (void)format;
    return 0;
}
