// SPDX-License-Identifier: GPL-3.0-or-later
#include "parallel_printer.h"

#include "fields/default_json_line.h"

namespace syscope::cli {

namespace {
constexpr size_t kBatchEvents = 4096;
constexpr size_t kMaxBatches = 8; // bounds memory: the indexer waits when printing falls behind
} // namespace

ParallelPrinter::ParallelPrinter(const state::StateTracker& state, decode::Compat compat, Line line, FILE* out,
                                 int workers)
    : m_state(state), m_line(line), m_out(out)
{
    // sysdig cuts buffers to 80 characters in the default line, never in JSON.
    start(compat, Buffers{decode::BufferFormat::kNormal, line == Line::kDefault}, workers);
}

ParallelPrinter::ParallelPrinter(const state::StateTracker& state, decode::Compat compat, fields::OutputFormat& format,
                                 Buffers buffers, FILE* out, int workers)
    : m_state(state), m_line(Line::kFormat), m_format(&format), m_out(out)
{
    start(compat, buffers, workers);
}

void ParallelPrinter::start(decode::Compat compat, Buffers buffers, int workers)
{
    for (size_t i = 0; i < kMaxBatches; ++i)
        m_free.push_back(std::make_unique<Batch>());
    for (int i = 0; i < workers; ++i)
        m_workers.emplace_back([this, compat, buffers] { work(compat, buffers); });
}

ParallelPrinter::~ParallelPrinter()
{
    drain();
    {
        std::lock_guard lock(m_mu);
        m_stop = true;
    }
    m_ready.notify_all();
    for (auto& t : m_workers)
        t.join();
}

ParallelPrinter::Batch& ParallelPrinter::filling()
{
    if (!m_filling) {
        std::unique_lock lock(m_mu);
        m_freed.wait(lock, [&] { return !m_free.empty(); });
        m_filling = std::move(m_free.front());
        m_free.pop_front();
        m_filling->items.clear();
        m_filling->arena.clear();
        m_filling->names.clear();
        m_filling->lines.clear();
        m_filling->values.clear();
        m_filling->bytes.clear();
        m_filling->text.clear();
        m_filling->error.reset();
    }
    return *m_filling;
}

void ParallelPrinter::add(const format::RawEvent& ev, uint64_t ordinal, const decode::StateView& live,
                          std::optional<std::string_view> procName)
{
    Batch& b = filling();
    // The name may live in the reading thread's extractor (a container event's thread): copied, not pointed to.
    const auto nameAt = uint32_t(b.names.size());
    if (procName)
        b.names += *procName;
    b.items.push_back(Item{ev, ordinal, decode::ResolvedStateView::resolve(ev, live, m_state, b.arena), nameAt,
                           procName ? uint32_t(procName->size()) : kNoName});
    if (b.size() == kBatchEvents)
        submit();
}

void ParallelPrinter::addFormatted(fields::FieldExtractor& ex)
{
    Batch& b = filling();
    b.lines.push_back(uint32_t(b.values.size()));
    // Only the reading thread touches the fields' per-event state (stateful fields); workers read the tokens.
    m_format->prepare(ex, b.values, b.bytes);
    if (b.size() == kBatchEvents)
        submit();
}

bool ParallelPrinter::failed() const { return m_failed.load(std::memory_order_relaxed); }

std::optional<Error> ParallelPrinter::failure()
{
    std::lock_guard lock(m_mu);
    return m_failure;
}

void ParallelPrinter::submit()
{
    if (!m_filling)
        return;
    for (Item& it : m_filling->items)
        it.view.bind(m_filling->arena);
    m_filling->seq = m_nextSeq++;
    {
        std::lock_guard lock(m_mu);
        m_queue.push_back(std::move(m_filling));
    }
    m_ready.notify_one();
}

void ParallelPrinter::drain()
{
    submit();
    std::unique_lock lock(m_mu);
    m_written.wait(lock, [&] { return m_nextToWrite == m_nextSeq; });
}

void ParallelPrinter::writeFormat(Batch& b, const decode::EventRenderer& renderer) const
{
    for (const uint32_t first : b.lines) {
        auto line = m_format->appendPrepared(b.values.data() + first, b.bytes, renderer, b.text);
        if (!line) {
            b.error = line.error(); // the text ends with the line before
            return;
        }
        if (*line == fields::OutputFormat::Line::kPrinted)
            b.text.push_back('\n');
    }
}

void ParallelPrinter::work(decode::Compat compat, Buffers buffers)
{
    decode::EventRenderer renderer(m_state, compat); // its own: the renderer caches the last time conversion
    renderer.setBufferFormat(buffers.format, buffers.cut);
    std::string scratch; // fields::appendDefaultJsonLine escapes evt.info in it, reused
    for (;;) {
        std::unique_ptr<Batch> b;
        {
            std::unique_lock lock(m_mu);
            m_ready.wait(lock, [&] { return m_stop || !m_queue.empty(); });
            if (m_queue.empty())
                return;
            b = std::move(m_queue.front());
            m_queue.pop_front();
        }
        b->text.reserve(b->size() * (m_line == Line::kDefaultJson ? 256 : 160));
        if (m_line == Line::kFormat)
            writeFormat(*b, renderer);
        for (const Item& it : b->items) {
            if (m_line == Line::kDefault) {
                renderer.appendDefaultLine(b->text, it.ev, it.ordinal, it.view);
                continue;
            }
            std::optional<std::string_view> procName;
            if (it.nameLength != kNoName)
                procName = std::string_view(b->names).substr(it.nameAt, it.nameLength);
            fields::appendDefaultJsonLine(b->text, renderer, it.ev, it.ordinal, it.view, procName, scratch);
        }
        {
            std::unique_lock lock(m_mu);
            m_written.wait(lock, [&] { return m_nextToWrite == b->seq; });
        }
        // Only the batch whose turn it is writes, so output keeps the events' order; after a failed line,
        // nothing more is written.
        if (!m_failed.load(std::memory_order_relaxed))
            fwrite(b->text.data(), 1, b->text.size(), m_out);
        {
            std::lock_guard lock(m_mu);
            if (b->error && !m_failure) {
                m_failure = std::move(b->error);
                m_failed.store(true, std::memory_order_relaxed);
            }
            ++m_nextToWrite;
            m_free.push_back(std::move(b));
        }
        m_written.notify_all();
        m_freed.notify_one();
    }
}

} // namespace syscope::cli
