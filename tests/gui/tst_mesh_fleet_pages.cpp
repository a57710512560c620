// SPDX-License-Identifier: GPL-3.0-or-later
// Mesh and Fleet pages from a synthetic fleet fed through the one analysis: heat-map geometry
// (50 agents stay readable), chips and worst links agree with the cells, a click opens the pair,
// relayed cells say so, the fleet band and top lists follow the ranking, the Overview carries the band.
#include "core/pipeline/capture_analysis.h"
#include "core/store/mesh_rows.h"
#include "core/store/trace_rows.h"
#include "tests/common/fleet_fixture.h"
#include "views/fleet/fleet_page.h"
#include "views/fleet/fleet_table_model.h"
#include "views/mesh/heatmap_layout.h"
#include "views/mesh/mesh_heatmap.h"
#include "views/mesh/mesh_page.h"
#include "views/passive/overview_page.h"
#include "views/shell/main_window.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTest>

using namespace pathlens;

namespace {
core::SnapshotPtr fixtureSnapshot(int agents, int cycles)
{
    test::FleetFixture f;
    f.agents = agents;
    f.cycles = cycles;
    core::CaptureAnalysis analysis(QStringLiteral("fixture.plcap"));
    analysis.ingest(f.rows());
    return analysis.snapshot(1, 1, false);
}
} // namespace

class TstMeshFleetPages : public QObject {
    Q_OBJECT
private slots:
    void heatmapLayoutKeepsFiftyAgentsReadable()
    {
        // 50 agents in a 1366×768 window's page: cells stay at the minimum and the grid scrolls.
        const views::HeatmapLayout big = views::layoutHeatmap(50, QSize(1000, 560), 120);
        QCOMPARE(big.cell, views::HeatmapLayout::kMinCell);
        QVERIFY(big.total.height() > 560);
        QVERIFY(!big.showsValues());
        // Six agents on the same page: large cells with their figures, but never a wall of colour.
        const views::HeatmapLayout six = views::layoutHeatmap(6, QSize(1000, 560), 80);
        QVERIFY(six.cell > views::HeatmapLayout::kValueCell && six.cell <= views::HeatmapLayout::kMaxCell);
        QVERIFY(six.showsValues());
        QVERIFY(six.total.width() <= 1000 && six.total.height() <= 560);
        for (const views::HeatmapLayout &l : {big, six}) {
            for (int r = 0; r < l.count; ++r)
                for (int c = 0; c < l.count; ++c) {
                    const auto hit = l.cellAt(l.cellRect(r, c).center());
                    QVERIFY(hit && hit->first == r && hit->second == c);
                }
            for (int i = 0; i + 1 < l.count; ++i) { // labels never overlap their neighbours
                QVERIFY(!l.rowLabelRect(i).intersects(l.rowLabelRect(i + 1)));
                QVERIFY(!l.columnLabelRect(i).intersects(l.columnLabelRect(i + 1)));
                QVERIFY(!l.columnLabelRect(i).intersects(l.grid));
            }
            QVERIFY(!l.cellAt(QPoint(2, 2)));
            QVERIFY(!l.cellAt(l.grid.bottomRight() + QPoint(2, 2)));
        }
    }

    void meshPageAgreesWithTheCells()
    {
        const core::SnapshotPtr snap = fixtureSnapshot(6, 30);
        QCOMPARE(snap->mesh.size(), size_t(30));
        views::MeshPage page;
        page.resize(1366, 700);
        page.show();
        page.showSnapshot(*snap);
        QVERIFY(page.showsMesh());
        QCOMPARE(page.heatmap()->agents().size(), 6);
        for (core::MeshMetric metric : core::kAllMeshMetrics) {
            page.setMetric(metric);
            const core::MeshStateCounts n = core::countMeshStates(snap->mesh, metric);
            QVERIFY2(page.chipsText().startsWith(QStringLiteral("● %1 within ● %2 marginal ● %3 outside ● %4 down")
                                                     .arg(n.within).arg(n.marginal).arg(n.outside).arg(n.down)),
                     qPrintable(page.chipsText()));
            QCOMPARE(n.within + n.marginal + n.outside + n.down + n.unknown, 30);
            QCOMPARE(n.down, 10); // the down agent's 5 links each way
        }
        // The fixture's known trouble on the latency map: paris-01's uplink congested for its last 5
        // cycles (its 4 links each way to live agents outside their best), vienna-01 down (10 links).
        page.setMetric(core::MeshMetric::Latency);
        QCOMPARE(page.chipsText(), QStringLiteral("● 12 within ● 0 marginal ● 8 outside ● 10 down"));
        const QStringList worst = page.worstLinks();
        QVERIFY(!worst.isEmpty());
        const QString downAgent = test::FleetFixture::agentName(5), congested = test::FleetFixture::agentName(1);
        // The agent down on every link is named once, first; then the links furthest from their best.
        QCOMPARE(worst.first(), downAgent + QStringLiteral(" · down on all 10 of its links"));
        QVERIFY(worst.filter(downAgent).size() == 1);
        QVERIFY2(!worst.filter(congested).isEmpty(), qPrintable(worst.join('\n'))); // its queue is outside its best
        // Relayed cells say what they measure.
        // Fixture agents 1 → 2 are relayed ((1 + 2) % 17 == 3); the map sorts agents by name.
        const QStringList &agents = page.heatmap()->agents();
        const int s = int(agents.indexOf(test::FleetFixture::agentName(1))), d = int(agents.indexOf(test::FleetFixture::agentName(2)));
        QVERIFY(page.heatmap()->cellToolTip(s, d).contains(QStringLiteral("relay")));
        const int first = int(agents.indexOf(test::FleetFixture::agentName(0))); // 0 → 1: direct
        QVERIFY(!page.heatmap()->cellToolTip(first, s).contains(QStringLiteral("relay")));
        QVERIFY(page.heatmap()->cellToolTip(3, 3).contains(QStringLiteral("itself")));
        // A click on a cell opens that pair, both directions.
        QSignalSpy clicked(page.heatmap(), &views::MeshHeatmap::pairClicked);
        const QRect cell = page.heatmap()->layoutNow().cellRect(0, 1);
        QTest::mouseClick(page.heatmap(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(clicked.count(), 1);
        const QString a0 = page.heatmap()->agents()[0], a1 = page.heatmap()->agents()[1];
        QCOMPARE(clicked.first().at(0).toString(), a0);
        QCOMPARE(clicked.first().at(1).toString(), a1);
        QVERIFY2(page.pairText().contains(a0 + QStringLiteral(" → ") + a1) && page.pairText().contains(a1 + QStringLiteral(" → ") + a0),
                 qPrintable(page.pairText()));
        // Both directions' paths, as the agents traced and shared them, drawn by the Path view.
        QVERIFY(page.showsPairTraces());
        if (const QString shots = qEnvironmentVariable("PATHLENS_SHOT_DIR"); !shots.isEmpty()) {
            QTest::qWait(50); // layouts settle as they do in the running app
            page.grab().save(shots + QStringLiteral("/mesh-pair.png")); // for a look by eye
        }
        // A link in the worst list opens that link; the agent-down line opens nothing.
        auto *list = page.findChild<QListWidget *>(QStringLiteral("meshWorst"));
        QVERIFY(list && list->count() >= 2);
        emit list->itemActivated(list->item(0)); // "vienna-01 · down on all 10 of its links"
        QVERIFY(page.pairText().contains(a0 + QStringLiteral(" → ") + a1));
        emit list->itemActivated(list->item(1));
        const QString linkText = list->item(1)->text().section(QStringLiteral(" · "), 0, 0); // "paris-01 → berlin-01"
        QVERIFY2(page.pairText().contains(linkText), qPrintable(page.pairText()));
        // A self cell opens nothing.
        QTest::mouseClick(page.heatmap(), Qt::LeftButton, {}, page.heatmap()->layoutNow().cellRect(2, 2).center());
        QCOMPARE(clicked.count(), 1);
    }

    // Issue 12: every rung of the connection ladder on one map, each saying what it is; a relayed
    // pair's drill-down draws the relay leg at each end; a pair with no way says what was tried.
    void ladderPathsAreLabelled()
    {
        const core::TimestampUs t0 = 1'800'000'000'000'000;
        struct Link {
            const char *src, *dst, *path, *address;
            double rtt;
        };
        const Link links[] = {{"home-e", "home-f", "lan", "192.168.9.1", 1.0},     {"home-f", "home-e", "lan", "192.168.9.2", 1.0},
                              {"office-a", "office-b", "punched", "10.80.2.1", 24}, {"office-b", "office-a", "punched", "10.80.1.1", 24},
                              {"office-a", "mobile-c", "relayed", "10.80.0.1", 22},  {"mobile-c", "office-a", "relayed", "10.80.0.1", 22},
                              {"home-e", "mobile-c", "none", "192.168.3.1", 0}};
        std::vector<core::Row> rows;
        qint64 traceId = 0;
        for (int cycle = 0; cycle < 3; ++cycle)
            for (const Link &l : links) {
                core::MeshResult m;
                m.utcUs = t0 + cycle * 120'000'000LL;
                m.src = l.src;
                m.dst = l.dst;
                m.path = l.path;
                m.dstAddress = l.address;
                m.sent = QLatin1String(l.path) == "none" ? 0 : 19;
                m.answered = m.sent;
                m.rttMs = l.rtt;
                m.pathNote = QLatin1String(l.path) == "none"
                                 ? QStringLiteral("direct 192.168.3.1:8620: no answer (1.50 s); punched 10.80.3.1:40928: no answer on any of the 64 "
                                                  "ports (5.00 s); relay: TURN server 10.80.0.1:3478 did not answer 3 requests")
                                 : QStringLiteral("%1 %2:8620: answered in %3 ms").arg(l.path, l.address).arg(l.rtt);
                rows.push_back(core::meshResultToRow(m));
                if (cycle == 2 && QLatin1String(l.path) == "relayed") { // each agent's leg to the relay
                    core::TraceResult tr;
                    tr.startedUtcUs = m.utcUs + 1'000'000;
                    tr.tracedBy = l.src;
                    tr.target = l.dst;
                    tr.targetAddr = l.address;
                    tr.proto = QStringLiteral("udp");
                    tr.reached = true;
                    for (int ttl = 1; ttl <= 3; ++ttl) {
                        core::TraceHop h;
                        h.ttl = ttl;
                        h.addr = ttl == 3 ? QString(l.address) : QStringLiteral("10.8%1.%2.1").arg(ttl).arg(QLatin1String(l.src) == "office-a" ? 1 : 3);
                        h.rttMs = {ttl * 3.0, ttl * 3.1, ttl * 3.2};
                        h.sent = 3;
                        tr.hops.push_back(h);
                    }
                    auto r = core::traceRows(tr, ++traceId);
                    rows.insert(rows.end(), r.begin(), r.end());
                }
            }
        core::CaptureAnalysis analysis(QStringLiteral("ladder.plcap"));
        analysis.ingest(rows);
        const core::SnapshotPtr snap = analysis.snapshot(1, 1, false);
        for (const QSize size : {QSize(1366, 768), QSize(2560, 1440)}) {
            views::MeshPage page;
            page.resize(size);
            page.show();
            page.showSnapshot(*snap);
            const QStringList &agents = page.heatmap()->agents();
            auto tip = [&](const char *a, const char *b) {
                return page.heatmap()->cellToolTip(int(agents.indexOf(QLatin1String(a))), int(agents.indexOf(QLatin1String(b))));
            };
            QVERIFY2(tip("home-e", "home-f").contains("same LAN"), qPrintable(tip("home-e", "home-f")));
            QVERIFY2(tip("office-a", "office-b").contains("hole-punched"), qPrintable(tip("office-a", "office-b")));
            QVERIFY2(tip("office-a", "mobile-c").contains("measure the path through the relay"), qPrintable(tip("office-a", "mobile-c")));
            QVERIFY2(tip("home-e", "mobile-c").contains("no way to reach it") && tip("home-e", "mobile-c").contains("did not answer 3 requests"),
                     qPrintable(tip("home-e", "mobile-c")));
            page.selectPair(QStringLiteral("office-a"), QStringLiteral("mobile-c"));
            QVERIFY(page.showsPairTraces()); // the leg to the relay from each end
            QVERIFY2(page.pairText().contains("way found: relayed 10.80.0.1"), qPrintable(page.pairText()));
            bool legNote = false;
            for (const QLabel *l : page.findChildren<QLabel *>())
                legNote = legNote || l->text().contains("relay leg at each end");
            QVERIFY(legNote);
            if (const QString shots = qEnvironmentVariable("PATHLENS_SHOT_DIR"); !shots.isEmpty()) {
                QTest::qWait(50);
                page.grab().save(shots + QStringLiteral("/mesh-ladder-%1x%2.png").arg(size.width()).arg(size.height()));
            }
        }
    }

    void fiftyAgentsPaint()
    {
        const core::SnapshotPtr snap = fixtureSnapshot(50, 10);
        QCOMPARE(snap->mesh.size(), size_t(50 * 49));
        views::MeshPage page;
        page.resize(1366, 700);
        page.show();
        page.showSnapshot(*snap);
        QCOMPARE(page.heatmap()->agents().size(), 50);
        QCOMPARE(page.worstLinks().size(), 12); // the dozen worst, listed beside the grid
        QVERIFY(page.heatmap()->layoutNow().cell >= views::HeatmapLayout::kMinCell);
        const QImage image = page.heatmap()->grab().toImage();
        QVERIFY(!image.isNull());
    }

    void fleetPageRanks()
    {
        const core::SnapshotPtr snap = fixtureSnapshot(12, 12);
        views::FleetPage page;
        page.showFleet(snap->fleet, true);
        QAbstractItemModelTester fastTester(page.fastest());
        QAbstractItemModelTester slowTester(page.slowest());
        QVERIFY(page.showsFleet());
        QCOMPARE(page.bandText(), snap->fleet.band);
        QVERIFY(page.bandText().startsWith(QStringLiteral("Fleet ")));
        QCOMPARE(page.fastest()->rowCount(), 10);
        QCOMPARE(page.slowest()->rowCount(), 10);
        // Fixture verdicts: device a has median RTT 12 + 53a mod 180 ms, retransmits (29a mod 35) / 10 %.
        QCOMPARE(page.fastest()->rowAt(0)->name, QString("berlin-01")); // 12 ms, 0 %: Excellent
        QCOMPARE(page.slowest()->rowAt(0)->name, QString("dublin-01")); // Poor, the slowest of the Poor
        QVERIFY(page.summaryText().contains(QStringLiteral("Not graded yet")) && page.summaryText().contains(QStringLiteral("madrid-01")));
        QVERIFY(core::gradeRank(page.slowest()->rowAt(0)->grade) >= core::gradeRank(page.fastest()->rowAt(0)->grade));
        QVERIFY(page.summaryText().contains(QStringLiteral("12 device(s)")));
        QVERIFY(page.summaryText().contains(QStringLiteral("11 online"))); // the last agent went offline
        // A later snapshot updates in place.
        page.showFleet(fixtureSnapshot(12, 12)->fleet, false);
        QCOMPARE(page.fastest()->rowCount(), 10);
    }

    void emptyCapturesShowTheirEmptyStates()
    {
        const core::CaptureSnapshot empty;
        views::MeshPage mesh;
        mesh.showSnapshot(empty);
        QVERIFY(!mesh.showsMesh());
        QCOMPARE(mesh.worstLinks(), QStringList());
        for (core::MeshMetric m : core::kAllMeshMetrics)
            mesh.setMetric(m); // no cells: nothing to crash on
        mesh.selectPair(QStringLiteral("nobody"), QStringLiteral("nowhere"));
        QVERIFY(mesh.pairText().contains(QStringLiteral("not measured")));
        views::FleetPage fleet;
        fleet.showFleet(empty.fleet, true);
        QVERIFY(!fleet.showsFleet());
        QCOMPARE(fleet.fastest()->rowCount(), 0);
    }

    void overviewCarriesTheBand()
    {
        views::MainWindow::Options o;
        o.interactive = false;
        views::MainWindow window(o);
        views::OverviewPage *overview = window.overview();
        QVERIFY(overview->fleetBandText().isEmpty());
        core::CaptureSnapshot empty;
        overview->showSnapshot(empty);
        QVERIFY(overview->fleetBandText().isEmpty());
        overview->showSnapshot(*fixtureSnapshot(6, 12));
        QVERIFY2(overview->fleetBandText().contains(QStringLiteral("Fleet ")), qPrintable(overview->fleetBandText()));
    }
};

QTEST_MAIN(TstMeshFleetPages)
#include "tst_mesh_fleet_pages.moc"
