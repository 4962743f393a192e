// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/recent_files.h"

#include <QFileInfo>
#include <QSettings>

namespace syscope::gui {

namespace {
const QString kKey = QStringLiteral("recentFiles");
}

QStringList RecentFiles::list() { return QSettings().value(kKey).toStringList(); }

void RecentFiles::add(const QString& path)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    QStringList l = list();
    l.removeAll(abs);
    l.prepend(abs);
    while (l.size() > kMax)
        l.removeLast();
    QSettings().setValue(kKey, l);
}

void RecentFiles::clear() { QSettings().remove(kKey); }

} // namespace syscope::gui
