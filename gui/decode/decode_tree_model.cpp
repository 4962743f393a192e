// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/decode_tree_model.h"

#include <functional>

namespace syscope::gui {

DecodeTreeModel::DecodeTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

void DecodeTreeModel::setEvent(std::optional<DecodedEvent> event)
{
    beginResetModel();
    m_event = std::move(event);
    endResetModel();
}

const DecodeNode* DecodeTreeModel::node(const QModelIndex& index) const
{
    if (!index.isValid())
        return m_event ? m_event->root.get() : nullptr;
    return static_cast<const DecodeNode*>(index.internalPointer());
}

QModelIndex DecodeTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    const DecodeNode* p = node(parent);
    if (!p || row < 0 || column < 0 || column >= 3 || size_t(row) >= p->children.size())
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex DecodeTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const DecodeNode* n = node(child);
    if (!n || !n->parent || !n->parent->parent)
        return {};
    return createIndex(n->parent->row(), 0, n->parent);
}

int DecodeTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    const DecodeNode* p = node(parent);
    return p ? int(p->children.size()) : 0;
}

int DecodeTreeModel::columnCount(const QModelIndex&) const { return 3; }

QVariant DecodeTreeModel::data(const QModelIndex& index, int role) const
{
    const DecodeNode* n = index.isValid() ? node(index) : nullptr;
    if (!n)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case 0: return n->name;
        case 1: return n->value.size() > 2000 ? n->value.left(2000) + QStringLiteral("…") : n->value;
        case 2: return n->raw;
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = n->field.isEmpty() ? n->name : n->filterText();
        if (n->begin >= 0)
            tip += tr("\nbytes %1–%2").arg(n->begin).arg(n->end - 1);
        return tip;
    }
    case kFilterRole: return n->filterText();
    case kBeginRole: return n->begin;
    case kEndRole: return n->end;
    case kFieldRole: return n->field;
    default: return {};
    }
}

QVariant DecodeTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case 0: return tr("Field");
    case 1: return tr("Value");
    case 2: return tr("Raw");
    }
    return {};
}

QModelIndex DecodeTreeModel::indexOf(const DecodeNode* n, int column) const
{
    if (!n || !n->parent)
        return {};
    return createIndex(n->row(), column, const_cast<DecodeNode*>(n));
}

QModelIndex DecodeTreeModel::indexAtByte(int offset) const
{
    if (!m_event)
        return {};
    // The smallest range holding the byte wins: a parameter over its "Parameters" group over the block.
    const DecodeNode* best = nullptr;
    std::function<void(const DecodeNode&)> walk = [&](const DecodeNode& n) {
        for (const auto& c : n.children) {
            if (c->begin >= 0 && offset >= c->begin && offset < c->end &&
                (!best || c->end - c->begin < best->end - best->begin))
                best = c.get();
            walk(*c);
        }
    };
    walk(*m_event->root);
    return indexOf(best);
}

QModelIndex DecodeTreeModel::indexOfField(const QString& field) const
{
    if (!m_event)
        return {};
    const DecodeNode* found = nullptr;
    std::function<void(const DecodeNode&)> walk = [&](const DecodeNode& n) {
        for (const auto& c : n.children) {
            if (found)
                return;
            if (c->field == field) {
                found = c.get();
                return;
            }
            walk(*c);
        }
    };
    walk(*m_event->root);
    return indexOf(found);
}

} // namespace syscope::gui
