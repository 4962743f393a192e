// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The analyzer window: filter toolbar, event list over decode tree and bytes, status bar; menus and
// shortcuts. It owns the TraceDocument and wires every view to it, and nothing else: views do not talk to
// each other. GUI thread.
#include <QMainWindow>

class QActionGroup;
class QMenu;

namespace syscope::gui {

class DecodePane;
class EventListView;
class EventTableModel;
class FilterBar;
class StatusPanel;
class TraceDocument;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    TraceDocument* document() const { return m_document; }
    EventListView* eventList() const { return m_list; }
    EventTableModel* eventModel() const { return m_model; }
    DecodePane* decodePane() const { return m_decode; }
    FilterBar* filterBar() const { return m_filter; }
    StatusPanel* statusPanel() const { return m_status; }

    // The first capture in the bundled samples folder, or empty.
    static QString bundledSample();

public slots:
    void openCapture(const QString& path);
    void openDialog();
    void goToEventDialog();
    void nextMark();
    void previousMark();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void rebuildRecentMenu();
    void updateTitle();

    TraceDocument* m_document;
    EventTableModel* m_model;
    EventListView* m_list;
    DecodePane* m_decode;
    FilterBar* m_filter;
    StatusPanel* m_status;
    QMenu* m_recentMenu = nullptr;
};

} // namespace syscope::gui
