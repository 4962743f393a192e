// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The lower half of the window: the decode tree of the document's current event over the bytes of its block.
// Selecting an item highlights its bytes and clicking a byte selects the innermost item that covers it. The
// context menu builds filters from items and hands them to the document. GUI thread.
#include <QSplitter>

class QTreeView;

namespace syscope::gui {

class BytesView;
class DecodeTreeModel;
class TraceDocument;

class DecodePane : public QSplitter {
    Q_OBJECT
public:
    explicit DecodePane(TraceDocument* document, QWidget* parent = nullptr);
    QTreeView* tree() const { return m_tree; }
    BytesView* bytes() const { return m_bytes; }
    DecodeTreeModel* model() const { return m_model; }

private:
    void showEvent(qint64 ordinal);
    void onItemSelected();
    void onByteClicked(int offset);
    void contextMenu(const QPoint& pos);

    TraceDocument* m_document;
    DecodeTreeModel* m_model;
    QTreeView* m_tree;
    BytesView* m_bytes;
    QString m_lastField; // kept selected from one event to the next, as Wireshark does
};

} // namespace syscope::gui
