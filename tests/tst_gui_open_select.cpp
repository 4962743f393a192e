// SPDX-License-Identifier: GPL-3.0-or-later
// The whole window, offscreen: open a real capture, select events in the list, and read the decode tree; its
// header and parameter values must be what `syscope-cli -r` prints for the same event, the bytes pane must
// highlight the selected item's bytes (and a click on a byte must select its item), and the filter bar,
// marks and counts must behave.
#include "app/main_window.h"
#include "app/recent_files.h"
#include "app/status_panel.h"
#include "cli_events.h"
#include "decode/bytes_view.h"
#include "decode/decode_pane.h"
#include "decode/decode_tree_model.h"
#include "document/trace_document.h"
#include "events/event_list_view.h"
#include "events/event_table_model.h"
#include "filter/filter_bar.h"
#include "filter/filter_completer.h"
#include "filter/filter_engine.h"
#include "test_support.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QCompleter>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>

using namespace syscope::gui;

namespace {

// The value of the child of `parent` named `name` (column 1).
QString childValue(const DecodeTreeModel& m, const QModelIndex& parent, const QString& name)
{
    for (int i = 0; i < m.rowCount(parent); ++i)
        if (m.index(i, 0, parent).data().toString() == name)
            return m.index(i, 1, parent).data().toString();
    return QStringLiteral("<missing %1>").arg(name);
}

QModelIndex topItem(const DecodeTreeModel& m, const QString& prefix)
{
    for (int i = 0; i < m.rowCount(); ++i)
        if (m.index(i, 0).data().toString().startsWith(prefix))
            return m.index(i, 0);
    return {};
}

} // namespace

class TstGuiOpenSelect : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void openSelectDecode();
    void filterBar();
    void completionContext_data();
    void completionContext();
    void completion();
    void savedFilterButtons();
    void marksAndCounts();
    void dropOpensAndIsRecent();
    void cleanupTestCase();

private:
    std::unique_ptr<MainWindow> m_window;
    QString m_capture;
    QList<syscope::test::CliEvent> m_cli;
};

void TstGuiOpenSelect::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_capture = syscope::test::sharedDir() + QStringLiteral("/captures/bencer-k8s-capture.scap");
    SYSCOPE_REQUIRE(QFileInfo::exists(m_capture), "bencer-k8s-capture.scap is missing");
    auto cli = syscope::test::runProcess(syscope::test::cliPath(), {QStringLiteral("-r"), m_capture});
    QCOMPARE(cli.exitCode, 0);
    m_cli = syscope::test::parseCliEvents(cli.out);
    QVERIFY(m_cli.size() > 1000);

    m_window = std::make_unique<MainWindow>();
    m_window->show();
    QSignalSpy settled(m_window->document(), &TraceDocument::settled);
    m_window->openCapture(m_capture);
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() > 0, 120000);
    QCOMPARE(m_window->eventModel()->rowCount(), int(m_cli.size()));
}

void TstGuiOpenSelect::openSelectDecode()
{
    MainWindow& w = *m_window;
    DecodeTreeModel& tree = *w.decodePane()->model();
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);

    // The first few events of every kind, both directions, whose parameters render in full on the CLI
    // (the tree shows buffers whole; the CLI cuts them at 80 characters).
    QHash<QString, int> taken;
    QList<int> rows;
    for (int r = 0; r < m_cli.size() && rows.size() < 120; ++r) {
        const syscope::test::CliEvent& e = m_cli[r];
        if (e.num.isEmpty() || e.info.contains(QStringLiteral("...")) || e.info.contains(QLatin1Char('\n')))
            continue;
        if (taken[e.type + e.dir]++ < 2)
            rows << r;
    }
    QVERIFY(rows.size() > 40);
    int withParams = 0, withFd = 0;
    for (int r : rows) {
        const syscope::test::CliEvent& e = m_cli[r];
        w.eventList()->setCurrentIndex(w.eventModel()->index(r, 0));
        QCOMPARE(w.document()->currentEvent().value() + 1, e.num.toULongLong());
        const QModelIndex head = tree.index(0, 0);
        QCOMPARE(childValue(tree, head, QStringLiteral("Number")), e.num);
        QCOMPARE(childValue(tree, head, QStringLiteral("Time")), e.time);
        QCOMPARE(childValue(tree, head, QStringLiteral("CPU")), e.cpu);
        QCOMPARE(childValue(tree, head, QStringLiteral("Thread ID")), e.tid);
        QCOMPARE(childValue(tree, head, QStringLiteral("Direction")), e.dir);
        QCOMPARE(childValue(tree, head, QStringLiteral("Type")), e.type);
        // Every parameter, in order, as name=value: the CLI's evt.info.
        const QModelIndex params = topItem(tree, QStringLiteral("Parameters"));
        QVERIFY(params.isValid());
        QStringList parts;
        for (int i = 0; i < tree.rowCount(params); ++i)
            parts << tree.index(i, 0, params).data().toString() + QLatin1Char('=') +
                         tree.index(i, 1, params).data().toString();
        // Generic events show no arguments on the CLI; the tree still lists the syscall id.
        if (!e.info.isEmpty() || e.type == QStringLiteral("switch") || tree.rowCount(params) == 0)
            QCOMPARE(parts.join(QLatin1Char(' ')), e.info);
        if (e.process != QStringLiteral("<NA>") && !e.process.startsWith(QStringLiteral("container:"))) {
            const QModelIndex thread = topItem(tree, QStringLiteral("Thread:"));
            QVERIFY2(thread.isValid(), qPrintable(e.num));
            QCOMPARE(childValue(tree, thread, QStringLiteral("Name")), e.process);
        }
        if (topItem(tree, QStringLiteral("File descriptor")).isValid())
            ++withFd;
        if (tree.rowCount(params) == 0)
            continue;
        ++withParams;
        // Selecting a parameter highlights exactly its bytes; its stored length says how many.
        const QModelIndex p0 = tree.index(0, 0, params);
        w.decodePane()->tree()->setCurrentIndex(p0);
        const int b = tree.data(p0, DecodeTreeModel::kBeginRole).toInt();
        const int en = tree.data(p0, DecodeTreeModel::kEndRole).toInt();
        QCOMPARE(w.decodePane()->bytes()->highlightBegin(), b);
        QCOMPARE(w.decodePane()->bytes()->highlightEnd(), en);
        QCOMPARE(QString::number(en - b), childValue(tree, p0, QStringLiteral("Stored length")));
        // And back: clicking a byte of the type field selects the Type item.
        QModelIndex typeItem;
        for (int i = 0; i < tree.rowCount(head); ++i)
            if (tree.index(i, 0, head).data().toString() == QStringLiteral("Type"))
                typeItem = tree.index(i, 0, head);
        emit w.decodePane()->bytes()->byteClicked(tree.data(typeItem, DecodeTreeModel::kBeginRole).toInt());
        QCOMPARE(w.decodePane()->tree()->currentIndex().siblingAtColumn(0), typeItem);
    }
    QVERIFY(withParams > 20);
    QVERIFY(withFd > 5);
}

void TstGuiOpenSelect::filterBar()
{
    MainWindow& w = *m_window;
    QLineEdit* edit = w.filterBar()->edit();
    edit->clear();
    QCOMPARE(w.filterBar()->validity(), FilterBar::Validity::kEmpty);
    QTest::keyClicks(edit, QStringLiteral("evt.type=open and ("));
    QCOMPARE(w.filterBar()->validity(), FilterBar::Validity::kInvalid);
    QVERIFY(!edit->toolTip().isEmpty());
    if (!FilterEngine::available()) {
        // Without the compiler only the empty filter applies; clearing shows every event again.
        edit->clear();
        QSignalSpy applied(w.document(), &TraceDocument::filterApplied);
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(applied.count(), 1);
        QCOMPARE(w.eventModel()->rowCount(), int(m_cli.size()));
        QSKIP("core/filter is not available yet: filter counts are not compared with the CLI");
    }
    // Yellow: compiles, but cannot mean what it says; the tooltip names the column and the reason.
    for (const QString& f : {QStringLiteral("evt.type=open and k8s.pod.name=web"), QStringLiteral("fd.name=<NA>")}) {
        edit->clear();
        QTest::keyClicks(edit, f);
        QCOMPARE(w.filterBar()->validity(), FilterBar::Validity::kCaution);
        QVERIFY2(edit->toolTip().contains(QStringLiteral("column ")), qPrintable(edit->toolTip()));
    }
    QVERIFY(edit->toolTip().contains(QStringLiteral("exists")));
    {
        // Applied, the yellow filter's reason also stands in the status bar, from the document's record of it.
        QSignalSpy applied(w.document(), &TraceDocument::filterApplied);
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(applied.count() > 0, 60000);
        QVERIFY(w.document()->filterCaution().has_value());
        QVERIFY2(w.statusPanel()->message().contains(QStringLiteral("but column 1: <NA>")),
                 qPrintable(w.statusPanel()->message()));
    }
    const QStringList filters = {QStringLiteral("evt.type=open"), QStringLiteral("proc.name=dockerd"),
                                 QStringLiteral("evt.dir=< and fd.type=ipv4")};
    for (const QString& f : filters) {
        QStringList args = {QStringLiteral("-r"), m_capture};
        args << f;
        auto cli = syscope::test::runProcess(syscope::test::cliPath(), args);
        QCOMPARE(cli.exitCode, 0);
        const int expected = int(syscope::test::parseCliEvents(cli.out).size());
        edit->clear();
        QTest::keyClicks(edit, f);
        QCOMPARE(w.filterBar()->validity(), FilterBar::Validity::kValid);
        QSignalSpy settled(w.document(), &TraceDocument::settled);
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(settled.count() > 0, 60000);
        QCOMPARE(w.eventModel()->rowCount(), expected);
    }
    edit->clear();
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(w.eventModel()->rowCount(), int(m_cli.size()));
}

void TstGuiOpenSelect::completionContext_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<bool>("value");
    QTest::addColumn<QString>("field");
    QTest::newRow("field") << "proc.na"
                           << "proc.na" << false << "";
    QTest::newRow("second field") << "evt.type=open and fd.n"
                                  << "fd.n" << false << "";
    QTest::newRow("value after =") << "proc.name=dock"
                                   << "dock" << true << "proc.name";
    QTest::newRow("value after != with spaces") << "evt.type != op"
                                                << "op" << true << "evt.type";
    QTest::newRow("value after word operator") << "proc.name contains ku"
                                               << "ku" << true << "proc.name";
    QTest::newRow("empty value") << "evt.dir="
                                 << "" << true << "evt.dir";
}

void TstGuiOpenSelect::completionContext()
{
    QFETCH(QString, text);
    QFETCH(QString, prefix);
    QFETCH(bool, value);
    QFETCH(QString, field);
    const auto c = FilterCompleter::contextAt(text, int(text.size()));
    QCOMPARE(c.prefix, prefix);
    QCOMPARE(c.value, value);
    QCOMPARE(c.field, field);
}

void TstGuiOpenSelect::completion()
{
    MainWindow& w = *m_window;
    QLineEdit* edit = w.filterBar()->edit();
    FilterCompleter* fc = w.filterBar()->completer();
    QVERIFY(FilterCompleter::fieldNames().contains(QStringLiteral("proc.name")));
    // Values come from the capture: dockerd runs in it.
    QVERIFY(fc->valuesFor(QStringLiteral("proc.name")).contains(QStringLiteral("dockerd")));
    QVERIFY(fc->valuesFor(QStringLiteral("evt.type")).contains(QStringLiteral("connect")));

    edit->setFocus();
    edit->clear();
    QTest::keyClicks(edit, QStringLiteral("proc.nam"));
    QTRY_VERIFY(fc->popupVisible());
    QCOMPARE(fc->completer()->currentCompletion(), QStringLiteral("proc.name"));
    QSignalSpy applied(w.document(), &TraceDocument::filterApplied);
    // Down picks the first completion and Enter takes it; it does not apply the half-typed filter.
    QTest::keyClick(fc->completer()->popup(), Qt::Key_Down);
    QTest::keyClick(fc->completer()->popup(), Qt::Key_Return);
    QCOMPARE(edit->text(), QStringLiteral("proc.name"));
    QCOMPARE(applied.count(), 0);
    QTest::keyClicks(edit, QStringLiteral("=docke"));
    QTRY_VERIFY(fc->popupVisible());
    QCOMPARE(fc->completer()->currentCompletion(), QStringLiteral("dockerd"));
    QTest::keyClick(fc->completer()->popup(), Qt::Key_Down);
    QTest::keyClick(fc->completer()->popup(), Qt::Key_Return);
    QCOMPARE(edit->text(), QStringLiteral("proc.name=dockerd"));
    QCOMPARE(applied.count(), 0);
    edit->clear();
}

void TstGuiOpenSelect::savedFilterButtons()
{
    MainWindow& w = *m_window;
    FilterBar* bar = w.filterBar();
    const int before = int(bar->savedFilters().size());
    bar->addSavedFilter(QStringLiteral("dockerd"), QStringLiteral("proc.name=dockerd"));
    QCOMPARE(bar->savedFilters().size(), before + 1);
    QToolButton* button = nullptr;
    for (QToolButton* b : bar->findChildren<QToolButton*>())
        if (b->text() == QStringLiteral("dockerd") && b->isVisible())
            button = b;
    QVERIFY(button);
    if (FilterEngine::available()) {
        QSignalSpy settled(w.document(), &TraceDocument::settled);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(settled.count() > 0, 60000);
        QCOMPARE(w.document()->filterText(), QStringLiteral("proc.name=dockerd"));
        w.document()->applyFilter(QString());
    }
    bar->removeSavedFilter(before);
    QCOMPARE(bar->savedFilters().size(), before);
}

void TstGuiOpenSelect::marksAndCounts()
{
    MainWindow& w = *m_window;
    TraceDocument& doc = *w.document();
    doc.clearMarks();
    w.eventList()->setFocus();
    w.eventList()->goToOrdinal(m_cli[10].num.toULongLong() - 1);
    QTest::keyClick(w.eventList(), Qt::Key_M, Qt::ControlModifier);
    QCOMPARE(doc.marks().size(), size_t(1));
    w.eventList()->goToOrdinal(m_cli[500].num.toULongLong() - 1);
    QTest::keyClick(w.eventList(), Qt::Key_M, Qt::ControlModifier);
    QCOMPARE(doc.marks().size(), size_t(2));
    QVERIFY2(w.statusPanel()->countsText().contains(QStringLiteral("Marked: 2")),
             qPrintable(w.statusPanel()->countsText()));
    // Next mark wraps to the first; previous goes back to the second.
    QTest::keyClick(w.eventList(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(doc.currentEvent().value() + 1, m_cli[10].num.toULongLong());
    QTest::keyClick(w.eventList(), Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(doc.currentEvent().value() + 1, m_cli[500].num.toULongLong());
    // Keyboard navigation walks displayed rows.
    QTest::keyClick(w.eventList(), Qt::Key_Down);
    QCOMPARE(doc.currentEvent().value() + 1, m_cli[501].num.toULongLong());
    QTest::keyClick(w.eventList(), Qt::Key_End);
    QCOMPARE(doc.currentEvent().value() + 1, m_cli.last().num.toULongLong());
    QTest::keyClick(w.eventList(), Qt::Key_Home);
    QCOMPARE(doc.currentEvent().value() + 1, m_cli.first().num.toULongLong());
}

void TstGuiOpenSelect::dropOpensAndIsRecent()
{
    // A capture dropped on the window opens like File > Open and heads the recent files; runs last, since it
    // replaces the capture the other cases read.
    MainWindow& w = *m_window;
    const QString other = syscope::test::sharedDir() + QStringLiteral("/captures/falco-cat_write.scap");
    SYSCOPE_REQUIRE(QFileInfo::exists(other), "falco-cat_write.scap is missing");
    auto cli = syscope::test::runProcess(syscope::test::cliPath(), {QStringLiteral("-r"), other});
    QCOMPARE(cli.exitCode, 0);
    const auto events = syscope::test::parseCliEvents(cli.out);
    QVERIFY(!events.isEmpty());

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(other)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QSignalSpy settled(w.document(), &TraceDocument::settled);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() > 0 && w.document()->path() == other, 60000);
    QCOMPARE(w.eventModel()->rowCount(), int(events.size()));
    QCOMPARE(RecentFiles::list().value(0), other);
    QVERIFY(RecentFiles::list().contains(m_capture));
}

void TstGuiOpenSelect::cleanupTestCase() { m_window.reset(); }

QTEST_MAIN(TstGuiOpenSelect)
#include "tst_gui_open_select.moc"
