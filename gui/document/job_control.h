// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What a running job and its owner share: a stop request and the progress, both plain atomics, so the job
// never waits on the GUI and the GUI polls progress without a signal per step. Thread-safe.
#include <atomic>

namespace syscope::gui {

class JobControl {
public:
    bool stopRequested() const { return m_stop.load(std::memory_order_relaxed); }
    void requestStop() { m_stop.store(true, std::memory_order_relaxed); }
    // Fraction done, 0..1; a negative value means "busy, amount unknown".
    void setProgress(double f) { m_progress.store(f, std::memory_order_relaxed); }
    double progress() const { return m_progress.load(std::memory_order_relaxed); }
    // The stop flag in the form core APIs take.
    const std::atomic<bool>* stopFlag() const { return &m_stop; }

private:
    std::atomic<bool> m_stop{false};
    std::atomic<double> m_progress{-1.0};
};

} // namespace syscope::gui
