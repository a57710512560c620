// SPDX-License-Identifier: GPL-3.0-or-later
// Pure layout of the Wi-Fi strips: signal and noise (dBm) with the SNR between them, and the TX and
// RX rates (Mbit/s), on one shared time axis; disconnected spans shaded; the events as labelled
// markers whose labels never overlap; hit testing for tooltips. No painting, no widgets: tests call
// it directly.
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

enum class WifiSeries { Signal, Noise, Tx, Rx };
inline constexpr int kWifiSeriesCount = 4;
enum class WifiStripKind { Signal, Rate }; // Signal holds Signal and Noise; Rate holds Tx and Rx
inline constexpr int kWifiStripCount = 2;

struct WifiStripPoint {
    core::TimestampUs utcUs = 0;
    bool connected = false;
    std::array<std::optional<double>, kWifiSeriesCount> values; // by WifiSeries: dBm, dBm, Mbit/s, Mbit/s
};

struct WifiStripEvent {
    core::TimestampUs utcUs = 0;
    QString label; // "roam", "PHY drop", …
};

struct WifiStripInput {
    QSizeF size;
    std::vector<WifiStripPoint> points; // oldest first
    std::vector<WifiStripEvent> events; // oldest first
    std::array<QStringList, kWifiStripCount> legend; // each strip's legend entries (the widget names them)
    std::function<double(const QString &)> textWidth; // in the widget's font; default ≈ 7 px a character
    double lineHeight = 16;
};

struct WifiStripTick {
    double pos = 0; // x for time ticks, y for value ticks
    QString label;
    QRectF labelRect;
};

struct WifiStrip {
    QRectF plot;
    double yMin = 0, yMax = 1;
    QString unit;          // "dBm", "Mbit/s"
    QRectF unitRect;       // at the left of the legend row, above the value labels
    std::vector<QRectF> legend;
    std::vector<WifiStripTick> yTicks;
    double yOf(double v) const;
};

// One marker on the time axis for one event or several closer than a few pixels (one tooltip lists all).
struct WifiEventMarker {
    double x = 0;
    std::vector<size_t> events; // indices into the input's events
    QString label;              // the events' labels joined ("roam + PHY drop")
    QRectF labelRect;           // empty when no lane had room (the tooltip still tells)
    int lane = -1;              // 0 right above the triangles, 1 above that; -1 without a label
    QRectF hit;                 // where the pointer finds it: the triangle and the label
};

struct WifiStripLayout {
    core::TimestampUs from = 0, to = 0;
    QRectF lanes;                                     // the markers' labels, above the first strip
    std::array<WifiStrip, kWifiStripCount> strips;    // by WifiStripKind, top to bottom
    std::vector<WifiStripTick> xTicks;                // under the last strip; their grid lines cross both
    QString caption;                                  // "UTC, 2026-12-06"
    QRectF captionRect;
    std::array<std::vector<QPolygonF>, kWifiSeriesCount> lines; // pieces per series (a piece may be one point)
    std::vector<QPolygonF> snrBands;                  // signal over noise, where both were read
    std::vector<std::pair<double, double>> disconnected; // x spans with no link
    std::vector<WifiEventMarker> markers;

    double xOf(core::TimestampUs t) const;
    double plotLeft() const { return strips[0].plot.left(); }
    double plotRight() const { return strips[0].plot.right(); }
};

// Readings further apart than this are drawn as separate pieces: three missed 10 s readings
// (SPEC §3) mean the collector was not reading, and a line across the gap would invent values.
inline constexpr core::TimestampUs kWifiJoinGapUs = 35'000'000;
// Label rows above the strips, at most (the second only when a label needs it); a third would crowd
// the strips out on a 768-line screen.
inline constexpr int kWifiLabelLanes = 2;

WifiStripLayout layoutWifiStrips(const WifiStripInput &input);

struct WifiStripHit {
    enum Kind { Marker, Legend, Point } kind = Point;
    size_t index = 0;                      // marker index, legend entry, or point index
    WifiStripKind strip = WifiStripKind::Signal;
};
// Markers first (their labels and triangles), then legend entries, then the reading nearest the
// pointer's time inside either strip.
std::optional<WifiStripHit> hitWifiStrips(const WifiStripLayout &layout, const WifiStripInput &input, QPointF at);

} // namespace pathlens::views
