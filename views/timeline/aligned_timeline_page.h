// SPDX-License-Identifier: GPL-3.0-or-later
// The "Timeline" page: the aligned timeline's rows, a few zoom buttons, and the callouts listed
// beside it (click one to zoom to it). Shows its empty state until the capture holds something.
#pragma once

#include "core/pipeline/capture_snapshot.h"

#include <QJsonObject>
#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace pathlens::views {

class AlignedTimelineChart;
class EmptyStatePage;

// Owned by the main window, GUI thread; fed every snapshot (live or from a file alike).
class AlignedTimelinePage : public QWidget {
    Q_OBJECT
public:
    explicit AlignedTimelinePage(QWidget *parent = nullptr);

    void showSnapshot(const core::CaptureSnapshot &snapshot);

    AlignedTimelineChart *chart() const { return m_chart; }
    QListWidget *calloutList() const { return m_callouts; }
    EmptyStatePage *emptyState() const { return m_empty; }
    // What the page displays, for --dump-views: {from, to, lanes, gateway, internet, wifi_readings,
    // rows [{row, has_data, empty_text}], events [{utc, kind, label}], callouts [{start, end, cause, text}]}.
    QJsonObject dump() const;

private:
    void updateWindowLabel();
    QStackedWidget *m_stack;
    EmptyStatePage *m_empty;
    AlignedTimelineChart *m_chart;
    QLabel *m_window;
    QLabel *m_calloutsTitle;
    QListWidget *m_callouts;
    QStringList m_shownCallouts; // what the list shows: sentence and evidence per callout
    quint64 m_sourceId = 0;      // the capture shown; another one resets the zoom
};

} // namespace pathlens::views
