// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The event list's columns, in display order: the fields of sysdig's default line, plus columns showing any
// field of the field catalog ("Apply as Column"), and the presets that pick a set of them. A value type;
// GUI thread.
#include <QString>
#include <QStringList>
#include <QVector>

namespace syscope::gui {

enum class ColumnId { kNumber, kTime, kCpu, kProcess, kTid, kDir, kType, kInfo, kField };

class ColumnSet {
public:
    struct Column {
        ColumnId id = ColumnId::kNumber;
        QString field; // kField: the catalog field it shows ("fd.name")
        bool operator==(const Column&) const = default;
    };

    static ColumnSet defaults();
    // Named presets: "default" (sysdig's line), "files", "network".
    static QStringList presetNames();
    static QString presetTitle(const QString& name);
    static ColumnSet preset(const QString& name);

    int size() const { return int(m_columns.size()); }
    const Column& column(int i) const { return m_columns[i]; }
    ColumnId at(int i) const { return m_columns[i].id; }
    int indexOf(ColumnId id) const;
    int indexOfField(const QString& field) const;
    void append(Column c) { m_columns.push_back(std::move(c)); }
    void insert(int i, Column c) { m_columns.insert(i, std::move(c)); }
    void remove(int i) { m_columns.remove(i); }
    bool operator==(const ColumnSet&) const = default;

    QString title(int i) const;
    // The filter field column i shows (for "Apply as filter" on a cell and the header tooltip).
    QString field(int i) const;
    static QString title(ColumnId id);
    static QString field(ColumnId id);

private:
    QVector<Column> m_columns;
};

} // namespace syscope::gui
