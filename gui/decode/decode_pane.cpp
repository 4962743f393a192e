// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/decode_pane.h"

#include "decode/bytes_view.h"
#include "decode/decode_tree_model.h"
#include "decode/event_decoder.h"
#include "document/trace_document.h"
#include "events/field_columns.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QMenu>
#include <QTreeView>

namespace syscope::gui {

DecodePane::DecodePane(TraceDocument* document, QWidget* parent)
    : QSplitter(Qt::Vertical, parent), m_document(document), m_model(new DecodeTreeModel(this)),
      m_tree(new QTreeView(this)), m_bytes(new BytesView(this))
{
    m_tree->setObjectName(QStringLiteral("decodeTree"));
    m_bytes->setObjectName(QStringLiteral("bytesView"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(0, 260);
    m_tree->setColumnWidth(1, 420);
    addWidget(m_tree);
    addWidget(m_bytes);
    setStretchFactor(0, 3);
    setStretchFactor(1, 2);

    connect(document, &TraceDocument::currentEventChanged, this, &DecodePane::showEvent);
    connect(document, &TraceDocument::closed, this, [this] { showEvent(-1); });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &DecodePane::onItemSelected);
    connect(m_bytes, &BytesView::byteClicked, this, &DecodePane::onByteClicked);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &DecodePane::contextMenu);
}

void DecodePane::showEvent(qint64 ordinal)
{
    std::optional<DecodedEvent> ev;
    if (ordinal >= 0 && m_document->session())
        ev = EventDecoder::decode(*m_document->session(), uint64_t(ordinal));
    const QString keep = m_lastField;
    m_model->setEvent(ev);
    m_bytes->setBytes(ev ? ev->bytes : QByteArray(), ev ? ev->blockOffset : 0);
    if (!ev)
        return;
    m_tree->expandToDepth(0);
    // The block framing is rarely what one looks for: leave it folded.
    const int top = m_model->rowCount();
    if (top > 0)
        m_tree->collapse(m_model->index(top - 1, 0));
    if (!keep.isEmpty()) {
        QModelIndex i = m_model->indexOfField(keep);
        if (i.isValid()) {
            m_tree->setCurrentIndex(i);
            m_tree->scrollTo(i);
        }
    }
}

void DecodePane::onItemSelected()
{
    const QModelIndex i = m_tree->currentIndex();
    const DecodeNode* n = i.isValid() ? m_model->node(i) : nullptr;
    if (!n) {
        m_bytes->setHighlight(-1, -1);
        return;
    }
    if (!n->field.isEmpty())
        m_lastField = n->field;
    m_bytes->setHighlight(n->begin, n->end);
}

void DecodePane::onByteClicked(int offset)
{
    const QModelIndex i = m_model->indexAtByte(offset);
    if (!i.isValid())
        return;
    m_tree->setCurrentIndex(i);
    m_tree->scrollTo(i);
}

void DecodePane::contextMenu(const QPoint& pos)
{
    const QModelIndex i = m_tree->indexAt(pos);
    const DecodeNode* n = i.isValid() ? m_model->node(i) : nullptr;
    if (!n)
        return;
    const QString filter = n->filterText();
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    auto combine = [this](const QString& op, const QString& f) {
        const QString cur = m_document->filterText();
        return cur.isEmpty() ? f : QStringLiteral("(%1) %2 %3").arg(cur, op, f);
    };
    QAction* apply = menu->addAction(tr("Apply as Filter"), this, [this, filter] { m_document->applyFilter(filter); });
    QMenu* prepare = menu->addMenu(tr("Prepare as Filter"));
    prepare->addAction(tr("Selected"), this, [this, filter] { m_document->prepareFilter(filter); });
    prepare->addAction(tr("Not Selected"), this,
                       [this, filter] { m_document->prepareFilter(QStringLiteral("not ") + filter); });
    prepare->addAction(tr("…and Selected"), this,
                       [this, filter, combine] { m_document->prepareFilter(combine(QStringLiteral("and"), filter)); });
    prepare->addAction(tr("…or Selected"), this,
                       [this, filter, combine] { m_document->prepareFilter(combine(QStringLiteral("or"), filter)); });
    prepare->addAction(tr("…and not Selected"), this, [this, filter, combine] {
        m_document->prepareFilter(combine(QStringLiteral("and"), QStringLiteral("not ") + filter));
    });
    prepare->addAction(tr("…or not Selected"), this, [this, filter, combine] {
        m_document->prepareFilter(combine(QStringLiteral("or"), QStringLiteral("not ") + filter));
    });
    apply->setEnabled(!filter.isEmpty());
    prepare->setEnabled(!filter.isEmpty());
    menu->addSeparator();
    const QString value = n->value.isEmpty() ? n->name : n->value;
    menu->addAction(tr("Copy Value"), this, [value] { QApplication::clipboard()->setText(value); });
    menu->addAction(tr("Copy as Filter"), this, [filter] { QApplication::clipboard()->setText(filter); })
        ->setEnabled(!filter.isEmpty());
    if (!n->raw.isEmpty())
        menu->addAction(tr("Copy Raw Value"), this, [raw = n->raw] { QApplication::clipboard()->setText(raw); });
    menu->addSeparator();
    const QString field = n->field;
    QString why;
    QAction* col = menu->addAction(tr("Apply as Column"), this, [this, field] { m_document->addFieldColumn(field); });
    col->setEnabled(!field.isEmpty() && FieldColumns::isValidField(field, &why));
    if (!why.isEmpty())
        col->setToolTip(why);
    menu->popup(m_tree->viewport()->mapToGlobal(pos));
}

} // namespace syscope::gui
