// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/trace_document.h"

#include "document/row_scan.h"

#include <QCoreApplication>
#include <QPointer>

namespace syscope::gui {

namespace {
constexpr int kFirstPollMs = 15; // the first rows should show at once, not a poll period later
constexpr int kPollMs = 100;     // coalesces list growth and progress to <= 10 updates a second
} // namespace

TraceDocument::TraceDocument(QObject* parent) : QObject(parent)
{
    m_shown = m_rows = std::make_shared<const RowSet>();
    m_poll.setSingleShot(false);
    connect(&m_poll, &QTimer::timeout, this, &TraceDocument::poll);
    qRegisterMetaType<syscope::gui::FilterError>();
    qRegisterMetaType<syscope::gui::TimeFormat>();
}

TraceDocument::~TraceDocument()
{
    if (m_session)
        m_session->cancel();
    m_jobs.cancelAll();
}

void TraceDocument::openFile(const QString& path)
{
    close();
    m_path = path;
    emit openStarted(path);
    const std::string p = path.toStdString();
    // Opening decompresses gzip/zstd captures into a spool: seconds for a big file, so it is a job too.
    m_jobs.start<std::shared_ptr<Result<std::unique_ptr<Session>>>>(
        kOpenLane, tr("Opening %1").arg(path),
        [p](JobControl&) {
            auto r = std::make_shared<Result<std::unique_ptr<Session>>>(Session::open(p));
            // Started here, on a lowered-priority job thread, the indexer thread inherits that priority and
            // leaves the GUI thread the CPU it needs. The session is handed over only after this returns.
            if (*r)
                r->value()->startIndexing();
            return r;
        },
        [this, path](std::shared_ptr<Result<std::unique_ptr<Session>>> r) {
            if (!*r) {
                m_path.clear();
                emit openFailed(path, QString::fromStdString(r->error().message));
                return;
            }
            adopt(std::shared_ptr<Session>(std::move(r->value())));
        });
}

void TraceDocument::adopt(std::shared_ptr<Session> session)
{
    m_session = std::move(session);
    m_index = m_session->withState([](const state::StateTracker&, const index::EventIndex& i) { return &i; });
    m_session->startIndexing(); // already started by the open job; a no-op then
    m_indexingReported = false;
    m_settledReported = false;
    emit opened(m_path);
    m_poll.start(kFirstPollMs);
    // The end of indexing is reported at once, not up to a poll period later. The notice comes from the
    // indexing thread and is handled on this one, if this document still shows that session.
    QPointer<TraceDocument> self(this);
    std::weak_ptr<Session> shown = m_session;
    m_session->onIndexingDone([self, shown] {
        QMetaObject::invokeMethod(
            qApp,
            [self, shown] {
                if (self && self->m_session && self->m_session == shown.lock())
                    self->poll();
            },
            Qt::QueuedConnection);
    });
}

void TraceDocument::close()
{
    m_jobs.cancelAll();
    m_poll.stop();
    const bool wasOpen = m_session != nullptr;
    if (m_session)
        m_session->cancel(); // jobs still holding the session let it go when they notice their stop flag
    m_session.reset();
    m_index = nullptr;
    m_path.clear();
    m_shown = m_rows = std::make_shared<const RowSet>();
    m_enters.reset();
    m_filtering = false;
    m_current.reset();
    m_marks.clear();
    m_timeReference.reset();
    m_firstTs = 0;
    if (wasOpen) {
        emit rowsReplaced();
        emit currentEventChanged(-1);
        emit marksChanged();
        emit closed();
        emitCounts();
    }
}

void TraceDocument::stopIndexing()
{
    if (m_session && !m_session->indexingDone())
        m_session->cancel();
}

void TraceDocument::poll()
{
    if (!m_session)
        return;
    if (m_poll.interval() != kPollMs)
        m_poll.setInterval(kPollMs);
    const uint64_t count = m_session->eventCount();
    const bool done = m_session->indexingDone();
    if (!m_indexingReported)
        emit indexingProgressed(m_session->progress(), count);
    if (!m_jobs.isRunning(kRowsLane) && count > m_shown->coveredEnd())
        startExtension(count);
    if (done && !m_indexingReported) {
        m_indexingReported = true;
        auto damage = m_session->damage();
        emit indexingFinished(count, damage ? QString::fromStdString(damage->message) : QString());
    }
    checkSettled();
}

void TraceDocument::startExtension(uint64_t to)
{
    RowScanRequest req;
    req.session = m_session;
    req.program = m_program;
    req.firstTs = m_firstTs;
    req.enters = m_enters;
    // Re-scan the last, partial segment: its RowSet segment is replaced by a complete one.
    req.from = m_shown->coveredEnd() / RowScan::kSegmentSize * RowScan::kSegmentSize;
    req.to = to;
    m_jobs.start<RowScanResult>(
        kRowsLane, tr("Reading events"), [req](JobControl& c) { return RowScan::run(req, c); },
        [this](RowScanResult r) {
            if (r.error) {
                const QString text = m_filterText;
                m_filterText.clear();
                m_filterCaution.reset();
                m_program.reset();
                m_rows = m_shown;
                emit rowsReplaced();
                emit filterFailed(text, *r.error);
                emitCounts();
                return; // the next tick scans this range again, unfiltered
            }
            m_enters = r.enters;
            const uint64_t oldSize = m_rows->size();
            const bool wasEmpty = m_shown->empty();
            m_shown = m_shown->replacedFrom(r.from, r.shown);
            m_rows = m_program ? m_rows->replacedFrom(r.from, r.segments) : m_shown;
            if (wasEmpty && !m_shown->empty())
                m_firstTs = tsOf(m_shown->ordinalAt(0));
            if (m_rows->size() != oldSize)
                emit rowsAppended(oldSize, m_rows->size());
            emitCounts();
            // Once indexing is over, catch up at once; before that the next tick does, so the list grows at
            // most 10 times a second however fast batches finish.
            if (m_session->indexingDone())
                poll();
        });
}

void TraceDocument::applyFilter(const QString& text)
{
    FilterEngine::Compiled c = FilterEngine::compile(text.toStdString());
    if (!c.ok()) {
        emit filterFailed(text, *c.error);
        return;
    }
    m_filterText = text.trimmed();
    m_filterCaution = c.caution;
    m_program = c.program;
    m_jobs.cancel(kRowsLane);
    m_settledReported = false;
    emit filterStarted(m_filterText);
    if (!m_program) {
        m_filtering = false;
        m_rows = m_shown;
        emit rowsReplaced();
        emit filterApplied(m_filterText, m_rows->size(), 0.0);
        emitCounts();
        if (m_session)
            poll();
        return;
    }
    if (!m_session) {
        m_rows = m_shown;
        emit rowsReplaced();
        return;
    }
    startFilterJob();
}

void TraceDocument::startFilterJob()
{
    RowScanRequest req;
    req.session = m_session;
    req.program = m_program;
    req.candidates = m_shown;
    req.firstTs = m_firstTs;
    req.enters = m_enters;
    req.from = 0;
    req.to = m_shown->coveredEnd();
    m_filtering = true;
    const QString text = m_filterText;
    m_jobs.start<RowScanResult>(
        kRowsLane, tr("Filtering: %1").arg(text), [req](JobControl& c) { return RowScan::run(req, c); },
        [this, text](RowScanResult r) {
            m_filtering = false;
            if (r.error) {
                // sysdig stops at such an error; the list goes back to every event and the bar says why.
                m_filterText.clear();
                m_filterCaution.reset();
                m_program.reset();
                m_rows = m_shown;
                emit rowsReplaced();
                emit filterFailed(text, *r.error);
                emitCounts();
                poll();
                return;
            }
            m_enters = r.enters;
            m_rows = std::make_shared<const RowSet>(r.segments);
            emit rowsReplaced();
            emit filterApplied(text, m_rows->size(), r.seconds);
            emitCounts();
            poll();
        });
}

void TraceDocument::cancelFilter()
{
    if (!m_filtering)
        return;
    m_jobs.cancel(kRowsLane);
    m_filtering = false;
    // Back to the unfiltered list: a half-filtered one would lie about what matches.
    m_filterText.clear();
    m_filterCaution.reset();
    m_program.reset();
    m_rows = m_shown;
    emit rowsReplaced();
    emit filterApplied(QString(), m_rows->size(), 0.0);
    emitCounts();
    poll();
}

bool TraceDocument::isSettled() const
{
    return m_session && m_session->indexingDone() && !m_jobs.isRunning(kOpenLane) && !m_jobs.isRunning(kRowsLane) &&
           m_shown->coveredEnd() >= m_session->eventCount();
}

void TraceDocument::checkSettled()
{
    if (!isSettled()) {
        m_settledReported = false;
        return;
    }
    m_poll.stop();
    if (!m_settledReported) {
        m_settledReported = true;
        emit settled();
    }
}

void TraceDocument::selectEvent(quint64 ordinal)
{
    if (m_current == ordinal)
        return;
    m_current = ordinal;
    emit currentEventChanged(qint64(ordinal));
}

void TraceDocument::clearSelection()
{
    if (!m_current)
        return;
    m_current.reset();
    emit currentEventChanged(-1);
}

void TraceDocument::toggleMark(quint64 ordinal)
{
    if (!m_marks.erase(ordinal))
        m_marks.insert(ordinal);
    emit marksChanged();
    emitCounts();
}

void TraceDocument::clearMarks()
{
    if (m_marks.empty())
        return;
    m_marks.clear();
    emit marksChanged();
    emitCounts();
}

std::optional<uint64_t> TraceDocument::nextMark(uint64_t after) const
{
    auto it = m_marks.upper_bound(after);
    if (it == m_marks.end())
        return std::nullopt;
    return *it;
}

std::optional<uint64_t> TraceDocument::previousMark(uint64_t before) const
{
    auto it = m_marks.lower_bound(before);
    if (it == m_marks.begin())
        return std::nullopt;
    return *--it;
}

void TraceDocument::setTimeReference(std::optional<uint64_t> ordinal)
{
    if (m_timeReference == ordinal)
        return;
    m_timeReference = ordinal;
    emit timeReferenceChanged();
}

void TraceDocument::setTimeFormat(TimeFormat format)
{
    if (m_timeFormat == format)
        return;
    m_timeFormat = format;
    emit timeFormatChanged();
}

void TraceDocument::addFieldColumn(const QString& field, int at)
{
    if (field.isEmpty() || m_columns.indexOfField(field) >= 0)
        return;
    if (at < 0 || at > m_columns.size()) {
        // Before Info when it is last: Info is the wide column that takes the remaining width.
        const int info = m_columns.indexOf(ColumnId::kInfo);
        at = info >= 0 && info == m_columns.size() - 1 ? info : m_columns.size();
    }
    m_columns.insert(at, {ColumnId::kField, field});
    emit columnAdded(at);
}

void TraceDocument::removeColumn(int index)
{
    if (index < 0 || index >= m_columns.size() || m_columns.size() == 1)
        return;
    m_columns.remove(index);
    emit columnRemoved(index);
}

void TraceDocument::setColumns(const ColumnSet& columns)
{
    if (columns == m_columns || columns.size() == 0)
        return;
    m_columns = columns;
    emit columnsReset();
}

uint64_t TraceDocument::tsOf(uint64_t ordinal) const
{
    return m_index && ordinal < m_index->size() ? m_index->ts(ordinal) : 0;
}

void TraceDocument::emitCounts() { emit countsChanged(m_rows->size(), m_shown->size(), m_marks.size()); }

} // namespace syscope::gui
