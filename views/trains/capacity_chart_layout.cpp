// SPDX-License-Identifier: GPL-3.0-or-later
// Geometry of the capacity chart.
#include "views/trains/capacity_chart_layout.h"

#include "views/common/line_decimation.h"
#include "views/common/time_ticks.h"
#include "views/common/value_step.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace pathlens::views {

namespace {
constexpr double kRightMargin = 14;   // room for the last time label's overhang
constexpr double kTickZone = 12;      // under the time axis: doubtful ticks live here
constexpr double kLegendSwatch = 24;  // line sample + gap before the legend text
constexpr double kLegendGap = 18;     // between legend entries
constexpr double kMarkerSpacing = 7;  // fewer pixels per estimate than this: lines only, no markers
constexpr double kMergePx = 4;        // axis marks closer than this become one (one tooltip lists all)
constexpr double kPointHitPx = 8;

QString axisNumber(double v)
{
    return QLocale().toString(v, 'g', 6);
}

// Every item of a run closer than kMergePx folds into one mark.
void addMark(std::vector<CapacityAxisMark> &marks, double x, size_t item, const QRectF &hit)
{
    if (!marks.empty() && std::abs(marks.back().x - x) < kMergePx) {
        marks.back().items.push_back(item);
        return;
    }
    marks.push_back(CapacityAxisMark{x, hit, {item}});
}

} // namespace

double CapacityChartLayout::xOf(core::TimestampUs t) const
{
    return plot.left() + double(t - from) / double(std::max<core::TimestampUs>(1, to - from)) * plot.width();
}

double CapacityChartLayout::yOf(double mbps) const
{
    return plot.bottom() - mbps / yMax * plot.height();
}

CapacityChartLayout layoutCapacityChart(const CapacityChartInput &in)
{
    const auto textWidth = in.textWidth ? in.textWidth : [](const QString &s) { return 7.0 * double(s.size()); };
    const double lh = in.lineHeight;
    const double width = in.size.width(), height = in.size.height();
    CapacityChartLayout l;

    // Legend rows at the top, after the unit of the value axis; entries wrap to the width there is.
    const QString unit = QStringLiteral("Mbit/s");
    l.unitRect = QRectF(0, 0, textWidth(unit) + 2, lh);
    double x = l.unitRect.right() + kLegendGap, y = 0;
    for (const QString &entry : in.legend) {
        const double w = kLegendSwatch + textWidth(entry) + 2;
        if (x + w > width && x > l.unitRect.right() + kLegendGap) {
            x = l.unitRect.right() + kLegendGap;
            y += lh + 2;
        }
        l.legend.emplace_back(x, y, w, lh);
        x += w + kLegendGap;
    }
    const double top = y + lh + 10;
    const double bottom = height - (kTickZone + 2 * lh + 4); // tick zone, time labels, caption

    // Time span: every estimate and diagnosis, with a little room at both ends.
    core::TimestampUs first = 0, last = 0;
    bool any = false;
    auto include = [&](core::TimestampUs t) {
        first = any ? std::min(first, t) : t;
        last = any ? std::max(last, t) : t;
        any = true;
    };
    for (const CapacityChartPoint &p : in.points)
        include(p.utcUs);
    for (core::TimestampUs t : in.diagnoses)
        include(t);
    const core::TimestampUs span = last - first;
    const core::TimestampUs pad = span > 0 ? std::max<core::TimestampUs>(span * 3 / 100, 5'000'000) : 30'000'000;
    l.from = first - pad;
    l.to = last + pad;

    // Value axis: nice steps at least two lines apart, the label column as wide as its widest label.
    double peak = 0;
    for (const CapacityChartPoint &p : in.points)
        for (const std::optional<double> &v : p.mbps)
            if (v) {
                peak = std::max(peak, *v);
                l.anyFigure = true;
            }
    const double plotHeight = std::max(1.0, bottom - top);
    const double step = niceValueStep(std::max(peak * 1.08, 1.0), plotHeight, 2.2 * lh);
    l.yMax = std::max(1, int(std::ceil(std::max(peak * 1.08, 1.0) / step - 1e-9))) * step;
    double labelColumn = textWidth(unit);
    std::vector<double> values;
    for (double v = 0; v <= l.yMax + step / 2; v += step) {
        values.push_back(v);
        labelColumn = std::max(labelColumn, textWidth(axisNumber(v)));
    }
    l.plot = QRectF(QPointF(labelColumn + 10, top), QPointF(std::max(labelColumn + 20, width - kRightMargin), top + plotHeight));
    for (double v : values) {
        const double vy = l.yOf(v);
        l.yTicks.push_back({vy, axisNumber(v), QRectF(0, vy - lh / 2, labelColumn + 4, lh)});
    }

    // Time axis: the shortest whole step whose labels keep their distance.
    const double labelTop = l.plot.bottom() + kTickZone;
    for (const TimeTick &t : timeTicks(l.from, l.to, l.plot.left(), l.plot.right(), labelTop, lh, width, textWidth))
        l.xTicks.push_back({t.x, t.label, t.labelRect});
    l.caption = timeAxisCaption(first, last);
    const double cw = textWidth(l.caption) + 2;
    l.captionRect = QRectF(l.plot.right() - cw, labelTop + lh, cw, lh);

    // Lines: one piece per stretch of figures. A doubtful estimate (no figure) or a long silence
    // ends a piece, so a gap always sits over its grey tick or over a time nothing was measured.
    const bool dense = double(in.points.size()) * 2 > l.plot.width();
    for (int s = 0; s < kCapacitySeriesCount; ++s) {
        std::vector<QPolygonF> &pieces = l.lines[size_t(s)];
        std::optional<core::TimestampUs> previous; // of the last estimate, with or without a figure
        bool open = false;
        for (const CapacityChartPoint &p : in.points) {
            const std::optional<double> &v = p.mbps[size_t(s)];
            if (open && previous && p.utcUs - *previous > kCapacityJoinGapUs)
                open = false;
            previous = p.utcUs;
            if (!v) {
                open = false;
                continue;
            }
            if (!open)
                pieces.emplace_back();
            open = true;
            pieces.back() << QPointF(l.xOf(p.utcUs), l.yOf(*v));
        }
        if (dense)
            for (QPolygonF &piece : pieces)
                piece = decimatedPerPixelColumn(piece);
    }
    if (double(in.points.size()) * kMarkerSpacing <= l.plot.width())
        for (size_t i = 0; i < in.points.size(); ++i)
            for (int s = 0; s < kCapacitySeriesCount; ++s)
                if (const std::optional<double> &v = in.points[i].mbps[size_t(s)])
                    l.markers.push_back({QPointF(l.xOf(in.points[i].utcUs), l.yOf(*v)), CapacitySeries(s), i, in.points[i].confirming});

    // Confirmation runs as bands; doubtful estimates as ticks under the axis; diagnoses as flags.
    for (size_t i = 0; i < in.points.size();) {
        if (!in.points[i].confirming) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j + 1 < in.points.size() && in.points[j + 1].confirming)
            ++j;
        const double x0 = l.xOf(in.points[i].utcUs) - 4, x1 = l.xOf(in.points[j].utcUs) + 4;
        l.confirmBands.push_back(QRectF(QPointF(x0, l.plot.top()), QPointF(x1, l.plot.bottom())).intersected(l.plot));
        i = j + 1;
    }
    for (size_t i = 0; i < in.points.size(); ++i)
        if (in.points[i].doubtful) {
            const double dx = l.xOf(in.points[i].utcUs);
            addMark(l.doubtful, dx, i, QRectF(dx - kMergePx, l.plot.bottom() + 1, 2 * kMergePx, kTickZone - 1));
        }
    for (size_t i = 0; i < in.diagnoses.size(); ++i) {
        const double dx = l.xOf(in.diagnoses[i]);
        addMark(l.diagnoses, dx, i, QRectF(dx - 7, l.plot.top() - 8, 14, 16));
    }
    return l;
}

std::optional<CapacityChartHit> hitCapacityChart(const CapacityChartLayout &l, const CapacityChartInput &in, QPointF at)
{
    for (const CapacityAxisMark &m : l.diagnoses)
        if (m.hit.contains(at))
            return CapacityChartHit{CapacityChartHit::Diagnosis, m.items};
    for (const CapacityAxisMark &m : l.doubtful)
        if (m.hit.contains(at))
            return CapacityChartHit{CapacityChartHit::Doubtful, m.items};
    if (!l.plot.adjusted(-kPointHitPx, -kPointHitPx, kPointHitPx, kPointHitPx).contains(at))
        return std::nullopt;
    std::optional<size_t> best;
    double bestDistance = kPointHitPx;
    if (!l.markers.empty()) {
        for (const CapacityChartMarker &m : l.markers) {
            const double d = std::hypot(m.centre.x() - at.x(), m.centre.y() - at.y());
            if (d <= bestDistance) {
                bestDistance = d;
                best = m.point;
            }
        }
    } else {
        for (size_t i = 0; i < in.points.size(); ++i) { // dense: the estimate under the pointer's column
            const double d = std::abs(l.xOf(in.points[i].utcUs) - at.x());
            if (d <= bestDistance / 2) {
                bestDistance = 2 * d;
                best = i;
            }
        }
    }
    if (best)
        return CapacityChartHit{CapacityChartHit::Point, {*best}};
    for (const CapacityAxisMark &m : l.diagnoses) // the flag's line, below the flag
        if (std::abs(m.x - at.x()) <= 3)
            return CapacityChartHit{CapacityChartHit::Diagnosis, m.items};
    return std::nullopt;
}

} // namespace pathlens::views
