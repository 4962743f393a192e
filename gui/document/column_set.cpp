// SPDX-License-Identifier: GPL-3.0-or-later
#include "document/column_set.h"

#include <QCoreApplication>

namespace syscope::gui {

namespace {
ColumnSet::Column fieldColumn(const char* f) { return {ColumnId::kField, QString::fromLatin1(f)}; }
} // namespace

ColumnSet ColumnSet::defaults()
{
    ColumnSet c;
    for (ColumnId id : {ColumnId::kNumber, ColumnId::kTime, ColumnId::kCpu, ColumnId::kProcess, ColumnId::kTid,
                        ColumnId::kDir, ColumnId::kType, ColumnId::kInfo})
        c.append({id, QString()});
    return c;
}

QStringList ColumnSet::presetNames()
{
    return {QStringLiteral("default"), QStringLiteral("files"), QStringLiteral("network")};
}

QString ColumnSet::presetTitle(const QString& name)
{
    if (name == QStringLiteral("files"))
        return QCoreApplication::translate("ColumnSet", "Files (fd name, result)");
    if (name == QStringLiteral("network"))
        return QCoreApplication::translate("ColumnSet", "Network (client, server, protocol)");
    return QCoreApplication::translate("ColumnSet", "sysdig default line");
}

ColumnSet ColumnSet::preset(const QString& name)
{
    ColumnSet c;
    if (name == QStringLiteral("files")) {
        for (ColumnId id :
             {ColumnId::kNumber, ColumnId::kTime, ColumnId::kProcess, ColumnId::kTid, ColumnId::kDir, ColumnId::kType})
            c.append({id, QString()});
        c.append(fieldColumn("fd.name"));
        c.append(fieldColumn("evt.res"));
        c.append({ColumnId::kInfo, QString()});
        return c;
    }
    if (name == QStringLiteral("network")) {
        for (ColumnId id : {ColumnId::kNumber, ColumnId::kTime, ColumnId::kProcess, ColumnId::kDir, ColumnId::kType})
            c.append({id, QString()});
        for (const char* f : {"fd.l4proto", "fd.cip", "fd.cport", "fd.sip", "fd.sport", "evt.res"})
            c.append(fieldColumn(f));
        c.append({ColumnId::kInfo, QString()});
        return c;
    }
    return defaults();
}

int ColumnSet::indexOf(ColumnId id) const
{
    for (int i = 0; i < size(); ++i)
        if (m_columns[i].id == id)
            return i;
    return -1;
}

int ColumnSet::indexOfField(const QString& f) const
{
    for (int i = 0; i < size(); ++i)
        if (m_columns[i].id == ColumnId::kField && m_columns[i].field == f)
            return i;
    return -1;
}

QString ColumnSet::title(int i) const
{
    return m_columns[i].id == ColumnId::kField ? m_columns[i].field : title(m_columns[i].id);
}

QString ColumnSet::field(int i) const
{
    return m_columns[i].id == ColumnId::kField ? m_columns[i].field : field(m_columns[i].id);
}

QString ColumnSet::title(ColumnId id)
{
    switch (id) {
    case ColumnId::kNumber: return QCoreApplication::translate("ColumnSet", "No.");
    case ColumnId::kTime: return QCoreApplication::translate("ColumnSet", "Time");
    case ColumnId::kCpu: return QCoreApplication::translate("ColumnSet", "CPU");
    case ColumnId::kProcess: return QCoreApplication::translate("ColumnSet", "Process");
    case ColumnId::kTid: return QCoreApplication::translate("ColumnSet", "TID");
    case ColumnId::kDir: return QCoreApplication::translate("ColumnSet", "Dir");
    case ColumnId::kType: return QCoreApplication::translate("ColumnSet", "Type");
    case ColumnId::kInfo: return QCoreApplication::translate("ColumnSet", "Info");
    case ColumnId::kField: return {};
    }
    return {};
}

QString ColumnSet::field(ColumnId id)
{
    switch (id) {
    case ColumnId::kNumber: return QStringLiteral("evt.num");
    case ColumnId::kTime: return QStringLiteral("evt.time");
    case ColumnId::kCpu: return QStringLiteral("evt.cpu");
    case ColumnId::kProcess: return QStringLiteral("proc.name");
    case ColumnId::kTid: return QStringLiteral("thread.tid");
    case ColumnId::kDir: return QStringLiteral("evt.dir");
    case ColumnId::kType: return QStringLiteral("evt.type");
    case ColumnId::kInfo: return QStringLiteral("evt.info");
    case ColumnId::kField: return {};
    }
    return {};
}

} // namespace syscope::gui
