// SPDX-License-Identifier: GPL-3.0-or-later
// Pure geometry of the aligned timeline: stacked rows (grade lanes, gateway RTT, internet RTT, Wi-Fi
// signal, Wi-Fi rate, events) with one shared plot column and one time axis, the callouts' shaded
// spans, and the events' markers. No painting, no widgets: tests call it directly.
#pragma once

#include "core/base/time_utc.h"
#include "views/common/time_ticks.h"

#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace pathlens::views {

enum class TimelineRow { Grades, GatewayRtt, InternetRtt, WifiSignal, WifiRate, Events };
inline constexpr int kTimelineRowCount = 6;

struct TimelineRowSpec {
    TimelineRow row = TimelineRow::Events;
    QString title;           // "Gateway RTT (ms)"; for the grade row each lane's name is its title
    QStringList lanes;       // the grade row's lane names; empty otherwise
    bool hasData = false;    // false: the row says `emptyText` in place
    QString emptyText;       // "no Wi-Fi readings"
    double yMin = 0, yMax = 1; // value rows: the range to draw (the data's, made round by valueRange*)
};

struct TimelineMarkerInput {
    core::TimestampUs utcUs = 0;
    QString label;
};

struct AlignedTimelineInput {
    QSizeF size;
    core::TimestampUs from = 0, to = 0;        // the visible window (the viewport's)
    std::vector<TimelineRowSpec> rows;         // top to bottom
    std::vector<std::pair<core::TimestampUs, core::TimestampUs>> callouts; // spans, oldest first
    std::vector<TimelineMarkerInput> markers;  // the events row's, oldest first
    std::function<double(const QString &)> textWidth; // in the widget's font; default ≈ 7 px a character
    double lineHeight = 16;
};

struct TimelineValueTick {
    double y = 0;
    QString label;
    QRectF labelRect;
};

struct TimelineRowGeometry {
    TimelineRow row = TimelineRow::Events;
    QString title, emptyText;     // as the spec's
    QRectF band;                  // the whole row: gutter and plot
    QRectF plot;                  // where the row draws; its left and right are every row's
    QRectF titleRect;             // in the gutter (the grade row: empty, its lanes carry names)
    std::vector<QRectF> lanes;    // the grade row's lanes, in the plot column
    std::vector<QRectF> laneTitles; // their names, in the gutter
    double yMin = 0, yMax = 1;
    std::vector<TimelineValueTick> yTicks;
    QRectF emptyRect;             // the "no … readings" text, centred in the plot; empty when the row has data
    double yOf(double v) const;
};

struct TimelineMarker {
    double x = 0;
    std::vector<size_t> markers; // indices into the input's markers closer than a few pixels
    QString label;               // "roam + route"
    QRectF labelRect;            // empty when neither lane had room (the tooltip still tells)
    int lane = -1;
    QRectF hit;
};

struct TimelineCalloutSpan {
    size_t callout = 0;          // index into the input's callouts
    double x0 = 0, x1 = 0;       // clipped to the plot; at least 3 px wide so a short one shows
};

struct AlignedTimelineLayout {
    core::TimestampUs from = 0, to = 0;
    double plotLeft = 0, plotRight = 0;
    double top = 0, bottom = 0;        // of the rows' plots: the crosshair and the callout spans run between
    std::vector<TimelineRowGeometry> rows; // as the input's
    std::vector<TimeTick> xTicks;      // under the last row; their grid lines cross every row
    QString caption;
    QRectF captionRect;
    std::vector<TimelineCalloutSpan> callouts; // those that overlap the window
    std::vector<TimelineMarker> markers;       // in the events row

    double xOf(core::TimestampUs t) const;
    core::TimestampUs timeAt(double x) const;
    const TimelineRowGeometry *row(TimelineRow r) const;
    std::optional<size_t> rowAt(QPointF p) const; // the row whose band holds p
};

AlignedTimelineLayout layoutAlignedTimeline(const AlignedTimelineInput &input);

// Round value ranges: from 0 to a 1-2-5 step above `max` (RTT, rate); whole 10 dB around dBm.
std::pair<double, double> valueRangeFromZero(double max);
std::pair<double, double> valueRangeDbm(double min, double max);

} // namespace pathlens::views
