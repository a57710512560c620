// SPDX-License-Identifier: GPL-3.0-or-later
// Heat-map painting, hover and click.
#include "views/mesh/mesh_heatmap.h"

#include "core/base/time_utc.h"
#include "core/base/units_format.h"
#include "views/common/grade_style.h"
#include "views/mesh/mesh_link_text.h"

#include <QCoreApplication>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QSet>
#include <QToolTip>

#include <algorithm>

namespace pathlens::views {

namespace {
constexpr int kMaxLabelWidth = 140; // px: longer agent names elide ("berlin-office-…")

} // namespace

QColor meshStateColor(std::optional<core::MeshState> state)
{
    if (!state)
        return QColor(0xd0, 0xd0, 0xd0);
    switch (*state) { // the grade palette: within = Excellent, marginal = Fair, outside = Poor
    case core::MeshState::Within: return gradeColor(core::Grade::Excellent);
    case core::MeshState::Marginal: return gradeColor(core::Grade::Fair);
    case core::MeshState::Outside: return gradeColor(core::Grade::Poor);
    case core::MeshState::Down: return QColor(0x42, 0x42, 0x42);
    }
    return {};
}

QString meshMetricDisplayName(core::MeshMetric metric)
{
    switch (metric) {
    case core::MeshMetric::Latency: return QCoreApplication::translate("MeshHeatmap", "Latency");
    case core::MeshMetric::Throughput: return QCoreApplication::translate("MeshHeatmap", "Throughput");
    case core::MeshMetric::Loss: return QCoreApplication::translate("MeshHeatmap", "Loss");
    case core::MeshMetric::Queueing: return QCoreApplication::translate("MeshHeatmap", "Queueing");
    }
    return {};
}

QString formatMeshValue(core::MeshMetric metric, double v)
{
    switch (metric) {
    case core::MeshMetric::Latency:
    case core::MeshMetric::Queueing: return core::formatMs(v);
    case core::MeshMetric::Throughput: return core::formatBitrate(v * 1e6);
    case core::MeshMetric::Loss: return core::formatPercent(v);
    }
    return {};
}

MeshHeatmap::MeshHeatmap(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("meshHeatmap"));
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void MeshHeatmap::setCells(std::vector<core::MeshCell> cells)
{
    m_cells = std::move(cells);
    QSet<QString> names;
    for (const core::MeshCell &c : m_cells)
        names << c.latest.src << c.latest.dst;
    QStringList agents(names.begin(), names.end());
    std::sort(agents.begin(), agents.end(), [](const QString &a, const QString &b) { return QString::localeAwareCompare(a, b) < 0; });
    const bool agentsChanged = agents != m_agents;
    m_agents = agents;
    m_index.clear();
    for (size_t i = 0; i < m_cells.size(); ++i)
        m_index[{int(m_agents.indexOf(m_cells[i].latest.src)), int(m_agents.indexOf(m_cells[i].latest.dst))}] = i;
    if (agentsChanged) {
        const QFontMetrics fm(font());
        m_labelWidth = 0;
        for (const QString &a : m_agents)
            m_labelWidth = std::max(m_labelWidth, std::min(kMaxLabelWidth, fm.horizontalAdvance(a) + 12));
        relayout();
        updateGeometry();
    }
    update();
}

void MeshHeatmap::setMetric(core::MeshMetric metric)
{
    m_metric = metric;
    update();
}

QSize MeshHeatmap::sizeHint() const
{
    return layoutHeatmap(int(m_agents.size()), QSize(900, 900), m_labelWidth).total;
}

QSize MeshHeatmap::minimumSizeHint() const
{
    return layoutHeatmap(int(m_agents.size()), QSize(0, 0), m_labelWidth).total;
}

void MeshHeatmap::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void MeshHeatmap::relayout()
{
    m_layout = layoutHeatmap(int(m_agents.size()), size(), m_labelWidth);
}

const core::MeshCell *MeshHeatmap::cellAt(int row, int column) const
{
    const auto it = m_index.find({row, column});
    return it == m_index.end() ? nullptr : &m_cells[it->second];
}

void MeshHeatmap::paintEvent(QPaintEvent *event)
{
    QPainter p(this);
    p.fillRect(event->rect(), palette().window());
    const HeatmapLayout &l = m_layout;
    const QFontMetrics fm(font());
    p.setPen(palette().windowText().color());
    for (int i = 0; i < l.count; ++i) {
        const QString name = fm.elidedText(m_agents[i], Qt::ElideMiddle, l.labelWidth - 8);
        const QRect row = l.rowLabelRect(i);
        if (row.intersects(event->rect()))
            p.drawText(row.adjusted(0, 0, -4, 0), Qt::AlignRight | Qt::AlignVCenter, name);
        const QRect col = l.columnLabelRect(i);
        if (col.intersects(event->rect())) { // rotated 90°, read bottom to top, ending at the grid
            p.save();
            p.translate(col.left(), col.bottom());
            p.rotate(-90);
            p.drawText(QRect(4, 0, col.height() - 4, col.width()), Qt::AlignLeft | Qt::AlignVCenter, name);
            p.restore();
        }
    }
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.85));
    p.setFont(small);
    for (int r = 0; r < l.count; ++r) {
        for (int c = 0; c < l.count; ++c) {
            const QRect cell = l.cellRect(r, c).adjusted(0, 0, -1, -1); // a 1 px gap between cells
            if (!cell.intersects(event->rect()))
                continue;
            if (r == c) { // self: a dot
                p.setRenderHint(QPainter::Antialiasing);
                p.setPen(Qt::NoPen);
                p.setBrush(palette().mid());
                const int d = std::max(3, cell.width() / 5);
                p.drawEllipse(cell.center(), d / 2, d / 2);
                p.setRenderHint(QPainter::Antialiasing, false);
                continue;
            }
            const core::MeshCell *mc = cellAt(r, c);
            if (!mc) { // never measured: an outline only
                p.setPen(palette().mid().color());
                p.setBrush(Qt::NoBrush);
                p.drawRect(cell.adjusted(0, 0, -1, -1));
                continue;
            }
            const core::MeshMetricReading reading = core::meshMetricReading(*mc, m_metric);
            const QColor fill = meshStateColor(reading.state);
            p.fillRect(cell, fill);
            if (reading.state == core::MeshState::Down) { // a cross: readable without colour
                p.setPen(QPen(Qt::white, 1.5));
                p.drawLine(cell.topLeft() + QPoint(3, 3), cell.bottomRight() - QPoint(3, 3));
                p.drawLine(cell.topRight() + QPoint(-3, 3), cell.bottomLeft() + QPoint(3, -3));
            } else if (!reading.state) { // no figure: hatched
                p.fillRect(cell, QBrush(QColor(0xa0, 0xa0, 0xa0), Qt::BDiagPattern));
            }
            if (mc->latest.path == QLatin1String("relayed")) { // a corner triangle: measured through a relay
                QPainterPath tri;
                const int s = std::max(5, cell.width() / 4);
                tri.moveTo(cell.topRight() + QPoint(1, 0));
                tri.lineTo(cell.topRight() + QPoint(1 - s, 0));
                tri.lineTo(cell.topRight() + QPoint(1, s));
                tri.closeSubpath();
                p.fillPath(tri, QColor(0x37, 0x47, 0x8f));
            }
            if (l.showsValues() && reading.value) {
                p.setPen(reading.state == core::MeshState::Marginal || !reading.state ? Qt::black : Qt::white);
                p.drawText(cell.adjusted(2, 0, -2, 0), Qt::AlignCenter,
                           QFontMetrics(small).elidedText(formatMeshValue(m_metric, *reading.value), Qt::ElideRight, cell.width() - 4));
                // Big cells also name the way the ladder found (a direct one needs no word).
                const QString way = mc->latest.path == QLatin1String("lan")       ? tr("LAN")
                                    : mc->latest.path == QLatin1String("punched") ? tr("punched")
                                    : mc->latest.path == QLatin1String("relayed") ? tr("relay")
                                                                                  : QString();
                if (!way.isEmpty())
                    p.drawText(cell.adjusted(2, 0, -2, -2), Qt::AlignHCenter | Qt::AlignBottom,
                               QFontMetrics(small).elidedText(way, Qt::ElideRight, cell.width() - 4));
            }
        }
    }
}

QString MeshHeatmap::cellToolTip(int row, int column) const
{
    if (row < 0 || column < 0 || row >= m_agents.size() || column >= m_agents.size())
        return {};
    if (row == column)
        return tr("%1 (itself)").arg(m_agents[row]);
    const core::MeshCell *c = cellAt(row, column);
    if (!c)
        return tr("%1 → %2: not measured yet").arg(m_agents[row], m_agents[column]);
    QStringList lines = meshLinkLines(*c);
    const core::MeshMetricReading r = core::meshMetricReading(*c, m_metric);
    lines << tr("%1: %2").arg(meshMetricDisplayName(m_metric), r.state ? meshStateDisplayName(*r.state) : tr("no figure yet"));
    lines << tr("Click for both directions");
    return lines.join(QStringLiteral("<br>"));
}

bool MeshHeatmap::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        if (const auto rc = m_layout.cellAt(help->pos())) {
            QToolTip::showText(help->globalPos(), cellToolTip(rc->first, rc->second), this, m_layout.cellRect(rc->first, rc->second));
        } else {
            for (int i = 0; i < m_layout.count; ++i)
                if (m_layout.rowLabelRect(i).contains(help->pos()) || m_layout.columnLabelRect(i).contains(help->pos())) {
                    QToolTip::showText(help->globalPos(), m_agents[i], this);
                    return true;
                }
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(e);
}

void MeshHeatmap::mousePressEvent(QMouseEvent *event)
{
    if (const auto rc = m_layout.cellAt(event->position().toPoint()); rc && rc->first != rc->second && cellAt(rc->first, rc->second))
        emit pairClicked(m_agents[rc->first], m_agents[rc->second]);
    QWidget::mousePressEvent(event);
}

} // namespace pathlens::views
