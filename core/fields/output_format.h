// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// sysdig's output formats (-p): literal text with %field tokens, %Nfield to pad or cut a value to N characters,
// a leading '*' to print events that lack some fields (as <NA>) instead of skipping them; and the -j form, one
// JSON object per event keyed by the fields. Parsing follows sysdig 0.29.3, errors included.
#include "base/result.h"
#include "fields/field_extractor.h"
#include "fields/field_ref.h"

#include <string>
#include <string_view>
#include <vector>

namespace syscope::fields {

class OutputFormat {
public:
    // sysdig's default line, and the one -j uses.
    static constexpr std::string_view kDefault =
        "*%evt.num %evt.outputtime %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.info";
    static constexpr std::string_view kDefaultJson =
        "*%evt.num %evt.outputtime %evt.cpu %proc.name %thread.tid %evt.dir %evt.type %evt.info";
    // -pc / -pcontainer.
    static constexpr std::string_view kContainer = "*%evt.num %evt.outputtime %evt.cpu %container.name "
                                                   "(%container.id) %proc.name (%thread.tid:%thread.vtid) %evt.dir "
                                                   "%evt.type %evt.info";

    static Result<OutputFormat> parse(std::string_view format);

    enum class Line { kPrinted, kSkipped };
    // Appends the event's line (text mode, without the line end); kSkipped when a field has no value and the
    // format does not start with '*' (nothing is appended then). An error is a value sysdig cannot print.
    Result<Line> appendText(FieldExtractor& ex, std::string& out);
    // The same as a JSON object.
    Result<Line> appendJson(FieldExtractor& ex, std::string& out);

    // appendText in two halves, for printing on other threads: prepare() extracts the event's field values on
    // the reading thread (where the state is) and copies their bytes; appendPrepared() writes the same line from
    // them, anywhere, reading nothing but the values and `renderer`'s buffer format.
    struct Prepared {
        FieldValue value; // bytes rebound from `at`/`len` when written
        uint32_t at = 0, len = 0;
        bool have = false;
    };
    void prepare(FieldExtractor& ex, std::vector<Prepared>& values, std::string& bytes);
    // `values`: what prepare() appended for one event; `bytes`: the string it copied their bytes into.
    Result<Line> appendPrepared(const Prepared* values, std::string_view bytes, const decode::EventRenderer& renderer,
                                std::string& out) const;

    bool requireAll() const { return m_requireAll; }
    // The fields the format names, in order.
    std::vector<const FieldRef*> fields() const;

private:
    // The line from each field's text: field(ref, out) appends it (or says kMissing), in token order.
    template <typename FieldText>
    Result<Line> writeLine(FieldText&& field, std::string& out) const;

    struct Token {
        std::string literal; // when ref.info is null
        FieldRef ref;
        uint32_t width = 0;
    };
    std::vector<Token> m_tokens;
    std::vector<uint32_t> m_fieldTokens; // the field tokens' indices (prepare walks only these)
    bool m_requireAll = true;
    // -j: where each member goes. jsoncpp sorts members by key and a field named twice keeps its last value, so
    // the order (token index, "key": text) is worked out once; per event only the values are written.
    std::vector<std::pair<size_t, std::string>> m_jsonOrder;
    std::vector<std::string> m_jsonValues; // per token, reused
    bool m_jsonReady = false;
    // No field keeps state between events, can fail, or is named twice: values can then be written straight
    // into the output in key order.
    bool m_jsonDirect = false;
};

} // namespace syscope::fields
