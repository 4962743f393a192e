// SPDX-License-Identifier: GPL-3.0-or-later
#include "filter/filter_completer.h"

#include "document/trace_document.h"
#include "format/event_schema.h"

#if __has_include("fields/field_catalog.h")
#include "fields/field_catalog.h"
#define SYSCOPE_GUI_HAVE_FIELD_CATALOG 1
#endif

#include <QAbstractItemView>
#include <QCompleter>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSet>
#include <QStandardItemModel>
#include <QStringListModel>

#include <set>

namespace syscope::gui {

namespace {

bool isTokenChar(QChar c) { return c.isLetterOrNumber() || QStringLiteral("_.-/[]:*<>").contains(c); }

// Fields names before the catalog existed, so completion works in any build.
const char* const kFallbackFields[] = {
    "evt.num",    "evt.time", "evt.rawtime", "evt.dir",     "evt.type",   "evt.category", "evt.cpu",   "evt.arg",
    "evt.rawarg", "evt.res",  "evt.failed",  "evt.latency", "proc.name",  "proc.pid",     "proc.ppid", "proc.exe",
    "proc.args",  "proc.cwd", "thread.tid",  "user.uid",    "user.name",  "fd.num",       "fd.type",   "fd.name",
    "fd.cip",     "fd.sip",   "fd.cport",    "fd.sport",    "fd.l4proto", "container.id",
};

} // namespace

FilterCompleter::FilterCompleter(QLineEdit* edit, TraceDocument* document, QObject* parent)
    : QObject(parent), m_edit(edit), m_document(document), m_completer(new QCompleter(this)),
      m_fields(new QStandardItemModel(this)), m_values(new QStringListModel(this))
{
#ifdef SYSCOPE_GUI_HAVE_FIELD_CATALOG
    for (const fields::FieldClass& cls : fields::FieldCatalog::classes())
        for (const fields::FieldInfo& f : cls.fields) {
            if (f.flags & (fields::kFieldPrintOnly | fields::kFieldTableOnly))
                continue;
            auto* item = new QStandardItem(QString::fromLatin1(f.name));
            item->setToolTip(QString::fromUtf8(f.description));
            m_fields->appendRow(item);
        }
#else
    for (const char* f : kFallbackFields)
        m_fields->appendRow(new QStandardItem(QString::fromLatin1(f)));
#endif
    m_completer->setWidget(edit);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setMaxVisibleItems(12);
    connect(m_completer, qOverload<const QString&>(&QCompleter::activated), this, &FilterCompleter::insertCompletion);
    connect(edit, &QLineEdit::textEdited, this, &FilterCompleter::onTextEdited);
    connect(document, &TraceDocument::opened, this, [this] { m_valueCache.clear(); });
    connect(document, &TraceDocument::closed, this, [this] { m_valueCache.clear(); });
}

bool FilterCompleter::popupVisible() const { return m_completer->popup() && m_completer->popup()->isVisible(); }

bool FilterCompleter::choosing() const { return popupVisible() && m_completer->popup()->currentIndex().isValid(); }

void FilterCompleter::hidePopup()
{
    if (m_completer->popup())
        m_completer->popup()->hide();
}

FilterCompleter::Context FilterCompleter::contextAt(const QString& text, int cursor)
{
    Context c;
    int s = cursor;
    while (s > 0 && isTokenChar(text[s - 1]) && text[s - 1] != QLatin1Char('<') && text[s - 1] != QLatin1Char('>'))
        --s;
    c.start = s;
    c.prefix = text.mid(s, cursor - s);
    // An operator before the token ("proc.name=cu", "evt.type != op") makes it a value.
    int p = s;
    while (p > 0 && text[p - 1].isSpace())
        --p;
    int before = p;
    while (before > 0 && QStringLiteral("=!<>").contains(text[before - 1]))
        --before;
    c.value = before < p;
    if (!c.value) {
        static const QRegularExpression wordOp(
            QStringLiteral(R"((?:^|\s)(contains|icontains|startswith|endswith|glob|in|pmatch)\s*$)"));
        auto m = wordOp.match(text.left(s));
        if (m.hasMatch()) {
            c.value = true;
            before = int(m.capturedStart(1));
        }
    }
    while (before > 0 && text[before - 1].isSpace())
        --before;
    if (c.value) {
        int fs = before;
        while (fs > 0 && isTokenChar(text[fs - 1]))
            --fs;
        c.field = text.mid(fs, before - fs);
    }
    return c;
}

QStringList FilterCompleter::fieldNames()
{
    QStringList out;
#ifdef SYSCOPE_GUI_HAVE_FIELD_CATALOG
    for (const fields::FieldClass& cls : fields::FieldCatalog::classes())
        for (const fields::FieldInfo& f : cls.fields)
            out << QString::fromLatin1(f.name);
#else
    for (const char* f : kFallbackFields)
        out << QString::fromLatin1(f);
#endif
    return out;
}

QStringList FilterCompleter::valuesFor(const QString& field)
{
    if (auto it = m_valueCache.find(field); it != m_valueCache.end())
        return *it;
    QStringList out;
    if (field == QStringLiteral("evt.type")) {
        std::set<std::string> names;
        for (uint16_t id = 2; id < format::kEventIdCount; ++id)
            if (const format::EventInfo* e = format::eventInfo(id);
                e && !(e->flags & (format::kEfUnused | format::kEfOldVersion)))
                names.insert(e->name);
        for (const auto& n : names)
            out << QString::fromStdString(n);
    } else if (field == QStringLiteral("evt.dir")) {
        out << QStringLiteral("<") << QStringLiteral(">");
    } else if (field == QStringLiteral("evt.category")) {
        out = QStringList{QStringLiteral("file"),   QStringLiteral("net"),     QStringLiteral("ipc"),
                          QStringLiteral("memory"), QStringLiteral("process"), QStringLiteral("sleep"),
                          QStringLiteral("system"), QStringLiteral("signal"),  QStringLiteral("user"),
                          QStringLiteral("time"),   QStringLiteral("wait"),    QStringLiteral("scheduler"),
                          QStringLiteral("other")};
    } else if (field == QStringLiteral("fd.type")) {
        out = QStringList{QStringLiteral("file"),    QStringLiteral("directory"), QStringLiteral("ipv4"),
                          QStringLiteral("ipv6"),    QStringLiteral("unix"),      QStringLiteral("pipe"),
                          QStringLiteral("event"),   QStringLiteral("signalfd"),  QStringLiteral("eventpoll"),
                          QStringLiteral("inotify"), QStringLiteral("timerfd"),   QStringLiteral("netlink")};
    } else if (field == QStringLiteral("evt.failed")) {
        out << QStringLiteral("true") << QStringLiteral("false");
    } else if (auto s = m_document->session(); s && s->indexingDone()) {
        // Values seen in the capture: read once from the thread versions (tens of thousands, not millions).
        enum class What { kNone, kComm, kExe, kUser, kContainer } what = What::kNone;
        if (field == QStringLiteral("proc.name") || field == QStringLiteral("thread.name") ||
            field == QStringLiteral("proc.pname") || field == QStringLiteral("proc.aname"))
            what = What::kComm;
        else if (field == QStringLiteral("proc.exe"))
            what = What::kExe;
        else if (field == QStringLiteral("user.name"))
            what = What::kUser;
        else if (field == QStringLiteral("container.id"))
            what = What::kContainer;
        if (what != What::kNone) {
            std::set<std::string> seen;
            s->withState([&](const state::StateTracker& st, const index::EventIndex&) {
                for (size_t v = 0; v < st.threadVersionCount(); ++v) {
                    const state::ThreadInfo& t = st.threadVersion(uint32_t(v));
                    switch (what) {
                    case What::kComm:
                        if (!t.comm.empty())
                            seen.insert(t.comm.str());
                        break;
                    case What::kExe:
                        if (!t.exe.empty())
                            seen.insert(t.exe.str());
                        break;
                    case What::kUser:
                        if (const std::string* u = st.userName(t.uid))
                            seen.insert(*u);
                        break;
                    case What::kContainer: seen.insert(t.containerId.empty() ? "host" : t.containerId.str()); break;
                    case What::kNone: break;
                    }
                }
            });
            for (const auto& v : seen)
                out << QString::fromStdString(v);
        }
    }
    m_valueCache.insert(field, out);
    return out;
}

void FilterCompleter::onTextEdited()
{
    m_context = contextAt(m_edit->text(), m_edit->cursorPosition());
    if (m_context.value) {
        const QStringList values = valuesFor(m_context.field);
        if (values.isEmpty()) {
            m_completer->popup()->hide();
            return;
        }
        m_values->setStringList(values);
        if (m_completer->model() != m_values)
            m_completer->setModel(m_values);
    } else {
        if (m_context.prefix.size() < 2) {
            m_completer->popup()->hide();
            return;
        }
        if (m_completer->model() != m_fields)
            m_completer->setModel(m_fields);
    }
    m_completer->setCompletionPrefix(m_context.prefix);
    if (m_completer->completionCount() == 0 ||
        (m_completer->completionCount() == 1 &&
         m_completer->currentCompletion().compare(m_context.prefix, Qt::CaseInsensitive) == 0)) {
        m_completer->popup()->hide();
        return;
    }
    // Under the token being completed.
    const int x =
        std::min(m_edit->width() - 320, m_edit->fontMetrics().horizontalAdvance(m_edit->text().left(m_context.start)));
    const QRect r(std::max(0, x), 0, std::max(320, m_completer->popup()->sizeHintForColumn(0) + 24), m_edit->height());
    m_completer->complete(r);
}

void FilterCompleter::insertCompletion(const QString& completion)
{
    const QString text = m_edit->text();
    const int cursor = m_edit->cursorPosition();
    const Context c = contextAt(text, cursor);
    QString ins = completion;
    if (c.value && ins.contains(QLatin1Char(' ')))
        ins = QLatin1Char('"') + ins + QLatin1Char('"');
    m_edit->setText(text.left(c.start) + ins + text.mid(cursor));
    m_edit->setCursorPosition(c.start + int(ins.size()));
}

} // namespace syscope::gui
