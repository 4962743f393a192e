// SPDX-License-Identifier: GPL-3.0-or-later
#include "index/read_ahead.h"

namespace syscope::index {

ReadAhead::ReadAhead(const format::MappedCapture& capture) : m_capture(capture)
{
    // A small capture maps in a few page faults: no thread for it.
    if (capture.bytes().size() > 2 * kWindow)
        m_thread = std::thread([this] { run(); });
    else
        capture.prefault(0, capture.bytes().size());
}

ReadAhead::~ReadAhead()
{
    if (!m_thread.joinable())
        return;
    m_stop.store(true, std::memory_order_release);
    m_reader.store(UINT64_MAX, std::memory_order_release); // wakes a waiting thread
    m_reader.notify_one();
    m_thread.join();
}

void ReadAhead::run()
{
    const uint64_t size = m_capture.bytes().size();
    for (uint64_t mapped = 0; mapped < size && !m_stop.load(std::memory_order_acquire);) {
        uint64_t reader = m_reader.load(std::memory_order_acquire);
        if (mapped >= reader + kAhead) {
            m_reader.wait(reader, std::memory_order_acquire); // until the reader reports progress
            continue;
        }
        // The disk reads of the next window start now, unlocked; this one is mapped in small steps. Mapping holds
        // the address-space lock, and a page still on disk would keep it held (and every thread that allocates
        // or faults waiting behind it, the GUI thread included) until the read completes.
        m_capture.willNeed(mapped + kWindow, kWindow);
        for (uint64_t step = 0; step < kWindow && !m_stop.load(std::memory_order_relaxed); step += kStep)
            m_capture.prefault(mapped + step, kStep);
        mapped += kWindow;
    }
}

} // namespace syscope::index
