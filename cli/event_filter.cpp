// SPDX-License-Identifier: GPL-3.0-or-later
#include "event_filter.h"

#include "filter/filter_compiler.h"

#include <cstdio>

namespace syscope::cli {

std::optional<filter::FilterProgram> EventFilter::compile(const std::vector<std::string>& words)
{
    std::string text;
    for (size_t i = 0; i < words.size(); ++i) {
        if (i)
            text.push_back(' ');
        text += words[i];
    }
    auto program = filter::FilterCompiler::compile(text);
    if (!program) {
        fprintf(stderr, "filter error at column %lld: %s\n", static_cast<long long>(program.error().offset + 1),
                program.error().message.c_str());
        return std::nullopt;
    }
    return std::move(*program);
}

} // namespace syscope::cli
