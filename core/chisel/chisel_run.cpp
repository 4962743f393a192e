// SPDX-License-Identifier: GPL-3.0-or-later
#include "chisel/chisel_run.h"

#include "decode/param_access.h"
#include "decode/state_view.h"
#include "format/event_schema.h"
#include "format/mapped_capture.h"
#include "index/indexer.h"
#include "session.h"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace syscope::chisel {

namespace {

// Of the container description events (format::isContainerEvent), the old one carries the id as its first
// parameter, the JSON ones inside their text.
constexpr uint16_t kContainerE = 228;
constexpr size_t kFdBitmap = 1 << 16;
constexpr int64_t kTidBitmap = 1 << 22;

std::string containerIdFromJson(std::string_view json)
{
    size_t c = json.find("\"container\"");
    size_t k = json.find("\"id\"", c == std::string_view::npos ? 0 : c);
    if (k == std::string_view::npos)
        return {};
    size_t q = json.find('"', json.find(':', k + 4));
    if (q == std::string_view::npos)
        return {};
    size_t e = json.find('"', q + 1);
    return e == std::string_view::npos ? std::string() : std::string(json.substr(q + 1, e - q - 1));
}

// What noteIds needs to know of each event type, computed once: it runs on every event.
struct TypeTraits {
    std::array<uint8_t, format::kEventIdCount> bits{};
    static constexpr uint8_t kCloneExit = 1, kLooksUpOnly = 2, kNamesFds = 4;
    TypeTraits()
    {
        for (uint16_t t = 0; t < format::kEventIdCount; ++t) {
            const format::EventInfo* info = format::eventInfo(t);
            if (!info)
                continue;
            const bool clone = format::isCloneExit(t);
            if (clone)
                bits[t] |= kCloneExit;
            if (format::looksUpThreadOnly(t))
                bits[t] |= kLooksUpOnly;
            if (!format::isEnter(t) && ((info->flags & format::kEfCreatesFd) || clone))
                bits[t] |= kNamesFds;
        }
    }
    uint8_t of(uint16_t t) const { return t < bits.size() ? bits[t] : 0; }
};

const TypeTraits& typeTraits()
{
    static const TypeTraits traits;
    return traits;
}

} // namespace

ChiselRun::ChiselRun(const ChiselCatalog& catalog, FieldSourceFactory fields, Options options, Sink out, Sink err)
    : m_catalog(catalog), m_makeFields(std::move(fields)), m_options(std::move(options)), m_out(std::move(out)),
      m_err(std::move(err)), m_fdSeen(kFdBitmap, false)
{
    if (m_options.bufferFormatForced)
        m_bufferFormat = m_options.bufferFormat;
}

ChiselRun::~ChiselRun() = default;

Result<Chisel*> ChiselRun::add(std::string_view name)
{
    Chisel::Environment env{this, this, &m_catalog};
    auto c = Chisel::load(name, env);
    if (!c)
        return c.error();
    m_chisels.push_back(std::move(*c));
    if (m_cancel.load())
        m_chisels.back()->cancel();
    return m_chisels.back().get();
}

void ChiselRun::cancel()
{
    m_cancel.store(true);
    for (auto& c : m_chisels)
        c->cancel();
}

Result<void> ChiselRun::setGlobalFilter(std::string_view text)
{
    if (text.empty()) {
        m_filter.reset();
        m_filterText.clear();
        return {};
    }
    auto f = filter(text, Stage::kGlobal);
    if (!f)
        return f.error();
    m_filter = std::move(*f);
    m_filterText = std::string(text);
    return {};
}

Result<void> ChiselRun::setOutputFormat(std::string_view format)
{
    // As in sysdig, a buffer format given on the command line is not overridden.
    if (m_options.bufferFormatForced)
        return {};
    static constexpr std::string_view kKnown[] = {"normal",   "json",  "simple", "hex",
                                                  "hexascii", "ascii", "base64", "jsonbase64"};
    if (std::find(std::begin(kKnown), std::end(kKnown), format) == std::end(kKnown))
        return makeError(ErrorCode::kInvalidArgument, "invalid output format " + std::string(format));
    // Chisels see only the JSON/normal distinction (get_output_format); the fields see the buffer format.
    m_outputFormat = format == "json" || format == "jsonbase64" ? "json" : "normal";
    if (format == "ascii")
        m_bufferFormat = decode::BufferFormat::kAscii;
    else if (format == "hex")
        m_bufferFormat = decode::BufferFormat::kHex;
    else if (format == "hexascii")
        m_bufferFormat = decode::BufferFormat::kHexAscii;
    else if (format == "base64" || format == "jsonbase64")
        m_bufferFormat = decode::BufferFormat::kBase64;
    else
        m_bufferFormat = decode::BufferFormat::kNormal;
    if (m_fields)
        m_fields->setBufferFormat(m_bufferFormat);
    return {};
}

bool ChiselRun::fail(Error e)
{
    if (!m_error)
        m_error = std::move(e);
    m_over = true;
    return false;
}

void ChiselRun::observe(const ChiselEvent& ev)
{
    if (m_fields)
        m_fields->observe(ev);
}

Result<std::unique_ptr<FieldSource::Extractor>> ChiselRun::field(std::string_view name)
{
    if (!m_fields)
        return makeError(ErrorCode::kInvalidArgument, "fields are not available before the capture is open");
    return m_fields->field(name);
}

void ChiselRun::noteFiltered(const ChiselEvent& ev, bool accepted)
{
    if (m_fields)
        m_fields->noteFiltered(ev, accepted);
}

Result<std::unique_ptr<FieldSource::Predicate>> ChiselRun::filter(std::string_view text, Stage stage)
{
    if (!m_fields)
        return makeError(ErrorCode::kInvalidArgument, "filters are not available before the capture is open");
    return m_fields->filter(text, stage);
}

Result<std::unique_ptr<FieldSource::Formatter>> ChiselRun::formatter(std::string_view format)
{
    if (!m_fields)
        return makeError(ErrorCode::kInvalidArgument, "formats are not available before the capture is open");
    return m_fields->formatter(format);
}

Result<void> ChiselRun::initChisels()
{
    if (auto r = setGlobalFilter(m_options.filter); !r)
        return r;
    for (auto& c : m_chisels)
        if (auto r = c->init(); !r)
            return r;
    return {};
}

Result<void> ChiselRun::begin(const format::CaptureMetadata& meta, const state::StateTracker& tracker,
                              std::span<const uint8_t> bytes, decode::Compat compat)
{
    m_tracker = &tracker;
    m_fields = m_makeFields(tracker, bytes, compat);
    m_fields->setBufferFormat(m_bufferFormat);
    if (auto r = initChisels(); !r)
        return r;
    // Like sysdig, the machine description becomes readable once the capture is open: from on_capture_start.
    m_machine = &meta.machine;
    for (const auto& p : meta.procs)
        noteTid(int64_t(p.tid));
    for (const auto& l : meta.fdLists)
        for (const auto& f : l.fds)
            if (f.fd >= 0 && size_t(f.fd) < kFdBitmap)
                m_fdSeen[size_t(f.fd)] = true;
            else
                m_bigFds.insert(f.fd);
    for (auto& c : m_chisels)
        if (auto r = c->captureStart(); !r)
            return r;
    m_begun = true;
    return {};
}

void ChiselRun::noteTid(int64_t tid)
{
    // Most tids are small: a bitmap answers "seen already" without hashing on every context switch.
    if (tid >= 0 && tid < kTidBitmap) {
        if (size_t(tid) >= m_tidSeen.size())
            m_tidSeen.resize(std::max(size_t(tid) + 1, m_tidSeen.size() * 2), false);
        if (m_tidSeen[size_t(tid)])
            return;
        m_tidSeen[size_t(tid)] = true;
    }
    m_tids.insert(tid);
}

void ChiselRun::noteIds(const format::RawEvent& ev, const state::EventContext& ctx)
{
    auto noteFd = [&](int64_t fd) {
        if (fd >= 0 && size_t(fd) < kFdBitmap)
            m_fdSeen[size_t(fd)] = true;
        else if (fd >= 0)
            m_bigFds.insert(fd);
    };
    const uint8_t traits = typeTraits().of(ev.type);
    // sysdig gives an unknown tid an (empty) thread entry on most events, but not on these, which only look
    // threads up: a tid seen only in them is no thread of its table.
    if (int64_t(ev.tid) != m_lastTid && !(traits & TypeTraits::kLooksUpOnly) && !ctx.headerMeta) {
        m_lastTid = int64_t(ev.tid);
        noteTid(m_lastTid);
    }
    if (ctx.hasFdNum)
        noteFd(ctx.fdNum);
    if (format::isContainerEvent(ev.type)) {
        if (auto s = decode::paramStr(ev, 0)) {
            std::string id = ev.type == kContainerE ? std::string(*s) : containerIdFromJson(*s);
            if (!id.empty())
                m_containerIds.insert(std::move(id));
        }
        return;
    }
    if (!(traits & TypeTraits::kNamesFds))
        return;
    // New fds (and new threads, for clone) are named by the result and by fd-typed parameters.
    const format::EventInfo* info = format::eventInfo(ev.type);
    for (uint32_t i = 0; i < ev.nparams && i < info->params.size(); ++i) {
        format::ParamType t = info->params[i].type;
        if (t != format::ParamType::kFd && t != format::ParamType::kPid && t != format::ParamType::kFd32 &&
            t != format::ParamType::kErrno && t != format::ParamType::kInt64)
            continue;
        auto v = decode::paramInt(ev, int(i));
        if (!v || *v < 0)
            continue;
        if (!(traits & TypeTraits::kCloneExit))
            noteFd(*v);
        else if (*v > 0) // the child's own clone exit returns 0
            noteTid(*v);
    }
}

bool ChiselRun::feed(uint64_t ordinal, const format::RawEvent& ev, const state::EventContext& ctx)
{
    if (m_over || !m_begun)
        return false;
    if (m_cancel.load(std::memory_order_relaxed))
        return fail(makeError(ErrorCode::kCancelled, "cancelled"));
    m_ordinal = ordinal;
    noteIds(ev, ctx);
    m_curRaw = ev;
    m_curCtx = ctx;
    m_curView.emplace(*m_tracker, m_curCtx, ordinal);
    m_cur = ChiselEvent{ordinal, &m_curRaw, &m_curCtx, &*m_curView, m_tracker};
    const ChiselEvent& cev = m_cur;
    if (m_options.streaming)
        m_fields->observe(cev);
    // sysdig consumes the container descriptions at the head of a file while opening it: no chisel sees them.
    if (ctx.headerMeta)
        return true;
    if (m_options.maxEvents && m_seen >= m_options.maxEvents) {
        m_over = true;
        return false;
    }
    if (m_firstTs == 0)
        m_firstTs = ev.ts;
    m_lastTs = ev.ts;

    const bool accepted = !m_filter || m_filter->matches(cev);
    if (m_filter && m_options.streaming)
        m_fields->noteFiltered(cev, accepted);
    if (!accepted) {
        for (auto& c : m_chisels)
            if (auto r = c->advanceTime(cev); !r)
                return fail(r.error());
        return true;
    }
    ++m_seen;
    bool endRequested = false;
    for (auto& c : m_chisels) {
        if (auto r = c->processEvent(cev); !r)
            return fail(r.error());
        endRequested = endRequested || c->endRequested();
    }
    if (endRequested) {
        m_over = true;
        return false;
    }
    return true;
}

Result<void> ChiselRun::end()
{
    // As in sysdig, every chisel gets on_capture_end, also after an error or when the capture never opened;
    // an error there is reported only when nothing failed before.
    if (!m_ended) {
        m_ended = true;
        const int64_t delta = int64_t(m_lastTs - m_firstTs);
        for (auto& c : m_chisels) {
            if (m_cancel.load())
                break;
            if (auto r = c->captureEnd(m_lastTs, delta); !r && !m_error)
                m_error = r.error();
        }
        m_begun = false;
    }
    m_out({});
    if (m_cancel.load() && !m_error)
        m_error = makeError(ErrorCode::kCancelled, "cancelled");
    if (m_error)
        return *m_error;
    return {};
}

Result<void> ChiselRun::runFile(const std::string& path, decode::Compat compat)
{
    auto cap = format::MappedCapture::open(path);
    if (!cap) {
        fail(cap.error());
        return end();
    }
    index::Indexer indexer(**cap, compat);
    // The chisels' on_init runs before the file is opened, as in sysdig; a capture that cannot be opened is
    // reported after it.
    auto opened = indexer.open();
    if (!opened) {
        m_tracker = &indexer.state();
        m_fields = m_makeFields(indexer.state(), (*cap)->bytes(), compat);
        m_fields->setBufferFormat(m_bufferFormat);
        if (auto r = initChisels(); !r)
            fail(r.error());
        else
            fail(opened.error());
        auto r = end();
        m_tracker = nullptr;
        return r;
    }
    if (auto r = begin(indexer.metadata(), indexer.state(), (*cap)->bytes(), compat); !r) {
        fail(r.error());
        auto e = end();
        m_tracker = nullptr;
        return e;
    }
    const double total = double((*cap)->bytes().size());
    indexer.run(
        [&](uint64_t ordinal, const format::RawEvent& ev, const state::EventContext& ctx) {
            if ((ordinal & 4095) == 0 && total > 0)
                m_progress = 100.0 * double(ev.offset) / total;
            return feed(ordinal, ev, ctx);
        },
        nullptr, false);
    m_progress = 100.0;
    if (indexer.damage() && !m_error)
        m_error = *indexer.damage();
    auto r = end();
    m_tracker = nullptr; // the tracker dies with the indexer
    return r;
}

Result<void> ChiselRun::runSession(const Session& session, std::span<const uint64_t> ordinals)
{
    if (!session.indexingDone()) {
        fail(makeError(ErrorCode::kInvalidArgument, "the capture is still being indexed"));
        return end();
    }
    // Indexing is over: nothing writes the state any more, so it is read without the session's lock.
    const state::StateTracker* tracker =
        session.withState([](const state::StateTracker& st, const auto&) { return &st; });
    m_options.streaming = ordinals.empty() && m_options.streaming;
    if (auto r = begin(tracker->metadata(), *tracker, session.capture().bytes(), session.compat()); !r) {
        fail(r.error());
        return end();
    }
    const uint64_t count = session.eventCount();
    EventView view;
    auto one = [&](uint64_t o) {
        if (o >= count || !session.event(o, view))
            return true;
        // The index does not keep which container events came before the first real one; their ts is 0.
        if (view.raw.ts == 0 && format::isContainerEvent(view.raw.type))
            view.ctx.headerMeta = true;
        return feed(o, view.raw, view.ctx);
    };
    if (ordinals.empty()) {
        for (uint64_t o = 0; o < count; ++o)
            if (!one(o))
                break;
    } else {
        for (uint64_t o : ordinals)
            if (!one(o))
                break;
    }
    m_progress = 100.0;
    auto r = end();
    m_tracker = nullptr;
    return r;
}

std::vector<ChiselHost::ThreadEntry> ChiselRun::threadTable() const
{
    std::vector<ThreadEntry> out;
    if (!m_tracker)
        return out;
    std::vector<int64_t> fds;
    for (size_t i = 0; i < m_fdSeen.size(); ++i)
        if (m_fdSeen[i])
            fds.push_back(int64_t(i));
    fds.insert(fds.end(), m_bigFds.begin(), m_bigFds.end());
    std::sort(fds.begin(), fds.end());
    std::vector<int64_t> tids(m_tids.begin(), m_tids.end());
    std::sort(tids.begin(), tids.end());
    // Version indices for the filter's probe events: the tracker hands out versions by pointer.
    std::unordered_map<const state::ThreadInfo*, uint32_t> versionOf;
    versionOf.reserve(m_tracker->threadVersionCount());
    for (size_t v = 0; v < m_tracker->threadVersionCount(); ++v)
        versionOf.emplace(&m_tracker->threadVersion(uint32_t(v)), uint32_t(v));
    for (int64_t tid : tids) {
        const state::ThreadInfo* t = m_tracker->threadAt(tid, m_ordinal);
        if (!t)
            continue;
        ThreadEntry e;
        e.thread = t;
        if (auto it = versionOf.find(t); it != versionOf.end())
            e.threadVersion = it->second;
        e.userName = m_tracker->userName(t->uid);
        for (int64_t fd : fds)
            if (const state::FdInfo* f = m_tracker->fdAt(t->fdTableOwner, fd, m_ordinal))
                e.fds.push_back(f);
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<const state::ContainerInfo*> ChiselRun::containerTable() const
{
    std::vector<const state::ContainerInfo*> out;
    if (!m_tracker)
        return out;
    std::vector<std::string> ids(m_containerIds.begin(), m_containerIds.end());
    std::sort(ids.begin(), ids.end());
    for (const auto& id : ids)
        if (const state::ContainerInfo* ci = m_tracker->containers().find(id, m_ordinal))
            out.push_back(ci);
    return out;
}

} // namespace syscope::chisel
