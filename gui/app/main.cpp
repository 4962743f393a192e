// SPDX-License-Identifier: GPL-3.0-or-later
// syscope: the analyzer window.
#include "app/main_window.h"
#include "app/screenshot_driver.h"
#include "document/trace_document.h"
#include "events/event_list_view.h"

#include <QApplication>
#include <QCommandLineParser>
#include <cstdio>
#include <cstdlib>

namespace {

// Qt aborts with a plugin dump when no display is reachable; say plainly what is missing instead.
bool displayAvailable()
{
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    if (platform && *platform)
        return true;
    const char* x = std::getenv("DISPLAY");
    const char* w = std::getenv("WAYLAND_DISPLAY");
    return (x && *x) || (w && *w);
}

} // namespace

int main(int argc, char** argv)
{
    // Screenshot mode renders offscreen: it must work on a machine without any display.
    for (int i = 1; i < argc; ++i)
        if (std::string_view(argv[i]) == "--screenshot" && !std::getenv("QT_QPA_PLATFORM"))
            setenv("QT_QPA_PLATFORM", "offscreen", 1);
    if (!displayAvailable()) {
        std::fprintf(stderr, "syscope: no display available (DISPLAY and WAYLAND_DISPLAY are unset).\n"
                             "Run it on a desktop session, through 'ssh -X', or under a virtual display:\n"
                             "  xvfb-run -a syscope [FILE]\n"
                             "For a headless render use QT_QPA_PLATFORM=offscreen.\n");
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("syscope"));
    QApplication::setOrganizationName(QStringLiteral("syscope"));
    QApplication::setApplicationVersion(QStringLiteral(SYSCOPE_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("System-call trace analyzer"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Capture to open (.scap, gzip or zstd)"));
    QCommandLineOption filterOpt(QStringLiteral("filter"), QStringLiteral("Display filter to apply."),
                                 QStringLiteral("filter"));
    QCommandLineOption selectOpt(QStringLiteral("select"), QStringLiteral("Event number (evt.num) to select."),
                                 QStringLiteral("n"));
    QCommandLineOption shotOpt(QStringLiteral("screenshot"),
                               QStringLiteral("Render the window to this PNG after loading, then exit."),
                               QStringLiteral("png"));
    QCommandLineOption sizeOpt(QStringLiteral("size"), QStringLiteral("Window size for screenshots (WxH)."),
                               QStringLiteral("size"), QStringLiteral("1400x900"));
    QCommandLineOption fieldOpt(QStringLiteral("field"),
                                QStringLiteral("Screenshots: decode-tree item to select, by filter field."),
                                QStringLiteral("field"));
    QCommandLineOption columnsOpt(
        QStringLiteral("columns"),
        QStringLiteral("Column preset: %1.").arg(syscope::gui::ColumnSet::presetNames().join(QStringLiteral(", "))),
        QStringLiteral("preset"));
    parser.addOptions({filterOpt, selectOpt, shotOpt, sizeOpt, fieldOpt, columnsOpt});
    parser.process(app);

    syscope::gui::MainWindow window;
    if (parser.isSet(columnsOpt)) {
        if (!syscope::gui::ColumnSet::presetNames().contains(parser.value(columnsOpt))) {
            std::fprintf(stderr, "syscope: unknown column preset %s\n", qPrintable(parser.value(columnsOpt)));
            return 2;
        }
        window.document()->setColumns(syscope::gui::ColumnSet::preset(parser.value(columnsOpt)));
    }
    const QStringList wh = parser.value(sizeOpt).split(QLatin1Char('x'));
    if (wh.size() == 2 && wh[0].toInt() > 0 && wh[1].toInt() > 0)
        window.resize(wh[0].toInt(), wh[1].toInt());
    window.show();

    QString file = parser.positionalArguments().value(0);
    std::optional<quint64> select;
    if (parser.isSet(selectOpt)) {
        bool ok = false;
        const qulonglong n = parser.value(selectOpt).toULongLong(&ok);
        if (!ok || n == 0) {
            std::fprintf(stderr, "syscope: --select takes an event number (1 or more)\n");
            return 2;
        }
        select = n;
    }
    if (parser.isSet(shotOpt)) {
        if (file.isEmpty())
            file = syscope::gui::MainWindow::bundledSample();
        if (file.isEmpty()) {
            std::fprintf(stderr, "syscope: --screenshot needs a capture to show\n");
            return 2;
        }
        auto* driver = new syscope::gui::ScreenshotDriver(
            &window, {file, parser.value(filterOpt), select, parser.value(fieldOpt), parser.value(shotOpt)}, &window);
        driver->start();
        return app.exec();
    }
    if (file.isEmpty())
        file = syscope::gui::MainWindow::bundledSample();
    if (!file.isEmpty()) {
        window.openCapture(file);
        if (parser.isSet(filterOpt))
            window.document()->applyFilter(parser.value(filterOpt));
        if (select) {
            // Select once the event is indexed and displayed.
            auto* doc = window.document();
            auto conn = std::make_shared<QMetaObject::Connection>();
            *conn = QObject::connect(doc, &syscope::gui::TraceDocument::settled, &window, [&window, select, conn] {
                window.eventList()->goToOrdinal(*select - 1);
                QObject::disconnect(*conn);
            });
        }
    }
    return app.exec();
}
