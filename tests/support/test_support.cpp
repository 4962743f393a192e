// SPDX-License-Identifier: GPL-3.0-or-later
#include "test_support.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>

namespace syscope::test {

QString sharedDir()
{
    QString env = qEnvironmentVariable("SYSCOPE_SHARED_DIR");
    QString dir = env.isEmpty() ? QStringLiteral(SYSCOPE_SHARED_DIR) : env;
    QFileInfo fi(dir);
    return fi.isDir() ? fi.canonicalFilePath() : QString();
}

QStringList sharedCaptures()
{
    QString dir = sharedDir();
    if (dir.isEmpty())
        return {};
    QDir d(dir + QStringLiteral("/captures"));
    QStringList out;
    for (const QString& n : d.entryList({QStringLiteral("*.scap")}, QDir::Files, QDir::Name))
        out << d.filePath(n);
    return out;
}

QString cliPath() { return QStringLiteral(SYSCOPE_CLI_PATH); }

bool inCi() { return qEnvironmentVariable("CI") == QStringLiteral("true"); }

ProcessResult runProcess(const QString& program, const QStringList& args, int timeoutMs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    ProcessResult r;
    if (!p.waitForStarted(30000)) {
        r.err = "cannot start " + program.toUtf8();
        return r;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        r.crashed = true;
        return r;
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.exitCode = p.exitCode();
    return r;
}

} // namespace syscope::test
