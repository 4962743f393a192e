// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The recently opened captures, newest first, kept in QSettings. A small value-like helper; GUI thread.
#include <QStringList>

namespace syscope::gui {

class RecentFiles {
public:
    static constexpr int kMax = 10;
    static QStringList list();
    static void add(const QString& path);
    static void clear();
};

} // namespace syscope::gui
