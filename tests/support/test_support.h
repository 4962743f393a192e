// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared helpers for the Qt tests: where the shared captures are, how to skip (or, under CI=true, fail) when
// something a test needs is missing, and running a command to collect its output.
#include <QString>
#include <QStringList>

namespace syscope::test {

// ../shared beside the checkout (or SYSCOPE_SHARED_DIR); empty when it does not exist.
QString sharedDir();
// Every .scap under shared/captures, sorted by name.
QStringList sharedCaptures();
QString cliPath();
bool inCi();

struct ProcessResult {
    int exitCode = -1;
    bool crashed = false;
    QByteArray out, err;
};
// Runs program with args (env TZ=UTC added), waiting up to timeoutMs.
ProcessResult runProcess(const QString& program, const QStringList& args, int timeoutMs = 600000);

} // namespace syscope::test

// Skip with a reason, except under CI=true where the prerequisite must be there.
#define SYSCOPE_REQUIRE(cond, reason)                                                                                  \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            if (syscope::test::inCi())                                                                                 \
                QFAIL(qPrintable(QStringLiteral("required under CI: ") + QStringLiteral(reason)));                     \
            QSKIP(reason);                                                                                             \
        }                                                                                                              \
    } while (0)
