// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Edits the colouring rules: each rule on or off and its colour. Non-modal; applies to the model on OK and
// saves the rules. GUI thread.
#include "events/coloring_rules.h"

#include <QDialog>

namespace syscope::gui {

class EventTableModel;

class ColoringRulesDialog : public QDialog {
    Q_OBJECT
public:
    ColoringRulesDialog(EventTableModel* model, QWidget* parent = nullptr);

private:
    EventTableModel* m_model;
    ColoringRules m_rules;
};

} // namespace syscope::gui
