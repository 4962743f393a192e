// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The display filter toolbar: sysdig filter syntax, compiled on every keystroke so the field turns green
// (valid), red (invalid, the error and its column in the tooltip) or yellow (valid, but a likely mistake, said
// in the tooltip); Enter applies it through the document, which runs it as a job. Keeps a history (QSettings)
// offered as completion and in a drop-down, and saved filters as buttons beside the bar (also QSettings).
// GUI thread.
#include <QStringList>
#include <QWidget>

class QLineEdit;
class QToolButton;

namespace syscope::gui {

class FilterCompleter;
class TraceDocument;

class FilterBar : public QWidget {
    Q_OBJECT
public:
    enum class Validity { kEmpty, kValid, kInvalid, kCaution };

    explicit FilterBar(TraceDocument* document, QWidget* parent = nullptr);
    QLineEdit* edit() const { return m_edit; }
    FilterCompleter* completer() const { return m_completer; }
    Validity validity() const { return m_validity; }
    QStringList history() const { return m_historyList; }
    struct SavedFilter {
        QString label, filter;
    };
    QList<SavedFilter> savedFilters() const { return m_saved; }
    void addSavedFilter(const QString& label, const QString& filter);
    void removeSavedFilter(int index);

public slots:
    void apply();

private:
    void validate();
    void addToHistory(const QString& text);
    void rebuildHistoryMenu();
    void rebuildButtons();
    void saveButtons() const;

    TraceDocument* m_document;
    QLineEdit* m_edit;
    QToolButton* m_history;
    QToolButton* m_applyButton;
    QToolButton* m_clearButton;
    QToolButton* m_saveButton;
    QWidget* m_buttons;
    QList<SavedFilter> m_saved;
    FilterCompleter* m_completer;
    QStringList m_historyList;
    Validity m_validity = Validity::kEmpty;
};

} // namespace syscope::gui
