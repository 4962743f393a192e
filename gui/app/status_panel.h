// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The status bar's contents: a message, the progress of indexing or filtering with a Cancel button, and the
// displayed / total / marked counts. Reads everything from the document. GUI thread.
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace syscope::gui {

class TraceDocument;

class StatusPanel : public QWidget {
    Q_OBJECT
public:
    explicit StatusPanel(TraceDocument* document, QWidget* parent = nullptr);
    QString countsText() const;
    QString message() const;

public slots:
    void showMessage(const QString& text);

private:
    void updateProgress();

    TraceDocument* m_document;
    QLabel* m_message;
    QProgressBar* m_progress;
    QToolButton* m_cancel;
    QLabel* m_counts;
    double m_indexFraction = 1.0;
    bool m_indexing = false;
};

} // namespace syscope::gui
