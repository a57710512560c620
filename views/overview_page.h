// SPDX-License-Identifier: GPL-3.0-or-later
// Overview page: what capture is shown (source, host, span, row counts, recent events) above
// the verdict area, which stays an explained empty state until grading exists.
#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QListWidget;

namespace pathlens::views {

class EmptyStatePage;

class OverviewPage : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPage(QWidget *parent = nullptr);

    void showSummary(const QJsonObject &summary, bool live);
    QString captureText() const; // for tests

private:
    QLabel *m_capture;
    QListWidget *m_events;
    EmptyStatePage *m_verdict;
};

} // namespace pathlens::views
