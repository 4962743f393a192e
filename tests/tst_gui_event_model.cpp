// SPDX-License-Identifier: GPL-3.0-or-later
// The event list model over real captures: it passes QAbstractItemModelTester while the capture indexes, shows
// exactly the events `syscope-cli -r` prints, and its cells are the fields of the CLI's line for the same event.
#include "cli_events.h"
#include "document/trace_document.h"
#include "events/event_table_model.h"
#include "filter/filter_engine.h"
#include "test_support.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

using namespace syscope::gui;

namespace {

QString cell(const EventTableModel& m, int row, ColumnId id) { return m.data(m.index(row, int(id))).toString(); }

} // namespace

class TstGuiEventModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void matchesCli_data();
    void matchesCli();
    void timeFormats();
    void filterMatchesCli_data();
    void filterMatchesCli();
    void fieldColumn();
};

void TstGuiEventModel::initTestCase() { QStandardPaths::setTestModeEnabled(true); }

void TstGuiEventModel::matchesCli_data()
{
    QTest::addColumn<QString>("capture");
    const QStringList caps = syscope::test::sharedCaptures();
    for (const QString& c : caps)
        QTest::newRow(qPrintable(QFileInfo(c).fileName())) << c;
}

void TstGuiEventModel::matchesCli()
{
    QFETCH(QString, capture);
    SYSCOPE_REQUIRE(!syscope::test::sharedCaptures().isEmpty(), "shared captures are missing");
    auto cli = syscope::test::runProcess(syscope::test::cliPath(), {QStringLiteral("-r"), capture});
    QVERIFY2(!cli.crashed, cli.err.constData());
    const QList<syscope::test::CliEvent> expected = syscope::test::parseCliEvents(cli.out);

    TraceDocument doc;
    EventTableModel model(&doc);
    // The tester checks every signal the model sends while the capture indexes and rows are appended.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy settled(&doc, &TraceDocument::settled);
    QSignalSpy failed(&doc, &TraceDocument::openFailed);
    doc.openFile(capture);
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() > 0 || failed.count() > 0, 120000);
    if (failed.count() > 0) {
        // The CLI must refuse it too.
        QVERIFY2(cli.exitCode != 0, qPrintable(failed.first().at(1).toString()));
        return;
    }
    QCOMPARE(model.rowCount(), int(expected.size()));
    QCOMPARE(quint64(model.rowCount()), doc.shownRows()->size());
    if (expected.isEmpty())
        return;
    // First, last and a spread of rows in between, fields one by one.
    QList<int> rows = {0, int(expected.size()) - 1};
    for (int k = 1; k < 40; ++k)
        rows << int(qint64(expected.size()) * k / 40);
    for (int r : rows) {
        const syscope::test::CliEvent& e = expected[r];
        QVERIFY2(!e.num.isEmpty(), qPrintable(QStringLiteral("unparsed CLI line for row %1").arg(r)));
        QCOMPARE(cell(model, r, ColumnId::kNumber), e.num);
        QCOMPARE(cell(model, r, ColumnId::kTime), e.time);
        QCOMPARE(cell(model, r, ColumnId::kCpu), e.cpu);
        QCOMPARE(cell(model, r, ColumnId::kProcess), e.process);
        QCOMPARE(cell(model, r, ColumnId::kTid), e.tid);
        QCOMPARE(cell(model, r, ColumnId::kDir), e.dir);
        QCOMPARE(cell(model, r, ColumnId::kType), e.type);
        QString info = cell(model, r, ColumnId::kInfo);
        while (info.endsWith(QLatin1Char('\n')))
            info.chop(1);
        QCOMPARE(info, e.info);
    }
}

void TstGuiEventModel::timeFormats()
{
    const QString capture = syscope::test::sharedDir() + QStringLiteral("/captures/inspect-502Error.scap");
    SYSCOPE_REQUIRE(QFileInfo::exists(capture), "inspect-502Error.scap is missing");
    TraceDocument doc;
    EventTableModel model(&doc);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy settled(&doc, &TraceDocument::settled);
    doc.openFile(capture);
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() > 0, 60000);
    QVERIFY(model.rowCount() > 10);
    // sysdig numbers every event, the 22 hidden container descriptions included: the first shown is 23.
    QCOMPARE(cell(model, 0, ColumnId::kNumber), QStringLiteral("23"));

    doc.setTimeFormat(TimeFormat::kRelative);
    QCOMPARE(cell(model, 0, ColumnId::kTime), QStringLiteral("0.000000000"));
    const uint64_t t5 = doc.tsOf(model.ordinalAt(5)), t4 = doc.tsOf(model.ordinalAt(4)), t0 = doc.firstTs();
    auto secs = [](uint64_t ns) {
        return QStringLiteral("%1.%2").arg(ns / 1000000000ULL).arg(ns % 1000000000ULL, 9, 10, QLatin1Char('0'));
    };
    QCOMPARE(cell(model, 5, ColumnId::kTime), secs(t5 - t0));
    doc.setTimeFormat(TimeFormat::kDelta);
    QCOMPARE(cell(model, 5, ColumnId::kTime), secs(t5 - t4));
    doc.setTimeFormat(TimeFormat::kSinceReference);
    doc.setTimeReference(model.ordinalAt(4));
    QCOMPARE(cell(model, 4, ColumnId::kTime), QStringLiteral("*REF*"));
    QCOMPARE(cell(model, 5, ColumnId::kTime), secs(t5 - t4));

    // Marks change the row's colours, not its text.
    const QString before = cell(model, 3, ColumnId::kInfo);
    doc.toggleMark(model.ordinalAt(3));
    QVERIFY(doc.isMarked(model.ordinalAt(3)));
    QCOMPARE(model.data(model.index(3, 0), Qt::ForegroundRole).value<QBrush>().color(), QColor(Qt::white));
    QCOMPARE(cell(model, 3, ColumnId::kInfo), before);
    QCOMPARE(doc.nextMark(0).value(), model.ordinalAt(3));
}

void TstGuiEventModel::filterMatchesCli_data()
{
    QTest::addColumn<QString>("capture");
    QTest::addColumn<QString>("filter");
    const QString k8s = QStringLiteral("bencer-k8s-capture.scap"), e502 = QStringLiteral("inspect-502Error.scap"),
                  mixed = QStringLiteral("modern-mixed-workload.scap");
    const QList<std::pair<QString, QString>> cases = {
        {k8s, QStringLiteral("evt.type=open")},
        {k8s, QStringLiteral("evt.type in (read, write) and evt.dir=<")},
        {k8s, QStringLiteral("proc.name=dockerd and not evt.type=switch")},
        {k8s, QStringLiteral("fd.type=ipv4")},
        {k8s, QStringLiteral("fd.name contains /var/lib/docker")},
        {k8s, QStringLiteral("evt.failed=true")},
        {k8s, QStringLiteral("evt.cpu=1 and evt.category=net")},
        {k8s, QStringLiteral("thread.tid=3788 or proc.pid=2968")},
        {k8s, QStringLiteral("evt.type=openat and evt.dir=< and fd.name contains /var/lib/docker")},
        {e502, QStringLiteral("fd.sport=80")},
        {e502, QStringLiteral("container.id!=host")},
        {e502, QStringLiteral("evt.buffer contains \"502 Bad\"")},
        {e502, QStringLiteral("proc.name=haproxy and evt.type=sendto")},
        {mixed, QStringLiteral("user.name=root")},
        {mixed, QStringLiteral("evt.res<0")},
        // sysdig's streaming quirks the GUI reproduces from the index: an exit without an enter falls back to
        // fd 0, an enter the filter rejected takes its fd from the exit, enters name fds the state never saw.
        {k8s, QStringLiteral("fd.type=file and evt.dir=<")},
        {QStringLiteral("modern-http-loopback.scap"), QStringLiteral("fd.num>2")},
        // Random access pairs an exit with its enter from the index (the CLI streams); switch events are left
        // out: sysdig shows them with the latency of the thread's previous pair, which only a replay knows.
        {k8s, QStringLiteral("evt.latency>100000 and evt.type!=switch")},
        {e502, QStringLiteral("evt.latency>100000 and evt.type!=switch")},
        {mixed, QStringLiteral("evt.latency>100000 and evt.type!=switch")},
    };
    for (const auto& [cap, f] : cases)
        QTest::newRow(qPrintable(cap + QStringLiteral(": ") + f)) << cap << f;
}

void TstGuiEventModel::filterMatchesCli()
{
    QFETCH(QString, capture);
    QFETCH(QString, filter);
    if (!FilterEngine::available())
        QSKIP("no core/filter in this build");
    const QString path = syscope::test::sharedDir() + QStringLiteral("/captures/") + capture;
    SYSCOPE_REQUIRE(QFileInfo::exists(path), "shared capture missing");
    QVERIFY2(FilterEngine::compile(filter.toStdString()).ok(), qPrintable(filter));
    auto cli = syscope::test::runProcess(syscope::test::cliPath(), {QStringLiteral("-r"), path, filter});
    QCOMPARE(cli.exitCode, 0);
    const QList<syscope::test::CliEvent> expected = syscope::test::parseCliEvents(cli.out);

    TraceDocument doc;
    EventTableModel model(&doc);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy settled(&doc, &TraceDocument::settled);
    doc.openFile(path);
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() > 0, 60000);
    settled.clear();
    doc.applyFilter(filter);
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() > 0, 60000);
    QCOMPARE(doc.filterText(), filter);
    QCOMPARE(model.rowCount(), int(expected.size()));
    for (int r = 0; r < model.rowCount(); r += std::max(1, model.rowCount() / 25))
        QCOMPARE(cell(model, r, ColumnId::kNumber), expected[r].num);
    // Clearing the filter brings every event back without a job.
    doc.applyFilter(QString());
    QCOMPARE(quint64(model.rowCount()), doc.shownRows()->size());
}

void TstGuiEventModel::fieldColumn()
{
    if (!FieldColumns::isValidField(QStringLiteral("fd.name")))
        QSKIP("no core/fields in this build");
    const QString path = syscope::test::sharedDir() + QStringLiteral("/captures/inspect-502Error.scap");
    SYSCOPE_REQUIRE(QFileInfo::exists(path), "shared capture missing");
    TraceDocument doc;
    EventTableModel model(&doc);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy settled(&doc, &TraceDocument::settled);
    doc.openFile(path);
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() > 0, 60000);
    const int before = model.columnCount();
    doc.addFieldColumn(QStringLiteral("proc.name"));
    QCOMPARE(model.columnCount(), before + 1);
    // Inserted before Info, which stays last.
    const int col = model.columns().indexOfField(QStringLiteral("proc.name"));
    QCOMPARE(col, before - 1);
    QCOMPARE(model.columnId(model.columnCount() - 1), ColumnId::kInfo);
    for (int r = 0; r < model.rowCount(); r += 997) {
        const QString proc = cell(model, r, ColumnId::kProcess);
        if (proc != QStringLiteral("<NA>") && !proc.startsWith(QStringLiteral("container:")))
            QCOMPARE(model.data(model.index(r, col)).toString(), proc);
    }
    doc.setColumns(ColumnSet::preset(QStringLiteral("network")));
    QCOMPARE(model.columnCount(), ColumnSet::preset(QStringLiteral("network")).size());
    doc.removeColumn(0);
    QCOMPARE(model.columnCount(), ColumnSet::preset(QStringLiteral("network")).size() - 1);
}

QTEST_MAIN(TstGuiEventModel)
#include "tst_gui_event_model.moc"
