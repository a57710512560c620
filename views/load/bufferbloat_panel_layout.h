// SPDX-License-Identifier: GPL-3.0-or-later
// Pure layout of the Under-load panel: for each leg (gateway, internet) a header with the rating pill
// and the rises, then idle / downloading / uploading bars of the median ping with a whisker to the
// 95th percentile, on one ms scale shared by both legs so they compare at a glance. No painting,
// no widgets: tests call it directly.
#pragma once

#include "core/load/bufferbloat_split.h"

#include <QLineF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <array>
#include <functional>
#include <optional>
#include <vector>

namespace pathlens::views {

inline constexpr std::array kBloatClasses = {core::LoadClass::Idle, core::LoadClass::Download, core::LoadClass::Upload};

struct BloatLegInput {
    QString title;   // "Your router (gateway)"
    QString rating;  // the pill's word; empty: no rating
    QString summary; // "+12 ms downloading · +85 ms uploading · 410 RPM"
    std::array<core::LatencyClassStats, 3> classes; // by kBloatClasses
};

struct BufferbloatPanelInput {
    QSizeF size;
    std::vector<BloatLegInput> legs;
    QStringList classLabels;                           // by kBloatClasses: "idle", "downloading", "uploading"
    std::function<double(const QString &)> textWidth;  // in the widget's font; default ≈ 7 px a character
    std::function<double(const QString &)> boldWidth;  // titles and pills; default: textWidth × 1.1
    double lineHeight = 16;
};

struct BloatBarLayout {
    QRectF row;      // the whole row: where the pointer finds it
    QRectF label;    // the class's name
    QRectF bar;      // 0 → p50; empty without a figure
    std::optional<QLineF> whisker; // p50 → p95
    QRectF value;    // the figures in words, right of the whisker
    QString valueText;
    bool hasFigure = false;
};

struct BloatLegLayout {
    QRectF title, pill, summary;
    std::array<BloatBarLayout, 3> bars;
};

struct BloatTick {
    double x = 0;
    QString label;
    QRectF labelRect;
};

struct BufferbloatPanelLayout {
    std::vector<BloatLegLayout> legs;
    double x0 = 0, x1 = 1;     // where 0 ms and scaleMaxMs sit
    double scaleMaxMs = 1;
    double gridTop = 0, axisY = 0;
    std::vector<BloatTick> ticks;
    QRectF unitRect;           // "ms" after the last tick label
    double minimumHeight = 0;  // below this the rows could not keep their text readable

    double xOf(double ms) const { return x0 + std::clamp(ms, 0.0, scaleMaxMs) / scaleMaxMs * (x1 - x0); }
};

// Fewer answered pings than core's minimum: a row says how many instead of a figure.
QString bloatValueText(const core::LatencyClassStats &stats);

BufferbloatPanelLayout layoutBufferbloatPanel(const BufferbloatPanelInput &input);

} // namespace pathlens::views
