// SPDX-License-Identifier: GPL-3.0-or-later
// Geometry of the Under-load panel.
#include "views/load/bufferbloat_panel_layout.h"

#include "core/base/units_format.h"
#include "views/common/value_step.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace pathlens::views {

namespace {
constexpr double kMargin = 8;        // around the panel's content
constexpr double kGap = 10;          // between a header's title, pill and summary; bar and its value
constexpr double kMinPlotWidth = 120; // narrower than this, bars could not show a difference worth reading

QString tr(const char *text)
{
    return QCoreApplication::translate("pathlens::views::Load", text);
}

} // namespace

QString bloatValueText(const core::LatencyClassStats &s)
{
    if (s.p50Ms && s.p95Ms)
        return tr("%1 · p95 %2").arg(core::formatMs(*s.p50Ms), core::formatMs(*s.p95Ms));
    if (s.p50Ms)
        return core::formatMs(*s.p50Ms);
    return s.count == 0 ? tr("no pings") : tr("too few pings (%1)").arg(s.count);
}

BufferbloatPanelLayout layoutBufferbloatPanel(const BufferbloatPanelInput &in)
{
    const auto textWidth = in.textWidth ? in.textWidth : [](const QString &s) { return 7.0 * double(s.size()); };
    const auto boldWidth = in.boldWidth ? in.boldWidth : [&textWidth](const QString &s) { return textWidth(s) * 1.1; };
    const double lh = in.lineHeight;
    const double width = in.size.width(), height = in.size.height();
    BufferbloatPanelLayout l;

    // The scale: the largest figure of either leg, rounded up to a whole step.
    double top = 0;
    for (const BloatLegInput &leg : in.legs)
        for (const core::LatencyClassStats &s : leg.classes)
            top = std::max({top, s.p50Ms.value_or(0), s.p95Ms.value_or(0)});
    top = std::max(top, 1.0);

    // Columns: class names, bars, and the widest figure text after the longest whisker.
    double labelWidth = 0, valueWidth = 0;
    for (const QString &label : in.classLabels)
        labelWidth = std::max(labelWidth, textWidth(label));
    for (const BloatLegInput &leg : in.legs)
        for (const core::LatencyClassStats &s : leg.classes)
            valueWidth = std::max(valueWidth, textWidth(bloatValueText(s)));
    l.x0 = kMargin + labelWidth + kGap;
    l.x1 = std::max(l.x0 + kMinPlotWidth, width - kMargin - valueWidth - kGap);
    const double tickLabelWidth = textWidth(QLocale().toString(top, 'f', 0) + QStringLiteral("0"));
    const double step = niceValueStep(top, l.x1 - l.x0, tickLabelWidth * 1.6); // each label with room to spare
    l.scaleMaxMs = std::ceil(top / step - 1e-9) * step;

    // Headers: title, pill, then the rises on the same line when they fit, else on the next.
    const double pillHeight = lh + 4;
    std::vector<double> headerHeights;
    for (const BloatLegInput &leg : in.legs) {
        const double pillWidth = leg.rating.isEmpty() ? 0 : boldWidth(leg.rating) + lh;
        const double inline_ = kMargin + boldWidth(leg.title) + kGap + pillWidth + kGap + textWidth(leg.summary);
        headerHeights.push_back(inline_ <= width - kMargin ? pillHeight + 4 : pillHeight + lh + 6);
    }
    const double axisHeight = lh + 6;
    const double legGap = lh;
    double fixed = 2 * kMargin + axisHeight + legGap * double(std::max<size_t>(1, in.legs.size()) - 1);
    for (double h : headerHeights)
        fixed += h;
    const double rows = 3.0 * double(in.legs.size());
    const double minRow = lh + 6, maxRow = 2 * lh + 6; // one line of text, up to a comfortable bar
    l.minimumHeight = fixed + rows * minRow;
    const double rowHeight = rows > 0 ? std::clamp((height - fixed) / rows, minRow, maxRow) : minRow;

    double y = kMargin;
    for (size_t i = 0; i < in.legs.size(); ++i) {
        const BloatLegInput &leg = in.legs[i];
        BloatLegLayout out;
        out.title = QRectF(kMargin, y + 2, boldWidth(leg.title) + 2, lh);
        double x = out.title.right() + kGap;
        if (!leg.rating.isEmpty()) {
            out.pill = QRectF(x, y, boldWidth(leg.rating) + lh, pillHeight);
            x = out.pill.right() + kGap;
        }
        const double summaryWidth = textWidth(leg.summary) + 2;
        if (x + summaryWidth <= width - kMargin)
            out.summary = QRectF(x, y + 2, summaryWidth, lh);
        else
            out.summary = QRectF(kMargin, y + pillHeight + 2, std::min(summaryWidth, width - 2 * kMargin), lh);
        y += headerHeights[i];
        if (i == 0)
            l.gridTop = y;
        for (size_t c = 0; c < kBloatClasses.size(); ++c) {
            const core::LatencyClassStats &s = leg.classes[c];
            BloatBarLayout &bar = out.bars[c];
            bar.row = QRectF(kMargin, y, width - 2 * kMargin, rowHeight);
            bar.label = QRectF(kMargin, y + (rowHeight - lh) / 2, labelWidth + 2, lh);
            bar.valueText = bloatValueText(s);
            bar.hasFigure = s.p50Ms.has_value();
            const double barHeight = rowHeight * 0.62; // bars thicker than their gaps, yet apart
            const double barTop = y + (rowHeight - barHeight) / 2;
            double end = l.x0;
            if (s.p50Ms) {
                bar.bar = QRectF(l.x0, barTop, std::max(1.0, l.xOf(*s.p50Ms) - l.x0), barHeight);
                end = bar.bar.right();
                if (s.p95Ms && *s.p95Ms > *s.p50Ms) {
                    const double mid = barTop + barHeight / 2;
                    bar.whisker = QLineF(end, mid, l.xOf(*s.p95Ms), mid);
                    end = bar.whisker->x2();
                }
            }
            bar.value = QRectF(end + kGap / 2, y + (rowHeight - lh) / 2, textWidth(bar.valueText) + 2, lh);
            y += rowHeight;
        }
        l.legs.push_back(std::move(out));
        if (i + 1 < in.legs.size())
            y += legGap;
    }

    // The scale under the last leg, its grid running up through both.
    l.axisY = y + 2;
    for (double v = 0; v <= l.scaleMaxMs + 1e-9; v += step) {
        BloatTick t;
        t.x = l.xOf(v);
        t.label = QLocale().toString(v, 'g', 6);
        const double w = textWidth(t.label) + 2;
        t.labelRect = QRectF(t.x - w / 2, l.axisY + 3, w, lh);
        l.ticks.push_back(std::move(t));
    }
    if (!l.ticks.empty())
        l.unitRect = QRectF(l.ticks.back().labelRect.right() + 4, l.axisY + 3, textWidth(QStringLiteral("ms")) + 2, lh);
    return l;
}

} // namespace pathlens::views
