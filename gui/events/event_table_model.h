// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The event list's model: a lazy table over the document's RowSet. Cells are rendered on demand, a block of
// rows at a time, into a bounded RowCache; nothing is stored per event. Rows are appended as the document's
// RowSet grows and the model is reset when a filter replaces it.
// Thread affinity: GUI thread.
#include "document/column_set.h"
#include "document/row_set.h"
#include "events/coloring_rules.h"
#include "events/field_columns.h"
#include "events/row_cache.h"

#include <QAbstractTableModel>

#include <memory>

namespace syscope::gui {

class TraceDocument;

class EventTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { kOrdinalRole = Qt::UserRole + 1 };

    explicit EventTableModel(TraceDocument* document, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    uint64_t ordinalAt(int row) const { return m_rows->ordinalAt(uint64_t(row)); }
    // The row showing `ordinal`, or -1.
    int rowOf(uint64_t ordinal) const;
    // The row of `ordinal`, or of the first displayed event after it (the last row when none).
    int nearestRow(uint64_t ordinal) const;
    ColumnId columnId(int column) const { return m_columns.at(column); }
    const ColumnSet& columns() const { return m_columns; }

    const ColoringRules& coloringRules() const { return m_coloring; }
    void setColoringRules(const ColoringRules& rules);

private:
    void onRowsAppended(quint64 oldSize, quint64 newSize);
    void onRowsReplaced();
    void invalidateAll();
    void takeColumns();
    const RowCache::Row& row(int r) const;
    QString timeText(int r, uint64_t ordinal) const;

    TraceDocument* m_document;
    std::shared_ptr<const RowSet> m_rows;
    ColumnSet m_columns;
    QVector<int> m_fieldSlot; // per column: index into Row::fields, -1 for the built-in columns
    mutable FieldColumns m_fieldColumns;
    ColoringRules m_coloring;
    mutable RowCache m_cache;
    mutable int64_t m_cachedSec = INT64_MIN;
    mutable QString m_cachedHms;
};

} // namespace syscope::gui
