// SPDX-License-Identifier: GPL-3.0-or-later
// Trace diagram painting and hover.
#include "views/trace/path_diagram.h"

#include "core/base/address_text.h"
#include "core/base/units_format.h"
#include "core/trace/path_labels.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace pathlens::views {

namespace {
constexpr double kLabelPad = 5;   // text padding inside label and box backgrounds

QFont boldOf(QFont f)
{
    f.setBold(true);
    return f;
}

// Size of a text block; the first line is measured bold when `boldTitle` (end boxes).
QSizeF textBlock(const QFont &font, const QStringList &lines, bool boldTitle)
{
    const QFontMetricsF fm(font), bold(boldOf(font));
    double w = 0;
    for (int k = 0; k < lines.size(); ++k)
        w = std::max(w, (boldTitle && k == 0 ? bold : fm).horizontalAdvance(lines[k]));
    return {w + 2 * kLabelPad, lines.size() * fm.height() + 2 * kLabelPad};
}
} // namespace

PathDiagram::PathDiagram(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("pathDiagram"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void PathDiagram::setTrace(const core::TraceResult &trace)
{
    m_trace = trace;
    relayout();
    updateGeometry();
    update();
}

QString PathDiagram::hopLabel(const core::TraceResult &t, size_t i)
{
    return core::traceHopLabel(t, i);
}

QStringList PathDiagram::sourceLines(const core::TraceResult &t)
{
    return core::traceSourceLines(t);
}

QStringList PathDiagram::destinationLines(const core::TraceResult &t)
{
    return core::traceDestinationLines(t);
}

QString PathDiagram::hopTooltip(const core::TraceResult &t, size_t i)
{
    const core::TraceHop &h = t.hops[i];
    if (h.silent())
        return tr("Hop %1: silent — no answer within 900 ms.\nNormal: many routers do not answer traceroute "
                  "probes; traffic still passes through them.").arg(h.ttl);
    QStringList lines{tr("Hop %1: %2").arg(h.ttl).arg(core::compactAddress(h.addr))};
    if (!h.reverseDns.isEmpty())
        lines << tr("Name: %1").arg(h.reverseDns);
    if (!h.asn.isEmpty())
        lines << tr("Network: %1").arg(h.asn);
    if (!h.place.isEmpty())
        lines << tr("Place: %1").arg(h.place);
    lines << tr("RTT: median %1, best %2 (%3 of %4 probes answered)")
                 .arg(core::formatMs(h.medianRttMs()), core::formatMs(h.bestRttMs()))
                 .arg(h.rttMs.size())
                 .arg(h.sent);
    if (t.isRateLimited(i))
        lines << tr("Unanswered probes here are rate limiting, not loss: later hops answered them all.");
    else if (h.lossPct() > 0)
        lines << tr("Loss: %1").arg(core::formatPercent(h.lossPct()));
    if (h.quotedDscp && *h.quotedDscp != t.sentDscp)
        lines << tr("Rewrote DSCP %1 → %2").arg(t.sentDscp).arg(*h.quotedDscp);
    if (!h.mplsLabels.empty()) {
        QStringList labels;
        for (quint32 l : h.mplsLabels)
            labels << QString::number(l);
        lines << tr("MPLS labels: %1").arg(labels.join(QStringLiteral(", ")));
    }
    return lines.join(QLatin1Char('\n'));
}

PathLayoutInput PathDiagram::layoutInput(double width) const
{
    PathLayoutInput in;
    in.width = width;
    in.sourceBox = textBlock(font(), sourceLines(m_trace), true);
    in.destinationBox = textBlock(font(), destinationLines(m_trace), true);
    for (size_t i = 0; i < m_trace.hops.size(); ++i)
        in.labelSizes.push_back(m_trace.hops[i].silent() ? QSizeF()
                                                         : textBlock(font(), hopLabel(m_trace, i).split(QLatin1Char('\n')), false));
    return in;
}

void PathDiagram::relayout()
{
    m_layout = core::layoutPath(layoutInput(width()));
    setMinimumHeight(int(std::ceil(m_layout.height))); // the scroll area scrolls when rows need more room
}

int PathDiagram::heightForWidth(int width) const
{
    return int(std::ceil(core::layoutPath(layoutInput(width)).height));
}

QSize PathDiagram::sizeHint() const
{
    return {1000, heightForWidth(1000)};
}

void PathDiagram::resizeEvent(QResizeEvent *)
{
    relayout();
}

void PathDiagram::paintEvent(QPaintEvent *)
{
    if (m_trace.hops.empty())
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QColor ink = pal.color(QPalette::WindowText);
    QColor faint = ink;
    faint.setAlpha(110);

    p.setPen(QPen(faint, 2));
    p.drawLine(m_layout.routeLine);

    auto drawBlock = [&](const QRectF &r, const QStringList &lines, bool bold) {
        p.setPen(QPen(faint, 1));
        p.setBrush(pal.color(QPalette::Base));
        p.drawRoundedRect(r, 4, 4);
        p.setPen(ink);
        QFont f = font();
        const QFontMetricsF fm(f);
        for (int k = 0; k < lines.size(); ++k) {
            f.setBold(bold && k == 0);
            p.setFont(f);
            p.drawText(QPointF(r.left() + kLabelPad, r.top() + kLabelPad + fm.ascent() + k * fm.height()), lines[k]);
        }
        p.setFont(font());
    };
    drawBlock(m_layout.sourceBox, sourceLines(m_trace), true);
    drawBlock(m_layout.destinationBox, destinationLines(m_trace), true);

    // Guide lines first, so labels (opaque) sit on top of any line passing behind them.
    p.setPen(QPen(faint, 1));
    for (size_t i = 0; i < m_trace.hops.size(); ++i)
        if (m_layout.labels[i])
            p.drawLine(m_layout.guides[i]);

    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.75));
    for (size_t i = 0; i < m_trace.hops.size(); ++i) {
        const core::TraceHop &h = m_trace.hops[i];
        const QPointF c = m_layout.circles[i];
        const double r = m_layout.radius;
        if (h.silent()) {
            p.setPen(QPen(faint, 1.5, Qt::DashLine));
            p.setBrush(pal.color(QPalette::Window));
        } else {
            p.setPen(QPen(h.destination ? QColor(0x1b, 0x9e, 0x77) : ink, 2));
            p.setBrush(pal.color(QPalette::Base));
        }
        p.drawEllipse(c, r, r);
        if (r >= 7) { // the TTL fits inside from radius 7 on
            p.setFont(small);
            p.setPen(h.silent() ? faint : ink);
            p.drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt::AlignCenter, QString::number(h.ttl));
            p.setFont(font());
        }
        if (m_layout.labels[i])
            drawBlock(*m_layout.labels[i], hopLabel(m_trace, i).split(QLatin1Char('\n')), false);
    }
}

bool PathDiagram::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        const QPointF pos = static_cast<QHelpEvent *>(e)->pos();
        for (size_t i = 0; i < m_trace.hops.size(); ++i) {
            const bool onCircle = QLineF(pos, m_layout.circles[i]).length() <= m_layout.radius + 3;
            const bool onLabel = m_layout.labels[i] && m_layout.labels[i]->contains(pos);
            if (onCircle || onLabel) {
                QToolTip::showText(static_cast<QHelpEvent *>(e)->globalPos(), hopTooltip(m_trace, i), this);
                return true;
            }
        }
        QToolTip::hideText();
        return true;
    }
    return QWidget::event(e);
}

} // namespace pathlens::views
