// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The event list: paints the visible rows of EventTableModel straight from the model, one current row, a
// movable/hideable column header. Not a QTableView: its vertical QHeaderView keeps 8 bytes per row and walks
// every row on each insert, which at 7 M rows costs ~60 MB and 40 ms stalls per batch; here rows have one
// fixed height, so a row's position is arithmetic and the view holds nothing per row.
// The current row follows and drives the document's current event. GUI thread.
#include <QAbstractScrollArea>
#include <QModelIndex>

class QHeaderView;

namespace syscope::gui {

class EventTableModel;
class TraceDocument;

class EventListView : public QAbstractScrollArea {
    Q_OBJECT
public:
    EventListView(TraceDocument* document, EventTableModel* model, QWidget* parent = nullptr);
    EventTableModel* eventModel() const { return m_model; }
    QHeaderView* header() const { return m_header; }

    int currentRow() const { return m_current; }
    QModelIndex currentIndex() const;
    // Makes `index`'s row current (and the document's current event), scrolling it into view.
    void setCurrentIndex(const QModelIndex& index);
    void setCurrentRow(int row);
    QModelIndex indexAt(const QPoint& viewportPos) const;
    int rowHeight() const { return m_rowHeight; }
    int firstVisibleRow() const;
    int visibleRowCount() const;
    enum class ScrollHint { kEnsureVisible, kCenter };
    void scrollToRow(int row, ScrollHint hint = ScrollHint::kEnsureVisible);
    bool isColumnHidden(int column) const;
    void setColumnHidden(int column, bool hide);

public slots:
    // Selects the event with this ordinal, or the first displayed one after it.
    void goToOrdinal(quint64 ordinal);
    void goToFirst();
    void goToLast();
    void scrollToBottom();
    void applyColumnWidths();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool viewportEvent(QEvent* event) override;

private:
    void setCurrentRowInternal(int row, bool notifyDocument, ScrollHint hint);
    void followDocument(qint64 ordinal);
    void restoreCurrent();
    void updateScrollBars();
    void updateHeaderGeometry();
    void contextMenu(const QPoint& pos);
    void headerMenu(const QPoint& pos);

    TraceDocument* m_document;
    EventTableModel* m_model;
    QHeaderView* m_header;
    int m_current = -1;
    int m_rowHeight = 20;
};

} // namespace syscope::gui
