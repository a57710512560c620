// SPDX-License-Identifier: GPL-3.0-or-later
// Pure layout of the capacity chart: legend, axes with readable ticks, the total / available /
// utilised lines (broken at doubtful estimates and where the path went unmeasured, decimated to two
// points per pixel column without losing an extreme), confirmation bands, doubtful ticks under the time axis and deep-
// diagnosis flags, plus hit testing for tooltips. No painting, no widgets: tests call it directly.
#pragma once

#include "core/base/time_utc.h"

#include <QPolygonF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <array>
#include <functional>
#include <optional>
#include <vector>

namespace pathlens::views {

enum class CapacitySeries { Total, Available, Utilised };
inline constexpr int kCapacitySeriesCount = 3;

struct CapacityChartPoint {
    core::TimestampUs utcUs = 0;
    std::array<std::optional<double>, kCapacitySeriesCount> mbps; // by CapacitySeries
    bool doubtful = false;
    bool confirming = false;
};

struct CapacityChartInput {
    QSizeF size;
    std::vector<CapacityChartPoint> points; // oldest first
    std::vector<core::TimestampUs> diagnoses;
    QStringList legend;                     // legend entries' texts, in order (the widget names them)
    std::function<double(const QString &)> textWidth; // in the widget's font; default ≈ 7 px a character
    double lineHeight = 16;
};

struct CapacityChartTick {
    double pos = 0; // x for time ticks, y for value ticks
    QString label;
    QRectF labelRect;
};

// A mark on the time axis that stands for one or more items (merged when closer than a few pixels).
struct CapacityAxisMark {
    double x = 0;
    QRectF hit;                // where the pointer finds it
    std::vector<size_t> items; // point indices (doubtful) or diagnosis indices
};

struct CapacityChartMarker {
    QPointF centre;
    CapacitySeries series = CapacitySeries::Total;
    size_t point = 0;
    bool confirming = false;
};

struct CapacityChartLayout {
    QRectF plot;
    core::TimestampUs from = 0, to = 0;
    double yMax = 1;
    QRectF unitRect;                       // "Mbit/s" above the value axis
    std::vector<QRectF> legend;            // one per input legend entry
    std::vector<CapacityChartTick> yTicks, xTicks;
    QRectF captionRect;                    // the time axis caption (UTC and the date)
    QString caption;
    std::array<std::vector<QPolygonF>, kCapacitySeriesCount> lines; // pieces per series (a piece may be one point)
    std::vector<CapacityChartMarker> markers; // empty when points are too dense to mark one by one
    std::vector<QRectF> confirmBands;      // runs of confirmation samples
    std::vector<CapacityAxisMark> doubtful, diagnoses;
    bool anyFigure = false;                // false: every estimate doubtful (the plot says so)

    double xOf(core::TimestampUs t) const;
    double yOf(double mbps) const;
};

// Samples further apart than this are drawn as separate pieces: three missed one-a-minute
// estimates mean the path went unmeasured, and a line across the gap would invent figures.
inline constexpr core::TimestampUs kCapacityJoinGapUs = 180'000'000;

CapacityChartLayout layoutCapacityChart(const CapacityChartInput &input);

struct CapacityChartHit {
    enum Kind { Diagnosis, Doubtful, Point } kind = Point;
    std::vector<size_t> items; // diagnosis indices, or point indices
};
// Diagnosis flags first, then doubtful ticks, then the nearest estimate within a few pixels.
std::optional<CapacityChartHit> hitCapacityChart(const CapacityChartLayout &layout, const CapacityChartInput &input, QPointF at);

} // namespace pathlens::views
