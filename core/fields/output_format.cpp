// SPDX-License-Identifier: GPL-3.0-or-later
#include "fields/output_format.h"

#include "fields/field_catalog.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

namespace syscope::fields {

namespace {

Error formatError(std::string message, size_t column)
{
    return makeError(ErrorCode::kInvalidArgument, std::move(message), int64_t(column));
}

// jsoncpp's string escaping, which sysdig's -j uses: control characters and non-ASCII text as \u escapes.
void appendJsonKey(std::string& out, std::string_view s)
{
    out.push_back('"');
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(char(c));
        } else
            out.push_back(char(c));
    }
    out.push_back('"');
}

} // namespace

Result<OutputFormat> OutputFormat::parse(std::string_view format)
{
    OutputFormat f;
    if (format.empty())
        return formatError("empty formatting token", 0);
    size_t base = 0;
    if (format[0] == '*') {
        f.m_requireAll = false;
        format.remove_prefix(1);
        base = 1;
    }
    size_t literalStart = 0;
    size_t j = 0;
    const size_t len = format.size();
    for (j = 0; j < len; ++j) {
        if (format[j] != '%')
            continue;
        if (literalStart != j) {
            Token t;
            t.literal = std::string(format.substr(literalStart, j - literalStart));
            f.m_tokens.push_back(std::move(t));
        }
        if (j == len - 1)
            return formatError("invalid formatting syntax: formatting cannot end with a %", base + j);
        uint32_t width = 0;
        if (std::isdigit(static_cast<unsigned char>(format[j + 1]))) {
            width = uint32_t(std::strtoul(std::string(format.substr(j + 1, 10)).c_str(), nullptr, 10));
            while (true) {
                if (j == len - 1)
                    return formatError("invalid formatting syntax: formatting cannot end with a number", base + j);
                if (std::isdigit(static_cast<unsigned char>(format[j + 1])))
                    ++j;
                else
                    break;
            }
        }
        std::string_view rest = format.substr(j + 1);
        auto ref = FieldCatalog::parse(rest, FieldCatalog::Match::kPrefix);
        if (!ref) {
            Error e = ref.error();
            e.offset = int64_t(base + j + 1);
            return e;
        }
        if (!ref->info)
            return formatError("invalid formatting token " + std::string(rest), base + j + 1);
        if (ref->info->flags & kFieldFilterOnly)
            return formatError(std::string(rest) + " is filter only and cannot be used as a display field",
                               base + j + 1);
        Token t;
        t.ref = std::move(*ref);
        t.width = width;
        j += t.ref.consumed;
        f.m_tokens.push_back(std::move(t));
        literalStart = j + 1;
    }
    if (literalStart < j) {
        Token t;
        t.literal = std::string(format.substr(literalStart, j - literalStart));
        f.m_tokens.push_back(std::move(t));
    }
    for (uint32_t i = 0; i < f.m_tokens.size(); ++i)
        if (f.m_tokens[i].ref.info)
            f.m_fieldTokens.push_back(i);
    return f;
}

std::vector<const FieldRef*> OutputFormat::fields() const
{
    std::vector<const FieldRef*> out;
    for (const auto& t : m_tokens)
        if (t.ref.info)
            out.push_back(&t.ref);
    return out;
}

template <typename FieldText>
Result<OutputFormat::Line> OutputFormat::writeLine(FieldText&& field, std::string& out) const
{
    const size_t start = out.size();
    bool ok = true;
    for (const auto& t : m_tokens) {
        if (!t.ref.info) {
            if (ok)
                out += t.literal;
            continue;
        }
        // Every field is evaluated even once the line is lost, as sysdig does (some remember the event). Values
        // are written in place: a value that turns out missing or unwanted is cut off again.
        const size_t at = out.size();
        auto r = field(t.ref, out);
        if (!r) {
            out.resize(start);
            return r.error();
        }
        if (!ok) {
            out.resize(at);
            continue;
        }
        if (*r == FieldExtractor::Text::kMissing) {
            out.resize(at);
            if (m_requireAll) {
                ok = false;
                continue;
            }
            out += "<NA>";
        }
        if (t.width) {
            // Values are printed as C strings: an embedded NUL ends them.
            const size_t nul = out.find('\0', at);
            out.resize(std::min(nul, out.size()));
            out.resize(at + t.width, ' ');
        }
    }
    if (!ok) {
        out.resize(start);
        return Line::kSkipped;
    }
    return Line::kPrinted;
}

Result<OutputFormat::Line> OutputFormat::appendText(FieldExtractor& ex, std::string& out)
{
    return writeLine([&](const FieldRef& ref, std::string& o) { return ex.appendText(ref, o); }, out);
}

void OutputFormat::prepare(FieldExtractor& ex, std::vector<Prepared>& values, std::string& bytes)
{
    for (const uint32_t i : m_fieldTokens) {
        Prepared& p = values.emplace_back();
        p.have = ex.extract(m_tokens[i].ref, p.value);
        // The bytes may live in the extractor's scratch space or the event: copied, the view dropped.
        p.at = uint32_t(bytes.size());
        p.len = uint32_t(p.value.bytes.size());
        if (p.len) {
            bytes += p.value.bytes;
            p.value.bytes = {};
        }
    }
}

Result<OutputFormat::Line> OutputFormat::appendPrepared(const Prepared* values, std::string_view bytes,
                                                        const decode::EventRenderer& renderer, std::string& out) const
{
    return writeLine(
        [&](const FieldRef& ref, std::string& o) -> Result<FieldExtractor::Text> {
            const Prepared& p = *values++;
            if (!p.have)
                return FieldExtractor::Text::kMissing;
            FieldValue v = p.value;
            v.bytes = bytes.substr(p.at, p.len);
            return FieldExtractor::appendTextOf(ref, v, renderer, o);
        },
        out);
}

Result<OutputFormat::Line> OutputFormat::appendJson(FieldExtractor& ex, std::string& out)
{
    if (!m_jsonReady) {
        m_jsonReady = true;
        std::map<std::string, size_t> last;
        for (size_t i = 0; i < m_tokens.size(); ++i)
            if (m_tokens[i].ref.info)
                last[m_tokens[i].ref.text] = i;
        for (const auto& [key, index] : last) {
            std::string k;
            appendJsonKey(k, key);
            k.push_back(':');
            m_jsonOrder.emplace_back(index, std::move(k));
        }
        m_jsonValues.resize(m_tokens.size());
        size_t named = 0;
        m_jsonDirect = true;
        for (const Token& t : m_tokens) {
            if (!t.ref.info)
                continue;
            ++named;
            switch (t.ref.id) {
            case FieldId::kEvtDeltatime:
            case FieldId::kEvtDeltatimeS:
            case FieldId::kEvtDeltatimeNs:
            case FieldId::kThreadExectime:
            case FieldId::kThreadTotexectime:
            case FieldId::kEvtLatencyHuman:
            case FieldId::kEvtRawarg: m_jsonDirect = false; break;
            default:
                if (t.ref.type == format::ParamType::kDouble)
                    m_jsonDirect = false;
                break;
            }
        }
        if (named != m_jsonOrder.size())
            m_jsonDirect = false;
    }
    if (m_jsonDirect) {
        const size_t start = out.size();
        out.push_back('{');
        for (size_t k = 0; k < m_jsonOrder.size(); ++k) {
            if (k)
                out.push_back(',');
            out += m_jsonOrder[k].second;
            auto r = ex.appendJson(m_tokens[m_jsonOrder[k].first].ref, out);
            if (!r) {
                out.resize(start);
                return r.error();
            }
            if (*r == FieldExtractor::Text::kMissing && m_requireAll) {
                out.resize(start);
                return Line::kSkipped;
            }
        }
        out.push_back('}');
        return Line::kPrinted;
    }
    bool ok = true;
    for (size_t i = 0; i < m_tokens.size(); ++i) {
        const Token& t = m_tokens[i];
        if (!t.ref.info)
            continue;
        std::string& value = m_jsonValues[i];
        value.clear();
        auto r = ex.appendJson(t.ref, value);
        if (!r)
            return r.error();
        if (*r == FieldExtractor::Text::kMissing && m_requireAll)
            ok = false; // the remaining fields are still evaluated, as sysdig does
    }
    if (!ok)
        return Line::kSkipped;
    out.push_back('{');
    for (size_t k = 0; k < m_jsonOrder.size(); ++k) {
        if (k)
            out.push_back(',');
        out += m_jsonOrder[k].second;
        out += m_jsonValues[m_jsonOrder[k].first];
    }
    out.push_back('}');
    return Line::kPrinted;
}

} // namespace syscope::fields
