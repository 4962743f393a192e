// SPDX-License-Identifier: GPL-3.0-or-later
#include "session.h"

namespace syscope {

Session::~Session()
{
    cancel();
    wait();
}

Result<std::unique_ptr<Session>> Session::open(const std::string& path, decode::Compat compat)
{
    auto cap = format::MappedCapture::open(path);
    if (!cap)
        return cap.error();
    std::unique_ptr<Session> s(new Session());
    s->m_path = path;
    s->m_compat = compat;
    s->m_capture = std::move(cap.value());
    s->m_indexer = std::make_unique<index::Indexer>(*s->m_capture, compat);
    if (auto r = s->m_indexer->open(); !r)
        return r.error();
    return s;
}

void Session::runIndexer()
{
    // The tracker's stores are written under the exclusive lock, released every few thousand events so
    // readers get in; readers only ever look at published events.
    constexpr uint64_t kBatch = 4096;
    std::unique_lock lock(m_stateLock);
    uint64_t n = 0;
    m_indexer->run(
        [&](uint64_t, const format::RawEvent& ev, const state::EventContext&) {
            if (++n % kBatch == 0) {
                m_bytesDone.store(ev.offset, std::memory_order_relaxed);
                lock.unlock();
                lock.lock();
            }
            return true;
        },
        &m_stop, true);
    m_bytesDone.store(m_capture->bytes().size(), std::memory_order_relaxed);
    std::function<void()> notify;
    {
        std::lock_guard g(m_notifyLock);
        m_done.store(true, std::memory_order_release);
        notify = std::move(m_notifyDone);
    }
    if (notify)
        notify();
}

void Session::onIndexingDone(std::function<void()> notify)
{
    {
        std::lock_guard g(m_notifyLock);
        if (!m_done.load(std::memory_order_acquire)) {
            m_notifyDone = std::move(notify);
            return;
        }
    }
    notify();
}

void Session::startIndexing()
{
    if (m_thread.joinable() || m_done)
        return;
    m_thread = std::thread([this] { runIndexer(); });
}

void Session::indexNow()
{
    if (!m_thread.joinable() && !m_done)
        runIndexer();
}

void Session::cancel() { m_stop.store(true); }

void Session::wait()
{
    if (m_thread.joinable())
        m_thread.join();
}

double Session::progress() const
{
    size_t total = m_capture->bytes().size();
    if (m_done || total == 0)
        return 1.0;
    return double(m_bytesDone.load(std::memory_order_relaxed)) / double(total);
}

std::optional<Error> Session::damage() const
{
    if (!m_done)
        return std::nullopt;
    return m_indexer->damage();
}

bool Session::event(uint64_t ordinal, EventView& out) const
{
    const auto& idx = m_indexer->index();
    if (ordinal >= idx.size())
        return false;
    index::EventRow row = idx.row(ordinal);
    if (!format::CaptureReader::eventAt(m_capture->bytes(), row.offset, out.raw))
        return false;
    out.ordinal = ordinal;
    out.ctx = state::EventContext{};
    out.ctx.threadVersion = row.threadVersion;
    out.ctx.fdVersion = row.fdVersion;
    if (row.fdVersion != state::kNoVersion) {
        std::shared_lock lock(m_stateLock);
        out.ctx.fdNum = m_indexer->state().fdVersion(row.fdVersion).fd;
        out.ctx.hasFdNum = true;
    }
    return true;
}

} // namespace syscope
