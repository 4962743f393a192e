// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/job_runner.h"

#include <QMetaObject>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace syscope::gui {

JobRunner::JobRunner(QObject* parent) : QObject(parent)
{
    m_poll.setInterval(100); // progress reaches the GUI at most 10 times a second
    connect(&m_poll, &QTimer::timeout, this, &JobRunner::pollProgress);
}

JobRunner::~JobRunner()
{
    cancelAll();
    // Results posted after this point are discarded with this object; waiting keeps jobs from posting to it.
    m_pool.waitForDone();
}

void JobRunner::startErased(const QString& lane, const QString& label, std::shared_ptr<JobControl> control,
                            std::function<std::function<void()>()> work)
{
    Lane& l = m_lanes[lane];
    if (l.control) {
        l.control->requestStop();
        emit jobFinished(lane, true);
    }
    l.generation = m_nextGeneration++;
    l.control = control;
    l.label = label;
    const quint64 generation = l.generation;
    m_pool.start([this, lane, generation, control, work = std::move(work)] {
        lowerPriority();
        std::function<void()> deliver;
        if (!control->stopRequested())
            deliver = work();
        QMetaObject::invokeMethod(
            this, [this, lane, generation, control, deliver] { finished(lane, generation, control, deliver); },
            Qt::QueuedConnection);
    });
    emit jobStarted(lane, label);
    if (!m_poll.isActive())
        m_poll.start();
}

void JobRunner::lowerPriority()
{
    // Background work yields the CPU to the GUI thread: on a 2-core machine a filter's workers and the indexer
    // would otherwise preempt it for tens of milliseconds. Threads a job starts (filter workers, the indexer
    // thread the open job starts) inherit the nice value. Linux nice values are per thread.
    static thread_local bool done = false;
    if (done)
        return;
    done = true;
    setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), kJobNice);
}

void JobRunner::finished(const QString& lane, quint64 generation, const std::shared_ptr<JobControl>& control,
                         const std::function<void()>& deliver)
{
    auto it = m_lanes.find(lane);
    if (it == m_lanes.end() || it->generation != generation)
        return; // superseded: jobFinished was emitted when the newer job started
    const bool cancelled = control->stopRequested() || !deliver;
    it->control.reset();
    it->label.clear();
    if (!cancelled)
        deliver();
    emit jobFinished(lane, cancelled);
    if (!anyRunning())
        m_poll.stop();
}

void JobRunner::cancel(const QString& lane)
{
    auto it = m_lanes.find(lane);
    if (it == m_lanes.end() || !it->control)
        return;
    it->control->requestStop();
    it->control.reset();
    it->label.clear();
    it->generation = m_nextGeneration++; // whatever the old job still posts is stale
    emit jobFinished(lane, true);
    if (!anyRunning())
        m_poll.stop();
}

void JobRunner::cancelAll()
{
    const QStringList lanes = m_lanes.keys();
    for (const QString& lane : lanes)
        cancel(lane);
}

bool JobRunner::anyRunning() const
{
    for (const Lane& l : m_lanes)
        if (l.control)
            return true;
    return false;
}

double JobRunner::progress(const QString& lane) const
{
    auto it = m_lanes.find(lane);
    return it == m_lanes.end() || !it->control ? -1.0 : it->control->progress();
}

void JobRunner::pollProgress()
{
    for (auto it = m_lanes.cbegin(); it != m_lanes.cend(); ++it)
        if (it->control)
            emit jobProgressed(it.key(), it->control->progress());
}

} // namespace syscope::gui
