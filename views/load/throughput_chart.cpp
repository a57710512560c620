// SPDX-License-Identifier: GPL-3.0-or-later
// Throughput chart series and axes.
#include "views/load/throughput_chart.h"

#include "views/common/chart_palette.h"
#include "views/load/bufferbloat_panel.h"
#include "core/load/load_text.h"

#include <QCategoryAxis>
#include <QChart>
#include <QDateTime>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <cmath>

namespace pathlens::views {

namespace {
constexpr int kMaxTimeTicks = 5; // a chart ~300 px wide: five "HH:mm" labels keep apart
// Whole minutes and hours, so ticks fall on times a person reads at a glance.
constexpr qint64 kTimeStepsS[] = {60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800};
constexpr qint64 kMinSpanS = 120;  // one test, or two close together: two minutes, so they sit mid-chart
constexpr double kPadShare = 0.05; // either side, so the first and last markers are not cut by the axes
constexpr core::TransferDirection kDirections[] = {core::TransferDirection::Download, core::TransferDirection::Upload};

QString timeLabel(qint64 utcS, bool days)
{
    return QDateTime::fromSecsSinceEpoch(utcS, Qt::UTC).toString(days ? QStringLiteral("d MMM HH:mm") : QStringLiteral("HH:mm"));
}
} // namespace

ThroughputChart::ThroughputChart(QWidget *parent) : QChartView(parent), m_time(new QCategoryAxis), m_mbps(new QValueAxis)
{
    setObjectName(QStringLiteral("throughputChart"));
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(280, 180); // below this the axes' labels crowd out the points (a hint alone is not kept)
    QChart *c = chart();
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));
    setToolTip(tr("Each point is one test (calibration steps left out); hollow: out of family, tested again 90 s later"));
    m_time->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_time->setGridLineVisible(true);
    m_mbps->setLabelFormat(QStringLiteral("%g"));
    m_mbps->setTitleText(tr("Mbit/s"));
    c->addAxis(m_time, Qt::AlignBottom);
    c->addAxis(m_mbps, Qt::AlignLeft);
    for (size_t d = 0; d < 2; ++d) {
        const QColor colour = loadClassColor(d == 0 ? core::LoadClass::Download : core::LoadClass::Upload);
        m_lines[d] = new QLineSeries(this);
        m_lines[d]->setName(core::transferDirectionText(kDirections[d]));
        m_lines[d]->setPen(QPen(colour, 2));
        m_lines[d]->setPointsVisible(true);
        m_lines[d]->setMarkerSize(7);
        m_hollow[d] = new QScatterSeries(this);
        m_hollow[d]->setName(tr("out of family"));
        m_hollow[d]->setMarkerSize(9);
        m_hollow[d]->setColor(palette().color(QPalette::Base));
        m_hollow[d]->setBorderColor(colour);
        for (QXYSeries *s : {static_cast<QXYSeries *>(m_lines[d]), static_cast<QXYSeries *>(m_hollow[d])}) {
            c->addSeries(s);
            s->attachAxis(m_time);
            s->attachAxis(m_mbps);
        }
    }
    // One legend entry for both hollow series, in neither direction's colour: "out of family". Set
    // once: Qt Charts 6.4 leaves a stray swatch when a marker is hidden and shown again.
    for (QLegendMarker *marker : c->legend()->markers(m_hollow[0])) {
        marker->setLabel(tr("out of family"));
        marker->setPen(QPen(palette().color(QPalette::WindowText), 1));
        marker->setBrush(palette().color(QPalette::Base));
    }
    for (QLegendMarker *marker : c->legend()->markers(m_hollow[1]))
        marker->setVisible(false);
    followPalette(this); // light or dark as the window is
    setResults({});
}

int ThroughputChart::pointCount(core::TransferDirection direction) const
{
    return int(m_shown[direction == core::TransferDirection::Download ? 0 : 1].size());
}

int ThroughputChart::outOfFamilyCount() const
{
    return int(m_outliers[0].size() + m_outliers[1].size());
}

QStringList ThroughputChart::timeLabels() const
{
    return m_time->categoriesLabels();
}

void ThroughputChart::setResults(const std::vector<core::ThroughputResult> &results)
{
    std::array<Points, 2> shown, outliers;
    for (const core::ThroughputResult &r : results) {
        if (!r.mbps || r.calibration)
            continue;
        const size_t d = r.direction == core::TransferDirection::Download ? 0 : 1;
        (r.outOfFamily ? outliers : shown)[d].emplace_back(r.startUs, *r.mbps);
    }
    if (shown == m_shown && outliers == m_outliers && !m_time->categoriesLabels().isEmpty())
        return; // a live snapshot arrives up to 4 times a second: unchanged tests change nothing
    m_shown = shown;
    m_outliers = outliers;

    qint64 firstS = 0, lastS = 0;
    bool any = false;
    double top = 1;
    for (const std::array<Points, 2> *set : {&shown, &outliers})
        for (const Points &points : *set)
            for (const auto &[t, mbps] : points) {
                const qint64 s = t / 1'000'000;
                firstS = any ? std::min(firstS, s) : s;
                lastS = any ? std::max(lastS, s) : s;
                top = std::max(top, mbps);
                any = true;
            }
    if (!any)
        firstS = lastS = QDateTime::currentSecsSinceEpoch();
    if (lastS - firstS < kMinSpanS) {
        const qint64 mid = (firstS + lastS) / 2;
        firstS = mid - kMinSpanS / 2;
        lastS = mid + kMinSpanS / 2;
    }
    const qint64 pad = std::max<qint64>(1, qint64(double(lastS - firstS) * kPadShare));
    firstS -= pad;
    lastS += pad;

    auto points = [firstS](const Points &in) {
        QList<QPointF> out;
        for (const auto &[t, mbps] : in)
            out << QPointF(double(t / 1'000'000 - firstS), mbps);
        return out;
    };
    for (size_t d = 0; d < 2; ++d) {
        m_lines[d]->replace(points(shown[d]));
        m_hollow[d]->replace(points(outliers[d]));
    }

    // UTC ticks on whole minutes or hours, at most kMaxTimeTicks of them.
    const qint64 span = lastS - firstS;
    qint64 step = kTimeStepsS[std::size(kTimeStepsS) - 1];
    for (qint64 s : kTimeStepsS)
        if (span / s + 1 <= kMaxTimeTicks) {
            step = s;
            break;
        }
    const bool days = span > 86400;
    for (const QString &label : m_time->categoriesLabels())
        m_time->remove(label);
    for (qint64 t = (firstS + step - 1) / step * step; t <= lastS; t += step)
        m_time->append(timeLabel(t, days), double(t - firstS));
    m_time->setRange(0, double(span));
    m_mbps->setRange(0, top * 1.15); // room above the highest point for its marker
    m_mbps->applyNiceNumbers();
    chart()->setTitle(any ? tr("Throughput over time (UTC)") : tr("Throughput over time (UTC): no test with a figure yet"));
}

} // namespace pathlens::views
