// SPDX-License-Identifier: GPL-3.0-or-later
// The chisel runtime's contract: globals and arguments, the callbacks' return values, Lua errors reported with
// file and line, cancelling an endless loop, intervals driven by the capture's timestamps, several chisels with
// their own filters, require from the chisel's directory, formatters, chisel.exec, evt.* after the last event,
// and syscope-cli -cl / -i against sysdig. Behaviour that sysdig defines is checked against sysdig itself,
// running the same test chisel.
#include "test_support.h"

#include "chisel/chisel_catalog.h"
#include "chisel/chisel_run.h"
#include "chisel/core_field_source.h"
#include "session.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <future>
#include <thread>

using namespace syscope;
using namespace syscope::test;

namespace {

std::unique_ptr<chisel::FieldSource> makeFields(const state::StateTracker& st, std::span<const uint8_t> bytes,
                                                decode::Compat compat)
{
    auto f = std::make_unique<chisel::CoreFieldSource>(st, compat);
    f->setCaptureBytes(bytes);
    return f;
}

// A run over one capture, collecting output and errors.
struct RunResult {
    Result<void> status;
    std::string out, err;
};

} // namespace

class TstChisel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void describesGlobals();
    void missingMandatoryArgument();
    void falseReturnStops_data();
    void falseReturnStops();
    void luaErrorNamesFileAndLine();
    void endlessLoopIsCancelled_data();
    void endlessLoopIsCancelled();
    void requireFromChiselDir();
    void formatterAndHiddenEvents();
    void execHandsOver();
    void sameAsSysdig_data();
    void sameAsSysdig();
    void cliRunsLikeSysdig_data();
    void cliRunsLikeSysdig();
    void sessionRunMatchesFileRun();
    void cliListMatchesSysdig();
    void cliInfoMatchesSysdig();
    void ownChiselsRun_data();
    void ownChiselsRun();

private:
    QString writeChisel(const QString& name, const QByteArray& body);
    std::vector<std::string> dirs() const;
    RunResult run(const std::vector<std::pair<std::string, std::vector<std::string>>>& chisels, const QString& capture,
                  const std::string& filter = {});
    static QString capture(const QString& name) { return sharedDir() + QStringLiteral("/captures/") + name; }
    static QString sysdig() { return QStandardPaths::findExecutable(QStringLiteral("sysdig")); }

    QTemporaryDir m_dir;
};

void TstChisel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("SYSDIG_CHISEL_DIR", m_dir.path().toUtf8() + '/');
}

QString TstChisel::writeChisel(const QString& name, const QByteArray& body)
{
    QString path = m_dir.filePath(name + QStringLiteral(".lua"));
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(body);
    return path;
}

std::vector<std::string> TstChisel::dirs() const { return {m_dir.path().toStdString(), "/usr/share/sysdig/chisels"}; }

RunResult TstChisel::run(const std::vector<std::pair<std::string, std::vector<std::string>>>& chisels,
                         const QString& cap, const std::string& filter)
{
    RunResult rr{{}, {}, {}};
    chisel::ChiselCatalog catalog(dirs());
    chisel::ChiselRun::Options o;
    o.filter = filter;
    o.sourceName = cap.toStdString();
    chisel::ChiselRun r(
        catalog, makeFields, o, [&](std::string_view t) { rr.out.append(t); },
        [&](std::string_view t) { rr.err.append(t); });
    for (const auto& [name, args] : chisels) {
        auto c = r.add(name);
        if (!c) {
            rr.status = c.error();
            return rr;
        }
        if (!args.empty())
            if (auto a = (*c)->setArgs(args); !a) {
                rr.status = a.error();
                return rr;
            }
    }
    rr.status = r.runFile(cap.toStdString());
    return rr;
}

void TstChisel::describesGlobals()
{
    writeChisel(QStringLiteral("t_globals"), R"(
description = "long text"; short_description = "short"; category = "Test"
args = {{name = "first", description = "one", argtype = "string"},
        {name = "second", description = "two", argtype = "int", optional = true}}
function on_set_arg(n, v) return true end
)");
    chisel::ChiselCatalog catalog(dirs());
    auto info = catalog.info("t_globals");
    QVERIFY2(info.ok(), info.ok() ? "" : info.error().message.c_str());
    QCOMPARE(QString::fromStdString(info->description), QStringLiteral("long text"));
    QCOMPARE(QString::fromStdString(info->shortDescription), QStringLiteral("short"));
    QCOMPARE(QString::fromStdString(info->category), QStringLiteral("Test"));
    QCOMPARE(info->args.size(), size_t(2));
    QCOMPARE(QString::fromStdString(info->args[1].argtype), QStringLiteral("int"));
    QVERIFY(!info->args[0].optional);
    QVERIFY(info->args[1].optional);
    QCOMPARE(info->requiredArgs(), size_t(1));
}

void TstChisel::missingMandatoryArgument()
{
    SYSCOPE_REQUIRE(!sharedDir().isEmpty(), "../shared/captures is not there");
    writeChisel(QStringLiteral("t_needs_arg"), R"(
description = "d"; short_description = "s"; category = "Test"
args = {{name = "what", description = "w", argtype = "string"}}
function on_set_arg(n, v) return true end
)");
    // The core API says how many were required and given...
    chisel::ChiselCatalog catalog(dirs());
    chisel::ChiselRun r(
        catalog, makeFields, {}, [](std::string_view) {}, [](std::string_view) {});
    auto c = r.add("t_needs_arg");
    QVERIFY(c.ok());
    auto a = (*c)->setArgs(std::vector<std::string>{});
    QVERIFY(!a.ok());
    QVERIFY2(a.error().message.find("1 required, 0 given") != std::string::npos, a.error().message.c_str());
    // ...and the command line answers as sysdig does.
    ProcessResult p = runProcess(cliPath(), {QStringLiteral("-r"), capture(QStringLiteral("falco-cat_write.scap")),
                                             QStringLiteral("-c"), QStringLiteral("t_needs_arg")});
    QCOMPARE(p.exitCode, 1);
    QVERIFY2(p.err.contains("missing arguments for chisel t_needs_arg"), p.err.constData());
}

void TstChisel::falseReturnStops_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    const QByteArray head = "description = 'd'; short_description = 's'; category = 'Test'\n"
                            "args = {{name = 'a', description = 'a', argtype = 'string', optional = true}}\n";
    QTest::newRow("on_set_arg") << head + "function on_set_arg(n, v) return false end\n"
                                << QStringLiteral("set_arg() for chisel t_false failed.");
    QTest::newRow("on_init") << head + "function on_set_arg(n, v) return true end\n"
                                       "function on_init() return false end\n"
                             << QStringLiteral("init() for chisel t_false failed.");
    QTest::newRow("on_capture_start") << head + "function on_set_arg(n, v) return true end\n"
                                                "function on_capture_start() return false end\n"
                                      << QStringLiteral("init() for chisel t_false failed.");
}

void TstChisel::falseReturnStops()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    SYSCOPE_REQUIRE(!sharedDir().isEmpty(), "../shared/captures is not there");
    writeChisel(QStringLiteral("t_false"), body + "function on_event() print('event') return true end\n");
    RunResult r = run({{"t_false", {"x"}}}, capture(QStringLiteral("falco-cat_write.scap")));
    QVERIFY(!r.status.ok());
    QCOMPARE(QString::fromStdString(r.status.error().message), message);
    QVERIFY2(r.out.find("event") == std::string::npos, r.out.c_str());
}

void TstChisel::luaErrorNamesFileAndLine()
{
    SYSCOPE_REQUIRE(!sharedDir().isEmpty(), "../shared/captures is not there");
    const QString path = writeChisel(QStringLiteral("t_error"), R"(description = "d"; short_description = "s"
args = {}
local n = 0
function on_event()
  n = n + 1
  if n == 3 then
    local t = nil
    return t.field
  end
  return true
end
)");
    RunResult r = run({{"t_error", {}}}, capture(QStringLiteral("falco-cat_write.scap")));
    QVERIFY(!r.status.ok());
    const QString msg = QString::fromStdString(r.status.error().message);
    QVERIFY2(msg.contains(path + QStringLiteral(":8:")), qPrintable(msg));
    QVERIFY2(msg.contains(QStringLiteral("attempt to index")), qPrintable(msg));
}

void TstChisel::endlessLoopIsCancelled_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("on_event") << QByteArray("function on_event() local x = 0 while true do x = x + 1 end end\n");
    QTest::newRow("on_init") << QByteArray("function on_init() while true do end end\n");
    QTest::newRow("calls into the API") << QByteArray(
        "local f\nfunction on_init() f = chisel.request_field('evt.type') return true end\n"
        "function on_event() while true do local t = evt.field(f) end end\n");
}

void TstChisel::endlessLoopIsCancelled()
{
    QFETCH(QByteArray, body);
    SYSCOPE_REQUIRE(!sharedDir().isEmpty(), "../shared/captures is not there");
    writeChisel(QStringLiteral("t_loop"), "description = 'd'; short_description = 's'\nargs = {}\n" + body);
    chisel::ChiselCatalog catalog(dirs());
    chisel::ChiselRun r(
        catalog, makeFields, {}, [](std::string_view) {}, [](std::string_view) {});
    QVERIFY(r.add("t_loop").ok());
    auto done = std::async(std::launch::async,
                           [&] { return r.runFile(capture(QStringLiteral("falco-cat_write.scap")).toStdString()); });
    QVERIFY(done.wait_for(std::chrono::milliseconds(300)) == std::future_status::timeout);
    QElapsedTimer t;
    t.start();
    r.cancel();
    QVERIFY2(done.wait_for(std::chrono::seconds(10)) == std::future_status::ready, "the chisel did not stop");
    auto status = done.get();
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, ErrorCode::kCancelled);
    QVERIFY(t.elapsed() < 2000);
}

void TstChisel::requireFromChiselDir()
{
    SYSCOPE_REQUIRE(!sharedDir().isEmpty(), "../shared/captures is not there");
    writeChisel(QStringLiteral("t_helper"),
                "local M = {}\nfunction M.greet() return 'hello from helper' end\nreturn M\n");
    writeChisel(QStringLiteral("t_requires"), R"(description = "d"; short_description = "s"; args = {}
local h = require "t_helper"
require "common"
function on_capture_end() print(h.greet() .. " " .. format_bytes(2048)) end
)");
    RunResult r = run({{"t_requires", {}}}, capture(QStringLiteral("falco-cat_write.scap")));
    QVERIFY2(r.status.ok(), r.status.ok() ? "" : r.status.error().message.c_str());
    QCOMPARE(QString::fromStdString(r.out), QStringLiteral("hello from helper 2.00KB\n"));
}

void TstChisel::formatterAndHiddenEvents()
{
    SYSCOPE_REQUIRE(!sharedDir().isEmpty(), "../shared/captures is not there");
    writeChisel(QStringLiteral("t_format"), R"(description = "d"; short_description = "s"; args = {}
local fnum
function on_init()
  fnum = chisel.request_field("evt.num")
  chisel.set_event_formatter("%evt.num %evt.type")
  chisel.set_filter("evt.type=open")
  return true
end
function on_event() return evt.field(fnum) % 2 == 0 end
)");
    RunResult r = run({{"t_format", {}}}, capture(QStringLiteral("falco-open-multiple-files.scap")));
    QVERIFY2(r.status.ok(), r.status.ok() ? "" : r.status.error().message.c_str());
    const QStringList lines = QString::fromStdString(r.out).split('\n', Qt::SkipEmptyParts);
    QVERIFY(!lines.isEmpty());
    for (const QString& l : lines) {
        QVERIFY2(l.endsWith(QStringLiteral(" open")), qPrintable(l));
        QCOMPARE(l.section(' ', 0, 0).toULongLong() % 2, 0ull);
    }
}

void TstChisel::execHandsOver()
{
    SYSCOPE_REQUIRE(!sharedDir().isEmpty(), "../shared/captures is not there");
    writeChisel(QStringLiteral("t_exec_target"), R"(description = "d"; short_description = "s"
args = {{name = "a", description = "a", argtype = "string"}, {name = "b", description = "b", argtype = "string"}}
local got = {}
function on_set_arg(n, v) got[#got + 1] = n .. "=" .. v return true end
function on_init() return true end
function on_capture_end() print(table.concat(got, ";")) end
)");
    writeChisel(QStringLiteral("t_exec"), R"(description = "d"; short_description = "s"; args = {}
function on_init() chisel.exec("t_exec_target", "one", "two words") return true end
)");
    RunResult r = run({{"t_exec", {}}}, capture(QStringLiteral("falco-cat_write.scap")));
    QVERIFY2(r.status.ok(), r.status.ok() ? "" : r.status.error().message.c_str());
    QCOMPARE(QString::fromStdString(r.out), QStringLiteral("a=one;b=two words\n"));
}

// Chisels that print what the runtime does; sysdig running the same script is the reference.
void TstChisel::sameAsSysdig_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QStringList>("extra"); // more command-line words (a second chisel, a filter)
    QTest::addColumn<QString>("captureName");
    QTest::newRow("interval 1s") << QByteArray(R"(
function on_init() chisel.set_interval_s(1) return true end
local n = 0
function on_event() n = n + 1 return true end
function on_interval(s, ns, d) print("interval", s, ns, d, n) n = 0 return true end
function on_capture_end(s, ns, d) print("end", s, ns, d, n) end
)") << QStringList{} << QStringLiteral("bencer-k8s-capture.scap");
    QTest::newRow("precise interval 250ms") << QByteArray(R"(
function on_init() chisel.set_precise_interval_ns(250000000) return true end
function on_interval(s, ns, d) print("tick", s, ns, d) return true end
)") << QStringList{} << QStringLiteral("inspect-502Error.scap");
    QTest::newRow("intervals under a global filter") << QByteArray(R"(
function on_init() chisel.set_interval_s(1) return true end
local n = 0
function on_event() n = n + 1 return true end
function on_interval(s, ns, d) print("interval", s, ns, d, n) return true end
)") << QStringList{QStringLiteral("evt.type=open")} << QStringLiteral("bencer-oss-example4-1.scap");
    QTest::newRow("evt api") << QByteArray(R"(
local c = 0
function on_event()
  c = c + 1
  if c <= 50 then
    local s, ns = evt.get_ts()
    print(evt.get_num(), s, ns, evt.get_type(), evt.get_cpuid())
  end
  return true
end
)") << QStringList{} << QStringLiteral("libs-sample.scap");
    QTest::newRow("sysdig api") << QByteArray(R"(
function on_capture_start()
  local m = sysdig.get_machine_info()
  print(m.num_cpus, m.memory_size_bytes, m.max_pid, m.hostname)
  print(sysdig.get_filter(), sysdig.get_output_format(), sysdig.is_live(), sysdig.is_print_container_data())
  print(sysdig.make_ts(3, 5), sysdig.add_ts("10", "5"), sysdig.subtract_ts("10", "5"))
  return true
end
function on_capture_end(s, ns, d)
  print(sysdig.get_firstevent_ts(), sysdig.get_lastevent_ts(), s, ns, d)
end
)") << QStringList{QStringLiteral("proc.name=curl")}
                                << QStringLiteral("inspect-502Error.scap");
    QTest::newRow("two chisels, own filters") << QByteArray(R"(
local n = 0
function on_init() chisel.set_filter("evt.type=read") return true end
function on_event() n = n + 1 return true end
function on_capture_end() print("reads", n) end
)")
                                              << QStringList{QStringLiteral("-c"), QStringLiteral("fileslower"),
                                                             QStringLiteral("0"), QStringLiteral("proc.name!=cat")}
                                              << QStringLiteral("falco-open-multiple-files.scap");
    QTest::newRow("evt.field at capture end") << QByteArray(R"(
local f
function on_init() f = chisel.request_field("evt.num") return true end
function on_capture_end() print("last", evt.field(f)) end
)") << QStringList{} << QStringLiteral("libs-curl_google.scap");
    QTest::newRow("end_capture") << QByteArray(R"(
local n = 0
function on_event() n = n + 1 if n == 10 then sysdig.end_capture() end return true end
function on_capture_end(s, ns, d) print("stopped after", n, s, ns, d) end
)") << QStringList{} << QStringLiteral("falco-syscall.scap");
}

void TstChisel::sameAsSysdig()
{
    QFETCH(QByteArray, script);
    QFETCH(QStringList, extra);
    QFETCH(QString, captureName);
    SYSCOPE_REQUIRE(!sharedDir().isEmpty(), "../shared/captures is not there");
    SYSCOPE_REQUIRE(!sysdig().isEmpty(), "sysdig is not installed");
    writeChisel(QStringLiteral("t_same"), "description = 'd'; short_description = 's'; args = {}\n" + script);
    const QStringList args =
        QStringList{QStringLiteral("-r"), capture(captureName), QStringLiteral("-c"), QStringLiteral("t_same")} + extra;
    ProcessResult theirs = runProcess(sysdig(), args);
    ProcessResult ours = runProcess(cliPath(), args);
    QCOMPARE(ours.exitCode, theirs.exitCode);
    // get_evtsource_name and friends name the same file; the rest must be byte for byte sysdig's.
    if (ours.out != theirs.out) {
        const auto a = ours.out.split('\n'), b = theirs.out.split('\n');
        for (int i = 0; i < std::min(a.size(), b.size()); ++i)
            if (a[i] != b[i]) {
                qWarning("first difference at line %d:\n ours:   %s\n sysdig: %s", i + 1, a[i].constData(),
                         b[i].constData());
                break;
            }
    }
    QCOMPARE(ours.out, theirs.out);
}

// Several -c, arguments and a filter on one command line: the words go where sysdig puts them.
void TstChisel::cliRunsLikeSysdig_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("captureName");
    QTest::newRow("two chisels") << QStringList{QStringLiteral("-c"), QStringLiteral("iobytes"), QStringLiteral("-c"),
                                                QStringLiteral("fileslower"), QStringLiteral("0")}
                                 << QStringLiteral("bencer-oss-example4-1.scap");
    QTest::newRow("chisel and filter") << QStringList{QStringLiteral("-c"), QStringLiteral("fileslower"),
                                                      QStringLiteral("0"), QStringLiteral("proc.name=curl")}
                                       << QStringLiteral("bencer-oss-example4-1.scap");
    QTest::newRow("optional arg vs filter")
        << QStringList{QStringLiteral("-c"), QStringLiteral("echo_fds"), QStringLiteral("fd.type=file")}
        << QStringLiteral("falco-open-multiple-files.scap");
    QTest::newRow("filter argument") << QStringList{QStringLiteral("-c"), QStringLiteral("lsof"),
                                                    QStringLiteral("fd.type=ipv4")}
                                     << QStringLiteral("bencer-oss-example4-1.scap");
    QTest::newRow("quoted arguments") << QStringList{QStringLiteral("-c"), QStringLiteral("spy_file"),
                                                     QStringLiteral("R /etc/nsswitch.conf")}
                                      << QStringLiteral("bencer-oss-example4-1.scap");
    QTest::newRow("event limit") << QStringList{QStringLiteral("-n"), QStringLiteral("500"), QStringLiteral("-c"),
                                                QStringLiteral("scallslower"), QStringLiteral("0")}
                                 << QStringLiteral("inspect-502Error.scap");
}

void TstChisel::cliRunsLikeSysdig()
{
    QFETCH(QStringList, args);
    QFETCH(QString, captureName);
    SYSCOPE_REQUIRE(!sharedDir().isEmpty(), "../shared/captures is not there");
    SYSCOPE_REQUIRE(!sysdig().isEmpty(), "sysdig is not installed");
    const QStringList all = QStringList{QStringLiteral("-r"), capture(captureName)} + args;
    ProcessResult theirs = runProcess(sysdig(), all);
    ProcessResult ours = runProcess(cliPath(), all);
    QCOMPARE(ours.exitCode, theirs.exitCode);
    QVERIFY(!ours.out.isEmpty());
    QCOMPARE(ours.out, theirs.out);
}

// The GUI runs chisels over an indexed session; the same chisel over the same events prints what the
// streaming run prints.
void TstChisel::sessionRunMatchesFileRun()
{
    SYSCOPE_REQUIRE(!sharedDir().isEmpty(), "../shared/captures is not there");
    const QString cap = capture(QStringLiteral("bencer-oss-example4-1.scap"));
    auto session = Session::open(cap.toStdString());
    QVERIFY(session.ok());
    (*session)->indexNow();
    const std::vector<std::pair<std::string, std::vector<std::string>>> chisels{
        {"iobytes", {}}, {"iobytes_file", {}}, {"fileslower", {"0"}}, {"topscalls_time", {}}};
    for (const auto& [name, args] : chisels) {
        std::string viaSession;
        chisel::ChiselCatalog catalog(dirs());
        chisel::ChiselRun r(
            catalog, makeFields, {}, [&](std::string_view t) { viaSession.append(t); }, [](std::string_view) {});
        auto c = r.add(name);
        QVERIFY(c.ok());
        if (!args.empty())
            QVERIFY((*c)->setArgs(args).ok());
        auto status = r.runSession(**session);
        QVERIFY2(status.ok(), status.ok() ? "" : status.error().message.c_str());
        RunResult viaFile = run({{name, args}}, cap);
        QVERIFY(viaFile.status.ok());
        QVERIFY(!viaFile.out.empty());
        // Rows with equal values come out in Lua's table order, which is not fixed: compare the lines.
        QStringList a = QString::fromStdString(viaSession).split('\n'),
                    b = QString::fromStdString(viaFile.out).split('\n');
        a.sort();
        b.sort();
        QCOMPARE(a, b);
    }
}

void TstChisel::cliListMatchesSysdig()
{
    SYSCOPE_REQUIRE(!sysdig().isEmpty(), "sysdig is not installed");
    // Only the stock chisels: no ./chisels, no user or test directories.
    qputenv("SYSDIG_CHISEL_DIR", "");
    QTemporaryDir home;
    qputenv("HOME", home.path().toUtf8());
    const QString cwd = QDir::currentPath();
    QDir::setCurrent(home.path());
    ProcessResult theirs = runProcess(sysdig(), {QStringLiteral("-cl")});
    ProcessResult ours = runProcess(cliPath(), {QStringLiteral("-cl")});
    QDir::setCurrent(cwd);
    qputenv("SYSDIG_CHISEL_DIR", m_dir.path().toUtf8() + '/');
    QCOMPARE(ours.exitCode, 0);
    QCOMPARE(ours.out, theirs.out);
}

void TstChisel::cliInfoMatchesSysdig()
{
    SYSCOPE_REQUIRE(!sysdig().isEmpty(), "sysdig is not installed");
    QDir stock(QStringLiteral("/usr/share/sysdig/chisels"));
    QStringList names;
    for (const QString& f : stock.entryList({QStringLiteral("*.lua")}, QDir::Files))
        names << f.chopped(4);
    names << QStringLiteral("no_such_chisel");
    int compared = 0;
    for (const QString& name : names) {
        ProcessResult theirs = runProcess(sysdig(), {QStringLiteral("-i"), name});
        ProcessResult ours = runProcess(cliPath(), {QStringLiteral("-i"), name});
        QVERIFY2(ours.out == theirs.out, qPrintable(name));
        QVERIFY2(ours.err == theirs.err, qPrintable(name + QStringLiteral(": ") + QString::fromUtf8(ours.err)));
        QVERIFY2(ours.exitCode == theirs.exitCode, qPrintable(name));
        ++compared;
    }
    QVERIFY(compared > 50);
}

void TstChisel::ownChiselsRun_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("header");
    QTest::newRow("latency") << QStringLiteral("syscope_scall_latency")
                             << QStringLiteral("Latency of all system calls");
    QTest::newRow("dir io") << QStringLiteral("syscope_dir_io") << QStringLiteral("Whole capture");
    QTest::newRow("failed") << QStringLiteral("syscope_failed_syscalls") << QStringLiteral("failed calls");
}

void TstChisel::ownChiselsRun()
{
    QFETCH(QString, name);
    QFETCH(QString, header);
    SYSCOPE_REQUIRE(!sharedDir().isEmpty(), "../shared/captures is not there");
    // Our chisels live in the source tree's chisels/ (installed to share/syscope/chisels); they run the same
    // under sysdig, which checks them against the reference runtime too.
    const QString src = QFileInfo(QStringLiteral(__FILE__)).absolutePath() + QStringLiteral("/../chisels/");
    qputenv("SYSDIG_CHISEL_DIR", src.toUtf8());
    const QStringList args{QStringLiteral("-r"), capture(QStringLiteral("bencer-oss-example4-1.scap")),
                           QStringLiteral("-c"), name};
    ProcessResult ours = runProcess(cliPath(), args);
    ProcessResult theirs = sysdig().isEmpty() ? ProcessResult{} : runProcess(sysdig(), args);
    qputenv("SYSDIG_CHISEL_DIR", m_dir.path().toUtf8() + '/');
    QCOMPARE(ours.exitCode, 0);
    QVERIFY2(ours.out.contains(header.toUtf8()), ours.out.constData());
    if (!sysdig().isEmpty())
        QCOMPARE(ours.out, theirs.out);
}

QTEST_GUILESS_MAIN(TstChisel)
#include "tst_chisel.moc"
