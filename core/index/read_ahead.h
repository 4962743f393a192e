// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Maps a capture's pages ahead of a sequential reader on a thread of its own. Mapping the page cache into the
// process is kernel work of ~40 ms per 700 MB that the reading thread would otherwise pay itself, in page
// faults or in populate calls; here it runs on the other core, a bounded distance ahead. Thread affinity:
// readerAt() from the reading thread; the destructor stops and joins the mapping thread.
#include "format/mapped_capture.h"

#include <atomic>
#include <cstdint>
#include <thread>

namespace syscope::index {

class ReadAhead {
public:
    explicit ReadAhead(const format::MappedCapture& capture);
    ~ReadAhead();
    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    // The reader has reached `offset`: lets the mapping thread go on when it waits. Cheap enough to call once
    // per window; calls within the same window are free.
    void readerAt(uint64_t offset)
    {
        if (offset < m_nextReport)
            return;
        m_nextReport = offset + kWindow;
        m_reader.store(offset, std::memory_order_release);
        m_reader.notify_one();
    }

private:
    static constexpr uint64_t kWindow = 16u << 20; // read from disk ahead in one go
    static constexpr uint64_t kStep = 2u << 20;    // one populate call
    static constexpr uint64_t kAhead = 64u << 20;  // how far ahead of the reader the mapping may run
    void run();

    const format::MappedCapture& m_capture;
    uint64_t m_nextReport = 0;
    std::atomic<uint64_t> m_reader{0};
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace syscope::index
