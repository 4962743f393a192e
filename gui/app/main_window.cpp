// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/main_window.h"

#include "app/recent_files.h"
#include "app/status_panel.h"
#include "decode/decode_pane.h"
#include "document/trace_document.h"
#include "events/coloring_rules_dialog.h"
#include "events/event_list_view.h"
#include "events/event_table_model.h"
#include "filter/filter_bar.h"

#include <QActionGroup>
#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>

namespace syscope::gui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new TraceDocument(this)), m_model(new EventTableModel(m_document, this)),
      m_list(new EventListView(m_document, m_model)), m_decode(new DecodePane(m_document)),
      m_filter(new FilterBar(m_document)), m_status(new StatusPanel(m_document))
{
    setWindowTitle(QStringLiteral("syscope"));
    resize(1400, 900);
    setAcceptDrops(true);

    QToolBar* bar = addToolBar(tr("Display Filter"));
    bar->setObjectName(QStringLiteral("filterToolBar"));
    bar->setMovable(false);
    bar->addWidget(m_filter);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_list);
    split->addWidget(m_decode);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    // Initial proportions (scaled to the window): the list on top, the tree under it, a few lines of bytes.
    split->setSizes({480, 420});
    m_decode->setSizes({300, 120});
    setCentralWidget(split);
    statusBar()->addWidget(m_status, 1);
    statusBar()->setSizeGripEnabled(false);

    createMenus();
    connect(m_document, &TraceDocument::opened, this, [this](const QString& path) {
        RecentFiles::add(path);
        rebuildRecentMenu();
        updateTitle();
    });
    connect(m_document, &TraceDocument::closed, this, &MainWindow::updateTitle);
    connect(m_document, &TraceDocument::openFailed, this, [this](const QString& path, const QString& msg) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Cannot open capture"),
                                    tr("Cannot open %1:\n%2").arg(path, msg), QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    // Select the first event as soon as there is one, so the decode pane is never blank on open.
    connect(m_document, &TraceDocument::rowsAppended, this, [this](quint64 oldSize, quint64 newSize) {
        if (oldSize == 0 && newSize > 0 && !m_document->currentEvent())
            m_list->goToFirst();
    });
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addAction(tr("&Close"), QKeySequence::Close, m_document, &TraceDocument::close);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Mark/Unmark Event"), QKeySequence(Qt::CTRL | Qt::Key_M), this, [this] {
        if (auto cur = m_document->currentEvent())
            m_document->toggleMark(*cur);
    });
    edit->addAction(tr("&Next Mark"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), this, &MainWindow::nextMark);
    edit->addAction(tr("&Previous Mark"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B), this,
                    &MainWindow::previousMark);
    edit->addAction(tr("&Unmark All"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_M), m_document,
                    &TraceDocument::clearMarks);
    edit->addSeparator();
    edit->addAction(tr("Set/Unset &Time Reference"), QKeySequence(Qt::CTRL | Qt::Key_T), this, [this] {
        auto cur = m_document->currentEvent();
        if (!cur)
            return;
        m_document->setTimeReference(m_document->timeReference() == cur ? std::nullopt : cur);
    });
    edit->addSeparator();
    edit->addAction(tr("&Find Filter"), QKeySequence(Qt::CTRL | Qt::Key_Slash), this, [this] { m_filter->setFocus(); });

    QMenu* go = menuBar()->addMenu(tr("&Go"));
    go->addAction(tr("&Go to Event…"), QKeySequence(Qt::CTRL | Qt::Key_G), this, &MainWindow::goToEventDialog);
    go->addAction(tr("&First Event"), QKeySequence(Qt::CTRL | Qt::Key_Home), m_list, &EventListView::goToFirst);
    go->addAction(tr("&Last Event"), QKeySequence(Qt::CTRL | Qt::Key_End), m_list, &EventListView::goToLast);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QMenu* timeMenu = view->addMenu(tr("&Time Display Format"));
    auto* group = new QActionGroup(this);
    const std::pair<QString, TimeFormat> formats[] = {
        {tr("&Absolute (time of day)"), TimeFormat::kAbsolute},
        {tr("Seconds Since &First Event"), TimeFormat::kRelative},
        {tr("Seconds Since &Previous Displayed Event"), TimeFormat::kDelta},
        {tr("Seconds Since Time &Reference"), TimeFormat::kSinceReference},
    };
    int key = Qt::Key_1;
    for (const auto& [label, fmt] : formats) {
        QAction* a = timeMenu->addAction(label);
        a->setCheckable(true);
        a->setChecked(fmt == m_document->timeFormat());
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key(key++)));
        group->addAction(a);
        connect(a, &QAction::triggered, m_document, [this, f = fmt] { m_document->setTimeFormat(f); });
    }
    QMenu* presets = view->addMenu(tr("Column &Preset"));
    for (const QString& name : ColumnSet::presetNames())
        presets->addAction(ColumnSet::presetTitle(name), this,
                           [this, name] { m_document->setColumns(ColumnSet::preset(name)); });
    view->addAction(tr("&Colouring Rules…"), this, [this] {
        auto* d = new ColoringRulesDialog(m_model, this);
        d->open();
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About syscope"), this, [this] {
        auto* box = new QMessageBox(QMessageBox::Information, tr("About syscope"),
                                    tr("syscope %1\nWireshark for Linux system-call traces.\nGPL-3.0-or-later.")
                                        .arg(QCoreApplication::applicationVersion()),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = RecentFiles::list();
    for (const QString& f : files)
        m_recentMenu->addAction(f, this, [this, f] { openCapture(f); });
    if (files.isEmpty())
        m_recentMenu->addAction(tr("No recent captures"))->setEnabled(false);
    else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear Recent"), this, [this] {
            RecentFiles::clear();
            rebuildRecentMenu();
        });
    }
}

void MainWindow::updateTitle()
{
    const QString p = m_document->path();
    setWindowTitle(p.isEmpty() ? QStringLiteral("syscope")
                               : QStringLiteral("%1 — syscope").arg(QFileInfo(p).fileName()));
}

void MainWindow::openCapture(const QString& path) { m_document->openFile(path); }

void MainWindow::openDialog()
{
    auto* d = new QFileDialog(this, tr("Open Capture"), QString(),
                              tr("Captures (*.scap *.scap.gz *.scap.zst *.gz *.zst);;All files (*)"));
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->setFileMode(QFileDialog::ExistingFile);
    connect(d, &QFileDialog::fileSelected, this, &MainWindow::openCapture);
    d->open();
}

void MainWindow::goToEventDialog()
{
    if (!m_document->isOpen())
        return;
    auto* d = new QInputDialog(this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->setWindowTitle(tr("Go to Event"));
    d->setLabelText(tr("Event number (evt.num):"));
    d->setInputMode(QInputDialog::IntInput);
    d->setIntRange(1, std::numeric_limits<int>::max());
    if (auto cur = m_document->currentEvent())
        d->setIntValue(int(*cur + 1));
    connect(d, &QInputDialog::intValueSelected, this, [this](int n) { m_list->goToOrdinal(quint64(n - 1)); });
    d->open();
}

void MainWindow::nextMark()
{
    auto cur = m_document->currentEvent();
    auto next =
        cur ? m_document->nextMark(*cur)
            : (m_document->marks().empty() ? std::nullopt : std::optional<uint64_t>(*m_document->marks().begin()));
    if (!next && !m_document->marks().empty())
        next = *m_document->marks().begin(); // wrap around, as Wireshark does
    if (next)
        m_list->goToOrdinal(*next);
}

void MainWindow::previousMark()
{
    auto cur = m_document->currentEvent();
    auto prev = cur ? m_document->previousMark(*cur) : std::nullopt;
    if (!prev && !m_document->marks().empty())
        prev = *m_document->marks().rbegin();
    if (prev)
        m_list->goToOrdinal(*prev);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() && !event->mimeData()->urls().isEmpty() &&
        event->mimeData()->urls().first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    openCapture(urls.first().toLocalFile());
    event->acceptProposedAction();
}

QString MainWindow::bundledSample()
{
    QStringList dirs = {QCoreApplication::applicationDirPath() + QStringLiteral("/../share/syscope/samples")};
#ifdef SYSCOPE_SOURCE_SAMPLES_DIR
    dirs << QStringLiteral(SYSCOPE_SOURCE_SAMPLES_DIR);
#endif
    for (const QString& d : dirs) {
        const QStringList files = QDir(d).entryList({QStringLiteral("*.scap")}, QDir::Files, QDir::Name);
        if (!files.isEmpty())
            return QDir(d).filePath(files.first());
    }
    return {};
}

} // namespace syscope::gui
