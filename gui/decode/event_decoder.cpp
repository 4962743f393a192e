// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/event_decoder.h"

#include "decode/addr_format.h"
#include "decode/event_renderer.h"
#include "decode/param_access.h"
#include "document/event_access.h"
#include "format/event_schema.h"

#if __has_include("state/container_table.h")
#include "state/container_table.h"
#define SYSCOPE_GUI_HAVE_CONTAINERS 1
#endif

#include <QCoreApplication>

namespace syscope::gui {

namespace {

constexpr uint32_t kBlockEvf = 0x208, kBlockEvfV2 = 0x217, kBlockEvfV2Large = 0x222;
constexpr uint32_t kBlockEvV2 = 0x216, kBlockEvV2Large = 0x221;

QString tr(const char* s) { return QCoreApplication::translate("EventDecoder", s); }

QString q(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }

QString hexBytes(const uint8_t* p, size_t n)
{
    constexpr size_t kMax = 48;
    QString out;
    for (size_t i = 0; i < std::min(n, kMax); ++i) {
        if (i)
            out += QLatin1Char(' ');
        out += QStringLiteral("%1").arg(p[i], 2, 16, QLatin1Char('0'));
    }
    if (n > kMax)
        out += QStringLiteral(" …");
    return out;
}

QString rawInteger(std::span<const uint8_t> p, bool isSigned)
{
    const auto wide = decode::readUInt(p);
    if (!wide)
        return hexBytes(p.data(), p.size());
    const uint64_t u = *wide;
    const int64_t s = *decode::readInt(p);
    return isSigned ? QString::number(s) : QString::number(u);
}

bool isIntegerType(format::ParamType t, bool& isSigned)
{
    using T = format::ParamType;
    switch (t) {
    case T::kInt8:
    case T::kInt16:
    case T::kInt32:
    case T::kInt64:
    case T::kErrno:
    case T::kFd:
    case T::kPid:
    case T::kFd32:
    case T::kPid32: isSigned = true; return true;
    case T::kUint8:
    case T::kUint16:
    case T::kUint32:
    case T::kUint64:
    case T::kSyscallId:
    case T::kSigType:
    case T::kRelTime:
    case T::kAbsTime:
    case T::kPort:
    case T::kL4Proto:
    case T::kSockFamily:
    case T::kBool:
    case T::kFlags8:
    case T::kFlags16:
    case T::kFlags32:
    case T::kUid:
    case T::kGid:
    case T::kMode:
    case T::kEnumFlags8:
    case T::kEnumFlags16:
    case T::kEnumFlags32:
    case T::kSigSet: isSigned = false; return true;
    default: return false;
    }
}

bool isStringType(format::ParamType t)
{
    return t == format::ParamType::kCharBuf || t == format::ParamType::kFsPath || t == format::ParamType::kFsRelPath;
}

QString multiString(std::string_view s)
{
    QString out;
    size_t start = 0;
    while (start < s.size()) {
        size_t e = s.find('\0', start);
        if (e == std::string_view::npos)
            e = s.size();
        if (!out.isEmpty())
            out += QLatin1Char(' ');
        out += QString::fromUtf8(s.data() + start, qsizetype(e - start));
        start = e + 1;
    }
    return out;
}

QString address(const std::array<uint8_t, 16>& a, bool v4)
{
    std::string s;
    v4 ? decode::appendIpv4(s, a.data()) : decode::appendIpv6(s, a.data());
    return QString::fromStdString(s);
}

} // namespace

std::optional<DecodedEvent> EventDecoder::decode(const Session& session, uint64_t ordinal)
{
    return session.withState([&](const state::StateTracker& st,
                                 const index::EventIndex& idx) -> std::optional<DecodedEvent> {
        EventView ev;
        if (!EventAccess::load(session, st, idx, ordinal, ev))
            return std::nullopt;
        const format::RawEvent& raw = ev.raw;
        const auto bytes = session.capture().bytes();
        const uint8_t* block = bytes.data() + raw.offset;
        const uint32_t blockType = format::readLe<uint32_t>(block);
        const uint32_t blockLen = format::readLe<uint32_t>(block + 4);
        const bool flagged = blockType == kBlockEvf || blockType == kBlockEvfV2 || blockType == kBlockEvfV2Large;
        const bool v2 = blockType == kBlockEvV2 || blockType == kBlockEvfV2 || blockType == kBlockEvV2Large ||
                        blockType == kBlockEvfV2Large;
        const int hdr = 8 + 2 + (flagged ? 4 : 0); // event header offset within the block
        const int hdrLen = v2 ? 26 : 22;
        auto off = [&](const uint8_t* p) { return int(p - block); };

        decode::EventRenderer renderer(st, session.compat());
        const format::EventInfo* info = format::eventInfo(raw.type);
        const state::ThreadInfo* t =
            ev.ctx.threadVersion == state::kNoVersion ? nullptr : &st.threadVersion(ev.ctx.threadVersion);
        const state::FdInfo* fd = ev.ctx.fdVersion == state::kNoVersion ? nullptr : &st.fdVersion(ev.ctx.fdVersion);

        DecodedEvent out;
        out.ordinal = ordinal;
        out.blockOffset = raw.offset;
        out.bytes = QByteArray(reinterpret_cast<const char*>(block), qsizetype(blockLen));
        out.root = std::make_shared<DecodeNode>();
        DecodeNode& root = *out.root;

        const QString num = QString::number(ordinal + 1);
        const QString typeName = q(renderer.typeName(raw));
        const QString dir = format::isEnter(raw.type) ? QStringLiteral(">") : QStringLiteral("<");
        std::string s;
        renderer.appendTime(s, raw.ts);
        const QString time = QString::fromStdString(s);

        DecodeNode* e = root.add(tr("Event %1: %2 %3").arg(num, dir, typeName), QString(), QString(), QString(),
                                 QString(), hdr, hdr + hdrLen);
        e->add(tr("Number"), num, QString::number(ordinal), QStringLiteral("evt.num"), num);
        e->add(tr("Time"), time, QString::number(raw.ts), QStringLiteral("evt.rawtime"), QString::number(raw.ts), hdr,
               hdr + 8);
        e->add(tr("CPU"), QString::number(raw.cpu), QString::number(raw.cpu), QStringLiteral("evt.cpu"),
               QString::number(raw.cpu), 8, 10);
        e->add(tr("Thread ID"), QString::number(int64_t(raw.tid)), QString::number(int64_t(raw.tid)),
               QStringLiteral("thread.tid"), QString::number(int64_t(raw.tid)), hdr + 8, hdr + 16);
        e->add(tr("Direction"), dir, QString(), QStringLiteral("evt.dir"), dir);
        e->add(tr("Type"), typeName, QString::number(raw.type), QStringLiteral("evt.type"), typeName, hdr + 20,
               hdr + 22);
        const QString category = q(EventAccess::categoryName(raw, fd));
        e->add(tr("Category"), category, QString::number(info ? info->category : 0), QStringLiteral("evt.category"),
               category);
        // One event: look much further back than a filter can afford (a thread may sleep for minutes).
        EventAccess::pairWithEnter(session, st, idx, ev, uint64_t(1) << 22);
        if (ev.ctx.paired && raw.ts >= ev.ctx.enterTs) {
            const uint64_t lat = raw.ts - ev.ctx.enterTs;
            e->add(tr("Latency"), QStringLiteral("%1 ns").arg(lat), QString::number(lat), QStringLiteral("evt.latency"),
                   QString::number(lat));
        }
        if (EventAccess::failed(raw))
            e->add(tr("Failed"), tr("yes"), QString(), QStringLiteral("evt.failed"), QStringLiteral("true"));
        e->add(tr("Length"), QString::number(raw.len), QString::number(raw.len), QString(), QString(), hdr + 16,
               hdr + 20);
        if (v2)
            e->add(tr("Parameter count"), QString::number(raw.nparams), QString::number(raw.nparams), QString(),
                   QString(), hdr + 22, hdr + 26);

        // Parameters.
        const uint32_t np = info ? std::min<uint32_t>(raw.nparams, uint32_t(info->params.size())) : 0;
        const int lensBegin = off(raw.lens);
        int dataEnd = off(raw.data);
        for (uint32_t i = 0; i < raw.nparams; ++i)
            dataEnd += int(raw.paramLen(i));
        DecodeNode* params =
            root.add(tr("Parameters (%1)").arg(np), QString(), QString(), QString(), QString(), lensBegin, dataEnd);
        const uint8_t* p = raw.data;
        for (uint32_t i = 0; i < raw.nparams; ++i) {
            const uint32_t len = raw.paramLen(i);
            if (i < np) {
                const format::ParamInfo& pi = info->params[i];
                s.clear();
                renderer.appendParamValue(s, raw, i, ordinal, ev.ctx, true);
                QString value = QString::fromUtf8(s);
                bool isSigned = false;
                const bool integer = isIntegerType(pi.type, isSigned);
                const QString rawText = integer ? rawInteger({p, len}, isSigned) : hexBytes(p, len);
                const QString name = QString::fromUtf8(pi.name);
                QString field, fv;
                if (integer) {
                    field = QStringLiteral("evt.rawarg.") + name;
                    fv = rawText;
                } else if (isStringType(pi.type)) {
                    field = QStringLiteral("evt.arg.") + name;
                    const auto sv = std::string_view(reinterpret_cast<const char*>(p), len);
                    fv = q(sv.substr(0, sv.find('\0')));
                } else {
                    field = QStringLiteral("evt.arg.") + name;
                    fv = value;
                }
                DecodeNode* pn = params->add(name, value, rawText, field, fv, off(p), off(p) + int(len));
                // The stored length of each parameter sits in the lengths array.
                const int lw = raw.largeLens ? 4 : 2;
                pn->add(tr("Stored length"), QString::number(len), QString::number(len), QString(), QString(),
                        lensBegin + int(i) * lw, lensBegin + int(i + 1) * lw);
            } else {
                params->add(tr("Extra parameter %1").arg(i), QString(), hexBytes(p, len), QString(), QString(), off(p),
                            off(p) + int(len));
            }
            p += len;
        }

        // Thread and process.
        if (t && !t->incomplete) {
            DecodeNode* th = root.add(tr("Thread: %1 (%2)").arg(q(t->comm)).arg(t->tid));
            auto addS = [&](const QString& n, const QString& v, const char* f) {
                th->add(n, v, QString(), QString::fromLatin1(f), v);
            };
            addS(tr("Thread ID"), QString::number(t->tid), "thread.tid");
            addS(tr("Process ID"), QString::number(t->pid), "proc.pid");
            const state::ThreadInfo* parent = st.threadAt(t->ptid, ordinal);
            addS(tr("Parent process ID"), QString::number(parent ? parent->pid : t->ptid), "proc.ppid");
            if (parent && !parent->comm.empty())
                addS(tr("Parent name"), q(parent->comm), "proc.pname");
            addS(tr("Name"), q(t->comm), "proc.name");
            addS(tr("Executable"), q(t->exe), "proc.exe");
            if (!t->exepath.empty())
                addS(tr("Executable path"), q(t->exepath), "proc.exepath");
            addS(tr("Arguments"), multiString(t->args), "proc.args");
            addS(tr("Working directory"), q(st.cwdOf(*t, ordinal)), "proc.cwd");
            const std::string* user = st.userName(t->uid);
            th->add(tr("User ID"), QString::number(t->uid), QString::number(t->uid), QStringLiteral("user.uid"),
                    QString::number(t->uid));
            if (user)
                addS(tr("User name"), q(*user), "user.name");
            if (const std::string* g = st.groupName(t->gid))
                addS(tr("Group name"), q(*g), "group.name");
            if (t->vtid >= 0 && t->vtid != t->tid)
                addS(tr("Virtual thread ID"), QString::number(t->vtid), "thread.vtid");
            if (t->vpid >= 0 && t->vpid != t->pid)
                addS(tr("Virtual process ID"), QString::number(t->vpid), "proc.vpid");
            std::string cid = t->containerId.str();
#ifdef SYSCOPE_GUI_HAVE_CONTAINERS
            if (cid.empty())
                cid = state::ContainerTable::idFromCgroups(t->cgroups);
#endif
            addS(tr("Container ID"), cid.empty() ? QStringLiteral("host") : q(cid), "container.id");
#ifdef SYSCOPE_GUI_HAVE_CONTAINERS
            if (const state::ContainerInfo* c = cid.empty() ? nullptr : st.containers().find(cid, ordinal)) {
                DecodeNode* cn = root.add(tr("Container: %1").arg(q(c->name.empty() ? c->id : c->name)));
                auto addC = [&](const QString& n, const QString& v, const char* f) {
                    cn->add(n, v, QString(), QString::fromLatin1(f), v);
                };
                addC(tr("ID"), q(c->id), "container.id");
                addC(tr("Name"), q(c->name), "container.name");
                addC(tr("Image"), q(c->image), "container.image");
                addC(tr("Type"), QString::fromLatin1(state::ContainerTable::typeName(c->type)), "container.type");
                addC(tr("Privileged"), c->privileged ? QStringLiteral("true") : QStringLiteral("false"),
                     "container.privileged");
            }
#endif
        }

        // File descriptor.
        if (fd) {
            DecodeNode* f = root.add(tr("File descriptor: %1").arg(fd->fd));
            auto addS = [&](const QString& n, const QString& v, const char* fl) {
                f->add(n, v, QString(), QString::fromLatin1(fl), v);
            };
            addS(tr("Number"), QString::number(fd->fd), "fd.num");
            addS(tr("Type"), QString::fromLatin1(fd->typeName()), "fd.type");
            addS(tr("Name"), q(fd->name), "fd.name");
            if (fd->isIpv4() || fd->isIpv6()) {
                const bool v4 = fd->isIpv4();
                addS(tr("Client address"), address(fd->sip, v4), "fd.cip");
                addS(tr("Client port"), QString::number(fd->sport), "fd.cport");
                addS(tr("Server address"), address(fd->dip, v4), "fd.sip");
                addS(tr("Server port"), QString::number(fd->dport), "fd.sport");
                const char* l4 = fd->l4proto == format::L4Proto::kTcp    ? "tcp"
                                 : fd->l4proto == format::L4Proto::kUdp  ? "udp"
                                 : fd->l4proto == format::L4Proto::kIcmp ? "icmp"
                                 : fd->l4proto == format::L4Proto::kRaw  ? "raw"
                                                                         : "unknown";
                addS(tr("Protocol"), QString::fromLatin1(l4), "fd.l4proto");
            }
            if (fd->ino)
                addS(tr("Inode"), QString::number(fd->ino), "fd.ino");
        }

        // Block framing.
        DecodeNode* b = root.add(tr("Block: type 0x%1, %2 bytes").arg(blockType, 0, 16).arg(blockLen), QString(),
                                 QString(), QString(), QString(), 0, int(blockLen));
        b->add(tr("Block type"), QStringLiteral("0x%1").arg(blockType, 0, 16), QString::number(blockType), QString(),
               QString(), 0, 4);
        b->add(tr("Block length"), QString::number(blockLen), QString::number(blockLen), QString(), QString(), 4, 8);
        if (flagged)
            b->add(tr("Flags"), QStringLiteral("0x%1").arg(raw.dumpFlags, 0, 16), QString::number(raw.dumpFlags),
                   QString(), QString(), 10, 14);
        b->add(tr("Trailing length"), QString::number(blockLen), QString::number(blockLen), QString(), QString(),
               int(blockLen) - 4, int(blockLen));
        return out;
    });
}

} // namespace syscope::gui
