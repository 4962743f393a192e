// SPDX-License-Identifier: GPL-3.0-or-later
#include "decode/bytes_view.h"

#include <QFontDatabase>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

namespace syscope::gui {

namespace {
constexpr int kPerLine = 16;
constexpr int kOffsetChars = 10; // "00000000  "
constexpr int kHexStart = kOffsetChars;
constexpr int kAsciiStart = kHexStart + kPerLine * 3 + 2;
} // namespace

BytesView::BytesView(QWidget* parent) : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    viewport()->setCursor(Qt::IBeamCursor);
}

QSize BytesView::sizeHint() const
{
    return {(kAsciiStart + kPerLine + 2) * charWidth() + verticalScrollBar()->sizeHint().width(), lineHeight() * 8};
}

void BytesView::setBytes(const QByteArray& bytes, quint64 fileOffset)
{
    m_bytes = bytes;
    m_fileOffset = fileOffset;
    m_begin = m_end = -1;
    verticalScrollBar()->setValue(0);
    updateScrollBar();
    viewport()->update();
}

void BytesView::setHighlight(int begin, int end)
{
    m_begin = begin;
    m_end = begin < 0 ? -1 : end;
    if (begin >= 0) {
        // Keep the highlighted range in view.
        const int line = begin / kPerLine;
        const int visible = std::max(1, viewport()->height() / lineHeight());
        QScrollBar* sb = verticalScrollBar();
        if (line < sb->value() || line >= sb->value() + visible)
            sb->setValue(std::max(0, line - 1));
    }
    viewport()->update();
}

int BytesView::lineHeight() const { return fontMetrics().height(); }

int BytesView::charWidth() const { return fontMetrics().horizontalAdvance(QLatin1Char('0')); }

void BytesView::updateScrollBar()
{
    const int lines = int((m_bytes.size() + kPerLine - 1) / kPerLine);
    const int visible = std::max(1, viewport()->height() / lineHeight());
    verticalScrollBar()->setRange(0, std::max(0, lines - visible));
    verticalScrollBar()->setPageStep(visible);
}

void BytesView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBar();
}

void BytesView::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    p.setFont(font());
    const int lh = lineHeight();
    const int cw = charWidth();
    const int ascent = fontMetrics().ascent();
    const QColor hl = palette().color(QPalette::Highlight);
    const QColor hlText = palette().color(QPalette::HighlightedText);
    const QColor text = palette().color(QPalette::Text);
    const QColor dim = palette().color(QPalette::PlaceholderText);
    const int first = verticalScrollBar()->value();
    const int lines = int((m_bytes.size() + kPerLine - 1) / kPerLine);
    for (int line = first, y = 0; line < lines && y < viewport()->height(); ++line, y += lh) {
        p.setPen(dim);
        p.drawText(2, y + ascent, QStringLiteral("%1").arg(line * kPerLine, 8, 16, QLatin1Char('0')));
        for (int k = 0; k < kPerLine; ++k) {
            const int i = line * kPerLine + k;
            if (i >= m_bytes.size())
                break;
            const uint8_t b = uint8_t(m_bytes[i]);
            const bool sel = i >= m_begin && i < m_end;
            const int hx = 2 + (kHexStart + k * 3 + (k >= 8 ? 1 : 0)) * cw;
            const int ax = 2 + (kAsciiStart + k) * cw;
            if (sel) {
                // Join the highlight across the gap to the next selected byte on the same line.
                const bool joinNext = i + 1 < m_end && k + 1 < kPerLine;
                p.fillRect(hx, y, cw * (joinNext ? (k == 7 ? 4 : 3) : 2), lh, hl);
                p.fillRect(ax, y, cw, lh, hl);
            }
            p.setPen(sel ? hlText : text);
            p.drawText(hx, y + ascent, QStringLiteral("%1").arg(b, 2, 16, QLatin1Char('0')));
            p.drawText(ax, y + ascent, QString(QChar(b >= 0x20 && b < 0x7f ? char(b) : '.')));
        }
    }
}

int BytesView::byteAt(const QPoint& pos) const
{
    const int cw = charWidth();
    const int line = verticalScrollBar()->value() + pos.y() / lineHeight();
    const int col = (pos.x() - 2) / cw;
    int k = -1;
    if (col >= kAsciiStart && col < kAsciiStart + kPerLine)
        k = col - kAsciiStart;
    else if (col >= kHexStart && col < kAsciiStart - 2) {
        int c = col - kHexStart;
        if (c >= 8 * 3)
            c -= 1;
        k = std::min(kPerLine - 1, c / 3);
    }
    if (k < 0)
        return -1;
    const int i = line * kPerLine + k;
    return i < m_bytes.size() ? i : -1;
}

void BytesView::mousePressEvent(QMouseEvent* event)
{
    const int i = byteAt(event->position().toPoint());
    if (i >= 0)
        emit byteClicked(i);
    QAbstractScrollArea::mousePressEvent(event);
}

} // namespace syscope::gui
