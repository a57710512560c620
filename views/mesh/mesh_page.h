// SPDX-License-Identifier: GPL-3.0-or-later
// Mesh page (SPEC §4): tabs latency / throughput / loss / queueing over one N×N heat-map, chips
// counting cells within / marginal / outside / down, the worst links beside it, and a pair's
// drill-down (both directions, their traces when the capture holds them).
#pragma once

#include "core/pipeline/capture_snapshot.h"
#include "core/mesh/mesh_metrics.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QStackedWidget;
class QTabBar;

namespace pathlens::views {

class MeshHeatmap;
class PathDiagram;

class MeshPage : public QWidget {
    Q_OBJECT
public:
    explicit MeshPage(QWidget *parent = nullptr);

    void showSnapshot(const core::CaptureSnapshot &snapshot);
    void setMetric(core::MeshMetric metric);
    void selectPair(const QString &src, const QString &dst);

    // For tests and the views dump.
    MeshHeatmap *heatmap() const { return m_heatmap; }
    core::MeshMetric metric() const { return m_metric; }
    QString chipsText() const;
    QString pairText() const;
    QStringList worstLinks() const;
    bool showsMesh() const;
    bool showsPairTraces() const; // both directions' traces drawn

private:
    void refreshSide();

    QStackedWidget *m_stack;
    QTabBar *m_tabs;
    QLabel *m_chips;
    MeshHeatmap *m_heatmap;
    QListWidget *m_worst;
    QLabel *m_pair;
    PathDiagram *m_forwardTrace;
    PathDiagram *m_reverseTrace;
    QLabel *m_traceNote;
    core::MeshMetric m_metric = core::MeshMetric::Latency;
    std::vector<core::MeshCell> m_cells;
    std::vector<core::TraceResult> m_meshTraces;
    QString m_src, m_dst; // the pair shown in the drill-down
};

} // namespace pathlens::views
