// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Screenshot mode: opens a capture in the main window, waits (on the document's signals, never by sleeping)
// until it is indexed, applies the filter, selects the event, then renders the window to a PNG and ends the
// event loop with an exit code: 0 written, 2 open failed, 3 bad filter, 4 write failed. GUI thread.
#include <QObject>
#include <QString>

#include <optional>

namespace syscope::gui {

class MainWindow;

class ScreenshotDriver : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString capture;
        QString filter;
        std::optional<quint64> select; // evt.num
        QString field;                 // decode-tree item to select (its filter field), e.g. evt.arg.data
        QString output;
    };
    ScreenshotDriver(MainWindow* window, Options options, QObject* parent = nullptr);
    void start();

private:
    enum class Step { kLoading, kFiltering, kDone };
    void onSettled();
    void shoot();
    void finish(int code, const QString& message);

    MainWindow* m_window;
    Options m_options;
    Step m_step = Step::kLoading;
};

} // namespace syscope::gui
