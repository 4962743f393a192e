// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Completion for the filter bar, token by token: a field name (from the field catalog, with its description
// as a tooltip) where a field is expected, and after a comparison operator the values seen in the open
// capture for fields where that list is short and useful (process names, executables, users, containers)
// or fixed (event types, categories, fd types, directions). GUI thread.
#include <QHash>
#include <QObject>
#include <QStringList>

class QCompleter;
class QLineEdit;
class QStandardItemModel;
class QStringListModel;

namespace syscope::gui {

class TraceDocument;

class FilterCompleter : public QObject {
    Q_OBJECT
public:
    FilterCompleter(QLineEdit* edit, TraceDocument* document, QObject* parent = nullptr);
    QCompleter* completer() const { return m_completer; }
    bool popupVisible() const;
    // The popup is open with a row picked: Enter takes that completion.
    bool choosing() const;
    void hidePopup();

    // What is being typed at `cursor`: a field name, or the value compared with `field`.
    struct Context {
        int start = 0;  // where the token starts
        QString prefix; // the token up to the cursor
        bool value = false;
        QString field; // the field a value is compared with
    };
    static Context contextAt(const QString& text, int cursor);
    static QStringList fieldNames();
    // Values to offer for `field` in the open capture (empty: nothing to offer).
    QStringList valuesFor(const QString& field);

private:
    void onTextEdited();
    void insertCompletion(const QString& completion);

    QLineEdit* m_edit;
    TraceDocument* m_document;
    QCompleter* m_completer;
    QStandardItemModel* m_fields;
    QStringListModel* m_values;
    QHash<QString, QStringList> m_valueCache; // per open capture
    Context m_context;
};

} // namespace syscope::gui
