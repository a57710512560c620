// SPDX-License-Identifier: GPL-3.0-or-later
// The system tray: an icon in the device grade's colour, the verdict as its tooltip, a menu (open,
// pause measuring, run a throughput test, quit) and a notification when the grade drops to Fair
// or Poor.
#pragma once

#include "core/passive/grading.h"

#include <QIcon>
#include <QObject>
#include <QString>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace pathlens::core {
struct CaptureSnapshot;
}

namespace pathlens::views {

// GUI thread. The logic (colour, tooltip, when to notify, the menu) works without a system tray,
// so tests drive it offscreen; showInTray() adds the QSystemTrayIcon where the desktop has a tray.
class TrayController : public QObject {
    Q_OBJECT
public:
    explicit TrayController(QObject *parent = nullptr);
    ~TrayController() override;

    // Feeds the device verdict. Notifies only for a live capture, and only when the grade gets worse
    // into Fair or Poor compared with the last graded snapshot (the first one sets the baseline).
    void showSnapshot(const core::CaptureSnapshot &snapshot);

    core::Grade grade() const { return m_grade; }
    QColor color() const;
    QString toolTip() const;
    QIcon icon() const;
    static QIcon iconFor(core::Grade grade); // the app icon with its lens filled in the grade colour

    // Measuring paused (collectors stopped) or running: the menu item and the tooltip follow.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    // The window's "Run a throughput test now": the tray item triggers it and follows its enabled state.
    void setTestNowAction(QAction *action);
    // No live capture (reviewing a file): nothing to pause.
    void setCanPause(bool can);

    QMenu *menu() const { return m_menu; }
    QAction *openAction() const { return m_open; }
    QAction *pauseAction() const { return m_pause; }
    QAction *testNowAction() const { return m_testNow; }
    QAction *quitAction() const { return m_quit; }

    // Preferences: closing the window keeps the app running in the tray (default: closing quits).
    static bool keepRunningSetting();
    static void setKeepRunningSetting(bool keep);

    // Creates the tray icon when the desktop has a system tray; false when it has none.
    bool showInTray();
    bool inTray() const { return m_tray != nullptr; }

signals:
    void openRequested();
    void pauseRequested(bool paused); // true: stop measuring, false: resume
    void quitRequested();
    void notificationRequested(const QString &title, const QString &message);

private:
    void refresh();

    QMenu *m_menu;
    QAction *m_open, *m_pause, *m_testNow, *m_quit;
    QSystemTrayIcon *m_tray = nullptr;
    core::Grade m_grade = core::Grade::Ungraded;
    core::Grade m_lastGraded = core::Grade::Ungraded; // baseline for drops (idle spells keep it)
    core::Grade m_trayGrade = core::Grade::Ungraded; // the grade the tray's icon was drawn for
    QString m_headline;
    bool m_paused = false;
};

} // namespace pathlens::views
