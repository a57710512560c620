// SPDX-License-Identifier: GPL-3.0-or-later
// Geometry of the aligned timeline.
#include "views/timeline/aligned_timeline_layout.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace pathlens::views {

namespace {
constexpr double kRightMargin = 14;   // room for the last time label's overhang
constexpr double kRowGap = 8;         // between rows: each row's frame stands apart
constexpr double kGutterGap = 8;      // between a row's title and its value labels
constexpr double kLaneGap = 3;        // between two grade lanes
constexpr double kMinValuePlot = 36;  // below this a value row shows nothing readable
constexpr double kMaxValuePlot = 320; // above this a row shows no more detail (a 1440-line screen leaves some blank)
constexpr double kTriangle = 8;       // an event's triangle, pointing down at its line
constexpr double kMergePx = 6;        // markers closer than this become one (one tooltip lists all)
constexpr double kLabelPad = 8;
constexpr double kLabelGap = 4;
constexpr int kMarkerLanes = 2;       // label rows in the events row
constexpr double kMinSpanPx = 3;      // a callout narrower than this is widened so it shows

bool isValueRow(TimelineRow r)
{
    return r == TimelineRow::GatewayRtt || r == TimelineRow::InternetRtt || r == TimelineRow::WifiSignal ||
           r == TimelineRow::WifiRate;
}

QString axisNumber(double v)
{
    const QString digits = QLocale().toString(std::abs(v), 'g', 6);
    return v < 0 ? QString(QChar(0x2212)) + digits : digits; // U+2212, as core's dBm
}

// 1, 2, 5 × 10^k: the smallest step keeping value labels `minPx` apart over [lo, hi].
double tickStep(double lo, double hi, double plotHeight, double minPx)
{
    const double range = std::max(hi - lo, 1e-9);
    double step = std::pow(10.0, std::floor(std::log10(range / 6)));
    for (int guard = 0; guard < 40; ++guard) {
        for (double m : {1.0, 2.0, 5.0}) {
            const double s = step * m;
            if (plotHeight / std::max(1.0, range / s) >= minPx)
                return s;
        }
        step *= 10;
    }
    return range;
}
} // namespace

double TimelineRowGeometry::yOf(double v) const
{
    return plot.bottom() - (v - yMin) / std::max(1e-9, yMax - yMin) * plot.height();
}

double AlignedTimelineLayout::xOf(core::TimestampUs t) const
{
    return plotLeft + double(t - from) / double(std::max<core::TimestampUs>(1, to - from)) * (plotRight - plotLeft);
}

core::TimestampUs AlignedTimelineLayout::timeAt(double x) const
{
    return from + core::TimestampUs(std::llround((x - plotLeft) / std::max(1e-9, plotRight - plotLeft) * double(to - from)));
}

const TimelineRowGeometry *AlignedTimelineLayout::row(TimelineRow r) const
{
    for (const TimelineRowGeometry &g : rows)
        if (g.row == r)
            return &g;
    return nullptr;
}

std::optional<size_t> AlignedTimelineLayout::rowAt(QPointF p) const
{
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i].band.adjusted(0, -kRowGap / 2, 0, kRowGap / 2).contains(p))
            return i;
    return std::nullopt;
}

std::pair<double, double> valueRangeFromZero(double max)
{
    const double top = std::max(max * 1.08, 1.0); // 8 %: the peak never sits on the frame
    const double step = std::pow(10.0, std::floor(std::log10(top)));
    for (double m : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
        if (step * m >= top)
            return {0, step * m};
    return {0, step * 10};
}

std::pair<double, double> valueRangeDbm(double min, double max)
{
    // 2 dB so no line runs on the frame; at least 20 dB so a steady signal is not a zigzag of noise.
    double lo = std::floor((min - 2) / 10) * 10, hi = std::ceil((max + 2) / 10) * 10;
    if (hi - lo < 20)
        lo = hi - 20;
    return {lo, hi};
}

AlignedTimelineLayout layoutAlignedTimeline(const AlignedTimelineInput &in)
{
    const auto textWidth = in.textWidth ? in.textWidth : [](const QString &s) { return 7.0 * double(s.size()); };
    const double lh = in.lineHeight;
    const double width = in.size.width(), height = in.size.height();
    AlignedTimelineLayout l;
    l.from = in.from;
    l.to = std::max(in.to, in.from + 1);

    // Heights: the grade lanes and the events row are fixed; the value rows share what is left.
    const double laneHeight = lh + 4;
    const double eventsHeight = kMarkerLanes * (lh + 2) + kTriangle + 8;
    const double axisHeight = 2 * lh + 8; // time labels, caption
    double fixed = axisHeight + lh / 2;   // the top value label is centred on its plot's top edge
    int valueRows = 0;
    for (const TimelineRowSpec &r : in.rows) {
        if (r.row == TimelineRow::Grades)
            fixed += std::max<qsizetype>(1, r.lanes.size()) * (laneHeight + kLaneGap);
        else if (r.row == TimelineRow::Events)
            fixed += eventsHeight;
        else
            ++valueRows;
        fixed += kRowGap;
    }
    const double valueHeight =
        valueRows ? std::clamp((height - fixed) / valueRows, kMinValuePlot, kMaxValuePlot) : kMinValuePlot;

    // Value ticks first: the gutter must hold the widest label and the widest title.
    std::vector<std::vector<double>> tickValues(in.rows.size());
    double tickColumn = 0, titleColumn = 0;
    for (size_t i = 0; i < in.rows.size(); ++i) {
        const TimelineRowSpec &r = in.rows[i];
        for (const QString &lane : r.lanes)
            titleColumn = std::max(titleColumn, textWidth(lane));
        if (r.row != TimelineRow::Grades)
            titleColumn = std::max(titleColumn, textWidth(r.title));
        if (!isValueRow(r.row) || !r.hasData)
            continue;
        const double step = tickStep(r.yMin, r.yMax, valueHeight, 1.3 * lh);
        for (double v = std::ceil(r.yMin / step - 1e-9) * step; v <= r.yMax + step * 1e-6; v += step) {
            tickValues[i].push_back(v);
            tickColumn = std::max(tickColumn, textWidth(axisNumber(v)));
        }
    }
    // A long app name is cut (the painter elides it; the tooltip has it whole): a third of the width at most.
    titleColumn = std::min(titleColumn + 2, std::max(80.0, width / 3));
    l.plotLeft = titleColumn + kGutterGap + tickColumn + 8;
    l.plotRight = std::max(l.plotLeft + 40, width - kRightMargin);

    double y = lh / 2;
    for (size_t i = 0; i < in.rows.size(); ++i) {
        const TimelineRowSpec &r = in.rows[i];
        TimelineRowGeometry g;
        g.row = r.row;
        g.title = r.title;
        g.emptyText = r.emptyText;
        double h = valueHeight;
        if (r.row == TimelineRow::Grades)
            h = std::max<qsizetype>(1, r.lanes.size()) * (laneHeight + kLaneGap) - kLaneGap;
        else if (r.row == TimelineRow::Events)
            h = eventsHeight;
        g.band = QRectF(0, y, width, h);
        g.plot = QRectF(QPointF(l.plotLeft, y), QPointF(l.plotRight, y + h));
        g.yMin = r.yMin;
        g.yMax = r.yMax > r.yMin ? r.yMax : r.yMin + 1;
        if (r.row == TimelineRow::Grades) {
            for (qsizetype k = 0; k < r.lanes.size(); ++k) {
                const double ly = y + double(k) * (laneHeight + kLaneGap);
                g.lanes.emplace_back(QPointF(l.plotLeft, ly), QPointF(l.plotRight, ly + laneHeight));
                g.laneTitles.emplace_back(0, ly + (laneHeight - lh) / 2, titleColumn, lh);
            }
        } else {
            g.titleRect = QRectF(0, y, titleColumn, lh);
        }
        for (double v : tickValues[i]) {
            const double vy = g.yOf(v);
            // Kept inside the plot's height: the edge labels of two rows a gap apart never meet.
            const double labelTop = std::clamp(vy - lh / 2, g.plot.top(), g.plot.bottom() - lh);
            g.yTicks.push_back({vy, axisNumber(v), QRectF(titleColumn + kGutterGap, labelTop, tickColumn + 2, lh)});
        }
        // A clamped edge label may now touch its neighbour: that neighbour keeps its grid line, not its
        // label (the edge values say the range).
        for (size_t k = 1; k + 1 < g.yTicks.size(); ++k)
            if (g.yTicks[k].labelRect.intersects(g.yTicks[k - 1].labelRect) || g.yTicks[k].labelRect.intersects(g.yTicks[k + 1].labelRect)) {
                g.yTicks[k].label.clear();
                g.yTicks[k].labelRect = QRectF();
            }
        if (!r.hasData) {
            const double w = textWidth(r.emptyText) + 12;
            g.emptyRect = QRectF(g.plot.center().x() - w / 2, g.plot.center().y() - lh / 2, w, lh);
        }
        l.rows.push_back(g);
        y += h + kRowGap;
    }
    l.top = l.rows.empty() ? 0 : l.rows.front().plot.top();
    l.bottom = l.rows.empty() ? 0 : l.rows.back().plot.bottom();

    l.xTicks = timeTicks(l.from, l.to, l.plotLeft, l.plotRight, l.bottom + 4, lh, width, textWidth);
    l.caption = timeAxisCaption(l.from, l.to);
    const double cw = textWidth(l.caption) + 2;
    l.captionRect = QRectF(l.plotRight - cw, l.bottom + 4 + lh, cw, lh);

    for (size_t i = 0; i < in.callouts.size(); ++i) {
        const auto [t0, t1] = in.callouts[i];
        if (t1 < l.from || t0 > l.to)
            continue;
        double x0 = std::max(l.plotLeft, l.xOf(t0)), x1 = std::min(l.plotRight, l.xOf(t1));
        if (x1 - x0 < kMinSpanPx) {
            const double mid = (x0 + x1) / 2;
            x0 = std::max(l.plotLeft, mid - kMinSpanPx / 2);
            x1 = std::min(l.plotRight, x0 + kMinSpanPx);
        }
        l.callouts.push_back({i, x0, x1});
    }

    // Markers in the events row: those in the window, merged when a few pixels apart; labels in the
    // lane nearest the triangles with room, else the one above, else none (the tooltip tells).
    const TimelineRowGeometry *events = l.row(TimelineRow::Events);
    if (!events)
        return l;
    for (size_t i = 0; i < in.markers.size(); ++i) {
        if (in.markers[i].utcUs < l.from || in.markers[i].utcUs > l.to)
            continue;
        const double ex = l.xOf(in.markers[i].utcUs);
        if (!l.markers.empty() && std::abs(l.markers.back().x - ex) < kMergePx) {
            TimelineMarker &m = l.markers.back();
            m.markers.push_back(i);
            if (!m.label.split(QStringLiteral(" + ")).contains(in.markers[i].label))
                m.label += QStringLiteral(" + ") + in.markers[i].label;
            continue;
        }
        l.markers.push_back(TimelineMarker{ex, {i}, in.markers[i].label, {}, -1, {}});
    }
    std::vector<double> laneRight(kMarkerLanes, -1e9);
    const double triangleTop = events->plot.bottom() - kTriangle - 2;
    for (TimelineMarker &m : l.markers) {
        const double w = textWidth(m.label) + kLabelPad;
        QRectF r(m.x - w / 2, 0, w, lh);
        if (r.left() < l.plotLeft)
            r.moveLeft(l.plotLeft);
        if (r.right() > width)
            r.moveRight(width);
        for (int lane = 0; lane < kMarkerLanes; ++lane) {
            if (r.left() < laneRight[size_t(lane)] + kLabelGap)
                continue;
            r.moveTop(triangleTop - (lane + 1) * (lh + 2));
            m.labelRect = r;
            m.lane = lane;
            laneRight[size_t(lane)] = r.right();
            break;
        }
        const QRectF triangle(m.x - kTriangle / 2 - 2, triangleTop, kTriangle + 4, kTriangle + 2);
        m.hit = m.labelRect.isEmpty() ? triangle : triangle.united(m.labelRect);
    }
    return l;
}

} // namespace pathlens::views
