// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli_events.h"

#include <QRegularExpression>
#include <QStringList>

namespace syscope::test {

QList<CliEvent> parseCliEvents(const QByteArray& out)
{
    static const QRegularExpression start(QStringLiteral(R"(^\d+ \d\d:\d\d:\d\d\.\d{9} \d+ )"));
    static const QRegularExpression line(QStringLiteral(R"(^(\d+) (\S+) (\d+) (.*?) \((-?\d+)\) ([<>]) (\S+) ?(.*)$)"),
                                         QRegularExpression::DotMatchesEverythingOption);
    QStringList events;
    for (const QString& l : QString::fromUtf8(out).split(QLatin1Char('\n'))) {
        if (start.match(l).hasMatch() || events.isEmpty())
            events << l;
        else
            events.last() += QLatin1Char('\n') + l;
    }
    while (!events.isEmpty() && events.last().isEmpty())
        events.removeLast();
    QList<CliEvent> r;
    for (const QString& e : events) {
        auto m = line.match(e);
        CliEvent c;
        if (m.hasMatch()) {
            c = {m.captured(1), m.captured(2), m.captured(3), m.captured(4),
                 m.captured(5), m.captured(6), m.captured(7), m.captured(8)};
            while (c.info.endsWith(QLatin1Char(' ')) || c.info.endsWith(QLatin1Char('\n')))
                c.info.chop(1);
        }
        r << c;
    }
    return r;
}

} // namespace syscope::test
