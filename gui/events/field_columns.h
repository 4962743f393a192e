// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Text of catalog fields for the event list's field columns, through core/fields' extractor (the one
// implementation of every field, shared with filters, -p and chisels). Fields are parsed once when the columns
// change; rendering runs a block of rows at a time under the session's state lock. GUI thread.
#include "decode/event_renderer.h"
#include "session.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace syscope::gui {

class FieldColumns {
public:
    FieldColumns();
    ~FieldColumns();
    FieldColumns(const FieldColumns&) = delete;
    FieldColumns& operator=(const FieldColumns&) = delete;

    // Whether `field` names a field a column can show; `error` says why not.
    static bool isValidField(const QString& field, QString* error = nullptr);
    void setFields(const QStringList& fields);
    int count() const { return int(m_fields.size()); }

    // Renders every field for the events of one block. Call under the session's state lock.
    void renderBlock(const state::StateTracker& state, const decode::EventRenderer& renderer, uint64_t firstTs,
                     const std::vector<const EventView*>& events, std::vector<std::vector<QString>>& out);

private:
    struct Parsed;
    QStringList m_fields;
    std::vector<std::unique_ptr<Parsed>> m_parsed;
};

} // namespace syscope::gui
