// SPDX-License-Identifier: GPL-3.0-or-later
// The aligned timeline's shapes.
#include "views/timeline/aligned_timeline_shapes.h"

#include "views/common/line_decimation.h"
#include "views/wifi/wifi_strip_layout.h"

#include <algorithm>
#include <cmath>

namespace pathlens::views {

namespace {
// Probes a few seconds apart leave empty columns when zoomed in; a gap longer than this many
// seconds (or pixels, whichever is more) is a real stop and the band breaks there.
constexpr core::TimestampUs kRttJoinGapUs = 10'000'000;
constexpr int kRttJoinGapPx = 3;

TimelineRttShapes rttShapes(const core::LatencySeries *s, const AlignedTimelineLayout &l, const TimelineRowGeometry *row)
{
    TimelineRttShapes out;
    if (!s || !row)
        return out;
    const int columns = std::max(1, int(std::ceil(l.plotRight - l.plotLeft)));
    const std::vector<core::MinMaxPyramid::Column> cols = s->pyramid.query(l.from, l.to, columns);
    const double colW = (l.plotRight - l.plotLeft) / double(columns);
    const int joinCols = std::max(kRttJoinGapPx, int(std::ceil(double(kRttJoinGapUs) / double(std::max<core::TimestampUs>(1, l.to - l.from)) * columns)));
    QPolygonF top, bottom;
    int lastCol = -1000000;
    auto flush = [&] {
        if (top.isEmpty())
            return;
        QPolygonF band = top;
        for (qsizetype k = bottom.size() - 1; k >= 0; --k)
            band << bottom[k];
        out.bands.push_back(band);
        top.clear();
        bottom.clear();
    };
    for (int c = 0; c < int(cols.size()); ++c) {
        const core::MinMaxPyramid::Column &col = cols[size_t(c)];
        const double x0 = l.plotLeft + c * colW;
        if (col.lost > 0)
            out.lossX.push_back(x0 + colW / 2);
        if (col.count == 0)
            continue;
        if (c - lastCol > joinCols)
            flush();
        lastCol = c;
        const double yMax = std::max(row->plot.top(), row->yOf(col.max));
        double yMin = std::min(row->plot.bottom(), row->yOf(col.min));
        if (yMin - yMax < 1.5)
            yMin = yMax + 1.5; // a column of equal values still shows as a line
        top << QPointF(x0, yMax) << QPointF(x0 + colW, yMax);
        bottom << QPointF(x0, yMin) << QPointF(x0 + colW, yMin);
    }
    flush();
    return out;
}

template <typename ValueAt>
std::vector<QPolygonF> wifiPieces(const std::vector<core::WifiSample> &samples, const AlignedTimelineLayout &l, ValueAt &&valueAt)
{
    std::vector<QPolygonF> out;
    bool open = false;
    std::optional<core::TimestampUs> previous;
    for (const core::WifiSample &s : samples) {
        if (open && previous && s.utcUs - *previous > kWifiJoinGapUs)
            open = false;
        previous = s.utcUs;
        const std::optional<double> y = s.connected ? valueAt(s) : std::nullopt;
        if (!y) {
            open = false;
            continue;
        }
        if (!open)
            out.emplace_back();
        open = true;
        out.back() << QPointF(l.xOf(s.utcUs), *y);
    }
    // Only what reaches the window, and per pixel column only its highest and lowest point.
    std::vector<QPolygonF> kept;
    for (QPolygonF &piece : out) {
        QPolygonF inside;
        for (qsizetype i = 0; i < piece.size(); ++i) {
            const bool near = piece[i].x() >= l.plotLeft && piece[i].x() <= l.plotRight;
            const bool nextIn = i + 1 < piece.size() && piece[i + 1].x() >= l.plotLeft;
            const bool prevIn = i > 0 && piece[i - 1].x() <= l.plotRight;
            if (near || (piece[i].x() < l.plotLeft && nextIn) || (piece[i].x() > l.plotRight && prevIn))
                inside << piece[i];
        }
        if (inside.isEmpty())
            continue;
        kept.push_back(decimatedPerPixelColumn(inside));
    }
    return kept;
}
} // namespace

AlignedTimelineShapes alignedTimelineShapes(const AlignedTimelineData &d, const AlignedTimelineLayout &l)
{
    AlignedTimelineShapes out;
    if (const TimelineRowGeometry *grades = l.row(TimelineRow::Grades))
        for (size_t lane = 0; lane < d.lanes.size() && lane < grades->lanes.size(); ++lane) {
            const QRectF &r = grades->lanes[lane];
            for (size_t b = 0; b < d.lanes[lane].buckets.size(); ++b) {
                const core::TimelineBucket &bucket = d.lanes[lane].buckets[b];
                if (bucket.grade == core::Grade::Ungraded)
                    continue;
                const double x0 = std::max(l.plotLeft, l.xOf(bucket.startUtcUs));
                const double x1 = std::min(l.plotRight, l.xOf(bucket.startUtcUs + core::kTimelineBucketUs));
                if (x1 <= x0)
                    continue;
                out.cells.push_back({lane, b, QRectF(QPointF(x0, r.top()), QPointF(x1, r.bottom())), bucket.grade});
            }
        }
    out.gateway = rttShapes(d.gateway(), l, l.row(TimelineRow::GatewayRtt));
    out.internet = rttShapes(d.internet(), l, l.row(TimelineRow::InternetRtt));

    const TimelineRowGeometry *signal = l.row(TimelineRow::WifiSignal);
    const TimelineRowGeometry *rate = l.row(TimelineRow::WifiRate);
    const std::vector<core::WifiSample> &samples = d.wifi->samples;
    if (signal)
        out.signal = wifiPieces(samples, l, [&](const core::WifiSample &s) {
            return s.rssiDbm ? std::optional<double>(signal->yOf(*s.rssiDbm)) : std::nullopt;
        });
    if (rate) {
        out.tx = wifiPieces(samples, l, [&](const core::WifiSample &s) {
            return s.tx.mbps ? std::optional<double>(rate->yOf(*s.tx.mbps)) : std::nullopt;
        });
        out.rx = wifiPieces(samples, l, [&](const core::WifiSample &s) {
            return s.rx.mbps ? std::optional<double>(rate->yOf(*s.rx.mbps)) : std::nullopt;
        });
    }
    for (size_t i = 0; i < samples.size();) {
        if (samples[i].connected) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < samples.size() && !samples[j].connected)
            ++j;
        const double x0 = l.xOf(samples[i].utcUs);
        const double x1 = l.xOf(j < samples.size() ? samples[j].utcUs : samples[j - 1].utcUs);
        const double a = std::max(l.plotLeft, x0), b = std::min(l.plotRight, std::max(x1, x0 + 2));
        if (b > a)
            out.disconnected.emplace_back(a, b);
        i = j;
    }
    return out;
}

} // namespace pathlens::views
