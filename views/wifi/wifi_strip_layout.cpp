// SPDX-License-Identifier: GPL-3.0-or-later
// Geometry of the Wi-Fi strips.
#include "views/wifi/wifi_strip_layout.h"

#include "views/common/line_decimation.h"
#include "views/common/time_ticks.h"
#include "views/common/value_step.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace pathlens::views {

namespace {
constexpr double kRightMargin = 14;     // room for the last time label's overhang
constexpr double kLegendSwatch = 24;    // line sample + gap before the legend text
constexpr double kLegendGap = 18;       // between legend entries
constexpr double kStripGap = 10;        // between the signal strip and the rate strip
constexpr double kTriangle = 9;         // the marker's triangle, pointing down at the first strip
constexpr double kMergePx = 6;          // markers closer than this become one (one tooltip lists all)
constexpr double kLabelPad = 8;         // a label's box around its text
constexpr double kLabelGap = 4;         // between two labels in one lane
constexpr double kMinPlotHeight = 40;   // below this a strip shows nothing readable
constexpr double kDbmStep = 10;         // signal axis: every 10 dB (a tier bound lies on −50 and −70)
constexpr double kHitPx = 8;            // the pointer finds a reading this close, at least
constexpr core::TimestampUs kReadingUs = 10'000'000; // SPEC §3: one reading every 10 s
constexpr core::TimestampUs kMinSpanUs = 120'000'000; // a few readings still spread over the width

QString axisNumber(double v)
{
    // U+2212 minus, as core's dBm: "−70" on the axis reads as the "−70 dBm" of the card.
    const QString digits = QLocale().toString(std::abs(v), 'g', 6);
    return v < 0 ? QString(QChar(0x2212)) + digits : digits;
}

// Legend entries after the unit, wrapped to the width there is; returns the rows' total height.
double layoutLegend(WifiStrip &strip, const QStringList &entries, double top, double width, double lh,
                    const std::function<double(const QString &)> &textWidth)
{
    strip.unitRect = QRectF(0, top, textWidth(strip.unit) + 2, lh);
    const double start = strip.unitRect.right() + kLegendGap;
    double x = start, y = top;
    for (const QString &entry : entries) {
        const double w = kLegendSwatch + textWidth(entry) + 2;
        if (x + w > width && x > start) {
            x = start;
            y += lh + 2;
        }
        strip.legend.emplace_back(x, y, w, lh);
        x += w + kLegendGap;
    }
    return y + lh - top;
}

// Pieces of one series: broken where a value is missing (not connected, not reported) or where
// readings stop for longer than kWifiJoinGapUs.
template <typename ValueAt>
std::vector<QPolygonF> pieces(const std::vector<WifiStripPoint> &points, ValueAt &&valueAt)
{
    std::vector<QPolygonF> out;
    bool open = false;
    std::optional<core::TimestampUs> previous;
    for (const WifiStripPoint &p : points) {
        if (open && previous && p.utcUs - *previous > kWifiJoinGapUs)
            open = false;
        previous = p.utcUs;
        const std::optional<QPointF> at = valueAt(p);
        if (!at) {
            open = false;
            continue;
        }
        if (!open)
            out.emplace_back();
        open = true;
        out.back() << *at;
    }
    return out;
}
} // namespace

double WifiStrip::yOf(double v) const
{
    return plot.bottom() - (v - yMin) / std::max(1e-9, yMax - yMin) * plot.height();
}

double WifiStripLayout::xOf(core::TimestampUs t) const
{
    const QRectF &plot = strips[0].plot;
    return plot.left() + double(t - from) / double(std::max<core::TimestampUs>(1, to - from)) * plot.width();
}

namespace {
WifiStripLayout layoutWithLanes(const WifiStripInput &in, int laneCount)
{
    const auto textWidth = in.textWidth ? in.textWidth : [](const QString &s) { return 7.0 * double(s.size()); };
    const double lh = in.lineHeight;
    const double width = in.size.width(), height = in.size.height();
    WifiStripLayout l;
    WifiStrip &signal = l.strips[size_t(WifiStripKind::Signal)];
    WifiStrip &rate = l.strips[size_t(WifiStripKind::Rate)];
    signal.unit = QStringLiteral("dBm");
    rate.unit = QStringLiteral("Mbit/s");

    // Top to bottom: the signal strip's legend, the markers' label lanes right over their triangles
    // (only when there are events), the signal plot, the rate strip's legend and plot, then the time
    // labels and the caption. The two plots share what is left equally.
    const double signalLegend = layoutLegend(signal, in.legend[0], 0, width, lh, textWidth);
    double rateLegend = 0;
    {
        WifiStrip probe = rate; // its legend's height at this width; placed for real below
        rateLegend = layoutLegend(probe, in.legend[1], 0, width, lh, textWidth);
    }
    const double legendGap = lh / 2 + 3; // the top value label is centred on the plot's top edge
    const double lanesHeight = in.events.empty() ? 0 : laneCount * (lh + 2);
    l.lanes = QRectF(0, signalLegend + 4, width, lanesHeight);
    const double signalTop = in.events.empty() ? signalLegend + legendGap : l.lanes.bottom() + std::max(kTriangle, legendGap);
    const double bottomReserve = 2 * lh + 8; // time labels, caption
    const double fixed = signalTop + kStripGap + rateLegend + legendGap + bottomReserve;
    const double plotHeight = std::max(kMinPlotHeight, (height - fixed) / 2);
    const double rateLegendTop = signalTop + plotHeight + kStripGap;
    layoutLegend(rate, in.legend[1], rateLegendTop, width, lh, textWidth);
    const double rateTop = rateLegendTop + rateLegend + legendGap;

    // Time span: every reading and event, with a little room at both ends.
    core::TimestampUs first = 0, last = 0;
    bool any = false;
    auto include = [&](core::TimestampUs t) {
        first = any ? std::min(first, t) : t;
        last = any ? std::max(last, t) : t;
        any = true;
    };
    for (const WifiStripPoint &p : in.points)
        include(p.utcUs);
    for (const WifiStripEvent &e : in.events)
        include(e.utcUs);
    if (last - first < kMinSpanUs) {
        const core::TimestampUs mid = first + (last - first) / 2;
        first = mid - kMinSpanUs / 2;
        last = mid + kMinSpanUs / 2;
    }
    const core::TimestampUs pad = std::max<core::TimestampUs>((last - first) * 3 / 100, 5'000'000);
    l.from = first - pad;
    l.to = last + pad;

    // Value ranges. Signal: whole 10 dB around every signal and noise reading (−100 … −30 when
    // none); rate: from 0 to a nice step above the fastest reading.
    std::optional<double> dbmLo, dbmHi;
    double peak = 0;
    for (const WifiStripPoint &p : in.points) {
        for (WifiSeries s : {WifiSeries::Signal, WifiSeries::Noise})
            if (const std::optional<double> &v = p.values[size_t(s)]) {
                dbmLo = std::min(dbmLo.value_or(*v), *v);
                dbmHi = std::max(dbmHi.value_or(*v), *v);
            }
        for (WifiSeries s : {WifiSeries::Tx, WifiSeries::Rx})
            if (const std::optional<double> &v = p.values[size_t(s)])
                peak = std::max(peak, *v);
    }
    double dbmStep = kDbmStep;
    const double lo = dbmLo ? *dbmLo - 2 : -100, hi = dbmHi ? *dbmHi + 2 : -30; // 2 dB: no line on the frame
    signal.yMin = std::floor(lo / dbmStep) * dbmStep;
    signal.yMax = std::max(signal.yMin + 2 * dbmStep, std::ceil(hi / dbmStep) * dbmStep);
    while (plotHeight / ((signal.yMax - signal.yMin) / dbmStep) < 1.4 * lh && dbmStep < 40) {
        dbmStep *= 2; // short strip: fewer labels, never touching
        signal.yMin = std::floor(signal.yMin / dbmStep) * dbmStep;
        signal.yMax = std::ceil(signal.yMax / dbmStep) * dbmStep;
    }
    const double top = std::max(peak * 1.08, 1.0);
    const double rateStep = niceValueStep(top, plotHeight, 1.4 * lh);
    rate.yMin = 0;
    rate.yMax = std::max(1, int(std::ceil(top / rateStep - 1e-9))) * rateStep;

    // One label column for both strips, as wide as the widest label, so the plots line up.
    double labelColumn = std::max(textWidth(signal.unit), textWidth(rate.unit));
    std::array<std::vector<double>, kWifiStripCount> values;
    for (double v = signal.yMin; v <= signal.yMax + dbmStep / 2; v += dbmStep)
        values[0].push_back(v);
    for (double v = 0; v <= rate.yMax + rateStep / 2; v += rateStep)
        values[1].push_back(v);
    for (const std::vector<double> &vs : values)
        for (double v : vs)
            labelColumn = std::max(labelColumn, textWidth(axisNumber(v)));
    const double plotLeft = labelColumn + 10, plotRight = std::max(plotLeft + 20, width - kRightMargin);
    signal.plot = QRectF(QPointF(plotLeft, signalTop), QPointF(plotRight, signalTop + plotHeight));
    rate.plot = QRectF(QPointF(plotLeft, rateTop), QPointF(plotRight, rateTop + plotHeight));
    for (size_t s = 0; s < kWifiStripCount; ++s)
        for (double v : values[s]) {
            const double vy = l.strips[s].yOf(v);
            l.strips[s].yTicks.push_back({vy, axisNumber(v), QRectF(0, vy - lh / 2, labelColumn + 4, lh)});
        }

    // Time axis under the rate strip: the shortest whole step whose labels keep their distance.
    // No step finer than the readings: a 5 s tick between two 10 s readings marks nothing.
    const double labelTop = rate.plot.bottom() + 4;
    for (const TimeTick &t : timeTicks(l.from, l.to, rate.plot.left(), rate.plot.right(), labelTop, lh, width, textWidth, kReadingUs))
        l.xTicks.push_back({t.x, t.label, t.labelRect});
    l.caption = timeAxisCaption(first, last);
    const double cw = textWidth(l.caption) + 2;
    l.captionRect = QRectF(rate.plot.right() - cw, labelTop + lh, cw, lh);

    // Lines, decimated when readings outnumber pixel columns; the SNR band between signal and noise.
    const bool dense = double(in.points.size()) * 2 > signal.plot.width();
    for (int s = 0; s < kWifiSeriesCount; ++s) {
        const WifiStrip &strip = l.strips[s < 2 ? 0 : 1];
        l.lines[size_t(s)] = pieces(in.points, [&](const WifiStripPoint &p) -> std::optional<QPointF> {
            const std::optional<double> &v = p.values[size_t(s)];
            return v && p.connected ? std::optional<QPointF>(QPointF(l.xOf(p.utcUs), strip.yOf(*v))) : std::nullopt;
        });
        if (dense)
            for (QPolygonF &piece : l.lines[size_t(s)])
                piece = decimatedPerPixelColumn(piece);
    }
    const std::vector<QPolygonF> signalRuns = pieces(in.points, [&](const WifiStripPoint &p) -> std::optional<QPointF> {
        const auto &v = p.values;
        if (!p.connected || !v[size_t(WifiSeries::Signal)] || !v[size_t(WifiSeries::Noise)])
            return std::nullopt;
        return QPointF(l.xOf(p.utcUs), signal.yOf(*v[size_t(WifiSeries::Signal)]));
    });
    const std::vector<QPolygonF> noiseRuns = pieces(in.points, [&](const WifiStripPoint &p) -> std::optional<QPointF> {
        const auto &v = p.values;
        if (!p.connected || !v[size_t(WifiSeries::Signal)] || !v[size_t(WifiSeries::Noise)])
            return std::nullopt;
        return QPointF(l.xOf(p.utcUs), signal.yOf(*v[size_t(WifiSeries::Noise)]));
    });
    for (size_t i = 0; i < signalRuns.size() && i < noiseRuns.size(); ++i) {
        if (signalRuns[i].size() < 2)
            continue; // one reading has no area; the two lines' dots show it
        QPolygonF band = dense ? decimatedPerPixelColumn(signalRuns[i]) : signalRuns[i];
        const QPolygonF floor = dense ? decimatedPerPixelColumn(noiseRuns[i]) : noiseRuns[i];
        for (qsizetype k = floor.size() - 1; k >= 0; --k)
            band << floor[k];
        l.snrBands.push_back(band);
    }

    // Disconnected: from the first reading without a link to the next reading with one.
    for (size_t i = 0; i < in.points.size();) {
        if (in.points[i].connected) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < in.points.size() && !in.points[j].connected)
            ++j;
        const double x0 = l.xOf(in.points[i].utcUs);
        const double x1 = j < in.points.size() ? l.xOf(in.points[j].utcUs) : l.xOf(in.points[j - 1].utcUs);
        l.disconnected.emplace_back(x0, std::max(x1, x0 + 2));
        i = j;
    }

    // Markers: events closer than kMergePx share one. Labels go into the lane nearest the strip
    // that has room, else the one above; with no room the label is left out (the tooltip tells).
    for (size_t i = 0; i < in.events.size(); ++i) {
        const double ex = l.xOf(in.events[i].utcUs);
        if (!l.markers.empty() && std::abs(l.markers.back().x - ex) < kMergePx) {
            WifiEventMarker &m = l.markers.back();
            m.events.push_back(i);
            if (!m.label.split(QStringLiteral(" + ")).contains(in.events[i].label))
                m.label += QStringLiteral(" + ") + in.events[i].label;
            continue;
        }
        l.markers.push_back(WifiEventMarker{ex, {i}, in.events[i].label, {}, -1, {}});
    }
    std::vector<double> laneRight(size_t(laneCount), -1e9);
    const double stripTop = signal.plot.top();
    for (WifiEventMarker &m : l.markers) {
        const double w = textWidth(m.label) + kLabelPad;
        QRectF r(m.x - w / 2, 0, w, lh);
        if (r.left() < 0)
            r.moveLeft(0);
        if (r.right() > width)
            r.moveRight(width);
        for (int lane = 0; lane < laneCount; ++lane) {
            if (r.left() < laneRight[size_t(lane)] + kLabelGap)
                continue;
            r.moveTop(l.lanes.bottom() - (lane + 1) * (lh + 2));
            m.labelRect = r;
            m.lane = lane;
            laneRight[size_t(lane)] = r.right();
            break;
        }
        const QRectF triangle(m.x - kTriangle / 2 - 2, stripTop - kTriangle - 1, kTriangle + 4, kTriangle + 2);
        m.hit = m.labelRect.isEmpty() ? triangle : triangle.united(m.labelRect);
    }
    return l;
}

int labelled(const WifiStripLayout &l, int lane)
{
    return int(std::count_if(l.markers.begin(), l.markers.end(), [lane](const WifiEventMarker &m) { return m.lane >= lane; }));
}
} // namespace

WifiStripLayout layoutWifiStrips(const WifiStripInput &in)
{
    // The upper lane only when a label needs it: a row of nothing would take the strips' room. One
    // lane changes the plots' height, hence perhaps the value labels' width and the markers' places,
    // so it is kept only if it labels as many markers as two did.
    WifiStripLayout two = layoutWithLanes(in, kWifiLabelLanes);
    if (in.events.empty() || labelled(two, 1) > 0)
        return two;
    WifiStripLayout one = layoutWithLanes(in, 1);
    return labelled(one, 0) == labelled(two, 0) ? one : two;
}

std::optional<WifiStripHit> hitWifiStrips(const WifiStripLayout &l, const WifiStripInput &in, QPointF at)
{
    for (size_t i = 0; i < l.markers.size(); ++i) {
        const WifiEventMarker &m = l.markers[i];
        if (m.hit.contains(at) || (!m.labelRect.isEmpty() && m.labelRect.contains(at)))
            return WifiStripHit{WifiStripHit::Marker, i};
    }
    for (size_t s = 0; s < kWifiStripCount; ++s)
        for (size_t i = 0; i < l.strips[s].legend.size(); ++i)
            if (l.strips[s].legend[i].contains(at))
                return WifiStripHit{WifiStripHit::Legend, i, WifiStripKind(s)};
    for (size_t s = 0; s < kWifiStripCount; ++s) {
        if (!l.strips[s].plot.adjusted(-kHitPx, 0, kHitPx, 0).contains(at) || in.points.empty())
            continue;
        // The reading nearest the pointer's time, within one reading's width (or a few pixels).
        const double reach = std::max(kHitPx, l.xOf(l.from + kReadingUs) - l.xOf(l.from));
        std::optional<size_t> best;
        double bestDistance = reach;
        const double pxPerUs = l.strips[s].plot.width() / double(std::max<core::TimestampUs>(1, l.to - l.from));
        const core::TimestampUs t = l.from + core::TimestampUs((at.x() - l.plotLeft()) / std::max(1e-12, pxPerUs));
        const auto it = std::lower_bound(in.points.begin(), in.points.end(), t,
                                         [](const WifiStripPoint &p, core::TimestampUs v) { return p.utcUs < v; });
        for (auto c : {it, it == in.points.begin() ? it : it - 1}) {
            if (c == in.points.end())
                continue;
            const double d = std::abs(l.xOf(c->utcUs) - at.x());
            if (d <= bestDistance) {
                bestDistance = d;
                best = size_t(c - in.points.begin());
            }
        }
        if (best)
            return WifiStripHit{WifiStripHit::Point, *best, WifiStripKind(s)};
        // Near an event's line inside a strip: the event.
        for (size_t i = 0; i < l.markers.size(); ++i)
            if (std::abs(l.markers[i].x - at.x()) <= 3)
                return WifiStripHit{WifiStripHit::Marker, i};
    }
    return std::nullopt;
}

} // namespace pathlens::views
