// SPDX-License-Identifier: GPL-3.0-or-later
// Painting and input of the aligned timeline.
#include "views/timeline/aligned_timeline_chart.h"

#include "views/common/grade_style.h"
#include "views/common/hover_tip.h"
#include "views/timeline/aligned_timeline_rows.h"
#include "views/timeline/aligned_timeline_shapes.h"
#include "views/timeline/callout_style.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <cmath>

namespace pathlens::views {

namespace {
constexpr double kWheelStep = 0.8;  // one wheel notch shows 80 % of the span: five notches ≈ a third
constexpr double kKeyZoom = 0.5;    // + halves the span, − doubles it
constexpr double kPanFraction = 0.2;
constexpr int kDragPx = 3;          // a press that moves less is a click (crosshair), not a pan

QString rowHelp(TimelineRow row)
{
    switch (row) {
    case TimelineRow::Grades:
        return QObject::tr("Each 5-minute slot coloured by the worst graded TCP session of the device (top lane) or of "
                           "that app touching it; grey: idle");
    case TimelineRow::GatewayRtt:
        return QObject::tr("Round-trip time to your router: the band runs from the fastest to the slowest answer in each "
                           "pixel column; red ticks below are lost probes");
    case TimelineRow::InternetRtt:
        return QObject::tr("Round-trip time to an internet target, beyond the router: slow here but clean at the gateway "
                           "means the trouble is upstream");
    case TimelineRow::WifiSignal:
        return QObject::tr("Received signal strength of the Wi-Fi link, read every 10 s (−50 dBm or more is strong, "
                           "under −70 dBm weak); shaded where not connected");
    case TimelineRow::WifiRate:
        return QObject::tr("The Wi-Fi link's transmit (solid) and receive (dashed) PHY rate as the driver reports it");
    case TimelineRow::Events:
        return QObject::tr("Loss bursts, route changes, roams and other Wi-Fi events; their lines cross every row");
    }
    return {};
}
} // namespace

AlignedTimelineChart::AlignedTimelineChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("alignedTimelineChart"));
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    setToolTip(tr("Wheel: zoom about the pointer · drag: pan · +/−, ←/→, Home: the whole capture"));
}

void AlignedTimelineChart::setData(AlignedTimelineData data)
{
    m_data = std::move(data);
    if (!m_data.empty())
        m_viewport.setExtent(m_data.from, m_data.to);
    changed();
}

AlignedTimelineLayout AlignedTimelineChart::currentLayout() const
{
    AlignedTimelineInput in = alignedTimelineInput(m_data, m_viewport.from(), m_viewport.to(), QSizeF(size()));
    const QFontMetricsF fm(font());
    in.textWidth = [fm](const QString &s) { return fm.horizontalAdvance(s); };
    in.lineHeight = fm.height();
    return layoutAlignedTimeline(in);
}

void AlignedTimelineChart::changed()
{
    update();
    emit windowChanged(m_viewport.from(), m_viewport.to());
}

void AlignedTimelineChart::zoomAt(double x, double factor)
{
    if (m_data.empty())
        return;
    m_viewport.zoomAbout(currentLayout().timeAt(x), factor);
    changed();
}

void AlignedTimelineChart::zoomIn()
{
    const AlignedTimelineLayout l = currentLayout();
    zoomAt(m_crosshair.value_or((l.plotLeft + l.plotRight) / 2), kKeyZoom);
}

void AlignedTimelineChart::zoomOut()
{
    const AlignedTimelineLayout l = currentLayout();
    zoomAt(m_crosshair.value_or((l.plotLeft + l.plotRight) / 2), 1 / kKeyZoom);
}

void AlignedTimelineChart::panLeft()
{
    m_viewport.panBy(-core::TimestampUs(double(m_viewport.span()) * kPanFraction));
    changed();
}

void AlignedTimelineChart::panRight()
{
    m_viewport.panBy(core::TimestampUs(double(m_viewport.span()) * kPanFraction));
    changed();
}

void AlignedTimelineChart::showAll()
{
    m_viewport.showAll();
    changed();
}

void AlignedTimelineChart::zoomToCallout(size_t index)
{
    if (index >= m_data.callouts.size())
        return;
    const core::TimelineCallout &c = m_data.callouts[index];
    const core::TimestampUs margin = std::max<core::TimestampUs>(c.endUtcUs - c.startUtcUs, 60'000'000);
    m_viewport.show(c.startUtcUs - margin, c.endUtcUs + margin);
    changed();
}

void AlignedTimelineChart::setCrosshair(std::optional<double> x)
{
    m_crosshair = x;
    update();
}

std::optional<TimelineReadout> AlignedTimelineChart::readout() const
{
    if (!m_crosshair || m_data.empty())
        return std::nullopt;
    return timelineReadoutAt(m_data, currentLayout(), *m_crosshair);
}

QString AlignedTimelineChart::tipAt(QPointF at) const
{
    if (m_data.empty())
        return {};
    const AlignedTimelineLayout l = currentLayout();
    for (const TimelineMarker &m : l.markers)
        if (m.hit.contains(at)) {
            QStringList lines;
            for (size_t i : m.markers)
                lines << m_data.events[i].text;
            return lines.join(QLatin1Char('\n'));
        }
    for (const TimelineRowGeometry &g : l.rows) {
        for (size_t k = 0; k < g.laneTitles.size(); ++k)
            if (g.laneTitles[k].contains(at) && k < m_data.lanes.size())
                return tr("%1\n%2").arg(m_data.lanes[k].name, rowHelp(g.row));
        if (g.titleRect.contains(at) || (at.x() < l.plotLeft && g.band.contains(at)))
            return rowHelp(g.row);
        if (!g.emptyRect.isEmpty() && g.emptyRect.contains(at))
            return g.row == TimelineRow::WifiSignal || g.row == TimelineRow::WifiRate
                       ? tr("This capture holds no Wi-Fi readings: no wireless interface, or recorded without the Wi-Fi collector")
                       : rowHelp(g.row);
    }
    if (at.x() < l.plotLeft || at.x() > l.plotRight || at.y() < l.top || at.y() > l.bottom)
        return {};
    QString tip = timelineReadoutAt(m_data, l, at.x()).text();
    for (const TimelineCalloutSpan &s : l.callouts)
        if (at.x() >= s.x0 && at.x() <= s.x1 && !m_data.callouts[s.callout].evidence.isEmpty())
            tip += QStringLiteral("\n") + m_data.callouts[s.callout].evidence;
    return tip;
}

bool AlignedTimelineChart::event(QEvent *e)
{
    if (handleHoverTip(this, e, [this](QPoint p) { return tipAt(p); }))
        return true;
    return QWidget::event(e);
}

void AlignedTimelineChart::wheelEvent(QWheelEvent *e)
{
    const double notches = e->angleDelta().y() / 120.0;
    if (notches == 0)
        return;
    zoomAt(e->position().x(), std::pow(kWheelStep, notches));
    e->accept();
}

void AlignedTimelineChart::mousePressEvent(QMouseEvent *e)
{
    if (e->button() == Qt::LeftButton) {
        m_dragFrom = e->position();
        m_dragFromUs = m_viewport.from();
    }
}

void AlignedTimelineChart::mouseMoveEvent(QMouseEvent *e)
{
    if (m_dragFrom && (e->buttons() & Qt::LeftButton) && std::abs(e->position().x() - m_dragFrom->x()) >= kDragPx) {
        // The moment under the press stays under the pointer: dragging right shows earlier times.
        const AlignedTimelineLayout l = currentLayout();
        const double usPerPx = double(m_viewport.span()) / std::max(1.0, l.plotRight - l.plotLeft);
        const core::TimestampUs target = m_dragFromUs - core::TimestampUs((e->position().x() - m_dragFrom->x()) * usPerPx);
        m_viewport.panBy(target - m_viewport.from());
        setCursor(Qt::ClosedHandCursor);
        changed();
    }
    const AlignedTimelineLayout l = currentLayout();
    const double x = e->position().x();
    setCrosshair(x >= l.plotLeft && x <= l.plotRight ? std::optional<double>(x) : std::nullopt);
}

void AlignedTimelineChart::mouseReleaseEvent(QMouseEvent *)
{
    m_dragFrom.reset();
    unsetCursor();
}

void AlignedTimelineChart::leaveEvent(QEvent *)
{
    setCrosshair(std::nullopt);
}

void AlignedTimelineChart::keyPressEvent(QKeyEvent *e)
{
    switch (e->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        break;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        zoomOut();
        break;
    case Qt::Key_Left:
        panLeft();
        break;
    case Qt::Key_Right:
        panRight();
        break;
    case Qt::Key_Home:
        showAll();
        break;
    default:
        QWidget::keyPressEvent(e);
        return;
    }
    e->accept();
}

void AlignedTimelineChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.base());
    if (m_data.empty())
        return;
    const AlignedTimelineLayout l = currentLayout();
    const AlignedTimelineShapes shapes = alignedTimelineShapes(m_data, l);
    const QColor text = pal.color(QPalette::Text);
    QColor faint = text;
    faint.setAlphaF(0.45);
    QColor grid = text;
    grid.setAlphaF(0.10);

    // Callout spans first, under everything, across every row.
    for (const TimelineCalloutSpan &s : l.callouts) {
        QColor c = calloutColor(m_data.callouts[s.callout].cause);
        c.setAlphaF(0.16);
        p.fillRect(QRectF(QPointF(s.x0, l.top), QPointF(s.x1, l.bottom)), c);
    }
    // Time grid across all rows.
    p.setPen(QPen(grid, 1));
    for (const TimeTick &t : l.xTicks)
        p.drawLine(QPointF(t.x, l.top), QPointF(t.x, l.bottom));

    const QFontMetricsF fm(font());
    for (const TimelineRowGeometry &g : l.rows) {
        p.setPen(text);
        if (!g.titleRect.isEmpty())
            p.drawText(g.titleRect, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(g.title, Qt::ElideRight, g.titleRect.width()));
        for (size_t k = 0; k < g.laneTitles.size(); ++k) {
            const QString name = k < m_data.lanes.size() ? m_data.lanes[k].name : tr("Apps");
            p.drawText(g.laneTitles[k], Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(name, Qt::ElideRight, g.laneTitles[k].width()));
        }
        p.setPen(faint);
        for (const TimelineValueTick &t : g.yTicks)
            p.drawText(t.labelRect, Qt::AlignRight | Qt::AlignVCenter, t.label);
        p.setPen(QPen(grid, 1));
        for (const TimelineValueTick &t : g.yTicks)
            p.drawLine(QPointF(g.plot.left(), t.y), QPointF(g.plot.right(), t.y));
        p.setPen(QPen(faint, 1));
        p.setBrush(Qt::NoBrush);
        if (g.lanes.empty())
            p.drawRect(g.plot);
        for (const QRectF &lane : g.lanes) {
            QColor idle = gradeColor(core::Grade::Ungraded);
            idle.setAlphaF(0.25);
            p.fillRect(lane, idle);
        }
        if (!g.emptyRect.isEmpty()) {
            p.setPen(faint);
            p.drawText(g.emptyRect, Qt::AlignCenter, g.emptyText);
        }
    }

    for (const TimelineGradeCell &c : shapes.cells)
        p.fillRect(c.rect, gradeColor(c.grade));

    const QColor gatewayColor(0x2a, 0x9d, 0x8f), internetColor(0x3a, 0x6e, 0xc8), lossColor(0xd0, 0x3b, 0x3b);
    auto drawRtt = [&](const TimelineRttShapes &s, const QColor &c, TimelineRow row) {
        QColor fill = c;
        fill.setAlphaF(0.55);
        p.setPen(QPen(c, 1));
        p.setBrush(fill);
        for (const QPolygonF &band : s.bands)
            p.drawPolygon(band);
        const TimelineRowGeometry *g = l.row(row);
        p.setPen(QPen(lossColor, 2));
        for (double x : s.lossX)
            p.drawLine(QPointF(x, g->plot.bottom() - 6), QPointF(x, g->plot.bottom()));
    };
    drawRtt(shapes.gateway, gatewayColor, TimelineRow::GatewayRtt);
    drawRtt(shapes.internet, internetColor, TimelineRow::InternetRtt);

    for (const auto &[x0, x1] : shapes.disconnected)
        for (TimelineRow r : {TimelineRow::WifiSignal, TimelineRow::WifiRate}) {
            const QRectF plot = l.row(r)->plot;
            p.fillRect(QRectF(QPointF(x0, plot.top()), QPointF(x1, plot.bottom())), QColor(0x80, 0x80, 0x80, 60));
        }
    p.setBrush(Qt::NoBrush);
    auto drawLines = [&](const std::vector<QPolygonF> &pieces, const QPen &pen) {
        p.setPen(pen);
        for (const QPolygonF &piece : pieces)
            if (piece.size() == 1)
                p.drawEllipse(piece.front(), 1.5, 1.5);
            else
                p.drawPolyline(piece);
    };
    drawLines(shapes.signal, QPen(QColor(0xd9, 0x8c, 0x00), 1.6));
    drawLines(shapes.tx, QPen(QColor(0x6a, 0x4c, 0x93), 1.6));
    drawLines(shapes.rx, QPen(QColor(0x6a, 0x4c, 0x93), 1.2, Qt::DashLine));

    // Events: a faint line through every row, a triangle and a label in the events row.
    const TimelineRowGeometry *events = l.row(TimelineRow::Events);
    for (const TimelineMarker &m : l.markers) {
        const TimelineEvent &first = m_data.events[m.markers.front()];
        const QColor c = first.kind == TimelineEventKind::LossBurst ? lossColor
                         : first.kind == TimelineEventKind::RouteChange ? QColor(0x8a, 0x4f, 0xc8)
                                                                        : QColor(0xd9, 0x8c, 0x00);
        QColor line = c;
        line.setAlphaF(0.45);
        p.setPen(QPen(line, 1, Qt::DashLine));
        p.drawLine(QPointF(m.x, l.top), QPointF(m.x, events->plot.bottom()));
        const double ty = m.hit.bottom() - 2;
        QPainterPath tri;
        tri.moveTo(m.x - 4, ty - 8);
        tri.lineTo(m.x + 4, ty - 8);
        tri.lineTo(m.x, ty);
        tri.closeSubpath();
        p.fillPath(tri, c);
        if (!m.labelRect.isEmpty()) {
            p.setPen(text);
            p.drawText(m.labelRect, Qt::AlignCenter, m.label);
        }
    }

    // Time labels and the caption.
    p.setPen(faint);
    for (const TimeTick &t : l.xTicks)
        p.drawText(t.labelRect, Qt::AlignCenter, t.label);
    p.drawText(l.captionRect, Qt::AlignRight | Qt::AlignVCenter, l.caption);

    // Crosshair and its readout box, on the side with room.
    if (m_crosshair) {
        p.setPen(QPen(text, 1));
        p.drawLine(QPointF(*m_crosshair, l.top), QPointF(*m_crosshair, l.bottom));
        const QString readoutText = timelineReadoutAt(m_data, l, *m_crosshair).text();
        const QStringList lines = readoutText.split(QLatin1Char('\n'));
        double w = 0;
        for (const QString &line : lines)
            w = std::max(w, fm.horizontalAdvance(line));
        w = std::min(w + 12, double(width()) / 2);
        const double h = lines.size() * fm.height() + 8;
        QRectF box(*m_crosshair + 10, l.top + 4, w, h);
        if (box.right() > l.plotRight)
            box.moveRight(*m_crosshair - 10);
        QColor bg = pal.color(QPalette::ToolTipBase);
        bg.setAlphaF(0.94);
        p.setPen(QPen(faint, 1));
        p.setBrush(bg);
        p.drawRoundedRect(box, 4, 4);
        p.setPen(pal.color(QPalette::ToolTipText));
        double y = box.top() + 4;
        for (const QString &line : lines) {
            p.drawText(QRectF(box.left() + 6, y, box.width() - 12, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                       fm.elidedText(line, Qt::ElideRight, box.width() - 12));
            y += fm.height();
        }
    }
}

} // namespace pathlens::views
