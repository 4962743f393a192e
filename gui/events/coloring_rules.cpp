// SPDX-License-Identifier: GPL-3.0-or-later
#include "events/coloring_rules.h"

#include "document/event_access.h"
#include "format/event_schema.h"

#include <QCoreApplication>
#include <QSettings>

namespace syscope::gui {

namespace {
QString kindKey(ColoringRules::Kind k)
{
    switch (k) {
    case ColoringRules::Kind::kFailed: return QStringLiteral("failed");
    case ColoringRules::Kind::kNetwork: return QStringLiteral("network");
    case ColoringRules::Kind::kFile: return QStringLiteral("file");
    case ColoringRules::Kind::kProcess: return QStringLiteral("process");
    }
    return {};
}
} // namespace

ColoringRules ColoringRules::defaults()
{
    auto tr = [](const char* s) { return QCoreApplication::translate("ColoringRules", s); };
    ColoringRules r;
    // Light tints, as in Wireshark: the row text must stay readable on every one.
    r.m_rules = {
        {Kind::kFailed, tr("Failed system calls"), QColor(0xff, 0xc8, 0xc8), true},
        {Kind::kNetwork, tr("Network"), QColor(0xd4, 0xe6, 0xff), true},
        {Kind::kFile, tr("File"), QColor(0xe2, 0xf5, 0xd8), true},
        {Kind::kProcess, tr("Process"), QColor(0xf0, 0xdc, 0xff), true},
    };
    return r;
}

ColoringRules ColoringRules::load()
{
    ColoringRules r = defaults();
    QSettings s;
    s.beginGroup(QStringLiteral("coloring"));
    r.m_enabled = s.value(QStringLiteral("enabled"), true).toBool();
    for (Rule& rule : r.m_rules) {
        const QString k = kindKey(rule.kind);
        rule.enabled = s.value(k + QStringLiteral("/enabled"), rule.enabled).toBool();
        QColor c(s.value(k + QStringLiteral("/color"), rule.color.name()).toString());
        if (c.isValid())
            rule.color = c;
    }
    return r;
}

void ColoringRules::save() const
{
    QSettings s;
    s.beginGroup(QStringLiteral("coloring"));
    s.setValue(QStringLiteral("enabled"), m_enabled);
    for (const Rule& rule : m_rules) {
        const QString k = kindKey(rule.kind);
        s.setValue(k + QStringLiteral("/enabled"), rule.enabled);
        s.setValue(k + QStringLiteral("/color"), rule.color.name());
    }
}

int ColoringRules::match(const EventView& ev, const state::StateTracker& state) const
{
    if (!m_enabled)
        return -1;
    for (int i = 0; i < m_rules.size(); ++i)
        if (m_rules[i].enabled && matches(m_rules[i].kind, ev, state))
            return i;
    return -1;
}

bool ColoringRules::matches(Kind kind, const EventView& ev, const state::StateTracker& state)
{
    switch (kind) {
    case Kind::kFailed: return EventAccess::failed(ev.raw);
    case Kind::kNetwork:
    case Kind::kFile: {
        const state::FdInfo* fd = ev.ctx.fdVersion == state::kNoVersion ? nullptr : &state.fdVersion(ev.ctx.fdVersion);
        const std::string_view cat = EventAccess::categoryName(ev.raw, fd);
        return kind == Kind::kNetwork ? cat == "net" : cat == "file";
    }
    case Kind::kProcess: {
        const format::EventInfo* info = format::eventInfo(ev.raw.type);
        return info && (info->category & 0x3f) == format::kCatProcess;
    }
    }
    return false;
}

} // namespace syscope::gui
