// SPDX-License-Identifier: GPL-3.0-or-later
// The wall screen of kiosk mode: one dashboard at a time (verdict, worst apps, worst mesh legs,
// fleet, the day's timeline) in type scaled to the screen's height, and a fault line on top that
// says plainly what stopped. Never a table, never a dialog.
#pragma once

#include "core/base/collector_status.h"
#include "core/pipeline/capture_snapshot.h"
#include "views/shell/page_catalog.h"

#include <QWidget>

#include <functional>
#include <map>
#include <vector>

class QLabel;
class QStackedWidget;
class QTimer;
class QVBoxLayout;

namespace pathlens::views {

class KioskStrip;

class KioskBoard : public QWidget {
    Q_OBJECT
public:
    enum class Dashboard { Overview, Apps, Mesh, Fleet, Timeline };
    static constexpr int kDashboards = 5;
    static constexpr int kRows = 5;          // worst apps, legs, devices shown: read across a room
    static constexpr double kMinTextFraction = 0.03; // no text smaller than 3 % of the screen height

    explicit KioskBoard(QWidget *parent = nullptr);

    // Only from the typed snapshot, like every view.
    void showSnapshot(const core::SnapshotPtr &snapshot);
    void setCollectorStatus(const core::CollectorStatus &status);
    // What a dialog would have said elsewhere (an error opening a capture): on the fault line for a minute.
    void showNotice(const QString &message);

    void showDashboard(Dashboard dashboard);
    // The next dashboard with something to show (Mesh and Fleet are skipped while they have no data).
    void showNext();
    Dashboard current() const;

    QString faultText() const; // "" while nothing is wrong
    // Re-judges the fault line against the clock (a timer does it every few seconds).
    void refreshFault();
    void setClock(std::function<core::TimestampUs()> now) { m_now = std::move(now); }

    QSize sizeHint() const override { return {1920, 1080}; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    enum class Role { Huge, Title, Row, Line, Caption };
    QLabel *addLabel(QVBoxLayout *layout, Role role, bool wrap = false);
    void fitText();
    void fit(QLabel *label);
    void setLabel(QLabel *label, const QString &text, const QColor &colour = {});
    void fillOverview(const core::CaptureSnapshot &s);
    void fillApps(const core::CaptureSnapshot &s);
    void fillMesh(const core::CaptureSnapshot &s);
    void fillFleet(const core::CaptureSnapshot &s);
    void fillTimeline(const core::CaptureSnapshot &s);
    void updateFooter();

    core::SnapshotPtr m_snapshot;
    std::map<QString, core::CollectorStatus> m_collectors;
    QString m_notice;
    core::TimestampUs m_noticeUntil = 0;
    std::function<core::TimestampUs()> m_now;
    QTimer *m_faultTimer;

    QLabel *m_fault;
    QStackedWidget *m_stack;
    QLabel *m_footer;
    std::vector<std::pair<QLabel *, Role>> m_labels;
    std::vector<QVBoxLayout *> m_layouts;
    // Overview
    QLabel *m_grade, *m_headline, *m_evidence, *m_tiers;
    KioskStrip *m_overviewStrip, *m_timelineStrip;
    // Lists: a title and kRows rows each
    QLabel *m_appsTitle, *m_meshTitle, *m_fleetTitle, *m_fleetBand;
    std::vector<QLabel *> m_appRows, m_meshRows, m_fleetRows;
    // Timeline
    QLabel *m_hiccup;
};

// The page whose content a dashboard shows (its id names it in dumps; --page picks it).
Page kioskDashboardPage(KioskBoard::Dashboard dashboard);

} // namespace pathlens::views
