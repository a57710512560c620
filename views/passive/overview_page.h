// SPDX-License-Identifier: GPL-3.0-or-later
// Overview page: the device verdict card and the 24 h timeline strip (an explained empty state
// until the first TCP session), above what capture is shown (source, host, span, counts, events).
#pragma once

#include "core/pipeline/capture_snapshot.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace pathlens::views {

class EmptyStatePage;
class TimelineStrip;
class VerdictCard;

class OverviewPage : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPage(QWidget *parent = nullptr);

    void showSnapshot(const core::CaptureSnapshot &snapshot);
    QString captureText() const; // for tests
    VerdictCard *verdictCard() const { return m_card; }
    TimelineStrip *timeline() const { return m_timeline; }
    bool showsVerdict() const;
    QString fleetBandText() const; // empty when no fleet reports

private:
    QLabel *m_fleetBand;
    QLabel *m_capture;
    QListWidget *m_events;
    QStackedWidget *m_verdictStack;
    VerdictCard *m_card;
    TimelineStrip *m_timeline;
};

} // namespace pathlens::views
