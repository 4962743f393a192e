// SPDX-License-Identifier: GPL-3.0-or-later
#include "events/field_columns.h"

#if __has_include("fields/field_extractor.h")
#include "fields/field_catalog.h"
#include "fields/field_extractor.h"
#define SYSCOPE_GUI_HAVE_FIELDS 1
#endif

#include <QCoreApplication>

namespace syscope::gui {

struct FieldColumns::Parsed {
#ifdef SYSCOPE_GUI_HAVE_FIELDS
    fields::FieldRef ref;
#endif
    QString error;
};

FieldColumns::FieldColumns() = default;
FieldColumns::~FieldColumns() = default;

bool FieldColumns::isValidField(const QString& field, QString* error)
{
#ifdef SYSCOPE_GUI_HAVE_FIELDS
    auto r = fields::FieldCatalog::parse(field.toStdString(), fields::FieldCatalog::Match::kExact);
    if (!r) {
        if (error)
            *error = QString::fromStdString(r.error().message);
        return false;
    }
    if (!r->info) {
        if (error)
            *error = QCoreApplication::translate("FieldColumns", "no such field: %1").arg(field);
        return false;
    }
    if (r->info->flags & fields::kFieldFilterOnly) {
        if (error)
            *error = QCoreApplication::translate("FieldColumns", "%1 can only be used in filters").arg(field);
        return false;
    }
    return true;
#else
    if (error)
        *error = QCoreApplication::translate("FieldColumns", "field columns need core/fields");
    Q_UNUSED(field);
    return false;
#endif
}

void FieldColumns::setFields(const QStringList& fieldNames)
{
    m_fields = fieldNames;
    m_parsed.clear();
    for (const QString& f : fieldNames) {
        auto p = std::make_unique<Parsed>();
        if (isValidField(f, &p->error)) {
#ifdef SYSCOPE_GUI_HAVE_FIELDS
            p->ref = fields::FieldCatalog::parse(f.toStdString(), fields::FieldCatalog::Match::kExact).value();
#endif
        }
        m_parsed.push_back(std::move(p));
    }
}

void FieldColumns::renderBlock(const state::StateTracker& state, const decode::EventRenderer& renderer,
                               uint64_t firstTs, const std::vector<const EventView*>& events,
                               std::vector<std::vector<QString>>& out)
{
    out.assign(events.size(), std::vector<QString>(m_parsed.size()));
#ifdef SYSCOPE_GUI_HAVE_FIELDS
    fields::FieldExtractor ex(state, renderer);
    ex.setFirstEventTs(firstTs);
    std::string s;
    for (size_t e = 0; e < events.size(); ++e) {
        if (!events[e])
            continue;
        ex.select(events[e]->raw, events[e]->ctx, events[e]->ordinal);
        for (size_t k = 0; k < m_parsed.size(); ++k) {
            if (!m_parsed[k]->error.isEmpty()) {
                out[e][k] = m_parsed[k]->error;
                continue;
            }
            s.clear();
            auto r = ex.appendText(m_parsed[k]->ref, s);
            // sysdig prints <NA> for a field without a value; an error is shown as such.
            out[e][k] = !r ? QString::fromStdString(r.error().message)
                        : r.value() == fields::FieldExtractor::Text::kMissing ? QStringLiteral("<NA>")
                                                                              : QString::fromUtf8(s);
        }
    }
#else
    Q_UNUSED(state);
    Q_UNUSED(renderer);
    Q_UNUSED(firstTs);
    for (auto& row : out)
        for (size_t k = 0; k < row.size(); ++k)
            row[k] = m_parsed[k]->error;
#endif
}

} // namespace syscope::gui
