// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/status_panel.h"

#include "document/trace_document.h"
#include "filter/filter_engine.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

namespace syscope::gui {

StatusPanel::StatusPanel(TraceDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_message(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_cancel(new QToolButton(this)), m_counts(new QLabel(this))
{
    auto* lay = new QHBoxLayout(this);
    lay->setContentsMargins(4, 0, 4, 0);
    m_message->setObjectName(QStringLiteral("statusMessage"));
    m_counts->setObjectName(QStringLiteral("statusCounts"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_cancel->setText(tr("Cancel"));
    m_cancel->hide();
    lay->addWidget(m_message, 1);
    lay->addWidget(m_progress);
    lay->addWidget(m_cancel);
    lay->addSpacing(12);
    lay->addWidget(m_counts);

    connect(m_cancel, &QToolButton::clicked, this, [this] {
        if (m_document->isFiltering())
            m_document->cancelFilter();
        else if (m_document->isOpening())
            m_document->close();
        else
            m_document->stopIndexing();
    });
    connect(document, &TraceDocument::openStarted, this, [this](const QString& path) {
        m_indexing = true;
        m_indexFraction = 0;
        showMessage(tr("Opening %1…").arg(path));
        updateProgress();
    });
    connect(document, &TraceDocument::openFailed, this, [this](const QString& path, const QString& msg) {
        m_indexing = false;
        showMessage(tr("Cannot open %1: %2").arg(path, msg));
        updateProgress();
    });
    connect(document, &TraceDocument::indexingProgressed, this, [this](double f, quint64 n) {
        m_indexFraction = f;
        showMessage(tr("Indexing: %1 events").arg(QLocale().toString(qulonglong(n))));
        updateProgress();
    });
    connect(document, &TraceDocument::indexingFinished, this, [this](quint64 n, const QString& damage) {
        m_indexing = false;
        showMessage(
            damage.isEmpty()
                ? tr("%1 events indexed").arg(QLocale().toString(qulonglong(n)))
                : tr("%1 events indexed; the capture is damaged: %2").arg(QLocale().toString(qulonglong(n)), damage));
        updateProgress();
    });
    connect(document, &TraceDocument::closed, this, [this] {
        m_indexing = false;
        showMessage(tr("No capture open"));
        updateProgress();
    });
    connect(document, &TraceDocument::filterStarted, this, [this] { updateProgress(); });
    connect(document, &TraceDocument::filterApplied, this,
            [this, document](const QString& text, quint64 rows, double s) {
                if (!text.isEmpty()) {
                    QString message = tr("Filter applied: %1 events match (%2 s)")
                                          .arg(QLocale().toString(qulonglong(rows)))
                                          .arg(s, 0, 'f', 3);
                    // A yellow filter says why here too: the reason is what explains a surprising count.
                    if (const auto& caution = document->filterCaution())
                        message += tr(" — but column %1: %2")
                                       .arg(caution->column + 1)
                                       .arg(QString::fromStdString(caution->message));
                    showMessage(message);
                }
                updateProgress();
            });
    connect(document, &TraceDocument::filterFailed, this, [this](const QString&, const FilterError& e) {
        showMessage(tr("Invalid filter: %1").arg(QString::fromStdString(e.message)));
    });
    connect(&document->jobs(), &JobRunner::jobProgressed, this, [this] { updateProgress(); });
    connect(&document->jobs(), &JobRunner::jobFinished, this, [this] { updateProgress(); });
    connect(document, &TraceDocument::countsChanged, this, [this] { m_counts->setText(countsText()); });
    m_counts->setText(countsText());
    showMessage(tr("No capture open"));
}

QString StatusPanel::countsText() const
{
    const QLocale l;
    return tr("Displayed: %1 · Total: %2 · Marked: %3")
        .arg(l.toString(qulonglong(m_document->rows()->size())),
             l.toString(qulonglong(m_document->shownRows()->size())),
             l.toString(qulonglong(m_document->marks().size())));
}

QString StatusPanel::message() const { return m_message->text(); }

void StatusPanel::showMessage(const QString& text) { m_message->setText(text); }

void StatusPanel::updateProgress()
{
    if (m_document->isFiltering()) {
        const double f = m_document->jobs().progress(TraceDocument::kRowsLane);
        m_progress->setFormat(tr("Filtering %p%"));
        m_progress->setValue(f < 0 ? 0 : int(f * 1000));
        m_progress->show();
        m_cancel->show();
        return;
    }
    if (m_document->isOpening()) {
        m_progress->setFormat(tr("Opening…"));
        m_progress->setRange(0, 0); // decompression size is unknown up front: a busy bar
        m_progress->show();
        m_cancel->show();
        return;
    }
    m_progress->setRange(0, 1000);
    if (m_indexing) {
        m_progress->setFormat(tr("Indexing %p%"));
        m_progress->setValue(int(m_indexFraction * 1000));
        m_progress->show();
        m_cancel->show();
        return;
    }
    m_progress->hide();
    m_cancel->hide();
}

} // namespace syscope::gui
