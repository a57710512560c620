// SPDX-License-Identifier: GPL-3.0-or-later
// Capacity chart painting and tooltips.
#include "views/trains/capacity_chart.h"

#include "views/common/hover_tip.h"
#include "views/trains/capacity_text.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace pathlens::views {

namespace {
constexpr int kMaxTooltipLines = 8; // a merged tick lists this many estimates, then "…and N more"
const QColor kDoubtful(0x8a, 0x8a, 0x8a);
const QColor kDiagnosis(0xb2, 0x18, 0x2b);
const QColor kConfirmBand(0xe6, 0xab, 0x02, 45);

void drawTriangle(QPainter &p, QPointF tip, double size)
{
    QPainterPath path;
    path.moveTo(tip);
    path.lineTo(tip + QPointF(-size / 2, -size));
    path.lineTo(tip + QPointF(size / 2, -size));
    path.closeSubpath();
    p.fillPath(path, kDiagnosis);
}
} // namespace

QColor capacitySeriesColor(CapacitySeries series)
{
    // Okabe–Ito blue, bluish green, orange: distinguishable with common colour-vision deficiencies.
    switch (series) {
    case CapacitySeries::Total: return QColor(0x00, 0x72, 0xb2);
    case CapacitySeries::Available: return QColor(0x00, 0x9e, 0x73);
    case CapacitySeries::Utilised: return QColor(0xd5, 0x5e, 0x00);
    }
    return Qt::black;
}

CapacityChart::CapacityChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("capacityChart"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_input.legend = legendTexts();
}

QStringList CapacityChart::legendTexts()
{
    return {tr("total"), tr("available"), tr("utilised"), tr("confirmation sample"), tr("doubtful (no figure)"),
            tr("deep diagnosis")};
}

QSize CapacityChart::minimumSizeHint() const
{
    return {320, 190};
}

void CapacityChart::setData(std::vector<Estimate> estimates, std::vector<DiagnosisMark> diagnoses)
{
    m_estimates = std::move(estimates);
    m_diagnoses = std::move(diagnoses);
    m_input.points.clear();
    for (const Estimate &e : m_estimates)
        m_input.points.push_back(e.point);
    m_input.diagnoses.clear();
    for (const DiagnosisMark &d : m_diagnoses)
        m_input.diagnoses.push_back(d.utcUs);
    m_stale = true;
    update();
}

void CapacityChart::relayout() const
{
    if (!m_stale)
        return;
    auto &input = const_cast<CapacityChartInput &>(m_input);
    const QFontMetricsF fm(font());
    input.size = size();
    input.lineHeight = fm.height();
    input.textWidth = [fm](const QString &s) { return fm.horizontalAdvance(s); };
    m_layout = layoutCapacityChart(m_input);
    m_stale = false;
}

const CapacityChartLayout &CapacityChart::chartLayout() const
{
    relayout();
    return m_layout;
}

void CapacityChart::resizeEvent(QResizeEvent *event)
{
    m_stale = true;
    QWidget::resizeEvent(event);
}

void CapacityChart::paintEvent(QPaintEvent *)
{
    const CapacityChartLayout &l = chartLayout();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor text = palette().color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlpha(40);
    p.fillRect(l.plot, palette().color(QPalette::Base));
    for (const QRectF &band : l.confirmBands)
        p.fillRect(band, kConfirmBand);

    p.setPen(grid);
    for (const CapacityChartTick &t : l.yTicks)
        p.drawLine(QPointF(l.plot.left(), t.pos), QPointF(l.plot.right(), t.pos));
    for (const CapacityChartTick &t : l.xTicks)
        p.drawLine(QPointF(t.pos, l.plot.top()), QPointF(t.pos, l.plot.bottom()));
    p.setPen(text);
    p.drawLine(l.plot.bottomLeft(), l.plot.bottomRight());
    for (const CapacityChartTick &t : l.yTicks)
        p.drawText(t.labelRect.adjusted(0, 0, -4, 0), Qt::AlignRight | Qt::AlignVCenter, t.label);
    for (const CapacityChartTick &t : l.xTicks)
        p.drawText(t.labelRect, Qt::AlignCenter, t.label);
    p.drawText(l.unitRect, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("Mbit/s"));
    QColor muted = text;
    muted.setAlpha(170);
    p.setPen(muted);
    p.drawText(l.captionRect, Qt::AlignRight | Qt::AlignVCenter, l.caption);

    // Legend: a sample of each mark, then its name.
    for (size_t i = 0; i < l.legend.size() && i < size_t(m_input.legend.size()); ++i) {
        const QRectF r = l.legend[i];
        const double cy = r.center().y();
        const QPointF a(r.left() + 2, cy), b(r.left() + 18, cy);
        if (i < 3) {
            p.setPen(QPen(capacitySeriesColor(CapacitySeries(i)), 2.5));
            p.drawLine(a, b);
        } else if (i == 3) {
            p.fillRect(QRectF(r.left(), r.top() + 1, 20, r.height() - 2), kConfirmBand);
            p.setPen(QPen(capacitySeriesColor(CapacitySeries::Total), 1.5));
            p.setBrush(palette().color(QPalette::Base));
            p.drawEllipse(QPointF(r.left() + 10, cy), 3.5, 3.5);
            p.setBrush(Qt::NoBrush);
        } else if (i == 4) {
            p.fillRect(QRectF(r.left() + 9, r.top() + 3, 3, r.height() - 6), kDoubtful);
        } else {
            drawTriangle(p, QPointF(r.left() + 10, cy + 5), 10);
        }
        p.setPen(text);
        p.drawText(r.adjusted(24, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, m_input.legend[qsizetype(i)]);
    }

    p.save();
    p.setClipRect(l.plot.adjusted(-5, -5, 5, 5));
    for (int s = kCapacitySeriesCount - 1; s >= 0; --s) { // total on top
        const QColor colour = capacitySeriesColor(CapacitySeries(s));
        p.setPen(QPen(colour, 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        for (const QPolygonF &piece : l.lines[size_t(s)]) {
            if (piece.size() == 1 && l.markers.empty()) { // a lone figure between gaps: a dot, or it would vanish
                p.setBrush(colour);
                p.drawEllipse(piece.front(), 2, 2);
                p.setBrush(Qt::NoBrush);
            }
            p.drawPolyline(piece);
        }
    }
    for (const CapacityChartMarker &m : l.markers) {
        p.setPen(QPen(capacitySeriesColor(m.series), 1.5));
        p.setBrush(m.confirming ? palette().color(QPalette::Base) : capacitySeriesColor(m.series));
        p.drawEllipse(m.centre, 3.5, 3.5);
    }
    p.setBrush(Qt::NoBrush);
    p.restore();

    for (const CapacityAxisMark &m : l.doubtful)
        p.fillRect(QRectF(m.x - 1.5, l.plot.bottom() + 2, 3, 8), kDoubtful);
    for (const CapacityAxisMark &m : l.diagnoses) {
        p.setPen(QPen(kDiagnosis, 1.5, Qt::DashLine));
        p.drawLine(QPointF(m.x, l.plot.top()), QPointF(m.x, l.plot.bottom()));
        drawTriangle(p, QPointF(m.x, l.plot.top() + 4), 11);
    }

    if (!l.anyFigure) {
        p.setPen(muted);
        const QString why = m_estimates.empty() ? tr("No estimate of this path yet")
                                                : tr("No capacity figure: every estimate here is doubtful (grey ticks; hover one for the reason)");
        p.drawText(l.plot.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, why);
    }
}

QString CapacityChart::toolTipAt(QPointF at) const
{
    const CapacityChartLayout &l = chartLayout();
    for (size_t i = 0; i < l.legend.size(); ++i) // the legend explains each figure and mark
        if (l.legend[i].contains(at)) {
            switch (i) {
            case 0: return totalCapacityHelp();
            case 1: return availableCapacityHelp();
            case 2: return utilisedCapacityHelp();
            case 3: return confirmationHelp();
            case 4: return doubtfulHelp();
            default:
                return tr("Deep diagnosis: trains to every hop, read hop by hop to name where loss, capacity or "
                          "latency changes. Hover a flag for its verdict; click it for the hops.");
            }
        }
    const auto hit = hitCapacityChart(l, m_input, at);
    if (!hit)
        return {};
    QStringList lines;
    if (hit->kind == CapacityChartHit::Diagnosis) {
        for (size_t i : hit->items)
            lines << tr("Deep diagnosis at %1: %2").arg(utcTimeText(m_diagnoses[i].utcUs), m_diagnoses[i].verdict);
        lines << tr("Click to see it hop by hop.");
        return lines.join(QLatin1Char('\n'));
    }
    if (hit->kind == CapacityChartHit::Doubtful) {
        lines << (hit->items.size() == 1 ? tr("Doubtful estimate: no capacity figure")
                                         : tr("%n doubtful estimates: no capacity figure", nullptr, int(hit->items.size())));
        for (size_t k = 0; k < hit->items.size() && k < kMaxTooltipLines; ++k) {
            const Estimate &e = m_estimates[hit->items[k]];
            lines << QStringLiteral("%1 · %2: %3").arg(utcTimeText(e.point.utcUs), e.kind, e.reason);
        }
        if (hit->items.size() > kMaxTooltipLines)
            lines << tr("…and %n more", nullptr, int(hit->items.size() - kMaxTooltipLines));
        return lines.join(QLatin1Char('\n'));
    }
    const Estimate &e = m_estimates[hit->items.front()];
    lines << QStringLiteral("%1 · %2").arg(utcTimeText(e.point.utcUs), e.kind);
    if (e.point.doubtful)
        lines << tr("Doubtful: %1").arg(e.reason);
    else
        lines << tr("total %1 · available %2 · utilised %3")
                     .arg(mbpsText(e.point.mbps[0]), mbpsText(e.point.mbps[1]), mbpsText(e.point.mbps[2]));
    if (!e.point.doubtful && !e.reason.isEmpty())
        lines << tr("Note: %1").arg(e.reason);
    return lines.join(QLatin1Char('\n'));
}

void CapacityChart::mousePressEvent(QMouseEvent *event)
{
    const auto hit = hitCapacityChart(chartLayout(), m_input, event->position());
    if (hit && hit->kind == CapacityChartHit::Diagnosis)
        emit diagnosisClicked(int(hit->items.back()));
    QWidget::mousePressEvent(event);
}

bool CapacityChart::event(QEvent *event)
{
    return handleHoverTip(this, event, [this](QPoint pos) { return toolTipAt(pos); }) || QWidget::event(event);
}

} // namespace pathlens::views
