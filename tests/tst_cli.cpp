// SPDX-License-Identifier: GPL-3.0-or-later
// syscope-cli's command-line contract: exit codes and messages for bad input, -n as sysdig counts it, -L,
// captures sysdig 0.29.3 cannot open (pcapng options written by Wireshark's editcap), and -j's parallel printer
// against the general output-format path.
#include "test_support.h"

#include "fields/output_format.h"

#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace syscope::test;

class TstCli : public QObject {
    Q_OBJECT
private slots:
    void missingFileExits2();
    void nonCaptureExits2();
    void emptyFileExits2();
    void numEventsMatchesSysdig_data();
    void numEventsMatchesSysdig();
    void listEventsCoversSysdig();
    void editcapCaptureOpens();
    void defaultJsonMatchesOutputFormat_data();
    void defaultJsonMatchesOutputFormat();

private:
    static QString capture(const QString& name) { return sharedDir() + QStringLiteral("/captures/") + name; }
    static QString sysdig() { return QStandardPaths::findExecutable(QStringLiteral("sysdig")); }
};

void TstCli::missingFileExits2()
{
    ProcessResult r = runProcess(cliPath(), {QStringLiteral("-r"), QStringLiteral("/nonexistent/x.scap")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("cannot open /nonexistent/x.scap"), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TstCli::nonCaptureExits2()
{
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("notes.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not a capture\n");
    f.close();
    ProcessResult r = runProcess(cliPath(), {QStringLiteral("-r"), path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("not a capture"), r.err.constData());
}

void TstCli::emptyFileExits2()
{
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("empty.scap"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    ProcessResult r = runProcess(cliPath(), {QStringLiteral("-r"), path});
    QCOMPARE(r.exitCode, 2);
}

void TstCli::numEventsMatchesSysdig_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("n");
    for (const char* name : {"inspect-502Error.scap", "falco-cat_write.scap", "bencer-k8s-capture.scap"})
        for (int n : {1, 30, 270, 1000})
            QTest::addRow("%s-%d", name, n) << QString::fromLatin1(name) << n;
}

void TstCli::numEventsMatchesSysdig()
{
    QFETCH(QString, name);
    QFETCH(int, n);
    SYSCOPE_REQUIRE(!sharedDir().isEmpty(), "../shared/captures is not there");
    SYSCOPE_REQUIRE(!sysdig().isEmpty(), "sysdig is not installed");
    const QStringList args{QStringLiteral("-r"), capture(name), QStringLiteral("-n"), QString::number(n)};
    ProcessResult theirs = runProcess(sysdig(), args);
    ProcessResult ours = runProcess(cliPath(), args);
    QCOMPARE(ours.exitCode, 0);
    QCOMPARE(ours.out.count('\n'), theirs.out.count('\n'));
    QVERIFY(ours.out == theirs.out);
}

void TstCli::listEventsCoversSysdig()
{
    SYSCOPE_REQUIRE(!sysdig().isEmpty(), "sysdig is not installed");
    ProcessResult theirs = runProcess(sysdig(), {QStringLiteral("-L")});
    ProcessResult ours = runProcess(cliPath(), {QStringLiteral("-L")});
    QCOMPARE(ours.exitCode, 0);
    // Every event sysdig lists is listed the same way, in the same order; syscope lists newer ones after them.
    const QList<QByteArray> a = theirs.out.split('\n'), b = ours.out.split('\n');
    QVERIFY(b.size() >= a.size());
    for (qsizetype i = 0; i + 1 < a.size(); ++i)
        QCOMPARE(b[i], a[i]);
}

void TstCli::editcapCaptureOpens()
{
    SYSCOPE_REQUIRE(!sharedDir().isEmpty(), "../shared/captures is not there");
    // The same events as libs-curl_google.scap, rewritten by editcap with pcapng comment options.
    ProcessResult edited =
        runProcess(cliPath(), {QStringLiteral("-r"), capture(QStringLiteral("libs-curl_google_comments.scap"))});
    ProcessResult plain =
        runProcess(cliPath(), {QStringLiteral("-r"), capture(QStringLiteral("libs-curl_google.scap"))});
    QCOMPARE(edited.exitCode, 0);
    QCOMPARE(edited.out.count('\n'), 1221);
    QVERIFY(edited.out == plain.out);
}

void TstCli::defaultJsonMatchesOutputFormat_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("extra");
    const QStringList caps = sharedCaptures();
    if (caps.isEmpty())
        QTest::newRow("no-shared") << QString() << QStringList();
    for (const QString& c : caps) {
        const QString name = QFileInfo(c).completeBaseName();
        QTest::addRow("%s", qPrintable(name)) << c << QStringList();
        QTest::addRow("%s-0.36", qPrintable(name)) << c << QStringList{QStringLiteral("--sysdig-compat"), "0.36"};
        QTest::addRow("%s-n1000", qPrintable(name)) << c << QStringList{QStringLiteral("-n"), "1000"};
    }
}

// -j alone is written by worker threads (fields::appendDefaultJsonLine); -j with the same format given as -p goes
// through OutputFormat::appendJson and the field extractor, the path filters and other formats take. Both must
// print the same bytes, also on the captures where sysdig itself differs from us (tst_filter_differential skips
// those) or cannot read the file.
void TstCli::defaultJsonMatchesOutputFormat()
{
    QFETCH(QString, path);
    QFETCH(QStringList, extra);
    SYSCOPE_REQUIRE(!path.isEmpty(), "../shared/captures is not there");
    const QStringList args = QStringList{QStringLiteral("-r"), path, QStringLiteral("-j")} + extra;
    const QString format = QString::fromLatin1(syscope::fields::OutputFormat::kDefaultJson.data(),
                                               qsizetype(syscope::fields::OutputFormat::kDefaultJson.size()));
    ProcessResult parallel = runProcess(cliPath(), args);
    ProcessResult general = runProcess(cliPath(), args + QStringList{QStringLiteral("-p"), format});
    QCOMPARE(parallel.exitCode, general.exitCode);
    QCOMPARE(parallel.out.count('\n'), general.out.count('\n'));
    QVERIFY(parallel.out == general.out);
}

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
