// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The decode tree's model over one DecodedEvent: columns Field, Value, Raw. GUI thread.
#include "decode/decoded_event.h"

#include <QAbstractItemModel>

namespace syscope::gui {

class DecodeTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Role { kFilterRole = Qt::UserRole + 1, kBeginRole, kEndRole, kFieldRole };

    explicit DecodeTreeModel(QObject* parent = nullptr);
    void setEvent(std::optional<DecodedEvent> event);
    const std::optional<DecodedEvent>& event() const { return m_event; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const DecodeNode* node(const QModelIndex& index) const;
    // The innermost item whose byte range holds `offset`, or an invalid index.
    QModelIndex indexAtByte(int offset) const;
    // The first item, searching depth-first, whose field is `field`.
    QModelIndex indexOfField(const QString& field) const;

private:
    QModelIndex indexOf(const DecodeNode* n, int column = 0) const;
    std::optional<DecodedEvent> m_event;
};

} // namespace syscope::gui
