// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (figures only): the Mesh page for 50 agents with 7 days of history at the default
// 2-minute cycle (12.3 M directional results): how long the one analysis takes to take them in, a
// snapshot, the first paint of the heat-map at 1920 px, and the frame time of repaints on each tab
// (target ≤ 16 ms per frame, issue 11). bench_mesh_heatmap [AGENTS=50] [DAYS=7] [--shot FILE.png]
#include "core/pipeline/capture_analysis.h"
#include "tests/common/fleet_fixture.h"
#include "views/mesh/mesh_heatmap.h"
#include "views/mesh/mesh_page.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>

using namespace pathlens;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString shot;
    if (const qsizetype i = args.indexOf(QStringLiteral("--shot")); i >= 0 && i + 1 < args.size()) {
        shot = args[i + 1];
        args.remove(i, 2);
    }
    test::FleetFixture fleet;
    fleet.agents = args.value(0, QStringLiteral("50")).toInt();
    const double days = args.value(1, QStringLiteral("7")).toDouble();
    fleet.cycles = int(days * 24 * 30);
    fleet.withTraces = false;

    core::CaptureAnalysis analysis(QStringLiteral("bench.plcap"));
    QElapsedTimer timer;
    qint64 generateNs = 0, ingestNs = 0, rows = 0;
    for (int c = 0; c < fleet.cycles; ++c) {
        timer.start();
        const auto batch = fleet.cycleRows(c);
        generateNs += timer.nsecsElapsed();
        timer.start();
        analysis.ingest(batch);
        ingestNs += timer.nsecsElapsed();
        rows += qint64(batch.size());
    }
    timer.start();
    const core::SnapshotPtr snap = analysis.snapshot(1, 1, false);
    const double snapshotMs = timer.nsecsElapsed() / 1e6;

    views::MeshPage page;
    page.resize(1920, 1080);
    page.show();
    timer.start();
    page.showSnapshot(*snap);
    const double applyMs = timer.nsecsElapsed() / 1e6;
    views::MeshHeatmap *map = page.heatmap();
    QCoreApplication::processEvents(); // layouts settle
    QImage frame(map->size(), QImage::Format_ARGB32_Premultiplied);
    timer.start();
    map->render(&frame);
    const double firstPaintMs = timer.nsecsElapsed() / 1e6;

    printf("mesh heat-map: %d agents, %.1f days at 2-min cycles: %lld results (%zu cells)\n", fleet.agents, days,
           static_cast<long long>(rows), snap->mesh.size());
    printf("  analysis ingest  %8.1f ms  (%.2f M results/s; generating them took %.1f ms)\n", ingestNs / 1e6,
           rows / (ingestNs / 1e9) / 1e6, generateNs / 1e6);
    printf("  snapshot         %8.2f ms\n", snapshotMs);
    printf("  page apply       %8.2f ms  (chips, worst links, map)\n", applyMs);
    printf("  first paint      %8.2f ms  at %d×%d px, cell %d px\n", firstPaintMs, map->width(), map->height(), map->layoutNow().cell);
    constexpr int kFrames = 60;
    double worst = 0;
    for (core::MeshMetric metric : core::kAllMeshMetrics) {
        page.setMetric(metric);
        std::vector<double> frames;
        for (int i = 0; i < kFrames; ++i) {
            timer.start();
            map->render(&frame);
            frames.push_back(timer.nsecsElapsed() / 1e6);
        }
        std::sort(frames.begin(), frames.end());
        double sum = 0;
        for (double f : frames)
            sum += f;
        worst = std::max(worst, frames.back());
        printf("  frame %-10s mean %6.2f ms, p95 %6.2f ms, max %6.2f ms (%d repaints)\n", qPrintable(views::meshMetricDisplayName(metric)),
               sum / kFrames, frames[size_t(kFrames * 0.95)], frames.back(), kFrames);
    }
    printf("  slowest frame %.2f ms against the 16 ms budget: %.2f×\n", worst, worst / 16.0);
    if (!shot.isEmpty()) {
        page.setMetric(core::MeshMetric::Latency);
        QCoreApplication::processEvents();
        page.grab().save(shot);
    }
    return 0;
}
