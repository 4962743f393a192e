// SPDX-License-Identifier: GPL-3.0-or-later
// RowSet and its segments: dense and sparse forms answer ordinalAt / rowOf / lowerBound alike, and a set that
// grows by replacing its last segment keeps its earlier rows.
#include "document/row_set.h"

#include <QtTest>

#include <random>

using namespace syscope::gui;

class TstGuiRowSet : public QObject {
    Q_OBJECT
private slots:
    void segment_data();
    void segment();
    void growth();
};

void TstGuiRowSet::segment_data()
{
    QTest::addColumn<int>("stride");
    QTest::addColumn<int>("span");
    QTest::newRow("every event (dense)") << 1 << 65536;
    QTest::newRow("every 3rd (dense)") << 3 << 65536;
    QTest::newRow("every 100th (sparse)") << 100 << 65536;
    QTest::newRow("short tail") << 2 << 1000;
    QTest::newRow("empty") << 0 << 4096;
}

void TstGuiRowSet::segment()
{
    QFETCH(int, stride);
    QFETCH(int, span);
    const uint64_t begin = 131072;
    RowSetSegment::Builder b(begin);
    std::vector<uint64_t> members;
    for (int i = 0; stride > 0 && i < span; i += stride) {
        b.add(begin + uint64_t(i));
        members.push_back(begin + uint64_t(i));
    }
    auto seg = b.finish(begin + uint64_t(span));
    QCOMPARE(seg->count(), uint32_t(members.size()));
    for (size_t i = 0; i < members.size(); i += 7) {
        QCOMPARE(seg->ordinalAt(uint32_t(i)), members[i]);
        QCOMPARE(seg->rankOf(members[i]), uint32_t(i));
        QVERIFY(seg->contains(members[i]));
    }
    if (stride > 1)
        QVERIFY(!seg->contains(begin + 1));
    std::vector<uint64_t> seen;
    seg->forEach([&](uint64_t o) {
        seen.push_back(o);
        return true;
    });
    QCOMPARE(seen, members);
}

void TstGuiRowSet::growth()
{
    // Three segments, the last one partial, then replaced by a longer version of itself.
    auto make = [](uint64_t b, uint64_t e, int stride) {
        RowSetSegment::Builder sb(b);
        for (uint64_t o = b; o < e; o += uint64_t(stride))
            sb.add(o);
        return sb.finish(e);
    };
    auto s0 = make(0, 65536, 1), s1 = make(65536, 131072, 5), s2 = make(131072, 140000, 2);
    auto set = std::make_shared<const RowSet>(std::vector<RowSet::SegmentPtr>{s0, s1, s2});
    QCOMPARE(set->coveredEnd(), uint64_t(140000));
    const uint64_t size0 = set->size();
    QCOMPARE(size0, uint64_t(65536 + 65536 / 5 + 1 + (140000 - 131072) / 2));
    auto grown = set->replacedFrom(131072, {make(131072, 196608, 2)});
    QCOMPARE(grown->coveredEnd(), uint64_t(196608));
    QVERIFY(grown->size() > size0);
    std::mt19937 rng(1);
    for (int k = 0; k < 2000; ++k) {
        const uint64_t row = rng() % size0;
        QCOMPARE(grown->ordinalAt(row), set->ordinalAt(row));
        QCOMPARE(grown->rowOf(set->ordinalAt(row)).value(), row);
    }
    QCOMPARE(grown->lowerBound(65537), uint64_t(65536 + 1)); // 65540 is the next member of s1
    QCOMPARE(grown->ordinalAt(65537), uint64_t(65541));
    QVERIFY(!grown->rowOf(65537).has_value());
    QCOMPARE(grown->lowerBound(10'000'000), grown->size());
}

QTEST_GUILESS_MAIN(TstGuiRowSet)
#include "tst_gui_row_set.moc"
