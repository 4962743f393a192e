// SPDX-License-Identifier: GPL-3.0-or-later
// CaptureReader against captures built block by block: every block type and version, v1 nparams
// reconstruction, LARGE length arrays, sections, damage, compression; then every parameter type rendered with
// state loaded from builder metadata.
#include "decode/event_renderer.h"
#include "event_builder.h"
#include "format/block_types.h"
#include "format/capture_reader.h"
#include "format/event_schema.h"
#include "format/mapped_capture.h"
#include "state/state_tracker.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>
#include <zstd.h>

#include <cstring>
#include <string>

using namespace syscope;
using format::CaptureReader;
using format::FdEntry;
using format::FdType;
using format::L4Proto;
using format::RawEvent;
using test::Bytes;
using test::CaptureBuilder;
namespace enc = test::enc;

Q_DECLARE_METATYPE(syscope::format::FdEntry)

namespace {

constexpr uint64_t kTs = 1553620426999999999ULL;

QByteArray qb(const Bytes& b) { return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size())); }

QByteArray qb(std::span<const uint8_t> b)
{
    return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
}

Bytes fromQb(const QByteArray& a) { return Bytes(a.begin(), a.end()); }

std::span<const uint8_t> span(const Bytes& b) { return {b.data(), b.size()}; }

format::MachineInfo machine(const std::string& host = "testhost")
{
    format::MachineInfo m;
    m.numCpus = 8;
    m.memorySizeBytes = 16ULL << 30;
    m.maxPid = 4194304;
    m.hostname = host;
    m.bootTsEpoch = 1690000000000000000ULL;
    return m;
}

// Every field set to something other than its default, so a field a version lacks is visible as a default.
format::ProcEntry fullProc(uint64_t tid, const std::string& comm)
{
    format::ProcEntry p;
    p.tid = tid;
    p.pid = tid;
    p.ptid = 1;
    p.sid = 77;
    p.vpgid = 78;
    p.comm = comm;
    p.exe = "/usr/bin/" + comm;
    p.exepath = "/usr/lib/" + comm;
    p.args = std::string("-c\0echo hi\0", 11);
    p.cwd = "/home/u";
    p.fdlimit = 1048576;
    p.flags = 0x2000;
    p.uid = 1000;
    p.gid = 1001;
    p.vmsizeKb = 38812;
    p.vmrssKb = 4960;
    p.vmswapKb = 740;
    p.pfmajor = 137;
    p.pfminor = 52817;
    p.env = std::string("HOME=/\0PATH=/bin", 16); // no final NUL on purpose: the reader adds it
    p.vtid = int64_t(tid) + 10;
    p.vpid = int64_t(tid) + 20;
    p.cgroups = std::string("cpu=/\0memory=/user\0", 19);
    p.root = "/";
    p.loginuid = 1000;
    p.tty = 34816;
    p.pidnsInitStartTs = 123456789;
    return p;
}

// Reads every event of a capture; the RawEvents point into `bytes`.
struct ReadResult {
    bool opened = false;
    Error openError;
    std::vector<RawEvent> events;
    CaptureReader::Step last = CaptureReader::Step::kEnd;
    Error error;
    uint64_t skipped = 0;
};

ReadResult readAll(std::span<const uint8_t> bytes)
{
    ReadResult r;
    CaptureReader reader(bytes);
    auto o = reader.open();
    if (!o) {
        r.openError = o.error();
        return r;
    }
    r.opened = true;
    RawEvent ev;
    for (;;) {
        auto s = reader.next(ev);
        if (s == CaptureReader::Step::kEvent) {
            r.events.push_back(ev);
            continue;
        }
        if (s == CaptureReader::Step::kNewSection)
            continue;
        r.last = s;
        if (s == CaptureReader::Step::kError)
            r.error = reader.error();
        break;
    }
    r.skipped = reader.skippedUnknown();
    return r;
}

// A minimal capture: SHB, MI, then the events the caller adds.
CaptureBuilder baseCapture()
{
    CaptureBuilder b;
    b.shb().machineInfo(machine());
    return b;
}

Bytes gzipBytes(std::span<const uint8_t> in)
{
    z_stream zs{};
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    Bytes out(deflateBound(&zs, uLong(in.size())) + 64);
    zs.next_in = const_cast<Bytef*>(in.data());
    zs.avail_in = uInt(in.size());
    zs.next_out = out.data();
    zs.avail_out = uInt(out.size());
    int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : Bytes{};
}

Bytes zstdBytes(std::span<const uint8_t> in)
{
    Bytes out(ZSTD_compressBound(in.size()));
    size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3);
    if (ZSTD_isError(n))
        return {};
    out.resize(n);
    return out;
}

bool writeFile(const QString& path, std::span<const uint8_t> bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    return f.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size())) == qint64(bytes.size());
}

// Events with incompressible payloads, so a cut in the compressed file lands well inside the event stream.
CaptureBuilder bigCapture(int events)
{
    CaptureBuilder b = baseCapture();
    uint32_t x = 12345;
    for (int i = 0; i < events; ++i) {
        std::string data(200, '\0');
        for (char& c : data) {
            x = x * 1103515245u + 12345u;
            c = char(x >> 24);
        }
        b.event(format::kBlockEvV2, uint16_t(i % 4), kTs + uint64_t(i), 100, 9, {enc::i64(200), enc::raw(data)});
    }
    return b;
}

void compareEventsWithOriginal(const ReadResult& got, const Bytes& original)
{
    for (const RawEvent& ev : got.events) {
        RawEvent want;
        QVERIFY(CaptureReader::eventAt(span(original), ev.offset, want));
        QCOMPARE(ev.ts, want.ts);
        QCOMPARE(ev.len, want.len);
        QCOMPARE(qb(ev.param(1)), qb(want.param(1)));
    }
}

} // namespace

class TstCaptureReader : public QObject {
    Q_OBJECT

private slots:
    // ---- section header ----
    void sectionHeader_data()
    {
        QTest::addColumn<int>("minor");
        QTest::addColumn<QByteArray>("options");
        QTest::newRow("1.0") << 0 << QByteArray();
        QTest::newRow("1.1") << 1 << QByteArray();
        QTest::newRow("1.2") << 2 << QByteArray();
        QTest::newRow("1.0 with editcap comments")
            << 0 << qb(enc::pcapngComments({"File-level comment", "Editcap (Wireshark) 4.5.0"}));
        QTest::newRow("1.2 with an odd-sized option") << 2 << qb(enc::pcapngComments({"abc"}));
    }
    void sectionHeader()
    {
        QFETCH(int, minor);
        QFETCH(QByteArray, options);
        CaptureBuilder b;
        b.shb(1, uint16_t(minor), fromQb(options));
        b.machineInfo(machine());
        b.event(format::kBlockEv, 1, kTs, 42, 234, {enc::u64(3892), enc::u64(2723)});
        CaptureReader r(span(b.bytes()));
        QVERIFY(r.open().ok());
        QCOMPARE(r.metadata().majorVersion, uint16_t(1));
        QCOMPARE(r.metadata().minorVersion, uint16_t(minor));
        QCOMPARE(r.metadata().sectionOffset, uint64_t(0));
        QCOMPARE(r.metadata().firstEventOffset, b.blockOffsets()[2]);
        QVERIFY(r.metadata().machine.present);
        RawEvent ev;
        QCOMPARE(r.next(ev), CaptureReader::Step::kEvent);
        QCOMPARE(ev.type, uint16_t(234));
        QCOMPARE(r.next(ev), CaptureReader::Step::kEnd);
    }

    void sectionHeaderRejected_data()
    {
        QTest::addColumn<int>("major");
        QTest::addColumn<bool>("badMagic");
        QTest::addColumn<int>("code");
        QTest::newRow("major 2") << 2 << false << int(ErrorCode::kUnsupported);
        QTest::newRow("bad byte-order magic") << 1 << true << int(ErrorCode::kCorrupt);
    }
    void sectionHeaderRejected()
    {
        QFETCH(int, major);
        QFETCH(bool, badMagic);
        QFETCH(int, code);
        CaptureBuilder b;
        b.shb(uint16_t(major), 0);
        b.event(format::kBlockEvV2, 0, kTs, 1, 234, {enc::u64(1), enc::u64(2)});
        Bytes bytes = b.bytes();
        if (badMagic)
            std::swap(bytes[8], bytes[11]);
        CaptureReader r(span(bytes));
        auto o = r.open();
        QVERIFY(!o);
        QCOMPARE(int(o.error().code), code);
        QCOMPARE(o.error().offset, int64_t(0));
    }

    // ---- machine info ----
    void machineInfo_data()
    {
        QTest::addColumn<uint>("blockType");
        QTest::newRow("MI 0x201") << uint(format::kBlockMi);
        QTest::newRow("MI legacy 0x8002ABCD") << uint(format::kBlockMiInt);
    }
    void machineInfo()
    {
        QFETCH(uint, blockType);
        CaptureBuilder b;
        b.shb().machineInfo(machine("a-host-name"), blockType).event(format::kBlockEvV2, 0, kTs, 1, 234, {});
        CaptureReader r(span(b.bytes()));
        QVERIFY(r.open().ok());
        const auto& m = r.metadata().machine;
        QVERIFY(m.present);
        QCOMPARE(m.numCpus, 8u);
        QCOMPARE(m.memorySizeBytes, 16ULL << 30);
        QCOMPARE(m.maxPid, uint64_t(4194304));
        QCOMPARE(m.hostname, std::string("a-host-name"));
        QCOMPARE(m.bootTsEpoch, 1690000000000000000ULL);
        QCOMPARE(b.blockOffsets()[1], uint64_t(28));
        QCOMPARE(b.blockOffsets()[2] - b.blockOffsets()[1], uint64_t(192)); // 8 + 180 + 4, as every sample
    }

    void noMachineInfo()
    {
        CaptureBuilder b;
        b.shb().event(format::kBlockEvV2, 0, kTs, 1, 234, {});
        CaptureReader r(span(b.bytes()));
        QVERIFY(r.open().ok());
        QVERIFY(!r.metadata().machine.present);
        QVERIFY(r.metadata().procs.empty());
    }

    // ---- process lists ----
    void procList_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<bool>("legacy");
        QTest::addColumn<int>("tail");
        for (int v = 1; v <= 8; ++v)
            QTest::addRow("PL_V%d", v) << v << false << 0;
        QTest::newRow("PL_V1 legacy 0x8000ABCD") << 1 << true << 0;
        QTest::newRow("PL_V2 legacy 0x8013ABCD") << 2 << true << 0;
        QTest::newRow("PL_V3 legacy 0x8014ABCD") << 3 << true << 0;
        QTest::newRow("PL_V9 tail 0 (2018)") << 9 << false << 0;
        QTest::newRow("PL_V9 tail 4 (2019, loginuid only)") << 9 << false << 4;
        QTest::newRow("PL_V9 tail 29 (pre-0.10 layout, full)") << 9 << false << 29;
        QTest::newRow("PL_V9 tail 66 (2023)") << 9 << false << 66;
        QTest::newRow("PL_V9 tail 76 (HEAD)") << 9 << false << 76;
    }
    void procList()
    {
        QFETCH(int, version);
        QFETCH(bool, legacy);
        QFETCH(int, tail);
        const auto p1 = fullProc(1, "systemd");
        const auto p2 = fullProc(4242, "bash");
        CaptureBuilder b = baseCapture();
        b.procList(version, {p1, p2}, legacy, tail);
        b.event(format::kBlockEvV2, 0, kTs, 1, 234, {enc::u64(1), enc::u64(2)});
        const uint32_t blockType = format::readLe<uint32_t>(b.bytes().data() + b.blockOffsets()[2]);
        if (legacy)
            QCOMPARE(blockType & 0xffffu, 0xabcdu);

        CaptureReader r(span(b.bytes()));
        auto o = r.open();
        QVERIFY2(o.ok(), o.ok() ? "" : o.error().message.c_str());
        const auto& procs = r.metadata().procs;
        QCOMPARE(procs.size(), size_t(2));
        const int v = version;
        for (size_t i = 0; i < 2; ++i) {
            const auto& want = i == 0 ? p1 : p2;
            const auto& got = procs[i];
            QCOMPARE(got.tid, want.tid);
            QCOMPARE(got.pid, want.pid);
            QCOMPARE(got.ptid, want.ptid);
            QCOMPARE(got.sid, v >= 6 ? want.sid : 0);
            QCOMPARE(got.vpgid, v >= 8 ? want.vpgid : 0);
            QCOMPARE(got.comm, want.comm);
            QCOMPARE(got.exe, want.exe);
            QCOMPARE(got.exepath, v >= 7 ? want.exepath : std::string());
            QCOMPARE(got.args, want.args);
            QCOMPARE(got.cwd, want.cwd);
            QCOMPARE(got.fdlimit, want.fdlimit);
            QCOMPARE(got.flags, want.flags);
            QCOMPARE(got.uid, want.uid);
            QCOMPARE(got.gid, want.gid);
            QCOMPARE(got.vmsizeKb, v >= 2 ? want.vmsizeKb : 0u);
            QCOMPARE(got.vmrssKb, v >= 2 ? want.vmrssKb : 0u);
            QCOMPARE(got.vmswapKb, v >= 2 ? want.vmswapKb : 0u);
            QCOMPARE(got.pfmajor, v >= 2 ? want.pfmajor : 0);
            QCOMPARE(got.pfminor, v >= 2 ? want.pfminor : 0);
            QCOMPARE(got.env, v >= 3 ? want.env + '\0' : std::string());
            QCOMPARE(got.vtid, v >= 4 ? want.vtid : -1);
            QCOMPARE(got.vpid, v >= 4 ? want.vpid : -1);
            QCOMPARE(got.cgroups, v >= 4 ? want.cgroups : std::string());
            QCOMPARE(got.root, v >= 5 ? want.root : std::string());
            QCOMPARE(got.loginuid, v >= 9 && tail >= 4 ? want.loginuid : 0xffffffffu);
            QCOMPARE(got.tty, v >= 9 && tail > 29 ? want.tty : 0u);
            QCOMPARE(got.pidnsInitStartTs, v >= 9 && tail > 29 ? want.pidnsInitStartTs : 0);
        }
        // The entry walk must land exactly on the event.
        RawEvent ev;
        QCOMPARE(r.next(ev), CaptureReader::Step::kEvent);
        QCOMPARE(ev.offset, b.blockOffsets()[3]);
    }

    void procListEntryOverrun()
    {
        CaptureBuilder b = baseCapture();
        format::ProcEntry p = fullProc(1, "init");
        b.procList(9, {p});
        b.event(format::kBlockEvV2, 0, kTs, 1, 234, {});
        Bytes bytes = b.bytes();
        const uint64_t pl = b.blockOffsets()[2];
        // entry_len beyond the block
        uint32_t bad = 5000;
        std::memcpy(bytes.data() + pl + 8, &bad, 4);
        CaptureReader r(span(bytes));
        auto o = r.open();
        QVERIFY(!o);
        QCOMPARE(o.error().code, ErrorCode::kCorrupt);
        QCOMPARE(o.error().offset, int64_t(pl));
        QVERIFY2(QString::fromStdString(o.error().message).contains(QStringLiteral("offset %1").arg(pl)),
                 o.error().message.c_str());
    }

    // ---- fd lists ----
    void fdList_data()
    {
        QTest::addColumn<bool>("v2");
        QTest::addColumn<bool>("legacy");
        QTest::addColumn<bool>("writeDev");
        QTest::addColumn<FdEntry>("entry");

        auto named = [](FdType t, const char* name) {
            FdEntry e;
            e.fd = 7;
            e.ino = 99;
            e.type = t;
            e.name = name;
            return e;
        };
        FdEntry v4;
        v4.fd = 4;
        v4.ino = 5;
        v4.type = FdType::kIpv4Sock;
        v4.sip = {127, 0, 0, 1};
        v4.dip = {10, 1, 2, 3};
        v4.sport = 47192;
        v4.dport = 80;
        v4.l4proto = L4Proto::kTcp;
        FdEntry v6 = v4;
        v6.type = FdType::kIpv6Sock;
        v6.sip = enc::ipv6("2001:db8::4");
        v6.dip = enc::ipv6("2001:db8::3");
        v6.l4proto = L4Proto::kUdp;
        FdEntry s4;
        s4.fd = 3;
        s4.type = FdType::kIpv4ServSock;
        s4.sip = {0, 0, 0, 0};
        s4.sport = 80;
        s4.l4proto = L4Proto::kTcp;
        FdEntry s6 = s4;
        s6.type = FdType::kIpv6ServSock;
        s6.sip = enc::ipv6("::1");
        s6.sport = 1234;
        FdEntry ux = named(FdType::kUnixSock, "/run/systemd/journal/stdout\n");
        ux.unixSource = 0xffff94dc817b9400ULL;
        ux.unixDest = 0xffff94dc817b9800ULL;
        FdEntry f2 = named(FdType::kFileV2, "/dev/null");
        f2.openFlags = 3;
        f2.dev = 0x803;

        struct Row {
            const char* name;
            FdEntry e;
        };
        const Row rows[] = {
            {"file", named(FdType::kFile, "/etc/passwd")},
            {"directory", named(FdType::kDirectory, "/home")},
            {"ipv4 socket", v4},
            {"ipv6 socket", v6},
            {"ipv4 server socket", s4},
            {"ipv6 server socket", s6},
            {"fifo", named(FdType::kFifo, "pipe:[12345]")},
            {"unix socket", ux},
            {"event", named(FdType::kEvent, "anon_inode:[eventfd]")},
            {"unsupported", named(FdType::kUnsupported, "anon_inode:[perf_event]")},
            {"signalfd", named(FdType::kSignalfd, "anon_inode:[signalfd]")},
            {"eventpoll", named(FdType::kEventPoll, "anon_inode:[eventpoll]")},
            {"inotify", named(FdType::kInotify, "anon_inode:inotify")},
            {"timerfd", named(FdType::kTimerfd, "anon_inode:[timerfd]")},
            {"netlink", named(FdType::kNetlink, "")},
            {"FILE_V2", f2},
            {"bpf", named(FdType::kBpf, "anon_inode:bpf-map")},
            {"userfaultfd", named(FdType::kUserfaultfd, "anon_inode:[userfaultfd]")},
            {"io_uring", named(FdType::kIoUring, "anon_inode:[io_uring]")},
            {"memfd", named(FdType::kMemfd, "memfd:x")},
            {"pidfd", named(FdType::kPidfd, "anon_inode:[pidfd]")},
        };
        for (const Row& row : rows) {
            QTest::addRow("FDL %s", row.name) << false << false << true << row.e;
            QTest::addRow("FDL_V2 %s", row.name) << true << false << true << row.e;
        }
        QTest::newRow("FDL legacy 0x8001ABCD file") << false << true << true << named(FdType::kFile, "/x");
        QTest::newRow("FDL_V2 FILE_V2 without dev (2019)") << true << false << false << f2;
    }
    void fdList()
    {
        QFETCH(bool, v2);
        QFETCH(bool, legacy);
        QFETCH(bool, writeDev);
        QFETCH(FdEntry, entry);
        FdEntry other;
        other.fd = 0;
        other.ino = 5;
        other.type = FdType::kFile;
        other.name = "/dev/pts/0";

        CaptureBuilder b = baseCapture();
        b.fdList(v2, 1234, {other, entry, other}, legacy, writeDev);
        b.fdList(v2, 1235, {}, legacy); // a thread without a table of its own: only the tid
        b.event(format::kBlockEvV2, 0, kTs, 1234, 234, {enc::u64(1), enc::u64(2)});
        CaptureReader r(span(b.bytes()));
        auto o = r.open();
        QVERIFY2(o.ok(), o.ok() ? "" : o.error().message.c_str());
        const auto& lists = r.metadata().fdLists;
        QCOMPARE(lists.size(), size_t(2));
        QCOMPARE(lists[0].tid, uint64_t(1234));
        QCOMPARE(lists[1].tid, uint64_t(1235));
        QVERIFY(lists[1].fds.empty());
        QCOMPARE(lists[0].fds.size(), size_t(3));
        QCOMPARE(lists[0].fds[0].name, other.name);
        QCOMPARE(lists[0].fds[2].name, other.name);
        const FdEntry& got = lists[0].fds[1];
        QCOMPARE(got.fd, entry.fd);
        QCOMPARE(got.ino, entry.ino);
        QCOMPARE(int(got.type), int(entry.type));
        QCOMPARE(got.name, entry.name);
        QCOMPARE(got.openFlags, entry.openFlags);
        QCOMPARE(got.dev, v2 && writeDev ? entry.dev : 0u);
        QCOMPARE(got.sip, entry.sip);
        QCOMPARE(got.dip, entry.dip);
        QCOMPARE(got.sport, entry.sport);
        QCOMPARE(got.dport, entry.dport);
        QCOMPARE(int(got.l4proto), int(entry.l4proto));
        QCOMPARE(got.unixSource, entry.unixSource);
        QCOMPARE(got.unixDest, entry.unixDest);
        RawEvent ev;
        QCOMPARE(r.next(ev), CaptureReader::Step::kEvent);
    }

    void fdListUnknownType()
    {
        FdEntry odd;
        odd.fd = 9;
        odd.type = FdType(99);
        odd.name = "whatever";
        FdEntry after;
        after.fd = 10;
        after.type = FdType::kFile;
        after.name = "/after";
        {
            // FDL_V2: the entry length lets the reader step over it, as HEAD does.
            CaptureBuilder b = baseCapture();
            b.fdList(true, 1, {odd, after}).event(format::kBlockEvV2, 0, kTs, 1, 234, {});
            CaptureReader r(span(b.bytes()));
            QVERIFY(r.open().ok());
            const auto& fds = r.metadata().fdLists.at(0).fds;
            QCOMPARE(fds.size(), size_t(2));
            QCOMPARE(int(fds[0].type), int(FdType::kUnsupported));
            QCOMPARE(fds[0].name, std::string("unknown-type:[99]"));
            QCOMPARE(fds[1].name, std::string("/after"));
        }
        {
            // FDL v1 has no entry length: an unknown type cannot be skipped.
            CaptureBuilder b = baseCapture();
            b.fdList(false, 1, {odd, after}).event(format::kBlockEvV2, 0, kTs, 1, 234, {});
            CaptureReader r(span(b.bytes()));
            auto o = r.open();
            QVERIFY(!o);
            QCOMPARE(o.error().code, ErrorCode::kCorrupt);
            QCOMPARE(o.error().offset, int64_t(b.blockOffsets()[2]));
        }
    }

    // ---- interface lists ----
    void interfaceList_data()
    {
        QTest::addColumn<bool>("v2");
        QTest::addColumn<bool>("legacy");
        QTest::addColumn<int>("extra");
        QTest::newRow("IL") << false << false << 0;
        QTest::newRow("IL legacy 0x8011ABCD") << false << true << 0;
        QTest::newRow("IL_V2") << true << false << 0;
        QTest::newRow("IL_V2 with unknown trailing fields") << true << false << 6;
    }
    void interfaceList()
    {
        QFETCH(bool, v2);
        QFETCH(bool, legacy);
        QFETCH(int, extra);
        std::vector<format::InterfaceEntry> ifs;
        for (uint16_t type = 1; type <= 4; ++type) {
            format::InterfaceEntry e;
            e.type = type;
            e.name = type == 1 ? "lo" : "eth" + std::to_string(type);
            const bool v6 = type == 2 || type == 4;
            if (v6) {
                e.addr = enc::ipv6("fe80::1");
                e.netmask = enc::ipv6("ffff:ffff:ffff:ffff::");
                e.bcast = enc::ipv6("fe80::ffff");
            } else {
                e.addr = {127, 0, 0, uint8_t(type)};
                e.netmask = {255, 0, 0, 0};
                e.bcast = {127, 255, 255, 255};
            }
            if (type <= 2)
                e.linkspeed = 1000000000ULL * type;
            ifs.push_back(e);
        }
        CaptureBuilder b = baseCapture();
        b.interfaceList(v2, ifs, legacy, size_t(extra));
        b.event(format::kBlockEvV2, 0, kTs, 1, 234, {});
        CaptureReader r(span(b.bytes()));
        auto o = r.open();
        QVERIFY2(o.ok(), o.ok() ? "" : o.error().message.c_str());
        const auto& got = r.metadata().interfaces;
        QCOMPARE(got.size(), ifs.size());
        for (size_t i = 0; i < ifs.size(); ++i) {
            QCOMPARE(got[i].type, ifs[i].type);
            QCOMPARE(got[i].name, ifs[i].name);
            QCOMPARE(got[i].addr, ifs[i].addr);
            QCOMPARE(got[i].netmask, ifs[i].netmask);
            QCOMPARE(got[i].bcast, ifs[i].bcast);
            QCOMPARE(got[i].linkspeed, ifs[i].linkspeed);
        }
    }

    void interfaceListLaterReplacesEarlier()
    {
        format::InterfaceEntry a;
        a.type = 1;
        a.name = "first";
        format::InterfaceEntry c = a;
        c.name = "second";
        CaptureBuilder b = baseCapture();
        b.interfaceList(true, {a, a}).interfaceList(true, {c});
        b.event(format::kBlockEvV2, 0, kTs, 1, 234, {});
        CaptureReader r(span(b.bytes()));
        QVERIFY(r.open().ok());
        QCOMPARE(r.metadata().interfaces.size(), size_t(1));
        QCOMPARE(r.metadata().interfaces[0].name, std::string("second"));
    }

    // ---- user lists ----
    void userList_data()
    {
        QTest::addColumn<bool>("v2");
        QTest::addColumn<bool>("legacy");
        QTest::newRow("UL") << false << false;
        QTest::newRow("UL legacy 0x8012ABCD") << false << true;
        QTest::newRow("UL_V2") << true << false;
    }
    void userList()
    {
        QFETCH(bool, v2);
        QFETCH(bool, legacy);
        std::vector<format::UserEntry> users{{0, 0, "root", "/root", "/bin/bash"},
                                             {1000, 1000, "alice", "/home/alice", "/bin/zsh"}};
        std::vector<format::GroupEntry> groups{{0, "root"}, {27, "sudo"}, {1000, "alice"}};
        CaptureBuilder b = baseCapture();
        b.userList(v2, users, groups, legacy);
        b.event(format::kBlockEvV2, 0, kTs, 1, 234, {});
        CaptureReader r(span(b.bytes()));
        auto o = r.open();
        QVERIFY2(o.ok(), o.ok() ? "" : o.error().message.c_str());
        const auto& m = r.metadata();
        QCOMPARE(m.users.size(), users.size());
        QCOMPARE(m.groups.size(), groups.size());
        for (size_t i = 0; i < users.size(); ++i) {
            QCOMPARE(m.users[i].uid, users[i].uid);
            QCOMPARE(m.users[i].gid, users[i].gid);
            QCOMPARE(m.users[i].name, users[i].name);
            QCOMPARE(m.users[i].homedir, users[i].homedir);
            QCOMPARE(m.users[i].shell, users[i].shell);
        }
        for (size_t i = 0; i < groups.size(); ++i) {
            QCOMPARE(m.groups[i].gid, groups[i].gid);
            QCOMPARE(m.groups[i].name, groups[i].name);
        }
    }

    // ---- block order and unknown blocks ----
    void unknownBlocksSkipped()
    {
        CaptureBuilder b;
        b.shb();
        b.block(0x12345678, enc::raw("opaque body of a block from the future"));
        b.machineInfo(machine());
        b.block(0x0BADBEEF, {});
        b.procList(9, {fullProc(1, "init")});
        b.event(format::kBlockEvV2, 0, kTs, 1, 234, {});
        CaptureReader r(span(b.bytes()));
        auto o = r.open();
        QVERIFY2(o.ok(), o.ok() ? "" : o.error().message.c_str());
        QVERIFY(r.metadata().machine.present);
        QCOMPARE(r.metadata().procs.size(), size_t(1));
        QCOMPARE(r.metadata().firstEventOffset, b.blockOffsets()[5]);
        RawEvent ev;
        QCOMPARE(r.next(ev), CaptureReader::Step::kEvent);
        QCOMPARE(r.next(ev), CaptureReader::Step::kEnd);
    }

    void metadataBlockAmongEventsIsAnError()
    {
        CaptureBuilder b = baseCapture();
        b.event(format::kBlockEvV2, 0, kTs, 1, 234, {});
        b.procList(9, {fullProc(1, "init")});
        b.event(format::kBlockEvV2, 0, kTs, 1, 234, {});
        auto res = readAll(span(b.bytes()));
        QVERIFY(res.opened);
        QCOMPARE(res.events.size(), size_t(1));
        QCOMPARE(res.last, CaptureReader::Step::kError);
        QCOMPARE(res.error.code, ErrorCode::kCorrupt);
        QCOMPARE(res.error.offset, int64_t(b.blockOffsets()[3]));
        QVERIFY2(QString::fromStdString(res.error.message).contains(QStringLiteral("0x215")),
                 res.error.message.c_str());
    }

    // ---- event blocks ----
    void eventBlocks_data()
    {
        QTest::addColumn<uint>("blockType");
        QTest::addColumn<bool>("v2");
        QTest::addColumn<uint>("flags");
        QTest::newRow("EV 0x204") << uint(format::kBlockEv) << false << 0u;
        QTest::newRow("EV legacy 0x8010ABCD") << uint(format::kBlockEvInt) << false << 0u;
        QTest::newRow("EVF 0x208 state-only") << uint(format::kBlockEvf) << false << 1u;
        QTest::newRow("EVF 0x208 tracer") << uint(format::kBlockEvf) << false << 2u;
        QTest::newRow("EV_V2 0x216") << uint(format::kBlockEvV2) << true << 0u;
        QTest::newRow("EVF_V2 0x217") << uint(format::kBlockEvfV2) << true << 1u;
        QTest::newRow("EV_V2_LARGE 0x221") << uint(format::kBlockEvV2Large) << true << 0u;
        QTest::newRow("EVF_V2_LARGE 0x222") << uint(format::kBlockEvfV2Large) << true << 3u;
    }
    void eventBlocks()
    {
        QFETCH(uint, blockType);
        QFETCH(bool, v2);
        QFETCH(uint, flags);
        CaptureBuilder b = baseCapture();
        // procinfo (234): two u64, a 16-bit length array whatever the block type.
        b.event(blockType, 3, kTs, 1, 234, {enc::u64(3892), enc::u64(2723)}, flags);
        // read exit (7) with an odd-sized buffer, so the block needs padding.
        b.event(blockType, 65535, kTs + 1, uint64_t(-1), 7, {enc::i64(5), enc::raw("hello")}, flags);
        auto res = readAll(span(b.bytes()));
        QVERIFY(res.opened);
        QCOMPARE(res.last, CaptureReader::Step::kEnd);
        QCOMPARE(res.events.size(), size_t(2));
        const uint32_t hdr = v2 ? 26 : 22;

        const RawEvent& a = res.events[0];
        QCOMPARE(a.offset, b.blockOffsets()[2]);
        QCOMPARE(a.cpu, uint16_t(3));
        QCOMPARE(a.ts, kTs);
        QCOMPARE(a.tid, uint64_t(1));
        QCOMPARE(a.type, uint16_t(234));
        QCOMPARE(a.len, hdr + 4 + 16);
        QCOMPARE(a.nparams, 2u);
        QCOMPARE(a.dumpFlags, flags);
        QVERIFY(!a.largeLens);
        QCOMPARE(a.paramLen(0), 8u);
        QCOMPARE(format::readLe<uint64_t>(a.param(0).data()), uint64_t(3892));
        QCOMPARE(format::readLe<uint64_t>(a.param(1).data()), uint64_t(2723));
        QVERIFY(a.param(2).empty());

        const RawEvent& c = res.events[1];
        QCOMPARE(c.offset, b.blockOffsets()[3]);
        QCOMPARE(c.cpu, uint16_t(65535));
        QCOMPARE(c.tid, uint64_t(-1));
        QCOMPARE(c.type, uint16_t(7));
        QCOMPARE(c.nparams, 2u);
        QCOMPARE(c.dumpFlags, flags);
        QCOMPARE(qb(c.param(1)), QByteArray("hello"));
        QCOMPARE(c.len, hdr + 4 + 8 + 5);
        const uint32_t total = format::readLe<uint32_t>(b.bytes().data() + c.offset + 4);
        QCOMPARE(total % 4, 0u);
        const bool flagged =
            blockType == format::kBlockEvf || blockType == format::kBlockEvfV2 || blockType == format::kBlockEvfV2Large;
        QCOMPARE(total, (8 + 2 + (flagged ? 4u : 0u) + c.len + 4 + 3) & ~3u);

        // Random access from an index decodes the same.
        RawEvent again;
        QVERIFY(CaptureReader::eventAt(span(b.bytes()), c.offset, again));
        QCOMPARE(again.ts, c.ts);
        QCOMPARE(qb(again.param(1)), QByteArray("hello"));
        QVERIFY(!CaptureReader::eventAt(span(b.bytes()), 0, again));
        QVERIFY(!CaptureReader::eventAt(span(b.bytes()), b.size(), again));
    }

    void eventTrailingPcapngOptions()
    {
        // editcap leaves comment options after the event inside the block: the event still ends at its length.
        CaptureBuilder b;
        b.shb(1, 0, enc::pcapngComments({"File-level comment"})).machineInfo(machine());
        CaptureBuilder::Event e;
        e.blockType = format::kBlockEv;
        e.ts = kTs;
        e.tid = 7;
        e.type = 3; // open exit
        e.params = {enc::i64(3), enc::str("/etc/hosts"), enc::u32(1), enc::u32(0), enc::u32(0x803)};
        e.trailing = enc::pcapngComments({"a comment on this packet"});
        b.event(e);
        e.trailing = enc::pcapngComments({"odd"});
        b.event(e);
        b.event(format::kBlockEv, 0, kTs + 5, 7, 234, {enc::u64(1), enc::u64(2)});
        auto res = readAll(span(b.bytes()));
        QVERIFY(res.opened);
        QCOMPARE(res.last, CaptureReader::Step::kEnd);
        QCOMPARE(res.events.size(), size_t(3));
        QCOMPARE(res.events[0].nparams, 5u);
        QCOMPARE(qb(res.events[0].param(1)), qb(enc::str("/etc/hosts")));
        QCOMPARE(res.events[1].nparams, 5u);
        QCOMPARE(res.events[2].ts, kTs + 5);
    }

    // ---- v1 nparams reconstruction ----
    void v1Nparams_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QByteArrayList>("params");
        QTest::addColumn<int>("lenDelta");
        QTest::addColumn<int>("nparams");
        auto list = [](std::initializer_list<Bytes> ps) {
            QByteArrayList l;
            for (const Bytes& p : ps)
                l << qb(p);
            return l;
        };
        QTest::newRow("open enter with 0 params (table: 3)") << 2 << QByteArrayList() << 0 << 0;
        QTest::newRow("open enter with 3 params")
            << 2 << list({enc::str("/tmp/file-1"), enc::u32(1), enc::u32(0)}) << 0 << 3;
        QTest::newRow("open enter with 1 param") << 2 << list({enc::str("/tmp/file-1")}) << 0 << 1;
        QTest::newRow("connect enter with 1 param (table: 2)") << 22 << list({enc::i64(3)}) << 0 << 1;
        QTest::newRow("connect enter with 2 params")
            << 22 << list({enc::i64(3), enc::sockaddrV4({127, 0, 0, 1}, 80)}) << 0 << 2;
        QTest::newRow("connect exit (EINPROGRESS)")
            << 23 << list({enc::i64(-115), enc::tupleV4({127, 0, 0, 1}, 47192, {127, 0, 0, 1}, 80)}) << 0 << 2;
        QTest::newRow("open exit with all 5 params")
            << 3 << list({enc::i64(3), enc::str("/x"), enc::u32(1), enc::u32(0), enc::u32(0x803)}) << 0 << 5;
        QTest::newRow("procinfo with zero-length params") << 234 << list({Bytes{}, Bytes{}}) << 0 << 2;
        QTest::newRow("notification stored 3 bytes long (old writers)")
            << 280 << list({enc::str("id1"), enc::str("description")}) << 3 << 2;
        QTest::newRow("infra stored 3 bytes long (old writers)")
            << 286 << list({enc::str("a"), enc::str("b"), enc::str("c"), enc::str("d")}) << 3 << -1;
    }
    void v1Nparams()
    {
        QFETCH(int, type);
        QFETCH(QByteArrayList, params);
        QFETCH(int, lenDelta);
        QFETCH(int, nparams);
        const format::EventInfo* info = format::eventInfo(uint16_t(type));
        QVERIFY(info);
        if (nparams < 0)
            nparams = int(std::min<size_t>(params.size(), info->params.size()));
        CaptureBuilder::Event e;
        e.blockType = format::kBlockEv;
        e.ts = kTs;
        e.tid = 31699;
        e.type = uint16_t(type);
        for (const QByteArray& p : params)
            e.params.push_back(fromQb(p));
        e.lenDelta = lenDelta;
        // Those writers sized the block from the stored length, so the extra bytes are inside the block.
        if (lenDelta > 0)
            e.trailing = Bytes(size_t(lenDelta), 0);
        CaptureBuilder b = baseCapture();
        b.event(e);
        b.event(format::kBlockEv, 0, kTs + 1, 1, 234, {enc::u64(1), enc::u64(2)});
        auto res = readAll(span(b.bytes()));
        QVERIFY(res.opened);
        QVERIFY2(res.last == CaptureReader::Step::kEnd, res.error.message.c_str());
        QCOMPARE(res.events.size(), size_t(2));
        const RawEvent& ev = res.events[0];
        QCOMPARE(int(ev.nparams), nparams);
        for (int i = 0; i < nparams; ++i)
            QCOMPARE(qb(ev.param(uint32_t(i))), params[i]);
        QCOMPARE(res.events[1].nparams, 2u);
    }

    void v1LengthMismatchIsCorrupt()
    {
        CaptureBuilder::Event e;
        e.blockType = format::kBlockEv;
        e.ts = kTs;
        e.type = 2;
        e.params = {enc::str("/tmp/x"), enc::u32(1), enc::u32(0)};
        e.lenDelta = 1; // one byte that no parameter count accounts for
        CaptureBuilder b = baseCapture();
        b.event(format::kBlockEv, 0, kTs, 1, 234, {enc::u64(1), enc::u64(2)});
        b.event(e);
        auto res = readAll(span(b.bytes()));
        QCOMPARE(res.events.size(), size_t(1));
        QCOMPARE(res.last, CaptureReader::Step::kError);
        QCOMPARE(res.error.code, ErrorCode::kCorrupt);
        QCOMPARE(res.error.offset, int64_t(b.blockOffsets()[3]));
    }

    // ---- 32-bit length arrays ----
    void largeLengthArray_data()
    {
        QTest::addColumn<uint>("blockType");
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("size");
        QTest::newRow("container JSON 324 in EV_V2") << uint(format::kBlockEvV2) << 324 << 300;
        QTest::newRow("container JSON 324 in EV_V2_LARGE, 70000 bytes")
            << uint(format::kBlockEvV2Large) << 324 << 70000;
        QTest::newRow("container JSON 324 in EVF_V2_LARGE, 200000 bytes")
            << uint(format::kBlockEvfV2Large) << 324 << 200000;
        QTest::newRow("pluginevent 322 in EV_V2_LARGE") << uint(format::kBlockEvV2Large) << 322 << 100000;
    }
    void largeLengthArray()
    {
        QFETCH(uint, blockType);
        QFETCH(int, type);
        QFETCH(int, size);
        std::string json = "{\"container\":{\"id\":\"0123456789ab\",\"pad\":\"";
        json += std::string(size_t(size) - json.size() - 4, 'x');
        json += "\"}}";
        CaptureBuilder b = baseCapture();
        if (type == 324)
            b.event(blockType, 2, kTs, uint64_t(-1), uint16_t(type), {enc::str(json)}, 1);
        else
            b.event(blockType, 2, kTs, uint64_t(-1), uint16_t(type), {enc::u32(999), enc::raw(json)}, 1);
        b.event(format::kBlockEvV2, 0, kTs + 1, 1, 234, {enc::u64(1), enc::u64(2)});
        auto res = readAll(span(b.bytes()));
        QVERIFY(res.opened);
        QVERIFY2(res.last == CaptureReader::Step::kEnd, res.error.message.c_str());
        QCOMPARE(res.events.size(), size_t(2));
        const RawEvent& ev = res.events[0];
        QVERIFY(ev.largeLens);
        QCOMPARE(ev.type, uint16_t(type));
        const uint32_t dataIdx = type == 324 ? 0 : 1;
        QCOMPARE(ev.nparams, dataIdx + 1);
        QCOMPARE(ev.len, 26 + 4 * ev.nparams + (type == 324 ? uint32_t(json.size() + 1) : 4 + uint32_t(json.size())));
        QCOMPARE(ev.paramLen(dataIdx), uint32_t(json.size() + (type == 324 ? 1 : 0)));
        QCOMPARE(qb(ev.param(dataIdx)).left(qsizetype(json.size())), QByteArray::fromStdString(json));
        const bool flagged = blockType == format::kBlockEvfV2Large;
        QCOMPARE(ev.dumpFlags, flagged ? 1u : 0u);
        QVERIFY(!res.events[1].largeLens);
    }

    // ---- sections ----
    void secondSection()
    {
        CaptureBuilder b;
        b.shb(1, 0).machineInfo(machine("one")).procList(6, {fullProc(1, "init")});
        b.event(format::kBlockEv, 0, kTs, 1, 234, {enc::u64(1), enc::u64(2)});
        const size_t secondShb = b.size();
        b.shb(1, 2).machineInfo(machine("two")).procList(9, {fullProc(2, "kthreadd"), fullProc(3, "bash")});
        b.userList(true, {{0, 0, "root", "/root", "/bin/sh"}}, {});
        b.event(format::kBlockEvV2, 0, kTs + 10, 2, 234, {enc::u64(3), enc::u64(4)});
        b.event(format::kBlockEvV2, 0, kTs + 11, 3, 234, {enc::u64(5), enc::u64(6)});

        CaptureReader r(span(b.bytes()));
        QVERIFY(r.open().ok());
        QCOMPARE(r.metadata().machine.hostname, std::string("one"));
        QCOMPARE(r.metadata().minorVersion, uint16_t(0));
        RawEvent ev;
        QCOMPARE(r.next(ev), CaptureReader::Step::kEvent);
        QCOMPARE(ev.tid, uint64_t(1));
        QCOMPARE(r.next(ev), CaptureReader::Step::kNewSection);
        const auto& m = r.metadata();
        QCOMPARE(m.sectionOffset, uint64_t(secondShb));
        QCOMPARE(m.minorVersion, uint16_t(2));
        QCOMPARE(m.machine.hostname, std::string("two"));
        QCOMPARE(m.procs.size(), size_t(2)); // the first section's table is gone
        QCOMPARE(m.procs[0].tid, uint64_t(2));
        QCOMPARE(m.users.size(), size_t(1));
        QCOMPARE(r.next(ev), CaptureReader::Step::kEvent);
        QCOMPARE(ev.ts, kTs + 10);
        QCOMPARE(r.next(ev), CaptureReader::Step::kEvent);
        QCOMPARE(ev.ts, kTs + 11);
        QCOMPARE(r.next(ev), CaptureReader::Step::kEnd);
    }

    void emptySectionThenAnother()
    {
        CaptureBuilder b;
        b.shb().machineInfo(machine("empty"));
        b.shb().machineInfo(machine("full"));
        b.event(format::kBlockEvV2, 0, kTs, 1, 234, {});
        CaptureReader r(span(b.bytes()));
        QVERIFY(r.open().ok());
        QCOMPARE(r.metadata().machine.hostname, std::string("empty"));
        RawEvent ev;
        QCOMPARE(r.next(ev), CaptureReader::Step::kNewSection);
        QCOMPARE(r.metadata().machine.hostname, std::string("full"));
        QCOMPARE(r.next(ev), CaptureReader::Step::kEvent);
        QCOMPARE(r.next(ev), CaptureReader::Step::kEnd);
    }

    // ---- unknown event types ----
    void unknownEventTypeSkipped()
    {
        CaptureBuilder b = baseCapture();
        b.event(format::kBlockEvV2, 0, kTs, 1, 234, {enc::u64(1), enc::u64(2)});
        b.event(format::kBlockEvV2, 0, kTs + 1, 1, format::kEventIdCount, {enc::u64(1)});
        b.event(format::kBlockEv, 0, kTs + 2, 1, 60000, {enc::u64(1)});
        b.event(format::kBlockEvV2, 0, kTs + 3, 1, 234, {enc::u64(3), enc::u64(4)});
        auto res = readAll(span(b.bytes()));
        QVERIFY(res.opened);
        QCOMPARE(res.last, CaptureReader::Step::kEnd);
        QCOMPARE(res.events.size(), size_t(2));
        QCOMPARE(res.events[1].ts, kTs + 3);
        QCOMPARE(res.skipped, uint64_t(2));
    }

    // ---- damage ----
    void truncatedMetadata_data()
    {
        QTest::addColumn<int>("block"); // index into blockOffsets()
        QTest::addColumn<int>("into");  // bytes into that block where the file ends
        QTest::newRow("inside the SHB") << 0 << 10;
        QTest::newRow("SHB header only") << 0 << 8;
        QTest::newRow("MI header cut (4 bytes)") << 1 << 4;
        QTest::newRow("MI body") << 1 << 50;
        QTest::newRow("MI trailer") << 1 << 190;
        QTest::newRow("PL_V9 body") << 2 << 40;
        QTest::newRow("FDL_V2 body") << 3 << 21;
        QTest::newRow("UL_V2 header") << 4 << 7;
        QTest::newRow("UL_V2 body") << 4 << 12;
    }
    void truncatedMetadata()
    {
        QFETCH(int, block);
        QFETCH(int, into);
        CaptureBuilder b = baseCapture();
        b.procList(9, {fullProc(1, "init"), fullProc(2, "kthreadd")});
        FdEntry f;
        f.fd = 0;
        f.type = FdType::kFile;
        f.name = "/dev/null";
        b.fdList(true, 1, {f, f});
        b.userList(true, {{0, 0, "root", "/root", "/bin/sh"}}, {{0, "root"}});
        b.event(format::kBlockEvV2, 0, kTs, 1, 234, {enc::u64(1), enc::u64(2)});
        const uint64_t cut = b.blockOffsets()[size_t(block)] + uint64_t(into);
        QVERIFY(cut < b.blockOffsets()[size_t(block) + 1]);
        std::span<const uint8_t> bytes(b.bytes().data(), cut);
        CaptureReader r(bytes);
        auto o = r.open();
        QVERIFY(!o);
        QCOMPARE(o.error().code, ErrorCode::kTruncated);
        QCOMPARE(o.error().offset, int64_t(cut));
        const QString msg = QString::fromStdString(o.error().message);
        QVERIFY2(msg.contains(QStringLiteral("truncated at byte %1").arg(cut)), qPrintable(msg));
        QVERIFY2(msg.contains(QStringLiteral("block at offset %1").arg(b.blockOffsets()[size_t(block)])),
                 qPrintable(msg));
    }

    void truncatedEvent_data()
    {
        QTest::addColumn<uint>("blockType");
        QTest::addColumn<int>("into");
        for (uint bt : {uint(format::kBlockEv), uint(format::kBlockEvV2), uint(format::kBlockEvfV2Large)}) {
            const char* name = bt == format::kBlockEv ? "EV" : bt == format::kBlockEvV2 ? "EV_V2" : "EVF_V2_LARGE";
            for (int into : {1, 4, 7, 8, 12, 30, 40})
                QTest::addRow("%s +%d", name, into) << bt << into;
            QTest::addRow("%s trailer", name) << bt << -2;
        }
    }
    void truncatedEvent()
    {
        QFETCH(uint, blockType);
        QFETCH(int, into);
        CaptureBuilder b = baseCapture();
        b.event(blockType, 0, kTs, 1, 3, {enc::i64(3), enc::str("/etc/hosts"), enc::u32(1), enc::u32(0), enc::u32(0)});
        b.event(blockType, 0, kTs + 1, 1, 3,
                {enc::i64(4), enc::str("/etc/passwd"), enc::u32(1), enc::u32(0), enc::u32(0)});
        b.event(blockType, 0, kTs + 2, 1, 3,
                {enc::i64(5), enc::str("/etc/group"), enc::u32(1), enc::u32(0), enc::u32(0)});
        const uint64_t victim = b.blockOffsets()[3];
        const uint64_t cut = into < 0 ? b.blockOffsets()[4] + uint64_t(into) : victim + uint64_t(into);
        QVERIFY(cut > victim && cut < b.blockOffsets()[4]);
        auto res = readAll(std::span<const uint8_t>(b.bytes().data(), cut));
        QVERIFY(res.opened);
        QCOMPARE(res.events.size(), size_t(1));
        QCOMPARE(res.last, CaptureReader::Step::kError);
        QCOMPARE(res.error.code, ErrorCode::kTruncated);
        QCOMPARE(res.error.offset, int64_t(cut));
        const QString msg = QString::fromStdString(res.error.message);
        QVERIFY2(msg.contains(QStringLiteral("truncated at byte %1").arg(cut)), qPrintable(msg));
        QVERIFY2(msg.contains(QStringLiteral("block at offset %1").arg(victim)), qPrintable(msg));
    }

    void corruptBlockLength_data()
    {
        QTest::addColumn<int>("block");
        QTest::addColumn<int>("fieldOffset"); // within the block; -4 = the trailer
        QTest::addColumn<uint>("value");
        QTest::addColumn<bool>("duringOpen");
        QTest::newRow("MI length not a multiple of 4") << 1 << 4 << 193u << true;
        QTest::newRow("MI length below 12") << 1 << 4 << 8u << true;
        QTest::newRow("MI length 0") << 1 << 4 << 0u << true;
        QTest::newRow("MI trailer differs") << 1 << -4 << 196u << true;
        QTest::newRow("MI length shorter than its body") << 1 << 4 << 100u << true;
        QTest::newRow("PL length 12") << 2 << 4 << 12u << true;
        QTest::newRow("event length not a multiple of 4") << 4 << 4 << 61u << false;
        QTest::newRow("event length below 12") << 4 << 4 << 4u << false;
        QTest::newRow("event record longer than its block") << 4 << 8 + 2 + 16 << 4000u << false;
        QTest::newRow("event record shorter than its header") << 4 << 8 + 2 + 16 << 10u << false;
        QTest::newRow("event nparams beyond the record") << 4 << 8 + 2 + 22 << 1000u << false;
        QTest::newRow("event param length beyond the record") << 4 << 8 + 2 + 26 << 0xfff0u << false;
    }
    void corruptBlockLength()
    {
        QFETCH(int, block);
        QFETCH(int, fieldOffset);
        QFETCH(uint, value);
        QFETCH(bool, duringOpen);
        CaptureBuilder b = baseCapture();
        b.procList(9, {fullProc(1, "init")});
        b.event(format::kBlockEvV2, 0, kTs, 1, 234, {enc::u64(1), enc::u64(2)});
        b.event(format::kBlockEvV2, 0, kTs + 1, 1, 234, {enc::u64(1), enc::u64(2)});
        b.event(format::kBlockEvV2, 0, kTs + 2, 1, 234, {enc::u64(1), enc::u64(2)});
        Bytes bytes = b.bytes();
        const uint64_t off = b.blockOffsets()[size_t(block)];
        const uint64_t end =
            size_t(block) + 1 < b.blockOffsets().size() ? b.blockOffsets()[size_t(block) + 1] : bytes.size();
        const uint64_t at = fieldOffset < 0 ? end - 4 : off + uint64_t(fieldOffset);
        const uint32_t v = value;
        std::memcpy(bytes.data() + at, &v, 4);

        CaptureReader r(span(bytes));
        auto o = r.open();
        Error err;
        size_t before = 0;
        if (duringOpen) {
            QVERIFY(!o);
            err = o.error();
        } else {
            QVERIFY2(o.ok(), o.ok() ? "" : o.error().message.c_str());
            RawEvent ev;
            CaptureReader::Step s;
            while ((s = r.next(ev)) == CaptureReader::Step::kEvent)
                ++before;
            QCOMPARE(s, CaptureReader::Step::kError);
            err = r.error();
        }
        QCOMPARE(err.code, ErrorCode::kCorrupt);
        const QString msg = QString::fromStdString(err.message);
        const uint64_t where = off;
        QCOMPARE(err.offset, int64_t(where));
        QVERIFY2(msg.contains(QStringLiteral("offset %1").arg(where)), qPrintable(msg));
        if (!duringOpen && block == 4)
            QCOMPARE(before, size_t(1));
    }

    void notCapture_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("three bytes") << QByteArray("\x0a\x0d\x0d", 3);
        QTest::newRow("text") << QByteArray("Hello, this is not a capture at all\n");
        QTest::newRow("gzip magic (not decompressed here)") << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00", 8);
        QTest::newRow("pcap") << QByteArray("\xd4\xc3\xb2\xa1\x02\x00\x04\x00", 8);
        QTest::newRow("event block first") << qb(CaptureBuilder().event(format::kBlockEvV2, 0, 1, 1, 234, {}).bytes());
    }
    void notCapture()
    {
        QFETCH(QByteArray, bytes);
        Bytes b = fromQb(bytes);
        CaptureReader r(span(b));
        auto o = r.open();
        QVERIFY(!o);
        QCOMPARE(o.error().code, ErrorCode::kNotCapture);
    }

    // ---- compression ----
    void compressed_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("gzip") << QStringLiteral("gzip");
        QTest::newRow("zstd") << QStringLiteral("zstd");
        QTest::newRow("gzip, two members") << QStringLiteral("gzip2");
        QTest::newRow("plain") << QStringLiteral("plain");
    }
    void compressed()
    {
        QFETCH(QString, kind);
        CaptureBuilder b = bigCapture(300);
        const Bytes& plain = b.bytes();
        Bytes file;
        if (kind == QLatin1String("gzip"))
            file = gzipBytes(span(plain));
        else if (kind == QLatin1String("zstd"))
            file = zstdBytes(span(plain));
        else if (kind == QLatin1String("gzip2")) {
            const size_t half = b.blockOffsets()[100];
            file = gzipBytes(std::span<const uint8_t>(plain.data(), half));
            Bytes second = gzipBytes(std::span<const uint8_t>(plain.data() + half, plain.size() - half));
            file.insert(file.end(), second.begin(), second.end());
        } else
            file = plain;
        QVERIFY(!file.empty());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("capture.scap")); // never named .gz: sniffed
        QVERIFY(writeFile(path, span(file)));

        auto cap = format::MappedCapture::open(path.toStdString());
        QVERIFY2(cap.ok(), cap.ok() ? "" : cap.error().message.c_str());
        const auto& mc = **cap;
        const auto want = kind == QLatin1String("zstd")    ? format::Compression::kZstd
                          : kind == QLatin1String("plain") ? format::Compression::kNone
                                                           : format::Compression::kGzip;
        QCOMPARE(int(mc.compression()), int(want));
        QVERIFY2(!mc.decompressError(), mc.decompressError() ? mc.decompressError()->message.c_str() : "");
        QCOMPARE(qb(mc.bytes()), qb(plain));
        auto res = readAll(mc.bytes());
        QVERIFY(res.opened);
        QCOMPARE(res.last, CaptureReader::Step::kEnd);
        QCOMPARE(res.events.size(), size_t(300));
    }

    void truncatedCompressed_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<double>("keep");
        QTest::newRow("gzip, 60%") << QStringLiteral("gzip") << 0.6;
        QTest::newRow("gzip, 20%") << QStringLiteral("gzip") << 0.2;
        QTest::newRow("gzip, trailer missing") << QStringLiteral("gzip") << -4.0;
        QTest::newRow("zstd, 60%") << QStringLiteral("zstd") << 0.6;
    }
    void truncatedCompressed()
    {
        QFETCH(QString, kind);
        QFETCH(double, keep);
        // zstd only hands out whole blocks (up to 128 KiB), so the capture must span several.
        CaptureBuilder b = bigCapture(2000);
        const Bytes& plain = b.bytes();
        Bytes file = kind == QLatin1String("gzip") ? gzipBytes(span(plain)) : zstdBytes(span(plain));
        QVERIFY(file.size() > 1000);
        file.resize(keep < 0 ? file.size() - size_t(-keep) : size_t(double(file.size()) * keep));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("cut.scap"));
        QVERIFY(writeFile(path, span(file)));

        auto cap = format::MappedCapture::open(path.toStdString());
        QVERIFY2(cap.ok(), cap.ok() ? "" : cap.error().message.c_str());
        const auto& mc = **cap;
        QVERIFY(mc.decompressError().has_value());
        QCOMPARE(mc.decompressError()->code, ErrorCode::kTruncated);
        // What was decompressed is a prefix of the original.
        QVERIFY(mc.bytes().size() <= plain.size());
        QVERIFY(mc.bytes().size() > 0);
        QVERIFY(std::memcmp(mc.bytes().data(), plain.data(), mc.bytes().size()) == 0);
        auto res = readAll(mc.bytes());
        QVERIFY(res.opened);
        QVERIFY(!res.events.empty());
        compareEventsWithOriginal(res, plain);
        // Every whole block that came out of the stream is read.
        size_t whole = 0;
        for (size_t i = 2; i < b.blockOffsets().size(); ++i) {
            const uint64_t end = i + 1 < b.blockOffsets().size() ? b.blockOffsets()[i + 1] : plain.size();
            if (end <= mc.bytes().size())
                ++whole;
        }
        QCOMPARE(res.events.size(), whole);
        if (keep < 0)
            QCOMPARE(res.last, CaptureReader::Step::kEnd); // only the gzip trailer is gone
        else if (res.last == CaptureReader::Step::kError)
            QCOMPARE(res.error.code, ErrorCode::kTruncated);
    }

    void garbageAfterGzip()
    {
        CaptureBuilder b = bigCapture(20);
        Bytes file = gzipBytes(span(b.bytes()));
        for (int i = 0; i < 64; ++i)
            file.push_back(uint8_t(i * 7));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("tail.scap"));
        QVERIFY(writeFile(path, span(file)));
        auto cap = format::MappedCapture::open(path.toStdString());
        QVERIFY(cap.ok());
        QCOMPARE(qb((*cap)->bytes()), qb(b.bytes()));
        auto res = readAll((*cap)->bytes());
        QCOMPARE(res.events.size(), size_t(20));
    }

    // ---- parameter rendering ----
    void renderParam_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QByteArrayList>("params");
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("expected");
        auto l = [](std::initializer_list<Bytes> ps) {
            QByteArrayList out;
            for (const Bytes& p : ps)
                out << qb(p);
            return out;
        };
        const auto v6a = enc::ipv6("2001:db8::4"), v6b = enc::ipv6("2001:db8::3");
        const auto m1 = enc::ipv6("::ffff:10.1.2.3"), m2 = enc::ipv6("::ffff:10.1.2.4");
        const std::string longBuf(100, 'a');
        const std::string buf80(80, 'c'), buf81(81, 'd');

        // FD (read enter: fd, size)
        QTest::newRow("FD file from FDL") << 6 << l({enc::i64(3), enc::u32(10)}) << 0 << "3(<f>/tmp/x)";
        QTest::newRow("FD ipv4 tcp from FDL")
            << 6 << l({enc::i64(5), enc::u32(10)}) << 0 << "5(<4t>10.0.0.1:40000->10.0.0.2:80)";
        QTest::newRow("FD directory from FDL") << 6 << l({enc::i64(8), enc::u32(10)}) << 0 << "8(<d>/etc)";
        QTest::newRow("FD unknown") << 6 << l({enc::i64(9), enc::u32(10)}) << 0 << "9";
        QTest::newRow("FD negative errno") << 6 << l({enc::i64(-9), enc::u32(10)}) << 0 << "-9(EBADF)";
        QTest::newRow("UINT32 decimal") << 6 << l({enc::i64(3), enc::u32(4096)}) << 1 << "4096";
        // PID and SIGTYPE (kill enter: pid, sig)
        QTest::newRow("PID known") << 128 << l({enc::i64(200), enc::u8(17)}) << 0 << "200(sleep)";
        QTest::newRow("PID unknown") << 128 << l({enc::i64(999), enc::u8(17)}) << 0 << "999";
        QTest::newRow("SIGTYPE") << 128 << l({enc::i64(200), enc::u8(17)}) << 1 << "17(SIGCHLD)";
        QTest::newRow("SIGTYPE SIGKILL") << 128 << l({enc::i64(200), enc::u8(9)}) << 1 << "9(SIGKILL)";
        // ERRNO (close exit: res)
        QTest::newRow("ERRNO ENOENT") << 5 << l({enc::i64(-2)}) << 0 << "-2(ENOENT)";
        QTest::newRow("ERRNO zero") << 5 << l({enc::i64(0)}) << 0 << "0";
        QTest::newRow("ERRNO positive") << 5 << l({enc::i64(42)}) << 0 << "42";
        // SOCKTUPLE (connect exit: res, tuple)
        QTest::newRow("ERRNO EINPROGRESS")
            << 23 << l({enc::i64(-115), enc::tupleV4({127, 0, 0, 1}, 47192, {127, 0, 0, 1}, 80)}) << 0
            << "-115(EINPROGRESS)";
        QTest::newRow("SOCKTUPLE v4") << 23
                                      << l({enc::i64(-115), enc::tupleV4({127, 0, 0, 1}, 47192, {127, 0, 0, 1}, 80)})
                                      << 1 << "127.0.0.1:47192->127.0.0.1:80";
        QTest::newRow("SOCKTUPLE v6") << 23 << l({enc::i64(0), enc::tupleV6(v6a, 54405, v6b, 1234)}) << 1
                                      << "2001:db8::4:54405->2001:db8::3:1234";
        QTest::newRow("SOCKTUPLE v4-mapped v6")
            << 23 << l({enc::i64(0), enc::tupleV6(m1, 1, m2, 2)}) << 1 << "10.1.2.3:1->10.1.2.4:2";
        QTest::newRow("SOCKTUPLE unix") << 23
                                        << l({enc::i64(0),
                                              enc::tupleUnix(0, 0xffff94dc817b9400ULL, "/var/run/nscd/socket")})
                                        << 1 << "0->ffff94dc817b9400 /var/run/nscd/socket";
        QTest::newRow("SOCKTUPLE empty") << 23 << l({enc::i64(0), Bytes{}}) << 1 << "NULL";
        // SOCKADDR (connect enter: fd, addr)
        QTest::newRow("SOCKADDR v4") << 22 << l({enc::i64(5), enc::sockaddrV4({1, 2, 3, 4}, 80)}) << 1 << "1.2.3.4:80";
        QTest::newRow("SOCKADDR v6") << 22 << l({enc::i64(5), enc::sockaddrV6(v6b, 1234)}) << 1 << "2001:db8::3:1234";
        QTest::newRow("SOCKADDR unix") << 22 << l({enc::i64(4), enc::sockaddrUnix("/tmp/sock")}) << 1 << "/tmp/sock";
        QTest::newRow("SOCKADDR empty") << 22 << l({enc::i64(5), Bytes{}}) << 1 << "NULL";
        // FDLIST, INT64 (poll enter: fds, timeout)
        QTest::newRow("FDLIST") << 80 << l({enc::fdList({{6, 1}, {4, 1}}), enc::i64(1000)}) << 0 << "6:?1 4:u1";
        QTest::newRow("FDLIST flags in hex") << 80 << l({enc::fdList({{3, 0x1c}}), enc::i64(0)}) << 0 << "3:f1c";
        QTest::newRow("FDLIST empty") << 80 << l({enc::fdList({}), enc::i64(0)}) << 0 << "";
        QTest::newRow("INT64 negative") << 80 << l({enc::fdList({}), enc::i64(-1)}) << 1 << "-1";
        // FLAGS32 (openat enter: dirfd, name, flags, mode)
        QTest::newRow("FLAGS32 O_RDONLY|O_CLOEXEC")
            << 102 << l({enc::i64(-100), enc::str("x"), enc::u32(4097), enc::u32(0)}) << 2
            << "4097(O_RDONLY|O_CLOEXEC)";
        QTest::newRow("FLAGS32 exact O_RDWR")
            << 102 << l({enc::i64(-100), enc::str("x"), enc::u32(3), enc::u32(0)}) << 2 << "3(O_RDWR)";
        QTest::newRow("FLAGS32 O_CREAT|O_WRONLY")
            << 102 << l({enc::i64(-100), enc::str("x"), enc::u32(6), enc::u32(0)}) << 2 << "6(O_CREAT|O_WRONLY)";
        QTest::newRow("UINT32 octal") << 102 << l({enc::i64(-100), enc::str("x"), enc::u32(6), enc::u32(0644)}) << 3
                                      << "0644";
        QTest::newRow("UINT32 octal zero")
            << 102 << l({enc::i64(-100), enc::str("x"), enc::u32(6), enc::u32(0)}) << 3 << "0";
        QTest::newRow("CHARBUF") << 102 << l({enc::i64(-100), enc::str("x.txt"), enc::u32(1), enc::u32(0)}) << 1
                                 << "x.txt";
        // RELTIME (nanosleep enter: interval)
        QTest::newRow("RELTIME") << 134 << l({enc::u64(500000000)}) << 0 << "500000000(0.5s)";
        QTest::newRow("RELTIME 2s") << 134 << l({enc::u64(2000000000)}) << 0 << "2000000000(2s)";
        // BYTEBUF (write exit: res, data)
        QTest::newRow("BYTEBUF 100 bytes cut to 80")
            << 9 << l({enc::i64(100), enc::raw(longBuf)}) << 1 << QString(77, QLatin1Char('a')) + "...";
        // sysdig cuts only what is longer than 80: exactly 80 shows whole.
        QTest::newRow("BYTEBUF 81 bytes cut")
            << 9 << l({enc::i64(81), enc::raw(buf81)}) << 1 << QString(77, QLatin1Char('d')) + "...";
        QTest::newRow("BYTEBUF 80 bytes whole")
            << 9 << l({enc::i64(80), enc::raw(buf80)}) << 1 << QString(80, QLatin1Char('c'));
        QTest::newRow("BYTEBUF non-printables as dots")
            << 9 << l({enc::i64(6), enc::raw(std::string("ab\n\0c\xff", 6))}) << 1 << "ab..c.";
        QTest::newRow("BYTEBUF empty") << 9 << l({enc::i64(0), Bytes{}}) << 1 << "";
        // UID / GID (setuid enter, setgid enter)
        QTest::newRow("UID with user name") << 198 << l({enc::u32(1000)}) << 0 << "1000(alice)";
        QTest::newRow("UID root") << 198 << l({enc::u32(0)}) << 0 << "0(root)";
        QTest::newRow("UID unknown") << 198 << l({enc::u32(4242)}) << 0 << "4242";
        QTest::newRow("GID with group name") << 200 << l({enc::u32(1000)}) << 0 << "1000(staff)";
        // FSPATH (open enter: name, flags, mode)
        QTest::newRow("FSPATH absolute") << 2 << l({enc::str("/etc/passwd"), enc::u32(1), enc::u32(0)}) << 0
                                         << "/etc/passwd";
        QTest::newRow("FSPATH relative to cwd")
            << 2 << l({enc::str("x.txt"), enc::u32(1), enc::u32(0)}) << 0 << "x.txt(/home/u/x.txt)";
        // FSRELPATH (openat v2 enter: dirfd, name@0, flags, mode)
        QTest::newRow("FSRELPATH against a directory fd")
            << 306 << l({enc::i64(8), enc::str("hosts"), enc::u32(1), enc::u32(0)}) << 1 << "hosts(/etc/hosts)";
        QTest::newRow("FSRELPATH against AT_FDCWD")
            << 306 << l({enc::i64(-100), enc::str("../y"), enc::u32(1), enc::u32(0)}) << 1 << "../y(/home/y)";
        // MODE (chmod exit: res, filename, mode)
        QTest::newRow("MODE") << 315 << l({enc::i64(0), enc::str("/tmp/f"), enc::u32(0644)}) << 2
                              << "0644(S_IROTH|S_IRGRP|S_IWUSR|S_IRUSR)";
        // UINT64 hex (brk exit: res)
        QTest::newRow("UINT64 hex") << 11 << l({enc::u64(0x7FAD48782000ULL)}) << 0 << "7FAD48782000";
        // SYSCALLID (generic enter: ID, nativeID)
        QTest::newRow("SYSCALLID") << 0 << l({enc::u16(140), enc::u16(186)}) << 0 << "140(gettid)";
        // SIGSET (ppoll enter: fds, timeout, sigmask)
        QTest::newRow("SIGSET") << 254 << l({enc::fdList({}), enc::u64(0), enc::u32((1u << 1) | (1u << 8))}) << 2
                                << "SIGINT SIGKILL";
        // DYN (ptrace exit: res, addr, data)
        QTest::newRow("DYN as UINT64 hex")
            << 169 << l({enc::i64(0), Bytes{0, 0x00, 0x00, 0xff, 0x7f, 0, 0, 0, 0}, Bytes{1, 9}}) << 1 << "7FFF0000";
        QTest::newRow("DYN as SIGTYPE") << 169 << l({enc::i64(0), Bytes{0, 0, 0, 0, 0, 0, 0, 0, 0}, Bytes{1, 9}}) << 2
                                        << "9(SIGKILL)";
    }
    void renderParam()
    {
        QFETCH(int, type);
        QFETCH(QByteArrayList, params);
        QFETCH(int, index);
        QFETCH(QString, expected);

        format::ProcEntry bash = fullProc(100, "bash");
        bash.flags = 0;
        format::ProcEntry sleeper = fullProc(200, "sleep");
        sleeper.flags = 0;
        FdEntry file;
        file.fd = 3;
        file.type = FdType::kFileV2;
        file.openFlags = 1;
        file.name = "/tmp/x";
        FdEntry ux;
        ux.fd = 4;
        ux.type = FdType::kUnixSock;
        ux.unixSource = 0xffff1;
        ux.unixDest = 0xffff2;
        ux.name = "/run/sock";
        FdEntry tcp;
        tcp.fd = 5;
        tcp.type = FdType::kIpv4Sock;
        tcp.sip = {10, 0, 0, 1};
        tcp.dip = {10, 0, 0, 2};
        tcp.sport = 40000;
        tcp.dport = 80;
        tcp.l4proto = L4Proto::kTcp;
        FdEntry dir;
        dir.fd = 8;
        dir.type = FdType::kDirectory;
        dir.name = "/etc";

        CaptureBuilder b = baseCapture();
        b.userList(true, {{0, 0, "root", "/root", "/bin/sh"}, {1000, 1000, "alice", "/home/alice", "/bin/sh"}},
                   {{0, "root"}, {1000, "staff"}});
        b.procList(9, {bash, sleeper});
        b.fdList(true, 100, {file, ux, tcp, dir});
        b.fdList(true, 200, {});
        CaptureBuilder::Event e;
        e.blockType = format::kBlockEvV2;
        e.ts = kTs;
        e.tid = 100;
        e.type = uint16_t(type);
        for (const QByteArray& p : params)
            e.params.push_back(fromQb(p));
        b.event(e);

        CaptureReader r(span(b.bytes()));
        auto o = r.open();
        QVERIFY2(o.ok(), o.ok() ? "" : o.error().message.c_str());
        state::StateTracker tracker;
        tracker.reset(r.metadata());
        RawEvent ev;
        QCOMPARE(r.next(ev), CaptureReader::Step::kEvent);
        QCOMPARE(qsizetype(ev.nparams), params.size());
        const state::EventContext ctx = tracker.apply(ev, 0, span(b.bytes()));
        decode::EventRenderer renderer(tracker, decode::Compat::kSysdig0293);
        std::string out;
        renderer.appendParamValue(out, ev, uint32_t(index), 0, ctx);
        QCOMPARE(QString::fromStdString(out), expected);
    }
};

QTEST_GUILESS_MAIN(TstCaptureReader)
#include "tst_capture_reader.moc"
