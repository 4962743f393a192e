// SPDX-License-Identifier: GPL-3.0-or-later
#include "chisel/core_field_source.h"

#include "fields/field_catalog.h"
#include "fields/output_format.h"
#include "filter/filter_compiler.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

namespace syscope::chisel {

namespace {

using format::ParamType;

// A value as sysdig's chisel API hands it to Lua, keyed by the field's value type.
void toLua(const fields::FieldValue& v, FieldValue& out)
{
    switch (v.type) {
    case ParamType::kInt8: out.setNumber(double(int8_t(v.num))); return;
    case ParamType::kInt16: out.setNumber(double(int16_t(v.num))); return;
    case ParamType::kInt32: out.setNumber(double(int32_t(v.num))); return;
    case ParamType::kInt64:
    case ParamType::kErrno:
    case ParamType::kPid:
    case ParamType::kFd: out.setNumber(double(int64_t(v.num))); return;
    case ParamType::kL4Proto:
    case ParamType::kFlags8:
    case ParamType::kUint8:
    case ParamType::kEnumFlags8: out.setNumber(double(uint8_t(v.num))); return;
    case ParamType::kPort:
    case ParamType::kFlags16:
    case ParamType::kUint16:
    case ParamType::kEnumFlags16: out.setNumber(double(uint16_t(v.num))); return;
    case ParamType::kFlags32:
    case ParamType::kUint32:
    case ParamType::kMode:
    case ParamType::kUid:
    case ParamType::kGid:
    case ParamType::kEnumFlags32: out.setNumber(double(uint32_t(v.num))); return;
    case ParamType::kUint64:
    case ParamType::kRelTime:
    case ParamType::kAbsTime: out.setNumber(double(v.num)); return;
    case ParamType::kDouble: out.setNumber(v.dbl); return;
    case ParamType::kCharBuf:
    case ParamType::kFsPath:
    case ParamType::kFsRelPath:
    case ParamType::kByteBuf: out.setView(v.bytes); return;
    case ParamType::kBool: out.setBool(v.num != 0); return;
    case ParamType::kIpv4Addr:
    case ParamType::kIpv6Addr:
    case ParamType::kIpAddr: {
        char buf[INET6_ADDRSTRLEN] = {};
        const bool v6 = v.bytes.size() == 16;
        if (v.bytes.size() != 4 && !v6) {
            out.setNil();
            return;
        }
        if (!inet_ntop(v6 ? AF_INET6 : AF_INET, v.bytes.data(), buf, sizeof buf))
            std::strcpy(buf, "<NA>");
        out.setString() = buf;
        out.finish();
        return;
    }
    default:
        // sysdig has no Lua form for the other types (socket tuples, fd lists, signal numbers...).
        out.setNil();
        return;
    }
}

class CoreExtractor final : public FieldSource::Extractor {
public:
    CoreExtractor(CoreFieldSource& source, fields::FieldRef ref) : m_source(source), m_ref(std::move(ref)) {}
    void extract(const ChiselEvent& ev, FieldValue& out) override
    {
        fields::FieldExtractor& x = m_source.select(ev);
        if (m_ref.id == fields::FieldId::kEvtBuffer) {
            // Chisels get evt.buffer rendered in the current buffer format (dots for unprintable bytes by
            // default); only filters compare its raw bytes.
            std::string& text = out.setString();
            auto r = x.appendText(m_ref, text);
            if (!r || *r == fields::FieldExtractor::Text::kMissing)
                out.setNil();
            out.finish();
            return;
        }
        fields::FieldValue v;
        if (!x.extract(m_ref, v)) {
            out.setNil();
            return;
        }
        toLua(v, out);
    }

private:
    CoreFieldSource& m_source;
    fields::FieldRef m_ref;
};

class CorePredicate final : public FieldSource::Predicate {
public:
    CorePredicate(CoreFieldSource& source, filter::FilterProgram program)
        : m_source(source), m_program(std::move(program))
    {}
    bool matches(const ChiselEvent& ev) override
    {
        // Most chisel filters test the event type: decide from the header when that is enough, without
        // decoding the event.
        if (auto r = m_program.decideByType(ev.raw->type))
            return *r;
        if (!m_program.stateful())
            if (auto r = m_program.evaluateRow(ev.raw->type, ev.raw->cpu, ev.raw->ts, ev.ordinal))
                return *r;
        return m_program.evaluate(m_source.select(ev));
    }

private:
    CoreFieldSource& m_source;
    filter::FilterProgram m_program;
};

class CoreFormatter final : public FieldSource::Formatter {
public:
    CoreFormatter(CoreFieldSource& source, fields::OutputFormat format) : m_source(source), m_format(std::move(format))
    {}
    bool format(const ChiselEvent& ev, std::string& out) override
    {
        auto r = m_format.appendText(m_source.select(ev), out);
        return r && *r == fields::OutputFormat::Line::kPrinted;
    }

private:
    CoreFieldSource& m_source;
    fields::OutputFormat m_format;
};

} // namespace

CoreFieldSource::CoreFieldSource(const state::StateTracker& tracker, decode::Compat compat)
    : m_renderer(tracker, compat), m_extractor(tracker, m_renderer)
{
    // With chisels sysdig does not cut buffers to 80 characters.
    m_renderer.setBufferFormat(decode::BufferFormat::kNormal, false);
}

void CoreFieldSource::setBufferFormat(decode::BufferFormat format) { m_renderer.setBufferFormat(format, false); }

CoreFieldSource::~CoreFieldSource() = default;

void CoreFieldSource::observe(const ChiselEvent& ev)
{
    if (!m_sawFirst && !ev.ctx->headerMeta && ev.raw->ts != 0) {
        m_sawFirst = true;
        m_extractor.setFirstEventTs(ev.raw->ts);
    }
    m_extractor.observe(*ev.raw, *ev.ctx, ev.ordinal);
}

void CoreFieldSource::noteFiltered(const ChiselEvent& ev, bool accepted)
{
    m_extractor.noteFiltered(*ev.raw, accepted);
}

fields::FieldExtractor& CoreFieldSource::select(const ChiselEvent& ev)
{
    Key k{ev.ordinal, ev.raw->offset, ev.raw->tid, ev.ctx->fdNum, ev.ctx->threadVersion, ev.raw->type, ev.raw, ev.ctx};
    if (!(k == m_selected)) {
        m_extractor.select(*ev.raw, *ev.ctx, ev.ordinal);
        m_selected = k;
    }
    return m_extractor;
}

Result<std::unique_ptr<FieldSource::Extractor>> CoreFieldSource::field(std::string_view name)
{
    auto ref = fields::FieldCatalog::parse(name, fields::FieldCatalog::Match::kExact);
    if (!ref)
        return ref.error();
    if (!ref->info)
        return makeError(ErrorCode::kInvalidArgument, "unknown field " + std::string(name));
    return std::unique_ptr<Extractor>(new CoreExtractor(*this, std::move(*ref)));
}

Result<std::unique_ptr<FieldSource::Predicate>> CoreFieldSource::filter(std::string_view text, Stage stage)
{
    auto program = filter::FilterCompiler::compile(text);
    if (!program)
        return program.error();
    // The compiler builds global filters; a chisel's filter sees the event after parsing, like its fields.
    if (stage == Stage::kChisel)
        for (auto& check : program->checks)
            check.field.inFilter = false;
    return std::unique_ptr<Predicate>(new CorePredicate(*this, std::move(*program)));
}

Result<std::unique_ptr<FieldSource::Formatter>> CoreFieldSource::formatter(std::string_view format)
{
    auto f = fields::OutputFormat::parse(format);
    if (!f)
        return f.error();
    return std::unique_ptr<Formatter>(new CoreFormatter(*this, std::move(*f)));
}

} // namespace syscope::chisel
