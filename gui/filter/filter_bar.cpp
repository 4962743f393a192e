// SPDX-License-Identifier: GPL-3.0-or-later
#include "filter/filter_bar.h"

#include "document/trace_document.h"
#include "filter/filter_completer.h"
#include "filter/filter_engine.h"

#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QToolButton>

namespace syscope::gui {

namespace {
constexpr int kHistoryMax = 30;
const QString kHistoryKey = QStringLiteral("filter/history");
const QString kButtonsKey = QStringLiteral("filter/buttons");
} // namespace

FilterBar::FilterBar(TraceDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_edit(new QLineEdit(this)), m_history(new QToolButton(this)),
      m_applyButton(new QToolButton(this)), m_clearButton(new QToolButton(this)), m_saveButton(new QToolButton(this)),
      m_buttons(new QWidget(this)), m_completer(new FilterCompleter(m_edit, document, this))
{
    auto* lay = new QHBoxLayout(this);
    lay->setContentsMargins(2, 2, 2, 2);
    lay->setSpacing(2);
    m_edit->setObjectName(QStringLiteral("filterEdit"));
    m_edit->setPlaceholderText(
        tr("Apply a display filter … (sysdig syntax, e.g. proc.name=curl and evt.type=connect)"));
    m_edit->setClearButtonEnabled(true);
    m_history->setText(QStringLiteral("▾"));
    m_history->setToolTip(tr("Recent filters"));
    m_history->setPopupMode(QToolButton::InstantPopup);
    m_applyButton->setText(tr("Apply"));
    m_applyButton->setToolTip(tr("Apply the filter (Enter)"));
    m_clearButton->setText(tr("Clear"));
    m_clearButton->setToolTip(tr("Show every event"));
    lay->addWidget(m_edit, 1);
    lay->addWidget(m_history);
    lay->addWidget(m_applyButton);
    lay->addWidget(m_clearButton);
    m_saveButton->setText(QStringLiteral("+"));
    m_saveButton->setToolTip(tr("Save this filter as a button"));
    lay->addWidget(m_saveButton);
    auto* buttonsLay = new QHBoxLayout(m_buttons);
    buttonsLay->setContentsMargins(0, 0, 0, 0);
    buttonsLay->setSpacing(2);
    lay->addWidget(m_buttons);
    const QVariantList saved = QSettings().value(kButtonsKey).toList();
    for (const QVariant& v : saved) {
        const QStringList pair = v.toStringList();
        if (pair.size() == 2)
            m_saved.push_back({pair[0], pair[1]});
    }
    rebuildButtons();
    connect(m_saveButton, &QToolButton::clicked, this, [this] {
        const QString f = m_edit->text().trimmed();
        if (f.isEmpty() || m_validity == Validity::kInvalid)
            return;
        auto* d = new QInputDialog(this);
        d->setAttribute(Qt::WA_DeleteOnClose);
        d->setWindowTitle(tr("Save Filter Button"));
        d->setLabelText(tr("Button label for\n%1").arg(f));
        d->setTextValue(f.left(24));
        connect(d, &QInputDialog::textValueSelected, this, [this, f](const QString& label) {
            if (!label.trimmed().isEmpty())
                addSavedFilter(label.trimmed(), f);
        });
        d->open();
    });

    m_historyList = QSettings().value(kHistoryKey).toStringList();
    rebuildHistoryMenu();

    connect(m_edit, &QLineEdit::textChanged, this, &FilterBar::validate);
    connect(m_edit, &QLineEdit::returnPressed, this, &FilterBar::apply);
    connect(m_applyButton, &QToolButton::clicked, this, &FilterBar::apply);
    connect(m_clearButton, &QToolButton::clicked, this, [this] {
        m_edit->clear();
        m_document->applyFilter(QString());
    });
    connect(document, &TraceDocument::filterPrepared, this, [this](const QString& text) {
        m_edit->setText(text);
        m_edit->setFocus();
    });
    connect(document, &TraceDocument::filterStarted, this, [this](const QString& text) {
        if (m_edit->text().trimmed() != text)
            m_edit->setText(text);
    });
    connect(document, &TraceDocument::filterApplied, this, [this](const QString& text) {
        if (!text.isEmpty())
            addToHistory(text);
    });
    connect(document, &TraceDocument::filterFailed, this, [this](const QString&, const FilterError& e) {
        m_validity = Validity::kInvalid;
        validate();
        m_edit->setToolTip(e.column >= 0 ? tr("Column %1: %2").arg(e.column + 1).arg(QString::fromStdString(e.message))
                                         : QString::fromStdString(e.message));
    });
    validate();
}

void FilterBar::validate()
{
    const QString text = m_edit->text();
    QString tip;
    if (text.trimmed().isEmpty()) {
        m_validity = Validity::kEmpty;
    } else {
        // Compiling is cheap enough for every keystroke (the compiler's contract).
        FilterEngine::Compiled c = FilterEngine::compile(text.toStdString());
        if (!c.ok()) {
            m_validity = Validity::kInvalid;
            const QString msg = QString::fromStdString(c.error->message);
            tip = c.error->column >= 0 ? tr("Column %1: %2").arg(c.error->column + 1).arg(msg) : msg;
        } else {
            m_validity = c.caution ? Validity::kCaution : Validity::kValid;
            tip = c.caution ? tr("Valid, but column %1: %2")
                                  .arg(c.caution->column + 1)
                                  .arg(QString::fromStdString(c.caution->message))
                            : tr("Valid filter: Enter applies it");
        }
    }
    // Wireshark's colours: the state reads at a glance, the text stays black on all three.
    static const QString base = QStringLiteral("QLineEdit#filterEdit { color: black; background: %1; }");
    switch (m_validity) {
    case Validity::kEmpty: m_edit->setStyleSheet(QString()); break;
    case Validity::kValid: m_edit->setStyleSheet(base.arg(QStringLiteral("#afffaf"))); break;
    case Validity::kInvalid: m_edit->setStyleSheet(base.arg(QStringLiteral("#ffafaf"))); break;
    case Validity::kCaution: m_edit->setStyleSheet(base.arg(QStringLiteral("#ffffaf"))); break;
    }
    m_edit->setToolTip(tip);
    m_edit->setProperty("validity", int(m_validity));
}

void FilterBar::apply()
{
    // Enter in the completion popup reaches the edit first: with a row picked it takes that completion and
    // does not apply; with none it applies what was typed.
    if (m_completer->choosing())
        return;
    m_completer->hidePopup();
    validate();
    if (m_validity == Validity::kInvalid)
        return; // the tooltip says why; applying would only repeat it
    m_document->applyFilter(m_edit->text());
}

void FilterBar::addToHistory(const QString& text)
{
    m_historyList.removeAll(text);
    m_historyList.prepend(text);
    while (m_historyList.size() > kHistoryMax)
        m_historyList.removeLast();
    QSettings().setValue(kHistoryKey, m_historyList);
    rebuildHistoryMenu();
}

void FilterBar::rebuildHistoryMenu()
{
    auto* menu = new QMenu(this);
    for (const QString& f : m_historyList)
        menu->addAction(f, this, [this, f] {
            m_edit->setText(f);
            apply();
        });
    if (m_historyList.isEmpty())
        menu->addAction(tr("No recent filters"))->setEnabled(false);
    QMenu* old = m_history->menu();
    m_history->setMenu(menu);
    delete old;
}

} // namespace syscope::gui

namespace syscope::gui {

void FilterBar::addSavedFilter(const QString& label, const QString& filter)
{
    m_saved.push_back({label, filter});
    saveButtons();
    rebuildButtons();
}

void FilterBar::removeSavedFilter(int index)
{
    if (index < 0 || index >= m_saved.size())
        return;
    m_saved.removeAt(index);
    saveButtons();
    rebuildButtons();
}

void FilterBar::saveButtons() const
{
    QVariantList list;
    for (const SavedFilter& f : m_saved)
        list << QVariant(QStringList{f.label, f.filter});
    QSettings().setValue(kButtonsKey, list);
}

void FilterBar::rebuildButtons()
{
    auto* lay = static_cast<QHBoxLayout*>(m_buttons->layout());
    while (QLayoutItem* item = lay->takeAt(0)) {
        // Later: this may run from a button's own context menu.
        item->widget()->hide();
        item->widget()->deleteLater();
        delete item;
    }
    for (int i = 0; i < m_saved.size(); ++i) {
        auto* b = new QToolButton(m_buttons);
        b->setText(m_saved[i].label);
        b->setToolTip(m_saved[i].filter);
        b->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(b, &QToolButton::clicked, this, [this, f = m_saved[i].filter] {
            m_edit->setText(f);
            apply();
        });
        connect(b, &QWidget::customContextMenuRequested, this, [this, i, b](const QPoint& pos) {
            auto* menu = new QMenu(b);
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->addAction(tr("Remove Button"), this, [this, i] { removeSavedFilter(i); });
            menu->popup(b->mapToGlobal(pos));
        });
        lay->addWidget(b);
    }
    m_buttons->setVisible(!m_saved.isEmpty());
}

} // namespace syscope::gui
