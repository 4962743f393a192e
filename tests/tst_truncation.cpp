// SPDX-License-Identifier: GPL-3.0-or-later
// Damaged real captures: cut at many points, or with length fields overwritten. A cut must keep every whole
// event before it and name the byte where the data ends; corruption must never crash (the indexer, the state
// tracker and the renderer all see the damaged events). Finally the CLI on a cut file.
#include "decode/event_renderer.h"
#include "format/block_types.h"
#include "format/capture_reader.h"
#include "format/event_schema.h"
#include "format/mapped_capture.h"
#include "index/indexer.h"
#include "test_support.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <random>
#include <set>
#include <vector>

using namespace syscope;

namespace {

using Bytes = std::vector<uint8_t>;

// A block as found by walking the framing alone, without the reader.
struct Block {
    uint64_t off = 0;
    uint32_t len = 0;
    uint32_t type = 0;
    bool event = false;
    bool v2 = false;
    uint32_t pre = 0;     // bytes between the block header and the event record (cpuid, flags)
    uint16_t evType = 0;  // event blocks only
    uint32_t nparams = 0; // v2 event blocks only
};

std::vector<Block> walkBlocks(const Bytes& bytes)
{
    std::vector<Block> out;
    uint64_t off = 0;
    while (off + 8 <= bytes.size()) {
        Block b;
        b.off = off;
        b.type = format::readLe<uint32_t>(bytes.data() + off);
        b.len = format::readLe<uint32_t>(bytes.data() + off + 4);
        if (b.len < 12 || off + b.len > bytes.size())
            break;
        b.event = format::isEventBlock(b.type);
        if (b.event) {
            const bool flagged =
                b.type == format::kBlockEvf || b.type == format::kBlockEvfV2 || b.type == format::kBlockEvfV2Large;
            b.v2 = b.type == format::kBlockEvV2 || b.type == format::kBlockEvfV2 || b.type == format::kBlockEvV2Large ||
                   b.type == format::kBlockEvfV2Large;
            b.pre = 2 + (flagged ? 4 : 0);
            const uint8_t* e = bytes.data() + off + 8 + b.pre;
            b.evType = format::readLe<uint16_t>(e + 20);
            if (b.v2)
                b.nparams = format::readLe<uint32_t>(e + 22);
        }
        out.push_back(b);
        off += b.len;
    }
    return out;
}

// Events the indexer numbers: the reader skips types beyond the schema, and sysdig 0.29.3 (the default
// compatibility) drops the user/group table events unnumbered.
bool counted(const Block& b)
{
    return b.event && b.evType < format::kEventIdCount && !(b.evType >= 354 && b.evType <= 361);
}

struct Capture {
    QString name;
    Bytes bytes;
    std::vector<Block> blocks;
    uint64_t firstEvent = 0;
};

bool loadCapture(const QString& name, Capture& c)
{
    const QString dir = test::sharedDir();
    if (dir.isEmpty())
        return false;
    const QString path = dir + QStringLiteral("/captures/") + name;
    if (!QFileInfo::exists(path))
        return false;
    auto cap = format::MappedCapture::open(path.toStdString());
    if (!cap || (*cap)->decompressError())
        return false;
    auto b = (*cap)->bytes();
    c.name = name;
    c.bytes.assign(b.begin(), b.end());
    c.blocks = walkBlocks(c.bytes);
    c.firstEvent = c.bytes.size();
    for (const Block& blk : c.blocks)
        if (blk.event) {
            c.firstEvent = blk.off;
            break;
        }
    return true;
}

const QStringList kCaptures{QStringLiteral("falco-cat_write.scap"), QStringLiteral("libs-sample.scap"),
                            QStringLiteral("falco-ping_sendto.scap")};

QByteArray why(const QByteArray& where, const std::string& message)
{
    return where + ": " + QByteArray::fromStdString(message);
}

bool writeFile(const QString& path, const uint8_t* data, size_t n)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(reinterpret_cast<const char*>(data), qint64(n)) == qint64(n);
}

} // namespace

class TstTruncation : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        SYSCOPE_REQUIRE(!test::sharedDir().isEmpty(), "the shared captures directory (../shared) is missing");
    }

    void cuts_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString& n : kCaptures)
            QTest::newRow(qPrintable(n)) << n;
    }
    void cuts()
    {
        QFETCH(QString, name);
        Capture c;
        SYSCOPE_REQUIRE(loadCapture(name, c), "a shared capture is missing");
        const uint64_t size = c.bytes.size();
        QVERIFY(!c.blocks.empty());
        // The independent walk must account for the whole file, or its counts mean nothing.
        QCOMPARE(c.blocks.back().off + c.blocks.back().len, size);

        std::set<uint64_t> boundaries;
        for (const Block& b : c.blocks)
            boundaries.insert(b.off + b.len);

        std::set<uint64_t> cutPoints;
        // Around every block boundary of the first KBs of the file and of the event stream (metadata is most of
        // these files)...
        for (const Block& b : c.blocks) {
            if (b.off > 16384 && (b.off < c.firstEvent || b.off > c.firstEvent + 8192))
                continue;
            for (int d = -3; d <= 3; ++d)
                if (int64_t(b.off) + d > 0)
                    cutPoints.insert(uint64_t(int64_t(b.off) + d));
        }
        // ...and spread over the whole file and over the events (offsets not aligned to anything).
        for (int i = 1; i < 200; ++i) {
            cutPoints.insert(size * uint64_t(i) / 200 + uint64_t(i % 7));
            cutPoints.insert(c.firstEvent + (size - c.firstEvent) * uint64_t(i) / 200 + uint64_t(i % 5));
        }
        for (uint64_t cut :
             {uint64_t(1), uint64_t(3), uint64_t(4), uint64_t(27), c.firstEvent - 1, c.firstEvent + 1, size - 1})
            cutPoints.insert(cut);
        cutPoints.erase(0);
        for (auto it = cutPoints.begin(); it != cutPoints.end();)
            it = *it >= size ? cutPoints.erase(it) : std::next(it);

        int inMetadata = 0, inEvents = 0, onBoundary = 0;
        for (uint64_t cut : cutPoints) {
            const QByteArray where = name.toUtf8() + " cut at " + QByteArray::number(qulonglong(cut));
            std::vector<uint64_t> expectOffsets;
            for (const Block& b : c.blocks)
                if (b.off + b.len <= cut && counted(b))
                    expectOffsets.push_back(b.off);
            const bool boundary = boundaries.count(cut) != 0;

            auto cap = format::MappedCapture::fromMemory(std::span<const uint8_t>(c.bytes.data(), cut));
            index::Indexer ix(*cap, decode::Compat::kSysdig0293);
            auto o = ix.open();
            if (!o) {
                ++inMetadata;
                // Like libscap, open() still reads the header of the first event block: a cut inside those 8
                // bytes fails it too.
                QVERIFY2(cut < c.firstEvent + 8, why(where, o.error().message).constData());
                QVERIFY2(!boundary, why(where, o.error().message).constData());
                if (cut < 4) {
                    QCOMPARE(o.error().code, ErrorCode::kNotCapture);
                    continue;
                }
                QVERIFY2(o.error().code == ErrorCode::kTruncated, why(where, o.error().message).constData());
                QCOMPARE(o.error().offset, int64_t(cut));
                QVERIFY2(
                    QString::fromStdString(o.error().message).contains(QStringLiteral("truncated at byte %1").arg(cut)),
                    why(where, o.error().message).constData());
                continue;
            }
            ix.run();
            QVERIFY2(ix.eventCount() == expectOffsets.size(),
                     (where + ": " + QByteArray::number(qulonglong(ix.eventCount())) + " events, expected " +
                      QByteArray::number(qulonglong(expectOffsets.size())))
                         .constData());
            QCOMPARE(ix.index().size(), uint64_t(expectOffsets.size()));
            for (size_t i = 0; i < expectOffsets.size(); ++i)
                if (ix.index().row(i).offset != expectOffsets[i])
                    QFAIL(
                        (where + ": event " + QByteArray::number(qulonglong(i)) + " at the wrong offset").constData());
            if (boundary) {
                ++onBoundary;
                QVERIFY2(!ix.damage(), why(where, ix.damage() ? ix.damage()->message : std::string()).constData());
                continue;
            }
            ++inEvents;
            QVERIFY2(ix.damage().has_value(), where.constData());
            QCOMPARE(ix.damage()->code, ErrorCode::kTruncated);
            QCOMPARE(ix.damage()->offset, int64_t(cut));
            QVERIFY2(
                QString::fromStdString(ix.damage()->message).contains(QStringLiteral("truncated at byte %1").arg(cut)),
                why(where, ix.damage()->message).constData());
        }
        qInfo("%s: %zu cuts: %d refused at open, %d inside events, %d on block boundaries", qPrintable(name),
              cutPoints.size(), inMetadata, inEvents, onBoundary);
        QVERIFY(inMetadata > 0);
        QVERIFY(inEvents > 100);
        QVERIFY(onBoundary > 0);

        // And the whole file reads clean, with the same count the walk predicts.
        auto cap = format::MappedCapture::fromMemory(std::span<const uint8_t>(c.bytes.data(), size));
        index::Indexer ix(*cap, decode::Compat::kSysdig0293);
        QVERIFY(ix.open().ok());
        ix.run();
        QVERIFY(!ix.damage());
        uint64_t all = 0;
        for (const Block& b : c.blocks)
            all += counted(b) ? 1 : 0;
        QCOMPARE(ix.eventCount(), all);
    }

    void corruption_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString& n : kCaptures)
            QTest::newRow(qPrintable(n)) << n;
    }
    void corruption()
    {
        QFETCH(QString, name);
        Capture c;
        SYSCOPE_REQUIRE(loadCapture(name, c), "a shared capture is missing");

        // Length-like fields: block lengths and trailers, event lengths, types, nparams, parameter lengths.
        struct Target {
            uint64_t at;
            int width;
        };
        std::vector<Target> targets;
        for (const Block& b : c.blocks) {
            targets.push_back({b.off + 4, 4});
            targets.push_back({b.off + b.len - 4, 4});
            if (!b.event)
                continue;
            const uint64_t e = b.off + 8 + b.pre;
            targets.push_back({e + 16, 4});
            targets.push_back({e + 20, 2});
            const uint32_t hdr = b.v2 ? format::kEventHeaderV2 : format::kEventHeaderV1;
            if (b.v2)
                targets.push_back({e + 22, 4});
            const format::EventInfo* info = format::eventInfo(b.evType);
            const uint32_t np = b.v2 ? b.nparams : info ? uint32_t(info->params.size()) : 0;
            const uint32_t lw = info && (info->flags & format::kEfLargePayload) ? 4 : 2;
            for (uint32_t k = 0; k < std::min(np, 4u); ++k)
                if (e + hdr + (k + 1) * lw <= b.off + b.len - 4)
                    targets.push_back({e + hdr + k * lw, int(lw)});
        }
        QVERIFY(targets.size() > 200);

        std::mt19937 rng(20240601);
        const size_t runs = 220;
        int clean = 0, damaged = 0, refused = 0;
        for (size_t i = 0; i < runs; ++i) {
            // Spread over the file, with a random pick inside each stretch of targets.
            const size_t lo = targets.size() * i / runs, hi = targets.size() * (i + 1) / runs;
            const Target t = targets[lo + rng() % std::max<size_t>(1, hi - lo)];
            Bytes bytes = c.bytes;
            uint8_t* p = bytes.data() + t.at;
            switch (i % 6) {
            case 0: p[0] ^= 0xff; break;
            case 1: std::memset(p, 0, size_t(t.width)); break;
            case 2: std::memset(p, 0xff, size_t(t.width)); break;
            case 3: p[0] = uint8_t(p[0] + 1); break;
            case 4: p[0] = uint8_t(p[0] - 4); break;
            default: p[t.width - 1] ^= uint8_t(1 + rng() % 255); break;
            }
            const QByteArray where = name.toUtf8() + " byte " + QByteArray::number(qulonglong(t.at)) + " mutation " +
                                     QByteArray::number(int(i % 6));

            auto cap = format::MappedCapture::fromMemory(std::span<const uint8_t>(bytes.data(), bytes.size()));
            index::Indexer ix(*cap, decode::Compat::kSysdig0293);
            auto o = ix.open();
            if (!o) {
                ++refused;
                QVERIFY2(o.error().offset >= 0 && uint64_t(o.error().offset) <= bytes.size(),
                         why(where, o.error().message).constData());
                continue;
            }
            // Render everything too: state and renderer must cope with whatever the damaged events say.
            decode::EventRenderer renderer(ix.state(), decode::Compat::kSysdig0293);
            std::string line;
            ix.run([&](uint64_t ordinal, const format::RawEvent& ev, const state::EventContext& ctx) {
                line.clear();
                renderer.appendDefaultLine(line, ev, ordinal, ctx);
                return true;
            });
            if (!ix.damage()) {
                ++clean;
                continue;
            }
            ++damaged;
            const Error& d = *ix.damage();
            QVERIFY2(d.code == ErrorCode::kCorrupt || d.code == ErrorCode::kTruncated,
                     why(where, d.message).constData());
            QVERIFY2(d.offset >= 0 && uint64_t(d.offset) <= bytes.size(), why(where, d.message).constData());
            QVERIFY2(QString::fromStdString(d.message).contains(QString::number(d.offset)),
                     why(where, d.message).constData());
        }
        qInfo("%s: %d clean, %d damaged, %d refused at open", qPrintable(name), clean, damaged, refused);
        QVERIFY(damaged + refused > 0);
    }

    void cliOnTruncatedFile()
    {
        Capture c;
        SYSCOPE_REQUIRE(loadCapture(QStringLiteral("libs-sample.scap"), c), "libs-sample.scap is missing");
        SYSCOPE_REQUIRE(QFileInfo::exists(test::cliPath()), "syscope-cli is not built");
        // A cut in the middle of an event block about 60% into the events (most of this file is metadata).
        const uint64_t target = c.firstEvent + (c.bytes.size() - c.firstEvent) * 6 / 10;
        const Block* victim = nullptr;
        for (const Block& b : c.blocks)
            if (b.event && b.off >= target) {
                victim = &b;
                break;
            }
        QVERIFY(victim);
        const uint64_t cut = victim->off + victim->len / 2;

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fullPath = dir.filePath(QStringLiteral("full.scap"));
        const QString cutPath = dir.filePath(QStringLiteral("cut.scap"));
        QVERIFY(writeFile(fullPath, c.bytes.data(), c.bytes.size()));
        QVERIFY(writeFile(cutPath, c.bytes.data(), cut));

        // What should be printed: the shown events among those before the cut.
        auto cap = format::MappedCapture::fromMemory(std::span<const uint8_t>(c.bytes.data(), cut));
        index::Indexer ix(*cap, decode::Compat::kSysdig0293);
        QVERIFY(ix.open().ok());
        decode::EventRenderer renderer(ix.state(), decode::Compat::kSysdig0293);
        int shown = 0;
        ix.run([&](uint64_t, const format::RawEvent& ev, const state::EventContext& ctx) {
            shown += renderer.isShown(ev, ctx) ? 1 : 0;
            return true;
        });
        QVERIFY(shown > 0);

        const auto full = test::runProcess(test::cliPath(), {QStringLiteral("-r"), fullPath});
        QVERIFY(!full.crashed);
        QCOMPARE(full.exitCode, 0);
        const auto part = test::runProcess(test::cliPath(), {QStringLiteral("-r"), cutPath});
        QVERIFY(!part.crashed);
        QVERIFY2(part.exitCode != 0, part.err.constData());
        QVERIFY2(part.err.contains("truncated at byte " + QByteArray::number(qulonglong(cut))), part.err.constData());
        QCOMPARE(int(part.out.count('\n')), shown);
        QVERIFY(part.out.endsWith('\n'));
        QVERIFY2(full.out.startsWith(part.out), "the lines before the damage differ from the undamaged file's");
    }

    void cliOnTruncatedGzipFile()
    {
        SYSCOPE_REQUIRE(!test::sharedDir().isEmpty(), "the shared captures directory is missing");
        SYSCOPE_REQUIRE(QFileInfo::exists(test::cliPath()), "syscope-cli is not built");
        QFile in(test::sharedDir() + QStringLiteral("/captures/falco-ping_sendto.scap"));
        SYSCOPE_REQUIRE(in.open(QIODevice::ReadOnly), "falco-ping_sendto.scap is missing");
        QByteArray gz = in.readAll();
        QVERIFY(gz.startsWith("\x1f\x8b"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cut.scap"));
        QVERIFY(writeFile(path, reinterpret_cast<const uint8_t*>(gz.constData()), size_t(gz.size()) * 7 / 10));
        const auto r = test::runProcess(test::cliPath(), {QStringLiteral("-r"), path});
        QVERIFY(!r.crashed);
        QVERIFY2(r.exitCode != 0, r.err.constData());
        QVERIFY2(r.err.contains("truncated at byte") || r.err.contains("ends early"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TstTruncation)
#include "tst_truncation.moc"
