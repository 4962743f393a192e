// SPDX-License-Identifier: GPL-3.0-or-later
// The stock sysdig chisels, run unchanged by syscope-cli, against the real sysdig 0.29.3 on every shared capture
// it reads: `sysdig -r F -c CHISEL ARGS` and `syscope-cli -r F -c CHISEL ARGS` must print the same, up to the
// row order sysdig itself leaves open (../shared/tools/chisel_equiv.py decides). Pairs that differ for a known
// reason are listed below with it (and in docs/compatibility.md); any other difference fails the test. The
// identical-pair rate is printed at the end.
#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace syscope::test;

namespace {

// Every stock chisel that runs on a capture file, with the arguments it needs.
const char* const kChisels[] = {
    "topprocs_cpu",
    "topprocs_errors",
    "topprocs_file",
    "topprocs_net",
    "topfiles_bytes",
    "topfiles_errors",
    "topfiles_time",
    "topscalls",
    "topscalls_time",
    "topconns",
    "topports_server",
    "topcontainers_cpu",
    "topcontainers_error",
    "topcontainers_file",
    "topcontainers_net",
    "fdbytes_by fd.name",
    "fdbytes_by proc.name",
    "fdcount_by proc.name",
    "fdcount_by fd.type",
    "fdtime_by fd.name",
    "iobytes",
    "iobytes_file",
    "iobytes_net",
    "spy_file",
    "lsof",
    "ps",
    "netstat",
    "echo_fds",
    "stdout",
    "stderr",
    "stdin",
    "fileslower 0",
    "scallslower 1",
    "netlower 0",
    "httplog",
    "httptop",
    "proc_exec_time",
    "bottlenecks",
    "list_login_shells",
    "lscontainers",
    "spy_users",
    "shellshock_detect",
    "spy_port 80",
    "spy_ip 127.0.0.1",
    "spy_syslog",
    "spy_logs",
    "memcachelog",
};

// Differences with a known cause outside the chisel runtime. Capture "*" means every capture.
struct KnownDifference {
    const char* chisel;
    const char* capture;
    const char* reason;
};
const KnownDifference kKnown[] = {
    {"ps", "inspect-502Error",
     "thread state after a clone: sysdig shows the parent as an empty entry and the child with the parent's "
     "memory sizes"},
    {"ps", "bencer-oss-example4-1",
     "the first event is a switch whose vm_size/vm_rss sysdig applies to the thread; syscope keeps the proc "
     "table's sizes"},
    {"topconns", "inspect-502Error",
     "a UDP socket that sendto()s without connect(): sysdig names it from the local interface and the "
     "destination, syscope from 127.0.0.1"},
    {"fdbytes_by fd.name", "inspect-502Error", "as topconns: the name of an unconnected UDP socket"},
    {"fdtime_by fd.name", "inspect-502Error", "as topconns: the name of an unconnected UDP socket"},
    {"echo_fds", "inspect-502Error", "as topconns: the name of an unconnected UDP socket"},
    {"spy_ip 127.0.0.1", "inspect-502Error", "as topconns: the unconnected UDP socket's addresses decide the match"},
    {"echo_fds", "bencer-k8s-capture",
     "DNS over unconnected UDP sockets (skydns): sysdig rewrites the local port from the peer's tuple"},
    {"fdcount_by proc.name", "bencer-k8s-capture", "as echo_fds: skydns' UDP socket names"},
    {"fdcount_by fd.type", "bencer-k8s-capture", "as echo_fds: skydns' UDP socket names"},
};

const KnownDifference* known(const QString& chisel, const QString& capture)
{
    for (const auto& k : kKnown)
        if (chisel == QLatin1String(k.chisel) &&
            (QLatin1String(k.capture) == QLatin1String("*") || capture == QLatin1String(k.capture)))
            return &k;
    return nullptr;
}

} // namespace

class TstChiselGolden : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void sameAsSysdig_data();
    void sameAsSysdig();
    void cleanupTestCase();

private:
    static QString sysdig() { return QStandardPaths::findExecutable(QStringLiteral("sysdig")); }
    QTemporaryDir m_dir;
    int m_pairs = 0, m_identical = 0, m_equivalent = 0, m_known = 0;
    QStringList m_fixed;
};

void TstChiselGolden::initTestCase()
{
    SYSCOPE_REQUIRE(!sharedDir().isEmpty(), "../shared/captures is not there");
    SYSCOPE_REQUIRE(!sysdig().isEmpty(), "sysdig is not installed");
    SYSCOPE_REQUIRE(!QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty(), "python3 is missing");
    QVERIFY(m_dir.isValid());
    // Only the stock chisels: the search path must not pick up ./chisels or a user's own.
    qputenv("SYSDIG_CHISEL_DIR", "");
    qputenv("HOME", m_dir.path().toUtf8());
}

void TstChiselGolden::sameAsSysdig_data()
{
    QTest::addColumn<QString>("capture");
    QTest::addColumn<QString>("chisel");
    for (const QString& cap : sharedCaptures()) {
        const QString base = QFileInfo(cap).completeBaseName();
        // sysdig 0.29.3 cannot read these: the newer event layout, and pcapng options (see MANIFEST.md).
        if (base.startsWith(QLatin1String("modern-")) || base == QLatin1String("libs-curl_google_comments"))
            continue;
        for (const char* c : kChisels)
            QTest::addRow("%s %s", qPrintable(base), c) << cap << QString::fromLatin1(c);
    }
}

void TstChiselGolden::sameAsSysdig()
{
    QFETCH(QString, capture);
    QFETCH(QString, chisel);
    const QString base = QFileInfo(capture).completeBaseName();
    QStringList args{QStringLiteral("-r"), capture, QStringLiteral("-c")};
    args += chisel.split(' ');
    ProcessResult theirs = runProcess(sysdig(), args);
    ProcessResult ours = runProcess(cliPath(), args);
    QVERIFY2(!ours.crashed, ours.err.constData());
    ++m_pairs;
    bool equivalent = ours.out == theirs.out;
    QByteArray verdict = "identical";
    if (equivalent) {
        ++m_identical;
    } else {
        const QString slug = QString(base + QLatin1Char('.') + chisel)
                                 .replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
        const QString a = m_dir.filePath(slug + QStringLiteral(".ours")),
                      b = m_dir.filePath(slug + QStringLiteral(".sysdig"));
        for (const auto& [path, data] : {std::pair{a, ours.out}, std::pair{b, theirs.out}}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(data);
        }
        ProcessResult eq =
            runProcess(QStringLiteral("python3"), {sharedDir() + QStringLiteral("/tools/chisel_equiv.py"), a, b});
        equivalent = eq.exitCode == 0;
        verdict = eq.out.trimmed();
    }
    if (equivalent)
        ++m_equivalent;
    const KnownDifference* k = known(chisel, base);
    if (!equivalent && k) {
        ++m_known;
        QSKIP(qPrintable(QStringLiteral("known difference: ") + QString::fromLatin1(k->reason)));
    }
    if (equivalent && k)
        m_fixed << base + QLatin1Char(' ') + chisel;
    QVERIFY2(equivalent, verdict.constData());
}

void TstChiselGolden::cleanupTestCase()
{
    if (m_pairs == 0)
        return;
    qInfo("chisel/capture pairs: %d; byte-identical %d; same output (up to sysdig's own ordering) %d = %.1f%%; "
          "known differences %d",
          m_pairs, m_identical, m_equivalent, 100.0 * m_equivalent / m_pairs, m_known);
    for (const QString& f : m_fixed)
        qInfo("now the same as sysdig, drop it from the known differences: %s", qPrintable(f));
}

QTEST_GUILESS_MAIN(TstChiselGolden)
#include "tst_chisel_golden.moc"
