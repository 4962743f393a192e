// SPDX-License-Identifier: GPL-3.0-or-later
#include "events/event_list_view.h"

#include "document/trace_document.h"
#include "events/event_table_model.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>

namespace syscope::gui {

namespace {
constexpr int kCellPadding = 4;

// A field column's width in characters, guessed from what the field holds.
int fieldWidthChars(const QString& field)
{
    if (field.endsWith(QStringLiteral("port")) || field.endsWith(QStringLiteral("l4proto")) ||
        field == QStringLiteral("evt.cpu") || field.endsWith(QStringLiteral(".num")))
        return 7;
    if (field.endsWith(QStringLiteral("ip")) || field.endsWith(QStringLiteral("res")))
        return 13;
    if (field.endsWith(QStringLiteral("name")) || field.endsWith(QStringLiteral("args")))
        return 30;
    return 16;
}
} // namespace

EventListView::EventListView(TraceDocument* document, EventTableModel* model, QWidget* parent)
    : QAbstractScrollArea(parent), m_document(document), m_model(model), m_header(new QHeaderView(Qt::Horizontal, this))
{
    setObjectName(QStringLiteral("eventList"));
    setFocusPolicy(Qt::StrongFocus);
    setContextMenuPolicy(Qt::CustomContextMenu);
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    m_rowHeight = fontMetrics().height() + 4;

    m_header->setModel(model);
    m_header->setSectionsMovable(true);
    m_header->setStretchLastSection(true);
    m_header->setHighlightSections(false);
    m_header->setSectionsClickable(false);
    m_header->setContextMenuPolicy(Qt::CustomContextMenu);
    m_header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    applyColumnWidths();
    const int cw = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    verticalScrollBar()->setSingleStep(1);
    horizontalScrollBar()->setSingleStep(cw * 2);

    auto repaint = [this] { viewport()->update(); };
    connect(m_header, &QHeaderView::sectionResized, this, [this] {
        updateScrollBars();
        viewport()->update();
    });
    connect(m_header, &QHeaderView::sectionMoved, this, repaint);
    connect(m_header, &QHeaderView::geometriesChanged, this, [this] { updateHeaderGeometry(); });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        updateScrollBars();
        viewport()->update();
    });
    connect(model, &QAbstractItemModel::modelReset, this, &EventListView::restoreCurrent);
    connect(model, &QAbstractItemModel::dataChanged, this, repaint);
    connect(document, &TraceDocument::currentEventChanged, this, &EventListView::followDocument);
    connect(document, &TraceDocument::columnsReset, this, &EventListView::applyColumnWidths);
    connect(document, &TraceDocument::columnAdded, this, [this](int c) {
        m_header->resizeSection(c, fieldWidthChars(m_model->columns().column(c).field) *
                                           fontMetrics().horizontalAdvance(QLatin1Char('0')) +
                                       2 * kCellPadding + 4);
        viewport()->update();
    });
    connect(document, &TraceDocument::columnRemoved, this, [this] { viewport()->update(); });
    connect(this, &QWidget::customContextMenuRequested, this, &EventListView::contextMenu);
    connect(m_header, &QWidget::customContextMenuRequested, this, &EventListView::headerMenu);
    updateHeaderGeometry();
    updateScrollBars();
}

void EventListView::applyColumnWidths()
{
    // Widths in characters, sized for what sysdig prints in each column.
    const int cw = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    for (int c = 0; c < m_model->columnCount(); ++c) {
        int chars = 16;
        switch (m_model->columnId(c)) {
        case ColumnId::kNumber: chars = 9; break;
        case ColumnId::kTime: chars = 20; break;
        case ColumnId::kCpu: chars = 4; break;
        case ColumnId::kProcess: chars = 18; break;
        case ColumnId::kTid: chars = 8; break;
        case ColumnId::kDir: chars = 4; break;
        case ColumnId::kType: chars = 14; break;
        case ColumnId::kInfo: chars = 60; break;
        case ColumnId::kField: chars = fieldWidthChars(m_model->columns().column(c).field); break;
        }
        m_header->resizeSection(c, chars * cw + 2 * kCellPadding + 4);
    }
    viewport()->update();
}

QModelIndex EventListView::currentIndex() const
{
    return m_current >= 0 ? m_model->index(m_current, 0) : QModelIndex();
}

void EventListView::setCurrentIndex(const QModelIndex& index)
{
    setCurrentRowInternal(index.isValid() ? index.row() : -1, true, ScrollHint::kEnsureVisible);
}

void EventListView::setCurrentRow(int row) { setCurrentRowInternal(row, true, ScrollHint::kEnsureVisible); }

void EventListView::setCurrentRowInternal(int row, bool notifyDocument, ScrollHint hint)
{
    if (row >= m_model->rowCount())
        row = m_model->rowCount() - 1;
    if (row < 0) {
        m_current = -1;
        viewport()->update();
        return;
    }
    m_current = row;
    scrollToRow(row, hint);
    viewport()->update();
    if (notifyDocument)
        m_document->selectEvent(m_model->ordinalAt(row));
}

int EventListView::firstVisibleRow() const { return verticalScrollBar()->value(); }

int EventListView::visibleRowCount() const { return std::max(1, viewport()->height() / m_rowHeight); }

void EventListView::scrollToRow(int row, ScrollHint hint)
{
    const int first = firstVisibleRow();
    const int visible = visibleRowCount();
    if (hint == ScrollHint::kCenter && (row < first || row >= first + visible))
        verticalScrollBar()->setValue(row - visible / 2);
    else if (row < first)
        verticalScrollBar()->setValue(row);
    else if (row >= first + visible)
        verticalScrollBar()->setValue(row - visible + 1);
}

void EventListView::scrollToBottom() { verticalScrollBar()->setValue(verticalScrollBar()->maximum()); }

bool EventListView::isColumnHidden(int column) const { return m_header->isSectionHidden(column); }

void EventListView::setColumnHidden(int column, bool hide)
{
    m_header->setSectionHidden(column, hide);
    viewport()->update();
}

void EventListView::updateScrollBars()
{
    const int rows = m_model->rowCount();
    const int visible = visibleRowCount();
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setRange(0, std::max(0, rows - visible));
    const int width = m_header->length();
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setRange(0, std::max(0, width - viewport()->width()));
}

void EventListView::updateHeaderGeometry()
{
    const int h = m_header->sizeHint().height();
    setViewportMargins(0, h, 0, 0);
    const QRect vg = viewport()->geometry();
    m_header->setGeometry(vg.left(), vg.top() - h, vg.width(), h);
}

void EventListView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateHeaderGeometry();
    updateScrollBars();
}

void EventListView::scrollContentsBy(int, int)
{
    m_header->setOffset(horizontalScrollBar()->value());
    viewport()->update();
}

void EventListView::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    const int rows = m_model->rowCount();
    const int first = firstVisibleRow();
    const int last = std::min(rows, first + visibleRowCount() + 1);
    const QPalette& pal = palette();
    const QFontMetrics fm = fontMetrics();
    const int width = viewport()->width();
    for (int r = first, y = 0; r < last; ++r, y += m_rowHeight) {
        const QRect rowRect(0, y, width, m_rowHeight);
        const bool current = r == m_current;
        QColor fg = pal.color(QPalette::Text);
        if (current) {
            p.fillRect(rowRect, pal.color(hasFocus() ? QPalette::Active : QPalette::Inactive, QPalette::Highlight));
            fg = pal.color(hasFocus() ? QPalette::Active : QPalette::Inactive, QPalette::HighlightedText);
        } else {
            const QVariant bg = m_model->data(m_model->index(r, 0), Qt::BackgroundRole);
            if (bg.isValid())
                p.fillRect(rowRect, bg.value<QBrush>());
            const QVariant f = m_model->data(m_model->index(r, 0), Qt::ForegroundRole);
            if (f.isValid())
                fg = f.value<QBrush>().color();
        }
        p.setPen(fg);
        for (int v = 0; v < m_header->count(); ++v) {
            const int c = m_header->logicalIndex(v);
            if (m_header->isSectionHidden(c))
                continue;
            const int x = m_header->sectionViewportPosition(c);
            const int w = m_header->sectionSize(c);
            if (x + w < 0 || x > width)
                continue;
            const QModelIndex idx = m_model->index(r, c);
            const QString text = m_model->data(idx, Qt::DisplayRole).toString();
            const int align = m_model->data(idx, Qt::TextAlignmentRole).toInt();
            const QRect cell(x + kCellPadding, y, w - 2 * kCellPadding, m_rowHeight);
            // Only the first line: container JSON and buffers may carry newlines.
            const QString line =
                text.left(text.indexOf(QLatin1Char('\n')) < 0 ? text.size() : text.indexOf(QLatin1Char('\n')));
            p.drawText(cell, align, fm.elidedText(line, Qt::ElideRight, cell.width()));
        }
    }
}

QModelIndex EventListView::indexAt(const QPoint& pos) const
{
    const int row = firstVisibleRow() + pos.y() / m_rowHeight;
    const int col = m_header->logicalIndexAt(pos.x());
    if (pos.y() < 0 || row >= m_model->rowCount() || col < 0)
        return {};
    return m_model->index(row, col);
}

void EventListView::mousePressEvent(QMouseEvent* event)
{
    setFocus(Qt::MouseFocusReason);
    const QModelIndex i = indexAt(event->position().toPoint());
    if (i.isValid() && (event->button() == Qt::LeftButton || event->button() == Qt::RightButton))
        setCurrentRow(i.row());
    QAbstractScrollArea::mousePressEvent(event);
}

bool EventListView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* he = static_cast<QHelpEvent*>(event);
        const QModelIndex i = indexAt(he->pos());
        const QString tip = i.isValid() ? m_model->data(i, Qt::ToolTipRole).toString() : QString();
        if (tip.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(he->globalPos(), tip.left(2000), viewport());
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void EventListView::keyPressEvent(QKeyEvent* event)
{
    const int rows = m_model->rowCount();
    if (rows == 0) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    const int cur = m_current < 0 ? firstVisibleRow() : m_current;
    const int page = std::max(1, visibleRowCount() - 1);
    int target = -1;
    switch (event->key()) {
    case Qt::Key_Up: target = cur - 1; break;
    case Qt::Key_Down: target = m_current < 0 ? cur : cur + 1; break;
    case Qt::Key_PageUp: target = cur - page; break;
    case Qt::Key_PageDown: target = cur + page; break;
    case Qt::Key_Home: target = 0; break;
    case Qt::Key_End: target = rows - 1; break;
    default: QAbstractScrollArea::keyPressEvent(event); return;
    }
    setCurrentRow(std::clamp(target, 0, rows - 1));
    event->accept();
}

void EventListView::followDocument(qint64 ordinal)
{
    if (ordinal < 0) {
        setCurrentRowInternal(-1, false, ScrollHint::kEnsureVisible);
        return;
    }
    if (m_current >= 0 && m_model->ordinalAt(m_current) == uint64_t(ordinal))
        return;
    const int row = m_model->rowOf(uint64_t(ordinal));
    if (row >= 0)
        setCurrentRowInternal(row, false, ScrollHint::kCenter);
}

void EventListView::restoreCurrent()
{
    updateScrollBars();
    // After a filter: keep the current event in view when it is still displayed; when the filter hid it, nothing
    // is selected any more (as in Wireshark), so the decode pane does not show an event the list does not.
    m_current = -1;
    if (auto cur = m_document->currentEvent()) {
        const int row = m_model->rowOf(*cur);
        if (row >= 0)
            setCurrentRowInternal(row, false, ScrollHint::kCenter);
        else
            m_document->clearSelection();
    }
    viewport()->update();
}

void EventListView::goToOrdinal(quint64 ordinal)
{
    const int row = m_model->nearestRow(ordinal);
    if (row >= 0)
        setCurrentRowInternal(row, true, ScrollHint::kCenter);
}

void EventListView::goToFirst() { setCurrentRow(0); }

void EventListView::goToLast() { setCurrentRow(m_model->rowCount() - 1); }

void EventListView::contextMenu(const QPoint& pos)
{
    const QModelIndex i = indexAt(pos);
    if (!i.isValid())
        return;
    const uint64_t ordinal = m_model->ordinalAt(i.row());
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_document->isMarked(ordinal) ? tr("Unmark Event") : tr("Mark Event"), this,
                    [this, ordinal] { m_document->toggleMark(ordinal); });
    const bool isRef = m_document->timeReference() == ordinal;
    menu->addAction(isRef ? tr("Unset Time Reference") : tr("Set Time Reference"), this, [this, ordinal, isRef] {
        m_document->setTimeReference(isRef ? std::nullopt : std::optional<uint64_t>(ordinal));
    });
    menu->addSeparator();
    const ColumnId id = m_model->columnId(i.column());
    const QString value = m_model->data(i).toString();
    QString filter;
    switch (id) {
    case ColumnId::kNumber:
    case ColumnId::kCpu:
    case ColumnId::kProcess:
    case ColumnId::kTid:
    case ColumnId::kDir:
    case ColumnId::kType:
    case ColumnId::kField:
        if (value != QStringLiteral("<NA>"))
            filter = m_model->columns().field(i.column()) + QLatin1Char('=') +
                     (value.contains(QLatin1Char(' ')) ? QLatin1Char('"') + value + QLatin1Char('"') : value);
        break;
    case ColumnId::kTime:
    case ColumnId::kInfo: break;
    }
    menu->addAction(filter.isEmpty() ? tr("Apply as Filter") : tr("Apply as Filter: %1").arg(filter), this,
                    [this, filter] { m_document->applyFilter(filter); })
        ->setEnabled(!filter.isEmpty());
    menu->addAction(tr("Prepare as Filter"), this, [this, filter] { m_document->prepareFilter(filter); })
        ->setEnabled(!filter.isEmpty());
    menu->addSeparator();
    menu->addAction(tr("Copy Cell"), this, [value] { QApplication::clipboard()->setText(value); });
    menu->addAction(tr("Copy Row"), this, [this, row = i.row()] {
        QStringList cells;
        for (int c = 0; c < m_model->columnCount(); ++c)
            cells << m_model->data(m_model->index(row, c)).toString();
        QApplication::clipboard()->setText(cells.join(QLatin1Char('\t')));
    });
    menu->popup(viewport()->mapToGlobal(pos));
}

void EventListView::headerMenu(const QPoint& pos)
{
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (int c = 0; c < m_model->columnCount(); ++c) {
        QAction* a = menu->addAction(m_model->headerData(c, Qt::Horizontal).toString());
        a->setCheckable(true);
        a->setChecked(!isColumnHidden(c));
        connect(a, &QAction::toggled, this, [this, c](bool on) { setColumnHidden(c, !on); });
    }
    menu->addSeparator();
    const int clicked = m_header->logicalIndexAt(pos);
    if (clicked >= 0)
        menu->addAction(tr("Remove Column \u201c%1\u201d").arg(m_model->columns().title(clicked)), this,
                        [this, clicked] { m_document->removeColumn(clicked); });
    QMenu* presets = menu->addMenu(tr("Column Preset"));
    for (const QString& name : ColumnSet::presetNames())
        presets->addAction(ColumnSet::presetTitle(name), this,
                           [this, name] { m_document->setColumns(ColumnSet::preset(name)); });
    menu->addAction(tr("Reset Column Order"), this, [this] {
        for (int c = 0; c < m_model->columnCount(); ++c) {
            setColumnHidden(c, false);
            m_header->moveSection(m_header->visualIndex(c), c);
        }
    });
    menu->popup(m_header->mapToGlobal(pos));
}

} // namespace syscope::gui
