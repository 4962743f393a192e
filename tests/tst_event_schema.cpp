// SPDX-License-Identifier: GPL-3.0-or-later
// Spot checks of the event schema (core/format/event_schema.h) and whole-table consistency checks.
#include "format/event_schema.h"

#include <QTest>

#include <string>
#include <string_view>

using namespace syscope::format;

namespace {

struct Expect {
    const char* name;
    ParamType type;
};

void checkParams(uint16_t id, std::initializer_list<Expect> want)
{
    const EventInfo* e = eventInfo(id);
    QVERIFY(e);
    QCOMPARE(e->params.size(), want.size());
    size_t i = 0;
    for (const Expect& w : want) {
        QCOMPARE(std::string_view(e->params[i].name), std::string_view(w.name));
        QCOMPARE(int(e->params[i].type), int(w.type));
        ++i;
    }
}

const FlagTable* tableNamed(std::string_view name)
{
    for (const FlagTable* t : flagTables())
        if (name == t->name)
            return t;
    return nullptr;
}

} // namespace

class TstEventSchema : public QObject {
    Q_OBJECT

private slots:
    void openExit()
    {
        const EventInfo* e = eventInfo(3);
        QVERIFY(e);
        QCOMPARE(std::string_view(e->name), std::string_view("open"));
        QVERIFY(!isEnter(3));
        QCOMPARE(e->category, uint32_t(kCatFile));
        QVERIFY(e->flags & kEfCreatesFd);
        QVERIFY(e->knownToSysdig0293);
        checkParams(3, {{"fd", ParamType::kFd},
                        {"name", ParamType::kFsPath},
                        {"flags", ParamType::kFlags32},
                        {"mode", ParamType::kUint32},
                        {"dev", ParamType::kUint32}});
        QVERIFY(e->params[2].flags);
        QCOMPARE(std::string_view(e->params[2].flags->name), std::string_view("file_flags"));
        QCOMPARE(int(e->params[3].fmt), int(PrintFormat::kOct));
        QCOMPARE(int(e->params[4].fmt), int(PrintFormat::kHex));
    }

    void execveExit()
    {
        const EventInfo* e = eventInfo(293);
        QVERIFY(e);
        QCOMPARE(std::string_view(e->name), std::string_view("execve"));
        QCOMPARE(e->params.size(), size_t(20));
        QCOMPARE(std::string_view(e->params[0].name), std::string_view("res"));
        QCOMPARE(int(e->params[0].type), int(ParamType::kErrno));
        QCOMPARE(std::string_view(e->params[19].name), std::string_view("flags"));
        QVERIFY(e->params[19].flags);
        QCOMPARE(std::string_view(e->params[19].flags->name), std::string_view("execve_flags"));
    }

    void openatExitRelativePath()
    {
        const EventInfo* e = eventInfo(307);
        QVERIFY(e);
        QCOMPARE(std::string_view(e->name), std::string_view("openat"));
        QCOMPARE(e->params.size(), size_t(6));
        QCOMPARE(std::string_view(e->params[2].name), std::string_view("name"));
        QCOMPARE(int(e->params[2].type), int(ParamType::kFsRelPath));
        QCOMPARE(int(e->params[2].dirfdParam), 1);
        QCOMPARE(int(e->params[1].type), int(ParamType::kFd));
        // The enter event resolves against its parameter 0.
        QCOMPARE(int(eventInfo(306)->params[1].dirfdParam), 0);
        QCOMPARE(int(eventInfo(326)->params[1].dirfdParam), 1); // sic, as in sysdig 0.29.3's table
    }

    void switchEvent()
    {
        const EventInfo* e = eventInfo(152);
        QVERIFY(e);
        QCOMPARE(std::string_view(e->name), std::string_view("switch"));
        QVERIFY(isEnter(152));
        checkParams(152, {{"next", ParamType::kPid},
                          {"pgft_maj", ParamType::kUint64},
                          {"pgft_min", ParamType::kUint64},
                          {"vm_size", ParamType::kUint32},
                          {"vm_rss", ParamType::kUint32},
                          {"vm_swap", ParamType::kUint32}});
        QVERIFY(eventInfo(153)->flags & kEfUnused);
    }

    void dynamicParams()
    {
        // setsockopt exit: val is DYN with the 5 sockopt types.
        const EventInfo* e = eventInfo(45);
        QCOMPARE(std::string_view(e->params[4].name), std::string_view("val"));
        QCOMPARE(int(e->params[4].type), int(ParamType::kDyn));
        QCOMPARE(e->params[4].dynTypes.size(), size_t(5));
        QCOMPARE(int(e->params[4].dynTypes[0].type), int(ParamType::kByteBuf));
        QCOMPARE(int(e->params[4].dynTypes[4].type), int(ParamType::kRelTime));
    }

    void newEvents()
    {
        const EventInfo* u = eventInfo(354);
        QVERIFY(u);
        QCOMPARE(std::string_view(u->name), std::string_view("useradded"));
        QVERIFY(!u->knownToSysdig0293);
        checkParams(354, {{"uid", ParamType::kUint32},
                          {"gid", ParamType::kUint32},
                          {"name", ParamType::kCharBuf},
                          {"home", ParamType::kCharBuf},
                          {"shell", ParamType::kCharBuf},
                          {"container_id", ParamType::kCharBuf}});
        QCOMPARE(std::string_view(eventInfo(358)->name), std::string_view("groupadded"));
        QCOMPARE(eventInfo(358)->params.size(), size_t(3));

        const EventInfo* n = eventInfo(419);
        QVERIFY(n);
        QCOMPARE(std::string_view(n->name), std::string_view("newfstatat"));
        checkParams(419, {{"res", ParamType::kErrno},
                          {"dirfd", ParamType::kFd},
                          {"path", ParamType::kFsRelPath},
                          {"flags", ParamType::kFlags32}});
        QCOMPARE(int(n->params[2].dirfdParam), 1);
        QVERIFY(n->params[3].flags);
        QCOMPARE(std::string_view(n->params[3].flags->name), std::string_view("newfstatat_flags"));
        QCOMPARE(eventInfo(418)->params.size(), size_t(0));

        QCOMPARE(std::string_view(eventInfo(362)->name), std::string_view("dup2"));
        QCOMPARE(std::string_view(eventInfo(376)->name), std::string_view("epoll_create1"));
        QCOMPARE(std::string_view(eventInfo(389)->name), std::string_view("accept4"));
        QCOMPARE(eventInfo(389)->params.size(), size_t(6));
        QVERIFY(eventInfo(402)->flags & kEfLargePayload);
        QCOMPARE(std::string_view(eventInfo(453)->name), std::string_view("keyctl"));
        QVERIFY(eventInfo(454) == nullptr);
        QVERIFY(eventInfo(0xffff) == nullptr);
    }

    void flagTableOrder()
    {
        const FlagTable* ff = tableNamed("file_flags");
        QVERIFY(ff);
        QVERIFY(ff->entries.size() >= 16);
        QCOMPARE(std::string_view(ff->entries[0].name), std::string_view("O_LARGEFILE"));
        QCOMPARE(ff->entries[0].value, uint32_t(0x800));
        QCOMPARE(std::string_view(ff->entries[12].name), std::string_view("O_RDONLY"));
        QCOMPARE(ff->entries[12].value, uint32_t(1));
        QVERIFY(tableNamed("socket_families"));
        QVERIFY(tableNamed("clone_flags"));
        QVERIFY(tableNamed("prctl_options"));
        QVERIFY(!tableNamed("no_such_table"));
    }

    void errnoNames()
    {
        QCOMPARE(errnoName(2), std::string_view("ENOENT"));
        QCOMPARE(errnoName(115), std::string_view("EINPROGRESS"));
        QCOMPARE(errnoName(11), std::string_view("EAGAIN"));
        QCOMPARE(errnoName(4), std::string_view("EINTR"));
        QCOMPARE(errnoName(110), std::string_view("ETIMEDOUT"));
        QCOMPARE(errnoName(13), std::string_view("EACCES"));
        QCOMPARE(errnoName(512), std::string_view("ERESTARTSYS"));
        QVERIFY(errnoName(0).empty());
        QVERIFY(errnoName(-2).empty()); // takes the positive errno
        QVERIFY(errnoName(41).empty()); // sysdig 0.29.3 has no name for 41
        QVERIFY(errnoName(99999).empty());
    }

    void signalNames()
    {
        QCOMPARE(signalName(17), std::string_view("SIGCHLD"));
        QCOMPARE(signalName(9), std::string_view("SIGKILL"));
        QCOMPARE(signalName(31), std::string_view("SIGSYS"));
        QVERIFY(signalName(0).empty());
        QVERIFY(signalName(32).empty());
    }

    void syscallNames()
    {
        QCOMPARE(syscallName(140), std::string_view("gettid"));
        QCOMPARE(syscallName(209), std::string_view("pselect6"));
        QCOMPARE(syscallName(3), std::string_view("read"));
        QCOMPARE(syscallName(328), std::string_view("clone3"));
        QCOMPARE(syscallName(380), std::string_view("rseq"));
        QVERIFY(syscallName(382).empty()); // unused code
        QVERIFY(syscallName(9999).empty());
    }

    // Every id 0..453 has a name; placeholders ("NA", "NA1".."NA5") are always marked unused.
    void wholeTable()
    {
        for (uint16_t id = 0; id < kEventIdCount; ++id) {
            const EventInfo* e = eventInfo(id);
            QVERIFY2(e, qPrintable(QString::number(id)));
            QVERIFY2(e->name && *e->name, qPrintable(QString::number(id)));
            QCOMPARE(e->knownToSysdig0293, id < kEventIdCount0293);
            const std::string_view name(e->name);
            if (name.substr(0, 2) == "NA")
                QVERIFY2(e->flags & kEfUnused, qPrintable(QString::number(id)));
            for (const ParamInfo& p : e->params) {
                QVERIFY(p.name);
                if (p.type == ParamType::kFsRelPath) {
                    QVERIFY2(p.dirfdParam >= 0 && size_t(p.dirfdParam) < e->params.size(),
                             qPrintable(QString::number(id)));
                    // Known quirk kept from libs e5c53d6: openat2's enter event (326) names the path
                    // itself (index 1) as its dirfd; newer libs fixed it to 0.
                    const ParamType dt = e->params[size_t(p.dirfdParam)].type;
                    QVERIFY2(dt == ParamType::kFd || id == 326, qPrintable(QString::number(id)));
                } else {
                    QCOMPARE(int(p.dirfdParam), -1);
                }
                QCOMPARE(p.type == ParamType::kDyn, !p.dynTypes.empty());
                if (p.flags)
                    QVERIFY(!p.flags->entries.empty());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TstEventSchema)
#include "tst_event_schema.moc"
