// SPDX-License-Identifier: GPL-3.0-or-later
// Fleet page (SPEC §1): the band ("Fleet is healthy — 8 Excellent · 3 Good · 1 Fair"), the grade
// distribution, the fleet median latency, and the Fastest 10 and Slowest 10 devices.
#pragma once

#include "core/fleet/fleet_ranking.h"

#include <QWidget>

class QLabel;
class QStackedWidget;
class QTableView;

namespace pathlens::views {

class FleetTableModel;
class GradeDistributionBar;

class FleetPage : public QWidget {
    Q_OBJECT
public:
    explicit FleetPage(QWidget *parent = nullptr);

    void showFleet(const core::FleetPicture &fleet, bool newCapture);

    // For tests and the views dump.
    QString bandText() const;
    QString summaryText() const;
    FleetTableModel *fastest() const { return m_fastest; }
    FleetTableModel *slowest() const { return m_slowest; }
    bool showsFleet() const;

private:
    QStackedWidget *m_stack;
    QLabel *m_band;
    QString m_bandText; // the band as plain text
    QLabel *m_summary;
    GradeDistributionBar *m_bar;
    FleetTableModel *m_fastest;
    FleetTableModel *m_slowest;
};

// The band as rich text with the worst grade's colour: shared by this page and the Overview.
QString fleetBandHtml(const core::FleetPicture &fleet);

} // namespace pathlens::views
