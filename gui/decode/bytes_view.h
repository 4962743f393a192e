// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Hex and ASCII of an event block, 16 bytes a line, with one highlighted byte range (the selected decode
// item's). Clicking a byte reports it so the pane can select the item that covers it. GUI thread.
#include <QAbstractScrollArea>
#include <QByteArray>

namespace syscope::gui {

class BytesView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit BytesView(QWidget* parent = nullptr);
    void setBytes(const QByteArray& bytes, quint64 fileOffset);
    void setHighlight(int begin, int end); // [begin, end); begin < 0 clears
    int highlightBegin() const { return m_begin; }
    int highlightEnd() const { return m_end; }
    QSize sizeHint() const override;

signals:
    void byteClicked(int offset);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    int lineHeight() const;
    int charWidth() const;
    int byteAt(const QPoint& pos) const;
    void updateScrollBar();

    QByteArray m_bytes;
    quint64 m_fileOffset = 0;
    int m_begin = -1, m_end = -1;
};

} // namespace syscope::gui
