// SPDX-License-Identifier: GPL-3.0-or-later
// Wi-Fi strips painting and tooltips.
#include "views/wifi/wifi_strip_chart.h"

#include "core/wifi/wifi_link_text.h"
#include "views/common/hover_tip.h"
#include "views/trains/capacity_text.h"
#include "views/wifi/wifi_text.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace pathlens::views {

namespace {
constexpr int kMaxTooltipEvents = 8; // a merged marker lists this many events, then "…and N more"
const QColor kDisconnected(0x9e, 0x9e, 0x9e, 60);

QColor snrBandColor()
{
    QColor c = wifiSeriesColor(WifiSeries::Signal);
    c.setAlpha(40); // light enough that the grid and the noise line show through
    return c;
}

void drawTriangle(QPainter &p, QPointF tip, double size, const QColor &colour)
{
    QPainterPath path;
    path.moveTo(tip);
    path.lineTo(tip + QPointF(-size / 2, -size));
    path.lineTo(tip + QPointF(size / 2, -size));
    path.closeSubpath();
    p.fillPath(path, colour);
}

// "Wi-Fi 5, MCS 9, 2 streams, 80 MHz": the settings behind one direction's rate.
QString rateDetail(const core::WifiRate &r)
{
    QStringList parts;
    if (const QString generation = core::wifiGenerationName(r.mode); !generation.isEmpty())
        parts << generation;
    if (r.mcs)
        parts << QStringLiteral("MCS %1").arg(*r.mcs);
    if (r.nss)
        parts << core::wifiStreamsText(*r.nss);
    if (r.widthMhz)
        parts << core::wifiWidthText(*r.widthMhz);
    return parts.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(parts.join(QStringLiteral(", ")));
}
} // namespace

QColor wifiSeriesColor(WifiSeries series)
{
    // Okabe–Ito blue, vermillion, bluish green (distinguishable with common colour-vision
    // deficiencies); the noise floor a neutral grey: it is the background, not a figure.
    switch (series) {
    case WifiSeries::Signal: return QColor(0x00, 0x72, 0xb2);
    case WifiSeries::Noise: return QColor(0x70, 0x70, 0x70);
    case WifiSeries::Tx: return QColor(0xd5, 0x5e, 0x00);
    case WifiSeries::Rx: return QColor(0x00, 0x9e, 0x73);
    }
    return Qt::black;
}

QColor wifiEventColor(core::WifiEventKind kind)
{
    // Dark enough for a 1 px line on white; the label's word, not the colour, carries the meaning.
    switch (kind) {
    case core::WifiEventKind::Roam: return QColor(0x76, 0x2a, 0x83);
    case core::WifiEventKind::PhyModeDrop:
    case core::WifiEventKind::WidthDrop:
    case core::WifiEventKind::StreamDrop: return QColor(0xa6, 0x4b, 0x00);
    case core::WifiEventKind::Disconnect: return QColor(0xb2, 0x18, 0x2b);
    case core::WifiEventKind::Reconnect: return QColor(0x1b, 0x78, 0x37);
    }
    return Qt::black;
}

WifiStripChart::WifiStripChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("wifiStrips"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    m_input.legend = legendTexts();
}

std::array<QStringList, kWifiStripCount> WifiStripChart::legendTexts()
{
    return {QStringList{tr("signal (RSSI)"), tr("noise floor"), tr("SNR (the gap)"), tr("not connected")},
            QStringList{tr("transmit (TX)"), tr("receive (RX)")}};
}

QSize WifiStripChart::minimumSizeHint() const
{
    return {360, 230}; // two strips of ~60 px with their legends, labels and the event lanes
}

QSize WifiStripChart::sizeHint() const
{
    return {800, 340};
}

void WifiStripChart::setPicture(const core::WifiPicture &picture)
{
    m_samples = picture.samples;
    m_events = picture.events;
    m_input.points.clear();
    m_input.points.reserve(m_samples.size());
    for (const core::WifiSample &s : m_samples) {
        WifiStripPoint p;
        p.utcUs = s.utcUs;
        p.connected = s.connected;
        auto value = [](const auto &v) { return v ? std::optional<double>(double(*v)) : std::nullopt; };
        p.values[size_t(WifiSeries::Signal)] = value(s.rssiDbm);
        p.values[size_t(WifiSeries::Noise)] = value(s.noiseDbm);
        p.values[size_t(WifiSeries::Tx)] = s.tx.mbps;
        p.values[size_t(WifiSeries::Rx)] = s.rx.mbps;
        m_input.points.push_back(p);
    }
    // "not connected" is explained only where a shaded span needs it.
    m_input.legend = legendTexts();
    if (std::all_of(m_samples.begin(), m_samples.end(), [](const core::WifiSample &s) { return s.connected; }))
        m_input.legend[0].removeLast();
    m_input.events.clear();
    for (const core::WifiEvent &e : m_events)
        m_input.events.push_back({e.utcUs, wifiEventLabel(e.kind)});
    m_stale = true;
    updateGeometry();
    update();
}

void WifiStripChart::relayout() const
{
    if (!m_stale)
        return;
    auto &input = const_cast<WifiStripInput &>(m_input);
    const QFontMetricsF fm(font());
    input.size = size();
    input.lineHeight = fm.height();
    input.textWidth = [fm](const QString &s) { return fm.horizontalAdvance(s); };
    m_layout = layoutWifiStrips(m_input);
    m_stale = false;
}

const WifiStripLayout &WifiStripChart::stripLayout() const
{
    relayout();
    return m_layout;
}

void WifiStripChart::resizeEvent(QResizeEvent *event)
{
    m_stale = true;
    QWidget::resizeEvent(event);
}

void WifiStripChart::paintEvent(QPaintEvent *)
{
    const WifiStripLayout &l = stripLayout();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QColor text = palette().color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlpha(40);
    QColor muted = text;
    muted.setAlpha(170);

    for (const WifiStrip &strip : l.strips) {
        p.fillRect(strip.plot, palette().color(QPalette::Base));
        for (const auto &[x0, x1] : l.disconnected)
            p.fillRect(QRectF(QPointF(x0, strip.plot.top()), QPointF(x1, strip.plot.bottom())).intersected(strip.plot), kDisconnected);
        p.setPen(grid);
        for (const WifiStripTick &t : strip.yTicks)
            p.drawLine(QPointF(strip.plot.left(), t.pos), QPointF(strip.plot.right(), t.pos));
        for (const WifiStripTick &t : l.xTicks)
            p.drawLine(QPointF(t.pos, strip.plot.top()), QPointF(t.pos, strip.plot.bottom()));
        p.setPen(text);
        p.drawLine(strip.plot.bottomLeft(), strip.plot.bottomRight());
        for (const WifiStripTick &t : strip.yTicks)
            p.drawText(t.labelRect.adjusted(0, 0, -4, 0), Qt::AlignRight | Qt::AlignVCenter, t.label);
        p.drawText(strip.unitRect, Qt::AlignLeft | Qt::AlignVCenter, strip.unit);
    }
    p.setPen(text);
    for (const WifiStripTick &t : l.xTicks)
        p.drawText(t.labelRect, Qt::AlignCenter, t.label);
    p.setPen(muted);
    p.drawText(l.captionRect, Qt::AlignRight | Qt::AlignVCenter, l.caption);

    // Legends: a sample of each mark, then its name.
    for (size_t s = 0; s < kWifiStripCount; ++s) {
        const WifiStrip &strip = l.strips[s];
        for (size_t i = 0; i < strip.legend.size() && i < size_t(m_input.legend[s].size()); ++i) {
            const QRectF r = strip.legend[i];
            const double cy = r.center().y();
            const QRectF swatch(r.left(), r.top() + 3, 20, r.height() - 6);
            if (s == 0 && i == 2) {
                p.fillRect(swatch, snrBandColor());
            } else if (s == 0 && i == 3) {
                p.fillRect(swatch, kDisconnected);
            } else {
                const WifiSeries series = WifiSeries(s * 2 + i);
                p.setPen(QPen(wifiSeriesColor(series), 2.5, series == WifiSeries::Noise ? Qt::DashLine : Qt::SolidLine));
                p.drawLine(QPointF(r.left() + 2, cy), QPointF(r.left() + 18, cy));
            }
            p.setPen(text);
            p.drawText(r.adjusted(24, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, m_input.legend[s][qsizetype(i)]);
        }
    }

    // The readings.
    const WifiStrip &signal = l.strips[size_t(WifiStripKind::Signal)];
    p.save();
    p.setClipRect(signal.plot.adjusted(-3, -3, 3, 3));
    p.setPen(Qt::NoPen);
    p.setBrush(snrBandColor());
    for (const QPolygonF &band : l.snrBands)
        p.drawPolygon(band);
    p.setBrush(Qt::NoBrush);
    p.restore();
    bool anyLine = false;
    for (int s = 0; s < kWifiSeriesCount; ++s) {
        const WifiStrip &strip = l.strips[s < 2 ? 0 : 1];
        const QColor colour = wifiSeriesColor(WifiSeries(s));
        p.save();
        p.setClipRect(strip.plot.adjusted(-3, -3, 3, 3));
        p.setPen(QPen(colour, 2, WifiSeries(s) == WifiSeries::Noise ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        for (const QPolygonF &piece : l.lines[size_t(s)]) {
            anyLine = true;
            if (piece.size() == 1) { // a lone reading between gaps: a dot, or it would vanish
                p.setBrush(colour);
                p.drawEllipse(piece.front(), 2.5, 2.5);
                p.setBrush(Qt::NoBrush);
            } else {
                p.drawPolyline(piece);
            }
        }
        p.restore();
    }
    if (!anyLine) {
        p.setPen(muted);
        for (const WifiStrip &strip : l.strips)
            p.drawText(strip.plot.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                       tr("Not connected in any reading of this capture"));
    }

    // Events: a line across both strips and a triangle on the first one's top, under the label.
    for (const WifiEventMarker &m : l.markers) {
        const QColor colour = wifiEventColor(m_events[m.events.front()].kind);
        p.setPen(QPen(colour, 1.5, Qt::DashLine));
        for (const WifiStrip &strip : l.strips)
            p.drawLine(QPointF(m.x, strip.plot.top()), QPointF(m.x, strip.plot.bottom()));
        drawTriangle(p, QPointF(m.x, signal.plot.top()), 9, colour);
        if (!m.labelRect.isEmpty()) {
            p.setPen(QPen(colour, 1)); // a label in the upper lane hangs on a thread down to its triangle
            if (signal.plot.top() - 9 > m.labelRect.bottom() + 1)
                p.drawLine(QPointF(m.x, m.labelRect.bottom()), QPointF(m.x, signal.plot.top() - 9));
            p.drawText(m.labelRect, Qt::AlignCenter, m.label);
        }
    }
}

QString WifiStripChart::toolTipAt(QPointF at) const
{
    const WifiStripLayout &l = stripLayout();
    const auto hit = hitWifiStrips(l, m_input, at);
    if (l.strips[size_t(WifiStripKind::Signal)].unitRect.contains(at))
        return wifiSignalHelp();
    if (l.strips[size_t(WifiStripKind::Rate)].unitRect.contains(at))
        return wifiRateHelp();
    if (!hit)
        return {};
    if (hit->kind == WifiStripHit::Marker) {
        const std::vector<size_t> &items = l.markers[hit->index].events;
        QStringList lines;
        for (size_t k = 0; k < items.size() && k < kMaxTooltipEvents; ++k)
            lines << wifiEventExplanation(m_events[items[k]]);
        if (items.size() > kMaxTooltipEvents)
            lines << tr("…and %n more", nullptr, int(items.size() - kMaxTooltipEvents));
        return lines.join(QStringLiteral("\n\n"));
    }
    if (hit->kind == WifiStripHit::Legend) {
        if (hit->strip == WifiStripKind::Rate)
            return wifiRateHelp();
        switch (hit->index) {
        case 0: return wifiSignalHelp();
        case 1: return wifiNoiseHelp();
        case 2: return wifiSnrHelp();
        default: return tr("No link: the interface was not associated with an access point in these readings.");
        }
    }
    const core::WifiSample &s = m_samples[hit->index];
    QStringList lines{utcDateTimeText(s.utcUs)};
    if (!s.connected) {
        lines << tr("Not connected (%1)").arg(s.iface);
        return lines.join(QLatin1Char('\n'));
    }
    lines << tr("%1 · access point %2").arg(s.ssid.isEmpty() ? tr("hidden network") : s.ssid, s.bssid);
    if (hit->strip == WifiStripKind::Signal)
        lines << tr("signal %1 · noise %2 · SNR %3").arg(dbmText(s.rssiDbm), dbmText(s.noiseDbm), dbText(s.snrDb()));
    else
        lines << tr("TX %1%2").arg(wifiRateText(s.tx.mbps), rateDetail(s.tx)) << tr("RX %1%2").arg(wifiRateText(s.rx.mbps), rateDetail(s.rx));
    return lines.join(QLatin1Char('\n'));
}

bool WifiStripChart::event(QEvent *event)
{
    return handleHoverTip(this, event, [this](QPoint pos) { return toolTipAt(pos); }) || QWidget::event(event);
}

} // namespace pathlens::views
