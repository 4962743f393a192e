// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The analyzer's main window. At this stage: a window with a File menu and a status line that says what was
// opened; the event list, decode tree and filter bar come with the analyzer-window issue. GUI thread only.
#include <QMainWindow>

class QLabel;

namespace syscope::gui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    void openCapture(const QString& path);

private:
    QLabel* m_summary = nullptr;
};

} // namespace syscope::gui
