// SPDX-License-Identifier: GPL-3.0-or-later
#include "main_window.h"

#include "format/mapped_capture.h"
#include "index/indexer.h"

#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>

namespace syscope::gui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(QStringLiteral("syscope"));
    resize(1200, 800);
    m_summary = new QLabel(tr("No capture open. File › Open… to read a .scap capture."), this);
    m_summary->setAlignment(Qt::AlignCenter);
    setCentralWidget(m_summary);
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] {
        QString path = QFileDialog::getOpenFileName(this, tr("Open capture"), QString(),
                                                    tr("Captures (*.scap *.scap.gz *.scap.zst);;All files (*)"));
        if (!path.isEmpty())
            openCapture(path);
    });
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::openCapture(const QString& path)
{
    // Interim: counts the events synchronously. The analyzer-window issue moves this into a job.
    auto cap = format::MappedCapture::open(path.toStdString());
    if (!cap) {
        m_summary->setText(tr("Cannot open %1:\n%2").arg(path, QString::fromStdString(cap.error().message)));
        return;
    }
    index::Indexer indexer(**cap, decode::Compat::kSysdig0293);
    if (auto r = indexer.open(); !r) {
        m_summary->setText(tr("Cannot read %1:\n%2").arg(path, QString::fromStdString(r.error().message)));
        return;
    }
    indexer.run();
    QString text = tr("%1\n%2 events").arg(path).arg(indexer.eventCount());
    if (indexer.damage())
        text += QStringLiteral("\n") + QString::fromStdString(indexer.damage()->message);
    m_summary->setText(text);
    setWindowTitle(QStringLiteral("syscope — %1").arg(path));
}

} // namespace syscope::gui
