// SPDX-License-Identifier: GPL-3.0-or-later
// Apps page: every app graded worst first, a filter box, and the selected app's sessions.
#pragma once

#include "core/passive/tcp_rollups.h"

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QStackedLayout;
class QTableView;
class QLabel;

namespace pathlens::views {

class AppTableModel;
class SessionTableModel;

class AppsPage : public QWidget {
    Q_OBJECT
public:
    explicit AppsPage(QWidget *parent = nullptr);

    // Live updates diff in place; `newCapture` resets (another file, or the first picture).
    void showPicture(const core::TcpPicture &picture, bool newCapture);
    void setPolicy(const core::GradingPolicy &policy);

    AppTableModel *appModel() const { return m_apps; }
    SessionTableModel *sessionModel() const { return m_sessions; }
    QSortFilterProxyModel *appProxy() const { return m_appProxy; }
    QTableView *appView() const { return m_appView; }
    QLineEdit *filterBox() const { return m_filter; }
    QString selectedApp() const { return m_selectedApp; }

private:
    void selectApp(const QString &name);
    void refreshSessions(bool reset);

    AppTableModel *m_apps;
    SessionTableModel *m_sessions;
    QSortFilterProxyModel *m_appProxy;
    QSortFilterProxyModel *m_sessionProxy;
    QTableView *m_appView;
    QTableView *m_sessionView;
    QLineEdit *m_filter;
    QLabel *m_sessionsTitle;
    QStackedLayout *m_stack;
    std::vector<core::TcpSession> m_allSessions;
    QString m_selectedApp;
};

} // namespace pathlens::views
