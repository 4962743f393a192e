// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one shared model of the analyzer window: the open capture (Session), the RowSet of events on show and
// the filter that chose them, the current event, marks, the time reference and display format, the columns.
// Every view reads from it and sends it orders; views never talk to each other. Long work (open, row scans,
// filters) runs as JobRunner jobs; indexing progress is polled from the session's atomics (<= 10/s) and the
// rows grow in coalesced batches.
// Thread affinity: GUI thread.
#include "document/column_set.h"
#include "document/enter_map.h"
#include "document/job_runner.h"
#include "document/row_set.h"
#include "document/time_format.h"
#include "filter/filter_engine.h"
#include "session.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <optional>
#include <set>

namespace syscope::gui {

class TraceDocument : public QObject {
    Q_OBJECT
public:
    static inline const QString kOpenLane = QStringLiteral("open");
    static inline const QString kRowsLane = QStringLiteral("rows");

    explicit TraceDocument(QObject* parent = nullptr);
    ~TraceDocument() override;

    JobRunner& jobs() { return m_jobs; }
    std::shared_ptr<const Session> session() const { return m_session; }
    bool isOpen() const { return m_session != nullptr; }
    bool isOpening() const { return m_jobs.isRunning(kOpenLane); }
    QString path() const { return m_path; }

    // What the event list shows now, and every event sysdig would show (the unfiltered set).
    std::shared_ptr<const RowSet> rows() const { return m_rows; }
    std::shared_ptr<const RowSet> shownRows() const { return m_shown; }
    QString filterText() const { return m_filterText; }
    // Why the applied filter is yellow (it compiles but cannot mean what it says), if it is.
    const std::optional<FilterError>& filterCaution() const { return m_filterCaution; }
    bool isFiltering() const { return m_filtering; }
    // Open, indexed to the end, and the rows caught up with the index: nothing is changing.
    bool isSettled() const;

    std::optional<uint64_t> currentEvent() const { return m_current; }
    const std::set<uint64_t>& marks() const { return m_marks; }
    bool isMarked(uint64_t ordinal) const { return m_marks.count(ordinal) != 0; }
    std::optional<uint64_t> nextMark(uint64_t after) const;
    std::optional<uint64_t> previousMark(uint64_t before) const;
    std::optional<uint64_t> timeReference() const { return m_timeReference; }
    TimeFormat timeFormat() const { return m_timeFormat; }
    const ColumnSet& columns() const { return m_columns; }

    // Timestamp of an indexed event; of the capture's first shown event (0 before there is one).
    uint64_t tsOf(uint64_t ordinal) const;
    uint64_t firstTs() const { return m_firstTs; }
    const index::EventIndex* eventIndex() const { return m_index; }

public slots:
    void openFile(const QString& path);
    void close();
    // Stops indexing where it is: what was indexed stays readable.
    void stopIndexing();
    void applyFilter(const QString& text);
    void cancelFilter();
    // Puts filter text in the filter bar without applying it.
    void prepareFilter(const QString& text) { emit filterPrepared(text); }
    void selectEvent(quint64 ordinal);
    void clearSelection();
    void toggleMark(quint64 ordinal);
    void clearMarks();
    void setTimeReference(std::optional<uint64_t> ordinal);
    void setTimeFormat(syscope::gui::TimeFormat format);
    // Adds a column showing a catalog field (after Info, or where `at` says); ignored when already shown.
    void addFieldColumn(const QString& field, int at = -1);
    void removeColumn(int index);
    void setColumns(const syscope::gui::ColumnSet& columns);

signals:
    void openStarted(const QString& path);
    void opened(const QString& path);
    void openFailed(const QString& path, const QString& message);
    void closed();
    void indexingProgressed(double fraction, quint64 events);
    void indexingFinished(quint64 events, const QString& damage);
    // rows() grew from `oldSize` rows; the rows before it did not change.
    void rowsAppended(quint64 oldSize, quint64 newSize);
    // rows() was replaced by an unrelated set (filter applied, capture closed).
    void rowsReplaced();
    void filterStarted(const QString& text);
    void filterApplied(const QString& text, quint64 rows, double seconds);
    void filterFailed(const QString& text, const syscope::gui::FilterError& error);
    void filterPrepared(const QString& text);
    void currentEventChanged(qint64 ordinal); // -1: none
    void marksChanged();
    void timeReferenceChanged();
    void timeFormatChanged();
    void columnAdded(int index);
    void columnRemoved(int index);
    void columnsReset();
    // displayed: rows(); total: every shown event; marked: marks.
    void countsChanged(quint64 displayed, quint64 total, quint64 marked);
    void settled();

private:
    void adopt(std::shared_ptr<Session> session);
    void poll();
    void startExtension(uint64_t to);
    void startFilterJob();
    void checkSettled();
    void emitCounts();

    JobRunner m_jobs;
    QTimer m_poll;
    QString m_path;
    std::shared_ptr<Session> m_session;
    const index::EventIndex* m_index = nullptr; // published rows are immutable: read without the state lock
    std::shared_ptr<const RowSet> m_shown, m_rows;
    QString m_filterText;
    std::optional<FilterError> m_filterCaution; // of m_filterText
    FilterEngine::ProgramPtr m_program;
    std::shared_ptr<const EnterMap> m_enters; // pairing learnt by filter jobs, kept for the next ones
    bool m_filtering = false;
    bool m_indexingReported = false;
    bool m_settledReported = false;
    std::optional<uint64_t> m_current;
    std::set<uint64_t> m_marks;
    std::optional<uint64_t> m_timeReference;
    TimeFormat m_timeFormat = TimeFormat::kAbsolute;
    ColumnSet m_columns = ColumnSet::defaults();
    uint64_t m_firstTs = 0;
};

} // namespace syscope::gui
