// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One line of the decode tree: a name, the value as sysdig renders it, the raw value, the filter field it
// corresponds to, and the bytes of the event block it came from. Plain data, built by EventDecoder.
#include <QString>

#include <memory>
#include <vector>

namespace syscope::gui {

struct DecodeNode {
    QString name;
    QString value;
    QString raw;
    QString field;       // filter field name ("evt.type"); empty when the item has none
    QString filterValue; // the value as a filter compares it
    int begin = -1;      // byte range in the event block, [begin, end); -1 when none
    int end = -1;
    DecodeNode* parent = nullptr;
    std::vector<std::unique_ptr<DecodeNode>> children;

    DecodeNode* add(QString n, QString v = {}, QString r = {}, QString f = {}, QString fv = {}, int b = -1, int e = -1)
    {
        auto c = std::make_unique<DecodeNode>();
        c->name = std::move(n);
        c->value = std::move(v);
        c->raw = std::move(r);
        c->field = std::move(f);
        c->filterValue = std::move(fv);
        c->begin = b;
        c->end = e;
        c->parent = this;
        children.push_back(std::move(c));
        return children.back().get();
    }
    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i)
            if (parent->children[i].get() == this)
                return int(i);
        return 0;
    }
    // "field=value", quoted when the value is not a single token; empty when the item has no field.
    QString filterText() const
    {
        if (field.isEmpty())
            return {};
        QString v = filterValue;
        bool plain = !v.isEmpty();
        for (QChar c : v)
            if (!(c.isLetterOrNumber() || QStringLiteral("._-/:<>*+").contains(c)))
                plain = false;
        if (!plain) {
            v.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
            v.replace(QLatin1Char('"'), QStringLiteral("\\\""));
            v = QLatin1Char('"') + v + QLatin1Char('"');
        }
        return field + QLatin1Char('=') + v;
    }
};

} // namespace syscope::gui
