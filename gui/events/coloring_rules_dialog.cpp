// SPDX-License-Identifier: GPL-3.0-or-later
#include "events/coloring_rules_dialog.h"

#include "events/event_table_model.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QPushButton>

namespace syscope::gui {

namespace {
void paintSwatch(QPushButton* b, const QColor& c)
{
    b->setStyleSheet(QStringLiteral("background: %1; min-width: 4em;").arg(c.name()));
}
} // namespace

ColoringRulesDialog::ColoringRulesDialog(EventTableModel* model, QWidget* parent)
    : QDialog(parent), m_model(model), m_rules(model->coloringRules())
{
    setWindowTitle(tr("Colouring Rules"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto* grid = new QGridLayout(this);
    auto* all = new QCheckBox(tr("Colour the event list"), this);
    all->setChecked(m_rules.enabled());
    connect(all, &QCheckBox::toggled, this, [this](bool on) { m_rules.setEnabled(on); });
    grid->addWidget(all, 0, 0, 1, 2);
    for (int i = 0; i < m_rules.rules().size(); ++i) {
        auto* on = new QCheckBox(m_rules.rules()[i].name, this);
        on->setChecked(m_rules.rules()[i].enabled);
        connect(on, &QCheckBox::toggled, this, [this, i](bool v) { m_rules.rules()[i].enabled = v; });
        auto* color = new QPushButton(this);
        paintSwatch(color, m_rules.rules()[i].color);
        connect(color, &QPushButton::clicked, this, [this, i, color] {
            auto* d = new QColorDialog(m_rules.rules()[i].color, this);
            d->setAttribute(Qt::WA_DeleteOnClose);
            connect(d, &QColorDialog::colorSelected, this, [this, i, color](const QColor& c) {
                m_rules.rules()[i].color = c;
                paintSwatch(color, c);
            });
            d->open();
        });
        grid->addWidget(on, i + 1, 0);
        grid->addWidget(color, i + 1, 1);
    }
    auto* buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    grid->addWidget(buttons, int(m_rules.rules().size()) + 1, 0, 1, 2);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        m_rules.save();
        m_model->setColoringRules(m_rules);
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this] {
        m_rules = ColoringRules::defaults();
        m_rules.save();
        m_model->setColoringRules(m_rules);
        accept();
    });
}

} // namespace syscope::gui
