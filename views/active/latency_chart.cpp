// SPDX-License-Identifier: GPL-3.0-or-later
// Latency chart painting and interaction.
#include "views/active/latency_chart.h"

#include "core/base/units_format.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace pathlens::views {

namespace {
constexpr int kLeft = 58, kRight = 10, kTop = 10, kBottom = 24; // axis label room
constexpr double kWheelZoom = 1.25;                            // one wheel notch
// Samples further apart than 2.5 × the series' own mean interval are drawn as separate pieces: a
// probe loop that stopped (or a capture that paused) must show as a gap, not as a line across it,
// while a 5 s HTTP loop and a 5/s ICMP loop both read as lines.
constexpr double kJoinIntervals = 2.5;
}

QColor seriesColor(int index)
{
    // Okabe–Ito palette: distinguishable with common colour-vision deficiencies.
    static const QColor palette[] = {QColor(0x00, 0x72, 0xb2), QColor(0xe6, 0x9f, 0x00), QColor(0x00, 0x9e, 0x73),
                                     QColor(0xcc, 0x79, 0xa7), QColor(0x56, 0xb4, 0xe9), QColor(0xd5, 0x5e, 0x00),
                                     QColor(0xf0, 0xe4, 0x42), QColor(0x00, 0x00, 0x00)};
    return palette[index % 8];
}

TimeWindow TimeWindow::zoomed(double factor, core::TimestampUs anchor) const
{
    const double newSpan = std::max(double(LatencyChart::kMinSpanUs), double(span()) * factor);
    const double rel = span() > 0 ? double(anchor - from) / double(span()) : 0.5;
    TimeWindow w;
    w.from = anchor - core::TimestampUs(rel * newSpan);
    w.to = w.from + core::TimestampUs(newSpan);
    return w;
}

TimeWindow TimeWindow::panned(core::TimestampUs delta) const
{
    return {from + delta, to + delta};
}

TimeWindow TimeWindow::clamped(core::TimestampUs first, core::TimestampUs last) const
{
    if (last <= first)
        return *this;
    TimeWindow w = *this;
    const core::TimestampUs dataSpan = last - first;
    if (w.span() >= dataSpan)
        return {first, std::max(last, first + std::min(w.span(), dataSpan))};
    if (w.from < first)
        w = w.panned(first - w.from);
    if (w.to > last)
        w = w.panned(last - w.to);
    return w;
}

core::TimestampUs LatencyChart::timeStep(core::TimestampUs span, int pixels)
{
    static const core::TimestampUs steps[] = {1'000'000, 2'000'000, 5'000'000, 10'000'000, 30'000'000, 60'000'000,
                                              120'000'000, 300'000'000, 600'000'000, 900'000'000, 1'800'000'000,
                                              3'600'000'000, 10'800'000'000, 21'600'000'000, 43'200'000'000};
    const double wanted = double(span) * 110.0 / std::max(1, pixels);
    for (core::TimestampUs s : steps)
        if (double(s) >= wanted)
            return s;
    return steps[std::size(steps) - 1];
}

LatencyChart::LatencyChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("latencyChart"));
    setMinimumHeight(220);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setToolTip(tr("Wheel: zoom · drag: pan · double-click or Home: whole capture · +/−: zoom · L: live"));
}

void LatencyChart::setData(std::shared_ptr<const core::LatencyData> data, bool fit)
{
    m_data = std::move(data);
    if (fit)
        fitAll();
    else
        update();
}

void LatencyChart::dataChanged()
{
    if (m_live && m_data && !m_data->empty()) {
        // The last five minutes, or everything when there is less: a young capture fills the chart.
        const core::TimestampUs last = m_data->lastTime();
        const core::TimestampUs from = std::max(last - kLiveSpanUs, m_data->firstTime());
        m_window = {from, std::max(last, from + kMinSpanUs)};
    }
    update();
}

void LatencyChart::setLive(bool live)
{
    if (m_live == live)
        return;
    m_live = live;
    emit liveChanged(live);
    dataChanged();
}

void LatencyChart::fitAll()
{
    if (m_data && !m_data->empty())
        m_window = {m_data->firstTime(), std::max(m_data->lastTime(), m_data->firstTime() + kMinSpanUs)};
    update();
}

void LatencyChart::zoom(double factor)
{
    setWindow(m_window.zoomed(factor, m_window.from + m_window.span() / 2));
}

void LatencyChart::setWindow(TimeWindow w)
{
    if (m_data && !m_data->empty())
        w = w.clamped(m_data->firstTime(), std::max(m_data->lastTime(), m_data->firstTime() + kMinSpanUs));
    m_window = w;
    setLive(false);
    update();
}

QRect LatencyChart::plotRect() const
{
    return rect().adjusted(kLeft, kTop, -kRight, -kBottom);
}

core::TimestampUs LatencyChart::timeAt(double x) const
{
    const QRect plot = plotRect();
    return m_window.from + core::TimestampUs((x - plot.left()) / std::max(1, plot.width()) * double(m_window.span()));
}

void LatencyChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect plot = plotRect();
    p.fillRect(plot, palette().color(QPalette::Base));
    if (!m_data || m_data->empty() || plot.width() < 10 || m_window.span() <= 0) {
        p.drawText(plot, Qt::AlignCenter, tr("No probe samples in this span"));
        return;
    }
    const int columns = plot.width();
    // Query every series once; the y scale follows the visible maximum.
    std::vector<std::vector<core::MinMaxPyramid::Column>> cols;
    float top = 1.0f;
    for (const auto &s : m_data->series) {
        cols.push_back(s.pyramid.query(m_window.from, m_window.to, columns));
        for (const auto &c : cols.back())
            if (c.count)
                top = std::max(top, c.max);
    }
    // Nice y ticks: 1, 2, 5 × 10^k with about five lines.
    const double raw = top * 1.1 / 5;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double stepY = raw / mag < 2 ? 2 * mag : raw / mag < 5 ? 5 * mag : 10 * mag;
    const double yMax = std::ceil(top * 1.1 / stepY) * stepY;
    auto yOf = [&](double v) { return plot.bottom() - v / yMax * plot.height(); };
    auto xOf = [&](core::TimestampUs t) { return plot.left() + double(t - m_window.from) / double(m_window.span()) * plot.width(); };

    QColor grid = palette().color(QPalette::WindowText);
    grid.setAlpha(40);
    p.setPen(grid);
    for (double v = 0; v <= yMax + 1e-9; v += stepY)
        p.drawLine(QPointF(plot.left(), yOf(v)), QPointF(plot.right(), yOf(v)));
    p.setPen(palette().color(QPalette::WindowText));
    for (double v = 0; v <= yMax + 1e-9; v += stepY)
        p.drawText(QRectF(0, yOf(v) - 8, kLeft - 6, 16), Qt::AlignRight | Qt::AlignVCenter, core::formatMs(v));
    const core::TimestampUs stepT = timeStep(m_window.span(), plot.width());
    const bool withSeconds = stepT < 60'000'000;
    for (core::TimestampUs t = (m_window.from / stepT + 1) * stepT; t < m_window.to; t += stepT) {
        const double x = xOf(t);
        p.setPen(grid);
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        p.setPen(palette().color(QPalette::WindowText));
        const QString label = QDateTime::fromMSecsSinceEpoch(t / 1000, Qt::UTC)
                                  .toString(withSeconds ? QStringLiteral("HH:mm:ss") : QStringLiteral("HH:mm"));
        p.drawText(QRectF(x - 40, plot.bottom() + 4, 80, kBottom - 4), Qt::AlignHCenter | Qt::AlignTop, label);
    }

    // Loss bursts: shaded bands behind the lines.
    for (const auto &b : m_data->bursts) {
        if (b.endUtcUs < m_window.from || b.startUtcUs > m_window.to)
            continue;
        const double x0 = std::max<double>(plot.left(), xOf(b.startUtcUs));
        const double x1 = std::min<double>(plot.right(), std::max(xOf(b.endUtcUs), x0 + 2));
        p.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), QColor(0xd5, 0x5e, 0x00, 50));
    }

    p.setRenderHint(QPainter::Antialiasing, false); // crisp one-pixel columns
    for (size_t si = 0; si < cols.size(); ++si) {
        const QColor colour = seriesColor(int(si));
        // One polyline per contiguous piece, drawn with a cosmetic 1 px pen: the raster engine's
        // fast line path (a wide pen turns a long path into a filled outline: seconds at 1 M points).
        std::vector<QPolygonF> pieces;
        std::vector<QPointF> lone;
        std::optional<core::TimestampUs> lastEnd;
        const double columnUs = double(m_window.span()) / columns;
        const core::MinMaxPyramid &pyr = m_data->series[si].pyramid;
        const double meanIntervalUs = pyr.size() > 1 ? double(pyr.lastTime() - pyr.firstTime()) / double(pyr.size() - 1) : 0.0;
        const double joinGapUs = std::max(kJoinIntervals * meanIntervalUs, 2 * columnUs);
        for (int c = 0; c < columns; ++c) {
            const auto &col = cols[si][size_t(c)];
            if (!col.count)
                continue;
            const double x = plot.left() + c + 0.5;
            const bool join = lastEnd && double(col.start - *lastEnd) <= joinGapUs;
            if (!join)
                pieces.emplace_back();
            pieces.back() << QPointF(x, yOf(col.max)) << QPointF(x, yOf(col.min)); // the column's extremes
            lastEnd = col.end;
        }
        QPen pen(colour, 1);
        pen.setCosmetic(true);
        p.setPen(pen);
        for (const QPolygonF &piece : pieces) {
            if (piece.size() == 2 && piece[0] == piece[1])
                lone.push_back(piece[0]); // a lone sample stays visible as a dot
            else
                p.drawPolyline(piece);
        }
        for (const QPointF &pt : lone)
            p.drawRect(QRectF(pt.x() - 1, pt.y() - 1, 2, 2));
        // Loss marks: a tick under the plot's floor for every column that lost probes.
        p.setPen(QPen(colour, 2));
        for (int c = 0; c < columns; ++c)
            if (cols[si][size_t(c)].lost)
                p.drawLine(QPointF(plot.left() + c + 0.5, plot.bottom() - 1), QPointF(plot.left() + c + 0.5, plot.bottom() - 7));
    }

    // Legend, top-left inside the plot.
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(font());
    double y = plot.top() + 4;
    for (size_t si = 0; si < m_data->series.size(); ++si) {
        const QString text = m_data->series[si].label();
        const QRectF box(plot.left() + 6, y, fm.horizontalAdvance(text) + 22, fm.height() + 2);
        QColor backdrop = palette().color(QPalette::Base);
        backdrop.setAlpha(0xd0); // legend stays readable over the lines it covers
        p.fillRect(box, backdrop);
        p.fillRect(QRectF(box.left() + 4, box.center().y() - 2, 12, 4), seriesColor(int(si)));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(box.adjusted(20, 0, 0, 0), Qt::AlignVCenter, text);
        y += box.height();
    }
    p.setPen(grid);
    p.setBrush(Qt::NoBrush);
    p.drawRect(plot);
}

void LatencyChart::wheelEvent(QWheelEvent *e)
{
    const double notches = e->angleDelta().y() / 120.0;
    if (notches == 0)
        return;
    setWindow(m_window.zoomed(std::pow(kWheelZoom, -notches), timeAt(e->position().x())));
    e->accept();
}

void LatencyChart::mousePressEvent(QMouseEvent *e)
{
    if (e->button() == Qt::LeftButton) {
        m_dragFrom = e->pos();
        m_dragWindow = m_window;
    }
}

void LatencyChart::mouseMoveEvent(QMouseEvent *e)
{
    if (!m_dragFrom)
        return;
    const double dx = e->pos().x() - m_dragFrom->x();
    const core::TimestampUs delta = core::TimestampUs(-dx / std::max(1, plotRect().width()) * double(m_dragWindow.span()));
    setWindow(m_dragWindow.panned(delta));
}

void LatencyChart::mouseReleaseEvent(QMouseEvent *)
{
    m_dragFrom.reset();
}

void LatencyChart::mouseDoubleClickEvent(QMouseEvent *)
{
    setLive(false);
    fitAll();
}

void LatencyChart::keyPressEvent(QKeyEvent *e)
{
    switch (e->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoom(1 / kWheelZoom); break;
    case Qt::Key_Minus: zoom(kWheelZoom); break;
    case Qt::Key_Home: setLive(false); fitAll(); break;
    case Qt::Key_Left: setWindow(m_window.panned(-m_window.span() / 10)); break;
    case Qt::Key_Right: setWindow(m_window.panned(m_window.span() / 10)); break;
    case Qt::Key_L: setLive(!m_live); break;
    default: QWidget::keyPressEvent(e);
    }
}

bool LatencyChart::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip && m_data && !m_data->empty()) {
        auto *help = static_cast<QHelpEvent *>(e);
        const QRect plot = plotRect();
        if (!plot.contains(help->pos()))
            return QWidget::event(e);
        const core::TimestampUs t0 = timeAt(help->pos().x()), t1 = timeAt(help->pos().x() + 1);
        QStringList lines{QDateTime::fromMSecsSinceEpoch(t0 / 1000, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'"))};
        for (const auto &s : m_data->series) {
            const auto col = s.pyramid.query(t0, std::max(t1, t0 + 1), 1).front();
            if (col.count)
                lines << QStringLiteral("%1: %2–%3%4").arg(s.label(), core::formatMs(col.min), core::formatMs(col.max),
                                                           col.lost ? tr(", %1 lost").arg(col.lost) : QString());
            else if (col.lost)
                lines << tr("%1: %2 lost").arg(s.label()).arg(col.lost);
        }
        QToolTip::showText(help->globalPos(), lines.join(QLatin1Char('\n')), this);
        return true;
    }
    return QWidget::event(e);
}

} // namespace pathlens::views
