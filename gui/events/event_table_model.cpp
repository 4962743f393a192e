// SPDX-License-Identifier: GPL-3.0-or-later
#include "events/event_table_model.h"

#include "decode/event_renderer.h"
#include "decode/param_access.h"
#include "document/event_access.h"
#include "document/trace_document.h"
#include "format/event_schema.h"

#include <QBrush>
#include <QColor>

#include <ctime>

namespace syscope::gui {

namespace {

QString seconds(int64_t ns)
{
    // Signed seconds with nanoseconds, as Wireshark shows relative times.
    const bool neg = ns < 0;
    const uint64_t a = neg ? uint64_t(-ns) : uint64_t(ns);
    return QStringLiteral("%1%2.%3")
        .arg(neg ? QStringLiteral("-") : QString())
        .arg(a / 1000000000ULL)
        .arg(a % 1000000000ULL, 9, 10, QLatin1Char('0'));
}

// What sysdig's default line shows as the process: container events are named after their container.
std::string processName(const EventView& ev, const state::StateTracker& st)
{
    const uint16_t type = ev.raw.type;
    if (type == 272 || type == 324 || type == 228) {
        auto json = decode::paramStr(ev.raw, 0).value_or("");
        std::string id;
        if (type == 228)
            id = std::string(json);
        else if (auto p = json.find("\"id\":\""); p != std::string_view::npos) {
            auto e = json.find('"', p + 6);
            id = std::string(json.substr(p + 6, e == std::string_view::npos ? 0 : e - p - 6));
        }
        return "container:" + id;
    }
    if (ev.ctx.threadVersion != state::kNoVersion) {
        const state::ThreadInfo& t = st.threadVersion(ev.ctx.threadVersion);
        if (!t.incomplete && !t.comm.empty())
            return t.comm.str();
    }
    return "<NA>";
}

} // namespace

EventTableModel::EventTableModel(TraceDocument* document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document), m_rows(document->rows()), m_columns(document->columns()),
      m_coloring(ColoringRules::load())
{
    connect(document, &TraceDocument::rowsAppended, this, &EventTableModel::onRowsAppended);
    connect(document, &TraceDocument::rowsReplaced, this, &EventTableModel::onRowsReplaced);
    connect(document, &TraceDocument::timeFormatChanged, this, &EventTableModel::invalidateAll);
    connect(document, &TraceDocument::timeReferenceChanged, this, &EventTableModel::invalidateAll);
    connect(document, &TraceDocument::marksChanged, this, &EventTableModel::invalidateAll);
    connect(document, &TraceDocument::columnAdded, this, [this](int i) {
        beginInsertColumns({}, i, i);
        takeColumns();
        endInsertColumns();
    });
    connect(document, &TraceDocument::columnRemoved, this, [this](int i) {
        beginRemoveColumns({}, i, i);
        takeColumns();
        endRemoveColumns();
    });
    connect(document, &TraceDocument::columnsReset, this, [this] {
        beginResetModel();
        takeColumns();
        endResetModel();
    });
    takeColumns();
}

void EventTableModel::takeColumns()
{
    m_columns = m_document->columns();
    m_fieldSlot.clear();
    QStringList fields;
    for (int c = 0; c < m_columns.size(); ++c) {
        if (m_columns.at(c) == ColumnId::kField) {
            m_fieldSlot.push_back(int(fields.size()));
            fields << m_columns.column(c).field;
        } else {
            m_fieldSlot.push_back(-1);
        }
    }
    m_fieldColumns.setFields(fields);
    m_cache.clear();
}

int EventTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows->size()); }

int EventTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : m_columns.size(); }

void EventTableModel::onRowsAppended(quint64 oldSize, quint64 newSize)
{
    auto rows = m_document->rows();
    if (newSize <= oldSize || oldSize != m_rows->size()) {
        onRowsReplaced();
        return;
    }
    beginInsertRows({}, int(oldSize), int(newSize - 1));
    m_rows = std::move(rows);
    if (oldSize > 0)
        m_cache.erase(int((oldSize - 1) / RowCache::kBlockRows)); // the last block was short
    endInsertRows();
}

void EventTableModel::onRowsReplaced()
{
    beginResetModel();
    m_rows = m_document->rows();
    m_cache.clear();
    endResetModel();
}

void EventTableModel::invalidateAll()
{
    // Only what is on screen is re-asked; the rendered text of other columns stays cached.
    if (m_rows->size() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void EventTableModel::setColoringRules(const ColoringRules& rules)
{
    m_coloring = rules;
    m_cache.clear();
    invalidateAll();
}

int EventTableModel::rowOf(uint64_t ordinal) const
{
    auto r = m_rows->rowOf(ordinal);
    return r ? int(*r) : -1;
}

int EventTableModel::nearestRow(uint64_t ordinal) const
{
    if (m_rows->empty())
        return -1;
    return int(std::min<uint64_t>(m_rows->lowerBound(ordinal), m_rows->size() - 1));
}

const RowCache::Row& EventTableModel::row(int r) const
{
    const int block = r / RowCache::kBlockRows;
    if (const RowCache::Block* b = m_cache.find(block))
        return (*b)[size_t(r - block * RowCache::kBlockRows)];
    const int first = block * RowCache::kBlockRows;
    const int last = std::min<int>(rowCount(), first + RowCache::kBlockRows);
    RowCache::Block rows(size_t(last - first));
    auto session = m_document->session();
    if (session) {
        session->withState([&](const state::StateTracker& st, const index::EventIndex& idx) {
            decode::EventRenderer renderer(st, session->compat());
            std::vector<EventView> views(size_t(last - first));
            std::vector<const EventView*> loaded(views.size(), nullptr);
            std::string s;
            for (int i = first; i < last; ++i) {
                RowCache::Row& out = rows[size_t(i - first)];
                out.ordinal = m_rows->ordinalAt(uint64_t(i));
                EventView& ev = views[size_t(i - first)];
                if (!EventAccess::load(*session, st, idx, out.ordinal, ev))
                    continue;
                loaded[size_t(i - first)] = &ev;
                if (m_fieldColumns.count() > 0)
                    EventAccess::pairWithEnter(*session, st, idx, ev); // field columns may read the enter (evt.latency)
                out.cells[int(ColumnId::kNumber)] = QString::number(out.ordinal + 1);
                out.cells[int(ColumnId::kCpu)] = QString::number(ev.raw.cpu);
                out.cells[int(ColumnId::kProcess)] = QString::fromStdString(processName(ev, st));
                out.cells[int(ColumnId::kTid)] = QString::number(int64_t(ev.raw.tid));
                out.cells[int(ColumnId::kDir)] =
                    format::isEnter(ev.raw.type) ? QStringLiteral(">") : QStringLiteral("<");
                out.cells[int(ColumnId::kType)] = QString::fromUtf8(renderer.typeName(ev.raw));
                s.clear();
                renderer.appendInfo(s, ev.raw, out.ordinal, ev.ctx);
                while (!s.empty() && s.back() == ' ')
                    s.pop_back();
                out.cells[int(ColumnId::kInfo)] = QString::fromUtf8(s);
                out.rule = int8_t(m_coloring.match(ev, st));
            }
            if (m_fieldColumns.count() > 0) {
                std::vector<std::vector<QString>> fieldText;
                m_fieldColumns.renderBlock(st, renderer, m_document->firstTs(), loaded, fieldText);
                for (size_t k = 0; k < rows.size(); ++k)
                    rows[k].fields = std::move(fieldText[k]);
            }
        });
    }
    const RowCache::Block& b = m_cache.insert(block, std::move(rows));
    return b[size_t(r - first)];
}

QString EventTableModel::timeText(int r, uint64_t ordinal) const
{
    const uint64_t ts = m_document->tsOf(ordinal);
    switch (m_document->timeFormat()) {
    case TimeFormat::kAbsolute: {
        // sysdig's evt.time: local wall clock with nanoseconds.
        const int64_t sec = int64_t(ts / 1000000000ULL);
        if (sec != m_cachedSec) {
            time_t t = time_t(sec);
            struct tm tm {};
            localtime_r(&t, &tm);
            m_cachedHms = QStringLiteral("%1:%2:%3")
                              .arg(tm.tm_hour, 2, 10, QLatin1Char('0'))
                              .arg(tm.tm_min, 2, 10, QLatin1Char('0'))
                              .arg(tm.tm_sec, 2, 10, QLatin1Char('0'));
            m_cachedSec = sec;
        }
        return m_cachedHms + QStringLiteral(".%1").arg(ts % 1000000000ULL, 9, 10, QLatin1Char('0'));
    }
    case TimeFormat::kRelative: return seconds(int64_t(ts - m_document->firstTs()));
    case TimeFormat::kDelta:
        return seconds(r == 0 ? 0 : int64_t(ts - m_document->tsOf(m_rows->ordinalAt(uint64_t(r - 1)))));
    case TimeFormat::kSinceReference: {
        auto ref = m_document->timeReference();
        const uint64_t base = ref ? m_document->tsOf(*ref) : m_document->firstTs();
        if (ref && *ref == ordinal)
            return QStringLiteral("*REF*");
        return seconds(int64_t(ts - base));
    }
    }
    return {};
}

QVariant EventTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: {
        const RowCache::Row& r = row(index.row());
        const ColumnId id = m_columns.at(index.column());
        if (id == ColumnId::kTime)
            return timeText(index.row(), r.ordinal);
        if (id == ColumnId::kField) {
            const int slot = m_fieldSlot.value(index.column(), -1);
            return slot >= 0 && size_t(slot) < r.fields.size() ? r.fields[size_t(slot)] : QString();
        }
        if (role == Qt::ToolTipRole && id != ColumnId::kInfo && id != ColumnId::kField)
            return {};
        return r.cells[int(id)];
    }
    case Qt::BackgroundRole: {
        const RowCache::Row& r = row(index.row());
        if (m_document->isMarked(r.ordinal))
            return QBrush(QColor(0x2e, 0x34, 0x40));
        if (r.rule >= 0 && r.rule < m_coloring.rules().size())
            return QBrush(m_coloring.rules()[r.rule].color);
        return {};
    }
    case Qt::ForegroundRole: {
        const RowCache::Row& r = row(index.row());
        if (m_document->isMarked(r.ordinal))
            return QBrush(Qt::white);
        return {};
    }
    case Qt::TextAlignmentRole: {
        const ColumnId id = m_columns.at(index.column());
        if (id == ColumnId::kNumber || id == ColumnId::kCpu || id == ColumnId::kTid)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    }
    case kOrdinalRole: return QVariant::fromValue<qulonglong>(ordinalAt(index.row()));
    default: return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    if (role == Qt::DisplayRole)
        return m_columns.title(section);
    if (role == Qt::ToolTipRole)
        return m_columns.field(section);
    return {};
}

} // namespace syscope::gui
