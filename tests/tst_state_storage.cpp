// SPDX-License-Identifier: GPL-3.0-or-later
// The compact storage under the state tracker's versions: shared strings, the interner that deduplicates them,
// and version histories with 32-bit ordinals, including ordinals past 2^32, which no test capture reaches.
#include "base/shared_string.h"
#include "base/string_interner.h"
#include "state/version_history.h"

#include <QTest>

#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

using syscope::SharedString;
using syscope::StringInterner;
using syscope::state::kNoVersion;
using syscope::state::VersionHistory;

class TstStateStorage : public QObject {
    Q_OBJECT
private slots:
    void sharedStringReadsLikeAString();
    void sharedStringCopiesShareBytes();
    void sharedStringCopiesAcrossThreads();
    void internerDeduplicates();
    void historyLooksUpByOrdinal();
    void historyMergesOneOrdinal();
    void historyPastFourGiEvents();
};

void TstStateStorage::sharedStringReadsLikeAString()
{
    SharedString empty;
    QVERIFY(empty.empty());
    QCOMPARE(empty.size(), size_t(0));
    QCOMPARE(std::string(empty.c_str()), std::string());
    QCOMPARE(empty.heapBytes(), size_t(0));
    QVERIFY(SharedString(std::string_view()).empty());

    const std::string multi("a\0b\0", 4); // multi-strings keep their NULs
    SharedString s(multi);
    QCOMPARE(s.size(), size_t(4));
    QCOMPARE(s.str(), multi);
    QCOMPARE(s.c_str()[4], '\0');
    QCOMPARE(s.back(), '\0');
    QVERIFY(s == std::string_view(multi));
    QVERIFY(s == SharedString(multi));
    QVERIFY(!(s == SharedString(std::string_view("a"))));
    std::string_view v = s;
    QCOMPARE(v, std::string_view(multi));
}

void TstStateStorage::sharedStringCopiesShareBytes()
{
    SharedString a(std::string_view("/usr/bin/env"));
    SharedString b = a;
    QCOMPARE(static_cast<const void*>(b.data()), static_cast<const void*>(a.data()));
    SharedString c;
    c = b;
    SharedString d = std::move(b);
    QVERIFY(b.empty()); // NOLINT: a moved-from string is empty by contract
    a = SharedString();
    QCOMPARE(c.view(), std::string_view("/usr/bin/env"));
    QCOMPARE(static_cast<const void*>(c.data()), static_cast<const void*>(d.data()));
    c = c; // self-assignment keeps the string
    QCOMPARE(c.view(), std::string_view("/usr/bin/env"));
}

void TstStateStorage::sharedStringCopiesAcrossThreads()
{
    // Readers copy and drop a version's strings while the writer does the same: the count must stay exact, or
    // the bytes would be freed while still in use (and freed twice at the end).
    SharedString shared(std::string_view("cpu=/kubepods"));
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&shared] {
            for (int i = 0; i < 100000; ++i) {
                SharedString copy = shared;
                if (copy.size() != shared.size())
                    std::abort();
            }
        });
    for (auto& t : threads)
        t.join();
    QCOMPARE(shared.view(), std::string_view("cpu=/kubepods"));
}

void TstStateStorage::internerDeduplicates()
{
    StringInterner in;
    SharedString a = in.intern(std::string("/etc/passwd"));
    SharedString b = in.intern(std::string_view("/etc/passwd"));
    SharedString c = in.intern("/etc/group");
    QCOMPARE(static_cast<const void*>(a.data()), static_cast<const void*>(b.data()));
    QVERIFY(a.data() != c.data());
    QVERIFY(in.intern("").empty());
    QCOMPARE(in.size(), size_t(2));
    const uint64_t bytes = in.memoryBytes();
    QVERIFY(bytes >= a.heapBytes() + c.heapBytes());
    in.intern("/etc/passwd");
    QCOMPARE(in.memoryBytes(), bytes); // a string seen again costs nothing more
    in.clear();
    QCOMPARE(in.size(), size_t(0));
    QCOMPARE(a.view(), std::string_view("/etc/passwd")); // handed-out strings outlive the interner's table
}

void TstStateStorage::historyLooksUpByOrdinal()
{
    VersionHistory h;
    QCOMPARE(h.current(), kNoVersion);
    QCOMPARE(h.at(0), kNoVersion);
    h.set(0, 7);
    h.set(10, 8);
    h.set(20, kNoVersion);
    h.set(30, 9);
    QCOMPARE(h.at(0), 7u);
    QCOMPARE(h.at(9), 7u);
    QCOMPARE(h.at(10), 8u);
    QCOMPARE(h.at(25), kNoVersion);
    QCOMPARE(h.at(30), 9u);
    QCOMPARE(h.at(UINT32_MAX), 9u);
    QCOMPARE(h.at(uint64_t(1) << 40), 9u);
    QCOMPARE(h.current(), 9u);

    VersionHistory late;
    late.set(5, 1);
    QCOMPARE(late.at(4), kNoVersion);
    QCOMPARE(late.at(5), 1u);
}

void TstStateStorage::historyMergesOneOrdinal()
{
    VersionHistory h;
    h.set(3, 1);
    h.set(3, 2); // an event that changes the same thread or fd twice leaves its last version
    h.set(4, kNoVersion);
    QCOMPARE(h.at(3), 2u);
    QCOMPARE(h.at(4), kNoVersion);
    QVERIFY(h.heapBytes() < 2 * 16); // two entries of 8 bytes (they were 16 with 64-bit ordinals)
}

void TstStateStorage::historyPastFourGiEvents()
{
    constexpr uint64_t kBlock = uint64_t(1) << 32;
    VersionHistory h;
    h.set(100, 1);
    h.set(kBlock - 1, 2);
    h.set(kBlock + 50, 3);      // same low bits as nothing before, a new block
    h.set(kBlock + 50, 4);      // merged: the same 64-bit ordinal
    h.set(3 * kBlock + 100, 5); // skips a block; low bits equal to the first entry's
    h.set(3 * kBlock + 200, kNoVersion);
    QCOMPARE(h.at(99), kNoVersion);
    QCOMPARE(h.at(100), 1u);
    QCOMPARE(h.at(kBlock - 2), 1u);
    QCOMPARE(h.at(kBlock - 1), 2u);
    QCOMPARE(h.at(kBlock), 2u);
    QCOMPARE(h.at(kBlock + 49), 2u);
    QCOMPARE(h.at(kBlock + 50), 4u);
    QCOMPARE(h.at(2 * kBlock + 100), 4u); // a block without entries: the last one before it
    QCOMPARE(h.at(3 * kBlock + 99), 4u);
    QCOMPARE(h.at(3 * kBlock + 100), 5u);
    QCOMPARE(h.at(3 * kBlock + 200), kNoVersion);
    QCOMPARE(h.at(9 * kBlock), kNoVersion);
    QCOMPARE(h.current(), kNoVersion);

    VersionHistory born; // first seen past 2^32 events
    born.set(2 * kBlock + 7, 1);
    QCOMPARE(born.at(7), kNoVersion);
    QCOMPARE(born.at(kBlock + 7), kNoVersion);
    QCOMPARE(born.at(2 * kBlock + 6), kNoVersion);
    QCOMPARE(born.at(2 * kBlock + 7), 1u);
    QCOMPARE(born.at(5 * kBlock), 1u);
}

QTEST_GUILESS_MAIN(TstStateStorage)
#include "tst_state_storage.moc"
