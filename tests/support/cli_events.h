// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// syscope-cli's default output parsed back into events, for the GUI tests that compare the window with the CLI.
#include <QByteArray>
#include <QList>
#include <QString>

namespace syscope::test {

// One event as the CLI prints it; info without the trailing space the CLI ends every line with.
struct CliEvent {
    QString num, time, cpu, process, tid, dir, type, info;
};

// The process name may hold spaces, and a few events (container JSON) span lines: a new event starts at a
// line that begins with its number and time.
QList<CliEvent> parseCliEvents(const QByteArray& out);

} // namespace syscope::test
