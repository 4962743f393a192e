// SPDX-License-Identifier: GPL-3.0-or-later
// CaptureWriter: its bytes equal a capture built block by block as libscap lays it out; what it writes reads
// back through CaptureReader (plain, gzip, zstd, many flushes); a failing write leaves a file that ends with
// a complete block; misuse is an Error; and sysdig 0.29.3 reads a written file, printing what syscope-cli
// prints for it.
#include "event_builder.h"
#include "format/block_types.h"
#include "format/capture_reader.h"
#include "format/capture_writer.h"
#include "format/mapped_capture.h"
#include "test_support.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace syscope;
using format::CaptureMetadata;
using format::CaptureReader;
using format::CaptureWriter;
using format::Compression;
using format::FdEntry;
using format::FdType;
using format::RawEvent;
using test::Bytes;
using test::CaptureBuilder;
namespace enc = test::enc;

Q_DECLARE_METATYPE(syscope::format::Compression)

namespace {

constexpr uint64_t kTs = 1700000000123456789ULL;

CaptureMetadata sampleMetadata()
{
    CaptureMetadata m;
    m.machine.numCpus = 2;
    m.machine.memorySizeBytes = 8ULL << 30;
    m.machine.hostname = "writer-host";
    m.machine.bootTsEpoch = 1699990000000000000ULL;
    m.machine.present = true;

    format::InterfaceEntry lo;
    lo.type = 1;
    lo.name = "lo";
    lo.addr = {127, 0, 0, 1};
    lo.netmask = {255, 0, 0, 0};
    lo.bcast = {127, 0, 0, 1};
    format::InterfaceEntry lo6;
    lo6.type = 2;
    lo6.name = "lo";
    lo6.addr = enc::ipv6("::1");
    m.interfaces = {lo, lo6};

    m.users = {{0, 0, "root", "/root", "/bin/bash"}, {1000, 1000, "u", "/home/u", "/bin/sh"}};
    m.groups = {{0, "root"}, {1000, "u"}};

    format::ProcEntry main;
    main.tid = main.pid = 4242;
    main.ptid = 1;
    main.sid = 4200;
    main.vpgid = 4242;
    main.comm = "worker";
    main.exe = "/usr/bin/worker";
    main.exepath = "/usr/bin/worker";
    main.args = std::string("--fast\0-v\0", 10);
    main.cwd = "/srv";
    main.fdlimit = 1024;
    main.uid = 1000;
    main.gid = 1000;
    main.vmsizeKb = 1000;
    main.vmrssKb = 500;
    main.env = std::string("HOME=/home/u\0", 13);
    main.vtid = 4242;
    main.vpid = 4242;
    main.cgroups = std::string("cpu=/\0", 6);
    main.root = "/";
    main.loginuid = 1000;
    format::ProcEntry thread = main;
    thread.tid = 4243;
    thread.flags = 0x2001; // CLONE_THREAD | CLONE_FILES, as libscap reports non-main threads
    thread.vtid = 4243;
    m.procs = {main, thread};

    FdEntry file;
    file.fd = 3;
    file.ino = 77;
    file.type = FdType::kFileV2;
    file.openFlags = 0x1001;
    file.name = "/srv/data.txt";
    file.dev = 0x801;
    FdEntry sock;
    sock.fd = 4;
    sock.ino = 78;
    sock.type = FdType::kIpv4Sock;
    sock.sip = {127, 0, 0, 1};
    sock.dip = {127, 0, 0, 1};
    sock.sport = 40000;
    sock.dport = 8080;
    sock.l4proto = format::L4Proto::kTcp;
    FdEntry serv;
    serv.fd = 5;
    serv.type = FdType::kIpv4ServSock;
    serv.sip = {0, 0, 0, 0};
    serv.sport = 8080;
    serv.l4proto = format::L4Proto::kTcp;
    FdEntry unixSock;
    unixSock.fd = 6;
    unixSock.type = FdType::kUnixSock;
    unixSock.unixSource = 0xffff888012345678ULL;
    unixSock.name = "/run/x.sock";
    FdEntry pipe;
    pipe.fd = 7;
    pipe.type = FdType::kFifo;
    pipe.name = "pipe:[1234]";
    m.fdLists = {{4242, {file, sock, serv, unixSock, pipe}}, {4243, {}}};
    return m;
}

// The same metadata as CaptureBuilder blocks: the layout current libscap writes.
void addBuilderHeader(CaptureBuilder& b, const CaptureMetadata& m)
{
    b.shb(1, 2).machineInfo(m.machine);
    b.interfaceList(true, m.interfaces);
    b.userList(true, m.users, m.groups);
    b.procList(9, m.procs, false, 4);
    for (const auto& l : m.fdLists)
        b.fdList(true, l.tid, l.fds);
}

struct SampleEvent {
    uint16_t cpu;
    uint64_t ts, tid;
    uint16_t type;
    std::vector<Bytes> params;
    uint32_t flags = 0;
};

std::vector<SampleEvent> sampleEvents()
{
    return {
        {0, kTs, 4242, 306, {enc::i64(-100), enc::str("data.txt"), enc::u32(1), enc::u32(0)}},
        {0,
         kTs + 10,
         4242,
         307,
         {enc::i64(3), enc::i64(-100), enc::str("data.txt"), enc::u32(1), enc::u32(0), enc::u32(0x801)}},
        {1, kTs + 20, 4243, 6, {enc::i64(3), enc::u32(100)}},
        {1, kTs + 30, 4243, 7, {enc::i64(5), enc::raw("hello")}},
        {0, kTs + 40, 4242, 0, {enc::u16(41), enc::u16(110)}},
        {0, kTs + 50, 4242, 1, {enc::u16(41)}},
        {1, kTs + 60, 4243, 4, {enc::i64(3)}, format::kDumpFlagStateOnly}, // an EVF block
        {1, kTs + 70, 4243, 5, {enc::i64(0)}},
        {0, kTs + 80, 4242, 322, {enc::u32(1), enc::raw(std::string(300, 'p'))}}, // 32-bit lengths, LARGE block
    };
}

Result<void> writeSample(CaptureWriter& w, const CaptureMetadata& meta, const std::vector<SampleEvent>& events)
{
    if (auto r = w.writeHeader(meta); !r)
        return r;
    for (const auto& e : events) {
        std::vector<std::span<const uint8_t>> params;
        for (const auto& p : e.params)
            params.emplace_back(p.data(), p.size());
        if (auto r = w.writeEvent(e.cpu, e.ts, e.tid, e.type, params, e.flags); !r)
            return r;
    }
    return {};
}

QByteArray readFileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct ReadBack {
    bool ok = false;
    QString error;
    CaptureMetadata meta;
    std::vector<RawEvent> events;
    std::unique_ptr<format::MappedCapture> capture;
};

ReadBack readBack(const QString& path)
{
    ReadBack rb;
    auto cap = format::MappedCapture::open(path.toStdString());
    if (!cap) {
        rb.error = QString::fromStdString(cap.error().message);
        return rb;
    }
    rb.capture = std::move(*cap);
    if (rb.capture->decompressError()) {
        rb.error = QString::fromStdString(rb.capture->decompressError()->message);
        return rb;
    }
    CaptureReader reader(rb.capture->bytes());
    if (auto o = reader.open(); !o) {
        rb.error = QString::fromStdString(o.error().message);
        return rb;
    }
    rb.meta = reader.metadata();
    RawEvent ev;
    for (;;) {
        auto s = reader.next(ev);
        if (s == CaptureReader::Step::kEvent) {
            rb.events.push_back(ev);
            continue;
        }
        if (s == CaptureReader::Step::kError) {
            rb.error = QString::fromStdString(reader.error().message);
            return rb;
        }
        if (s == CaptureReader::Step::kEnd)
            break;
    }
    rb.ok = true;
    return rb;
}

QByteArray qb(std::span<const uint8_t> b)
{
    return QByteArray(reinterpret_cast<const char*>(b.data()), qsizetype(b.size()));
}

} // namespace

class TstCaptureWriter : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qRegisterMetaType<Compression>();
        // A write past RLIMIT_FSIZE must fail with EFBIG, not kill the test.
        signal(SIGXFSZ, SIG_IGN);
    }

    // Byte for byte what libscap writes (the builder's layout), header and every block type.
    void matchesLibscapLayout()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.scap"));
        const auto meta = sampleMetadata();
        const auto events = sampleEvents();
        CaptureWriter w;
        QVERIFY(w.open(path.toStdString(), Compression::kNone).ok());
        QVERIFY(writeSample(w, meta, events).ok());
        QVERIFY(w.close().ok());
        QCOMPARE(w.eventsWritten(), uint64_t(events.size()));

        CaptureBuilder b;
        addBuilderHeader(b, meta);
        for (const auto& e : events) {
            uint32_t bt = e.type == 322 ? (e.flags ? format::kBlockEvfV2Large : format::kBlockEvV2Large)
                                        : (e.flags ? format::kBlockEvfV2 : format::kBlockEvV2);
            b.event(bt, e.cpu, e.ts, e.tid, e.type, e.params, e.flags);
        }
        const QByteArray ours = readFileBytes(path);
        const QByteArray want = b.toByteArray();
        QCOMPARE(ours.size(), want.size());
        QVERIFY2(ours == want, "the written bytes differ from the libscap layout");
    }

    void roundTrip_data()
    {
        QTest::addColumn<Compression>("compression");
        QTest::addColumn<int>("bufferSize");
        QTest::newRow("plain") << Compression::kNone << (1 << 20);
        QTest::newRow("gzip") << Compression::kGzip << (1 << 20);
        QTest::newRow("zstd") << Compression::kZstd << (1 << 20);
        // A flush after every block: many gzip members / zstd frames, read as one stream.
        QTest::newRow("gzip, a member per block") << Compression::kGzip << 1;
        QTest::newRow("zstd, a frame per block") << Compression::kZstd << 1;
    }
    void roundTrip()
    {
        QFETCH(Compression, compression);
        QFETCH(int, bufferSize);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.scap"));
        const auto meta = sampleMetadata();
        const auto events = sampleEvents();
        CaptureWriter w;
        QVERIFY(w.open(path.toStdString(), compression, CaptureWriter::Options{size_t(bufferSize), 0}).ok());
        QVERIFY(writeSample(w, meta, events).ok());
        QVERIFY(w.close().ok());

        const QByteArray raw = readFileBytes(path);
        QVERIFY(raw.size() > 4);
        if (compression == Compression::kGzip)
            QVERIFY(uint8_t(raw[0]) == 0x1f && uint8_t(raw[1]) == 0x8b);
        if (compression == Compression::kNone)
            QVERIFY(raw.startsWith(QByteArray("\x0a\x0d\x0d\x0a", 4)));

        ReadBack rb = readBack(path);
        QVERIFY2(rb.ok, qPrintable(rb.error));
        QCOMPARE(rb.meta.majorVersion, uint16_t(1));
        QCOMPARE(rb.meta.minorVersion, uint16_t(2));
        QCOMPARE(rb.meta.machine.hostname, std::string("writer-host"));
        QCOMPARE(rb.meta.machine.numCpus, 2u);
        QCOMPARE(rb.meta.machine.bootTsEpoch, meta.machine.bootTsEpoch);
        QCOMPARE(rb.meta.interfaces.size(), size_t(2));
        QCOMPARE(rb.meta.users.size(), size_t(2));
        QCOMPARE(rb.meta.users[1].homedir, std::string("/home/u"));
        QCOMPARE(rb.meta.groups[1].name, std::string("u"));
        QCOMPARE(rb.meta.procs.size(), size_t(2));
        const auto& p = rb.meta.procs[0];
        QCOMPARE(p.comm, std::string("worker"));
        QCOMPARE(p.args, meta.procs[0].args);
        QCOMPARE(p.env, meta.procs[0].env);
        QCOMPARE(p.cgroups, meta.procs[0].cgroups);
        QCOMPARE(p.loginuid, 1000u); // the tail is read with the pre-0.10 rule: loginuid first
        QCOMPARE(rb.meta.procs[1].flags, 0x2001u);
        QCOMPARE(rb.meta.fdLists.size(), size_t(2));
        const auto& fds = rb.meta.fdLists[0].fds;
        QCOMPARE(fds.size(), size_t(5));
        QCOMPARE(fds[0].name, std::string("/srv/data.txt"));
        QCOMPARE(fds[0].openFlags, 0x1001u);
        QCOMPARE(fds[0].dev, 0x801u);
        QCOMPARE(fds[1].dport, uint16_t(8080));
        QCOMPARE(fds[2].type, FdType::kIpv4ServSock);
        QCOMPARE(fds[3].unixSource, 0xffff888012345678ULL);
        QCOMPARE(fds[4].name, std::string("pipe:[1234]"));
        QVERIFY(rb.meta.fdLists[1].fds.empty());

        QCOMPARE(rb.events.size(), events.size());
        for (size_t i = 0; i < events.size(); ++i) {
            const RawEvent& ev = rb.events[i];
            const SampleEvent& want = events[i];
            QCOMPARE(ev.cpu, want.cpu);
            QCOMPARE(ev.ts, want.ts);
            QCOMPARE(ev.tid, want.tid);
            QCOMPARE(ev.type, want.type);
            QCOMPARE(ev.dumpFlags, want.flags);
            QCOMPARE(ev.nparams, uint32_t(want.params.size()));
            for (uint32_t k = 0; k < ev.nparams; ++k)
                QCOMPARE(qb(ev.param(k)), qb(std::span<const uint8_t>(want.params[k])));
        }
    }

    // Events copied from one capture into another keep their bytes (export and merge reuse this).
    void encodedEventsCopy()
    {
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("a.scap")), dst = dir.filePath(QStringLiteral("b.scap"));
        CaptureWriter w;
        QVERIFY(w.open(src.toStdString(), Compression::kNone).ok());
        QVERIFY(writeSample(w, sampleMetadata(), sampleEvents()).ok());
        QVERIFY(w.close().ok());
        ReadBack a = readBack(src);
        QVERIFY(a.ok);

        CaptureWriter copy;
        QVERIFY(copy.open(dst.toStdString(), Compression::kGzip).ok());
        QVERIFY(copy.writeHeader(a.meta).ok());
        for (const RawEvent& ev : a.events) {
            std::span<const uint8_t> bytes(ev.lens - format::kEventHeaderV2, ev.len);
            QVERIFY(copy.writeEncodedEvent(ev.cpu, bytes, ev.dumpFlags).ok());
        }
        QVERIFY(copy.close().ok());
        ReadBack b = readBack(dst);
        QVERIFY2(b.ok, qPrintable(b.error));
        QCOMPARE(b.events.size(), a.events.size());
        for (size_t i = 0; i < a.events.size(); ++i) {
            QCOMPARE(b.events[i].dumpFlags, a.events[i].dumpFlags);
            QCOMPARE(qb({b.events[i].lens - format::kEventHeaderV2, b.events[i].len}),
                     qb({a.events[i].lens - format::kEventHeaderV2, a.events[i].len}));
        }
    }

    // A write that fails (here: past the file size limit, as a full disk would) is an Error, later calls
    // report the same Error, and the file holds complete blocks only: everything flushed before reads back.
    void writeErrorLeavesCompleteFile_data()
    {
        QTest::addColumn<Compression>("compression");
        QTest::newRow("plain") << Compression::kNone;
        QTest::newRow("gzip") << Compression::kGzip;
        QTest::newRow("zstd") << Compression::kZstd;
    }
    void writeErrorLeavesCompleteFile()
    {
        QFETCH(Compression, compression);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("full.scap"));
        rlimit old{};
        QVERIFY(getrlimit(RLIMIT_FSIZE, &old) == 0);
        rlimit small = old;
        small.rlim_cur = 200 * 1024;
        QVERIFY(setrlimit(RLIMIT_FSIZE, &small) == 0);

        CaptureWriter w;
        QVERIFY(w.open(path.toStdString(), compression, CaptureWriter::Options{16 * 1024, 1}).ok());
        Result<void> r = w.writeHeader(sampleMetadata());
        QVERIFY(r.ok());
        uint32_t x = 7;
        uint64_t written = 0;
        for (int i = 0; i < 100000 && r.ok(); ++i) {
            std::string data(200, '\0');
            for (char& c : data) { // incompressible, so that compression does not postpone the limit
                x = x * 1103515245u + 12345u;
                c = char(x >> 24);
            }
            Bytes res = enc::i64(200), buf = enc::raw(data);
            std::span<const uint8_t> params[] = {res, buf};
            r = w.writeEvent(0, kTs + uint64_t(i), 4242, 7, params);
            if (r.ok())
                ++written;
        }
        setrlimit(RLIMIT_FSIZE, &old);
        QVERIFY2(!r.ok(), "the size limit was never reached");
        QCOMPARE(r.error().code, ErrorCode::kIo);
        QVERIFY(w.failure().has_value());
        Bytes res = enc::i64(0);
        std::span<const uint8_t> params[] = {res};
        QVERIFY(!w.writeEvent(0, kTs, 1, 5, params).ok());
        QVERIFY(!w.close().ok());

        ReadBack rb = readBack(path);
        QVERIFY2(rb.ok, qPrintable(rb.error));
        QVERIFY(rb.events.size() > 100);
        QVERIFY(rb.events.size() <= written);
        for (size_t i = 0; i < rb.events.size(); ++i)
            QCOMPARE(rb.events[i].ts, kTs + i);
    }

    void misuseIsAnError()
    {
        QTemporaryDir dir;
        CaptureWriter w;
        Bytes p0 = enc::i64(3);
        std::span<const uint8_t> params[] = {p0};
        QVERIFY(!w.writeEvent(0, kTs, 1, 4, params).ok()); // not open
        QVERIFY(w.open(dir.filePath(QStringLiteral("m.scap")).toStdString(), Compression::kNone).ok());
        auto early = w.writeEvent(0, kTs, 1, 4, params);
        QVERIFY(!early.ok());
        QCOMPARE(early.error().code, ErrorCode::kInvalidArgument);
        QVERIFY(w.writeHeader(sampleMetadata()).ok());
        QVERIFY(!w.writeHeader(sampleMetadata()).ok());
        Bytes big(70000, 'x');
        std::span<const uint8_t> bigParams[] = {big};
        QVERIFY(!w.writeEvent(0, kTs, 1, 7, bigParams).ok()); // 16-bit lengths
        Bytes shortEvent(10, 0);
        QVERIFY(!w.writeEncodedEvent(0, shortEvent).ok());
        QVERIFY(w.writeEvent(0, kTs, 1, 4, params).ok());
        QVERIFY(w.close().ok());
        QVERIFY(w.close().ok()); // twice is fine
        QVERIFY(!w.open(QStringLiteral("/nonexistent-dir/x.scap").toStdString(), Compression::kNone).ok());
    }

    // sysdig 0.29.3 reads what the writer wrote, gzip included, and prints what syscope-cli prints.
    void sysdigReadsWrittenFile_data()
    {
        QTest::addColumn<Compression>("compression");
        QTest::newRow("plain") << Compression::kNone;
        QTest::newRow("gzip") << Compression::kGzip;
    }
    void sysdigReadsWrittenFile()
    {
        QFETCH(Compression, compression);
        const QString sysdig = QStandardPaths::findExecutable(QStringLiteral("sysdig"));
        SYSCOPE_REQUIRE(!sysdig.isEmpty(), "sysdig is not installed (apt-get install --no-install-recommends sysdig)");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("s.scap"));
        auto events = sampleEvents();
        events.pop_back(); // sysdig prints plugin events its own way; the rest is the point here
        CaptureWriter w;
        QVERIFY(w.open(path.toStdString(), compression, CaptureWriter::Options{64, 0}).ok());
        QVERIFY(writeSample(w, sampleMetadata(), events).ok());
        QVERIFY(w.close().ok());

        test::ProcessResult theirs = test::runProcess(sysdig, {QStringLiteral("-r"), path});
        QVERIFY2(theirs.exitCode == 0 && !theirs.crashed, theirs.err.constData());
        const QByteArray out = theirs.out;
        QVERIFY2(out.contains("worker (4242) > openat dirfd=-100"), out.constData());
        QVERIFY2(out.contains("< openat fd=3(<f>/srv/data.txt) dirfd=-100"), out.constData());
        QVERIFY2(out.contains("worker (4243) < read res=5 data=hello"), out.constData());
        QVERIFY2(out.contains("> getppid"), out.constData());
        QVERIFY2(!out.contains("> close fd=3"), out.constData()); // state-only (EVF) events are not shown
        QVERIFY2(out.contains("< close res=0"), out.constData());

        test::ProcessResult ours = test::runProcess(test::cliPath(), {QStringLiteral("-r"), path});
        QCOMPARE(ours.exitCode, 0);
        QCOMPARE(ours.out, out);
    }
};

QTEST_GUILESS_MAIN(TstCaptureWriter)
#include "tst_capture_writer.moc"
