// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/screenshot_driver.h"

#include "app/main_window.h"
#include "decode/decode_pane.h"
#include "decode/decode_tree_model.h"
#include "document/trace_document.h"
#include "events/event_list_view.h"

#include <QCoreApplication>
#include <QPixmap>
#include <QTimer>
#include <QTreeView>

#include <cstdio>

namespace syscope::gui {

ScreenshotDriver::ScreenshotDriver(MainWindow* window, Options options, QObject* parent)
    : QObject(parent), m_window(window), m_options(std::move(options))
{}

void ScreenshotDriver::start()
{
    TraceDocument* doc = m_window->document();
    connect(doc, &TraceDocument::settled, this, &ScreenshotDriver::onSettled);
    connect(doc, &TraceDocument::openFailed, this,
            [this](const QString& path, const QString& msg) { finish(2, path + QStringLiteral(": ") + msg); });
    connect(doc, &TraceDocument::filterFailed, this, [this](const QString& text, const FilterError& e) {
        finish(3, QStringLiteral("filter '%1': column %2: %3")
                      .arg(text)
                      .arg(e.column + 1)
                      .arg(QString::fromStdString(e.message)));
    });
    m_window->openCapture(m_options.capture);
}

void ScreenshotDriver::onSettled()
{
    TraceDocument* doc = m_window->document();
    if (m_step == Step::kLoading) {
        m_step = Step::kFiltering;
        if (!m_options.filter.isEmpty()) {
            doc->applyFilter(m_options.filter);
            return; // settled again once the filter job is done
        }
    }
    if (m_step != Step::kFiltering)
        return;
    m_step = Step::kDone;
    if (m_options.select)
        m_window->eventList()->goToOrdinal(*m_options.select - 1);
    else
        m_window->eventList()->goToFirst();
    // Render after the views have handled the selection's queued updates.
    QTimer::singleShot(0, this, &ScreenshotDriver::shoot);
}

void ScreenshotDriver::shoot()
{
    // Show the bytes highlight too: select the first parameter when nothing in the tree is selected.
    QTreeView* tree = m_window->decodePane()->tree();
    DecodeTreeModel* m = m_window->decodePane()->model();
    if (!m_options.field.isEmpty()) {
        const QModelIndex i = m->indexOfField(m_options.field);
        if (!i.isValid()) {
            finish(3, QStringLiteral("the selected event has no decode item %1").arg(m_options.field));
            return;
        }
        tree->setCurrentIndex(i);
        tree->scrollTo(i);
    }
    if (!tree->currentIndex().isValid()) {
        const QModelIndex params = m->index(1, 0);
        if (m->rowCount(params) > 0)
            tree->setCurrentIndex(m->index(0, 0, params));
    }
    const QPixmap shot = m_window->grab();
    if (!shot.save(m_options.output, "PNG")) {
        finish(4, QStringLiteral("cannot write %1").arg(m_options.output));
        return;
    }
    finish(0, QString());
}

void ScreenshotDriver::finish(int code, const QString& message)
{
    if (!message.isEmpty())
        std::fprintf(stderr, "syscope: %s\n", qPrintable(message));
    QCoreApplication::exit(code);
}

} // namespace syscope::gui
