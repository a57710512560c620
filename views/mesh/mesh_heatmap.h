// SPDX-License-Identifier: GPL-3.0-or-later
// The N×N mesh heat-map: row = source, column = destination, each cell coloured by its state against
// that link's own best for the metric shown; self cells a dot; relayed cells marked in a corner.
#pragma once

#include "core/mesh/mesh_metrics.h"
#include "core/report/display_names.h"
#include "views/mesh/heatmap_layout.h"

#include <QStringList>
#include <QWidget>

#include <map>

namespace pathlens::views {

// Paints only from the cells it was given (GUI thread). Hover shows the numbers and the baseline;
// a click on a measured cell emits pairClicked.
class MeshHeatmap : public QWidget {
    Q_OBJECT
public:
    explicit MeshHeatmap(QWidget *parent = nullptr);

    void setCells(std::vector<core::MeshCell> cells); // agents are every src and dst named, sorted
    void setMetric(core::MeshMetric metric);
    const QStringList &agents() const { return m_agents; }
    const HeatmapLayout &layoutNow() const { return m_layout; }
    QString cellToolTip(int row, int column) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void pairClicked(const QString &src, const QString &dst);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    void relayout();
    const core::MeshCell *cellAt(int row, int column) const;

    std::vector<core::MeshCell> m_cells;
    std::map<std::pair<int, int>, size_t> m_index; // (row, column) → m_cells
    QStringList m_agents;
    core::MeshMetric m_metric = core::MeshMetric::Latency;
    HeatmapLayout m_layout;
    int m_labelWidth = 0;
};

QColor meshStateColor(std::optional<core::MeshState> state); // absent: no figure (light grey)
using core::meshStateDisplayName; // "within its best", … (core: the report shows it too)
QString meshMetricDisplayName(core::MeshMetric metric);
QString formatMeshValue(core::MeshMetric metric, double value);

} // namespace pathlens::views
