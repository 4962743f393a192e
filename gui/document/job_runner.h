// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs long work off the GUI thread: each job is a function of its inputs and a JobControl, run on a private
// thread pool, its result handed back on the GUI thread by a queued call. Jobs run in named lanes: starting a
// job cancels the lane's older job, whose result is then dropped (generation ids), so a stale filter never
// overwrites a newer one. Progress is polled from atomics at most 10 times a second.
// Thread affinity: GUI thread (the work functions run on the pool).
#include "document/job_control.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <functional>
#include <memory>

namespace syscope::gui {

class JobRunner : public QObject {
    Q_OBJECT
public:
    explicit JobRunner(QObject* parent = nullptr);
    // Asks every job to stop and waits for the pool: jobs check their stop flag often, so this is short.
    ~JobRunner() override;

    // Runs work(control) on the pool as the newest job of `lane`. done(result) runs on the GUI thread when it
    // finished, was not cancelled and is still the lane's newest job.
    template <typename R>
    void start(const QString& lane, const QString& label, std::function<R(JobControl&)> work,
               std::function<void(R)> done)
    {
        auto control = std::make_shared<JobControl>();
        startErased(lane, label, control,
                    [work = std::move(work), done = std::move(done), control]() -> std::function<void()> {
                        auto result = std::make_shared<R>(work(*control));
                        return [done, result] { done(std::move(*result)); };
                    });
    }

    void cancel(const QString& lane);
    void cancelAll();
    bool isRunning(const QString& lane) const { return m_lanes.value(lane).control != nullptr; }
    bool anyRunning() const;
    // The label and progress of the lane's running job (progress < 0: unknown).
    QString label(const QString& lane) const { return m_lanes.value(lane).label; }
    double progress(const QString& lane) const;

signals:
    void jobStarted(const QString& lane, const QString& label);
    void jobProgressed(const QString& lane, double fraction);
    // cancelled: stopped on request or superseded, its result dropped.
    void jobFinished(const QString& lane, bool cancelled);

private:
    struct Lane {
        quint64 generation = 0;
        std::shared_ptr<JobControl> control; // null when idle
        QString label;
    };
    void startErased(const QString& lane, const QString& label, std::shared_ptr<JobControl> control,
                     std::function<std::function<void()>()> work);
    void finished(const QString& lane, quint64 generation, const std::shared_ptr<JobControl>& control,
                  const std::function<void()>& deliver);
    void pollProgress();
    static void lowerPriority();
    static constexpr int kJobNice = 5;

    QThreadPool m_pool;
    QTimer m_poll;
    QHash<QString, Lane> m_lanes;
    quint64 m_nextGeneration = 1;
};

} // namespace syscope::gui
