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
    for (size_t i = 0; i < kMaxBatches; ++i)
        m_free.push_back(std::make_unique<Batch>());
    for (int i = 0; i < workers; ++i)
        m_workers.emplace_back([this, compat] { work(compat); });
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

void ParallelPrinter::add(const format::RawEvent& ev, uint64_t ordinal, const decode::StateView& live,
                          std::optional<std::string_view> procName)
{
    if (!m_filling) {
        std::unique_lock lock(m_mu);
        m_freed.wait(lock, [&] { return !m_free.empty(); });
        m_filling = std::move(m_free.front());
        m_free.pop_front();
        m_filling->items.clear();
        m_filling->arena.clear();
        m_filling->names.clear();
        m_filling->text.clear();
    }
    // The name may live in the reading thread's extractor (a container event's thread): copied, not pointed to.
    const auto nameAt = uint32_t(m_filling->names.size());
    if (procName)
        m_filling->names += *procName;
    m_filling->items.push_back(Item{ev, ordinal,
                                    decode::ResolvedStateView::resolve(ev, live, m_state, m_filling->arena), nameAt,
                                    procName ? uint32_t(procName->size()) : kNoName});
    if (m_filling->items.size() == kBatchEvents)
        submit();
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

void ParallelPrinter::work(decode::Compat compat)
{
    decode::EventRenderer renderer(m_state, compat); // its own: the renderer caches the last time conversion
    // sysdig cuts buffers to 80 characters in the default line, never in JSON.
    renderer.setBufferFormat(decode::BufferFormat::kNormal, m_line == Line::kDefault);
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
        b->text.reserve(b->items.size() * (m_line == Line::kDefault ? 160 : 256));
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
        // Only the batch whose turn it is writes, so output keeps the events' order.
        fwrite(b->text.data(), 1, b->text.size(), m_out);
        {
            std::lock_guard lock(m_mu);
            ++m_nextToWrite;
            m_free.push_back(std::move(b));
        }
        m_written.notify_all();
        m_freed.notify_one();
    }
}

} // namespace syscope::cli
