// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The event list's colouring rules: failed syscalls, network, file and process activity, each with a colour
// and an on/off switch; the first enabled rule that matches colours the row. Editable (View › Colouring
// Rules) and kept in QSettings. A value type; GUI thread.
#include "session.h"

#include <QColor>
#include <QString>
#include <QVector>

namespace syscope::gui {

class ColoringRules {
public:
    enum class Kind { kFailed, kNetwork, kFile, kProcess };
    struct Rule {
        Kind kind;
        QString name;
        QColor color;
        bool enabled = true;
    };

    static ColoringRules defaults();
    static ColoringRules load();
    void save() const;

    QVector<Rule>& rules() { return m_rules; }
    const QVector<Rule>& rules() const { return m_rules; }
    bool enabled() const { return m_enabled; }
    void setEnabled(bool on) { m_enabled = on; }
    // Index of the rule that colours this event, or -1. Call under the session's state lock.
    int match(const EventView& ev, const state::StateTracker& state) const;
    static bool matches(Kind kind, const EventView& ev, const state::StateTracker& state);

private:
    QVector<Rule> m_rules;
    bool m_enabled = true;
};

} // namespace syscope::gui
