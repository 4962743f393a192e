// SPDX-License-Identifier: GPL-3.0-or-later
// syscope: the analyzer window.
#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QGuiApplication>
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
    if (!displayAvailable()) {
        std::fprintf(stderr,
                     "syscope: no display available (DISPLAY and WAYLAND_DISPLAY are unset).\n"
                     "Run it on a desktop session, through 'ssh -X', or under a virtual display:\n"
                     "  xvfb-run -a syscope [FILE]\n"
                     "For a headless render use QT_QPA_PLATFORM=offscreen.\n");
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("syscope"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("System-call trace analyzer"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Capture to open (.scap, gzip or zstd)"));
    parser.process(app);
    syscope::gui::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openCapture(parser.positionalArguments().first());
    return app.exec();
}
