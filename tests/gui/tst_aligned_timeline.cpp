// SPDX-License-Identifier: GPL-3.0-or-later
// The aligned timeline: a hand-built snapshot (a latency rise with an RSSI fall and a roam) checks
// the rows, that every row shares one axis through zoom, pan and Home, the crosshair's readouts,
// the callouts' spans and list, the rows' empty texts, the page in the main window and its dump.
#include "gui_checks.h"
#include "core/passive/tcp_rollups.h"
#include "core/wifi/wifi_picture.h"
#include "views/shell/empty_state_page.h"
#include "views/shell/main_window.h"
#include "views/shell/views_dump.h"
#include "views/timeline/aligned_timeline_chart.h"
#include "views/timeline/aligned_timeline_data.h"
#include "views/timeline/aligned_timeline_layout.h"
#include "views/timeline/aligned_timeline_page.h"
#include "views/timeline/aligned_timeline_readout.h"
#include "views/timeline/aligned_timeline_rows.h"
#include "views/timeline/aligned_timeline_shapes.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QListWidget>
#include <QMenuBar>
#include <QTest>

using namespace pathlens;
using core::TimestampUs;

namespace {
constexpr TimestampUs kSec = 1'000'000;
const TimestampUs kStart = *core::parseUtc(u"2026-12-06T13:50:00Z");
const TimestampUs kRiseStart = kStart + 12 * 60 * kSec; // 14:02
const TimestampUs kRiseEnd = kStart + 16 * 60 * kSec;   // 14:06
const TimestampUs kRoam = kStart + 13 * 60 * kSec;      // 14:03
const TimestampUs kEnd = kStart + 30 * 60 * kSec;       // 14:20

bool rising(TimestampUs t) { return t >= kRiseStart && t < kRiseEnd; }

core::TcpSession session(qint64 id, const QString &app, TimestampUs first, TimestampUs last, double rttMs, quint32 retrans)
{
    core::TcpSession s;
    s.id = id;
    s.app = app;
    s.firstUtcUs = first;
    s.lastUtcUs = last;
    s.firstMonoUs = 0;
    s.lastMonoUs = last - first;
    s.medianRttMs = rttMs;
    s.readings = 10;
    s.segsOut = 1000;
    s.retransSegs = retrans;
    return s;
}

core::WifiSample reading(TimestampUs t)
{
    core::WifiSample w;
    w.utcUs = t;
    w.iface = QStringLiteral("wlan0");
    w.connected = true;
    w.ssid = QStringLiteral("home");
    w.bssid = t < kRoam ? QStringLiteral("aa:aa:aa:aa:aa:01") : QStringLiteral("aa:aa:aa:aa:aa:02");
    w.rssiDbm = rising(t) ? -78 : -55;
    w.noiseDbm = -95;
    w.tx.mbps = rising(t) ? 130.0 : 866.7;
    w.rx.mbps = rising(t) ? 117.0 : 780.0;
    w.tx.mode = w.rx.mode = core::WifiPhyMode::Vht;
    return w;
}

// Gateway probes every 5 s at 3 ms (9 ms during the rise), internet at 30 ms (180 ms); Wi-Fi every
// 10 s; sessions of two apps; a loss burst, a route change, a roam; one callout over the rise.
std::shared_ptr<core::CaptureSnapshot> richSnapshot(bool withWifi = true)
{
    auto s = std::make_shared<core::CaptureSnapshot>();
    s->sourceId = 7;
    s->sequence = 1;
    auto latency = std::make_shared<core::LatencyData>();
    core::LatencySeries gw{QStringLiteral("icmp"), QStringLiteral("192.168.1.1"), true, {}};
    core::LatencySeries net{QStringLiteral("icmp"), QStringLiteral("198.51.100.7"), false, {}};
    for (TimestampUs t = kStart; t <= kEnd; t += 5 * kSec) {
        gw.pyramid.append(t, rising(t) ? 9.f : 3.f);
        net.pyramid.append(t, rising(t) ? 180.f : 30.f);
    }
    latency->series = {gw, net};
    latency->bursts.push_back({kRiseStart + 90 * kSec, kRiseStart + 110 * kSec, QStringLiteral("icmp 198.51.100.7"), 4});
    s->latency = latency;
    s->routeChanges.push_back({kStart + 20 * 60 * kSec, QStringLiteral("hop 4 changed from 203.0.113.1 to 203.0.113.9")});
    if (withWifi) {
        std::vector<core::WifiSample> samples;
        for (TimestampUs t = kStart; t <= kEnd; t += 10 * kSec)
            samples.push_back(reading(t));
        s->wifi = std::make_shared<const core::WifiPicture>(core::buildWifiPicture(samples));
    }
    std::vector<core::TcpSession> sessions = {
        session(1, QStringLiteral("zoom"), kRiseStart + 30 * kSec, kRiseEnd - 30 * kSec, 400, 60), // Poor
        session(2, QStringLiteral("zoom"), kStart + 1 * 60 * kSec, kStart + 4 * 60 * kSec, 12, 0),
        session(3, QStringLiteral("zoom"), kStart + 22 * 60 * kSec, kStart + 24 * 60 * kSec, 12, 0),
        session(4, QStringLiteral("browser"), kStart + 1 * 60 * kSec, kStart + 25 * 60 * kSec, 10, 0),
        session(5, QStringLiteral("browser"), kStart + 2 * 60 * kSec, kStart + 3 * 60 * kSec, 10, 0),
        session(6, QStringLiteral("browser"), kStart + 5 * 60 * kSec, kStart + 6 * 60 * kSec, 10, 0)};
    s->passive = core::buildTcpPicture(sessions, kEnd, s->policy);
    core::TimelineCallout c;
    c.startUtcUs = kRiseStart;
    c.endUtcUs = kRiseEnd;
    c.cause = core::CalloutCause::LocalRadio;
    c.text = QStringLiteral("Latency rose at 14:02 with RSSI −78 dBm and a roam: local radio");
    c.evidence = QStringLiteral("internet 30 → 180 ms, gateway 3 → 9 ms");
    s->callouts.push_back(c);
    return s;
}

views::AlignedTimelineInput inputFor(const views::AlignedTimelineData &d, QSizeF size)
{
    return views::alignedTimelineInput(d, d.from, d.to, size);
}
} // namespace

class TstAlignedTimeline : public QObject {
    Q_OBJECT
private slots:
    void dataReadsEveryRowFromTheSnapshot()
    {
        const views::AlignedTimelineData d = views::alignedTimelineData(*richSnapshot());
        QCOMPARE(d.from, kStart);
        QCOMPARE(d.to, kEnd);
        QVERIFY(d.gateway() && d.internet());
        QCOMPARE(d.gateway()->target, QStringLiteral("192.168.1.1"));
        QCOMPARE(d.internet()->target, QStringLiteral("198.51.100.7"));
        QCOMPARE(d.lanes.size(), size_t(3)); // the device, then zoom (Poor) before browser
        QCOMPARE(d.lanes[1].name, QStringLiteral("zoom"));
        QCOMPARE(d.lanes[2].name, QStringLiteral("browser"));
        // 14:02–14:06 touches the 14:00 and 14:05 buckets: zoom is Poor there, so is the device.
        const auto bucketAt = [](const views::TimelineGradeLane &lane, TimestampUs t) {
            for (const core::TimelineBucket &b : lane.buckets)
                if (t >= b.startUtcUs && t < b.startUtcUs + core::kTimelineBucketUs)
                    return b;
            return core::TimelineBucket{};
        };
        QCOMPARE(bucketAt(d.lanes[1], kRiseStart + 60 * kSec).grade, core::Grade::Poor);
        QCOMPARE(bucketAt(d.lanes[0], kRiseStart + 60 * kSec).grade, core::Grade::Poor);
        QCOMPARE(bucketAt(d.lanes[0], kRiseStart + 60 * kSec).worstApp, QStringLiteral("zoom"));
        QCOMPARE(bucketAt(d.lanes[2], kRiseStart + 60 * kSec).grade, core::Grade::Excellent);
        QCOMPARE(bucketAt(d.lanes[1], kStart + 8 * 60 * kSec).grade, core::Grade::Ungraded); // zoom idle at 13:58
        // Events by time: the loss burst, the roam, the route change.
        QCOMPARE(d.events.size(), size_t(3));
        QCOMPARE(d.events[0].kind, views::TimelineEventKind::Wifi);
        QCOMPARE(d.events[0].utcUs, kRoam);
        QCOMPARE(d.events[0].label, QStringLiteral("roam"));
        QCOMPARE(d.events[1].kind, views::TimelineEventKind::LossBurst);
        QCOMPARE(d.events[1].label, QStringLiteral("loss ×4"));
        // The series by the name the Latency page gives it, not the stored "icmp 198.51.100.7".
        QVERIFY2(d.events[1].text.startsWith(QStringLiteral("4 probes lost in a row to ICMP echo → 198.51.100.7, ")),
                 qPrintable(d.events[1].text));
        QCOMPARE(d.events[2].kind, views::TimelineEventKind::RouteChange);
        QVERIFY(d.events[2].text.contains(QStringLiteral("203.0.113.9")));
        QCOMPARE(d.callouts.size(), size_t(1));
    }

    void everyRowIsPresentAndSharesThePlotColumn()
    {
        const views::AlignedTimelineData d = views::alignedTimelineData(*richSnapshot());
        const views::AlignedTimelineInput in = inputFor(d, QSizeF(1000, 600));
        const views::AlignedTimelineLayout l = views::layoutAlignedTimeline(in);
        const views::TimelineRow order[] = {views::TimelineRow::Grades,     views::TimelineRow::GatewayRtt,
                                            views::TimelineRow::InternetRtt, views::TimelineRow::WifiSignal,
                                            views::TimelineRow::WifiRate,   views::TimelineRow::Events};
        QCOMPARE(l.rows.size(), std::size(order));
        double previousBottom = -1;
        for (size_t i = 0; i < l.rows.size(); ++i) {
            const views::TimelineRowGeometry &g = l.rows[i];
            QCOMPARE(g.row, order[i]);
            QVERIFY2(in.rows[i].hasData, qPrintable(g.title));
            QVERIFY(g.emptyRect.isEmpty());
            QCOMPARE(g.plot.left(), l.plotLeft);
            QCOMPARE(g.plot.right(), l.plotRight);
            QVERIFY(g.plot.top() > previousBottom); // stacked, never overlapping
            previousBottom = g.plot.bottom();
            QCOMPARE(l.timeAt(g.plot.left()), d.from);
            QCOMPARE(l.timeAt(g.plot.right()), d.to);
            for (size_t k = 0; k < g.yTicks.size(); ++k)
                for (size_t j = 0; j < k; ++j)
                    QVERIFY(!g.yTicks[k].labelRect.intersects(g.yTicks[j].labelRect));
            for (const views::TimelineValueTick &t : g.yTicks) // labels stay in their row: never on the next one's
                QVERIFY(t.labelRect.isEmpty() || (t.labelRect.top() >= g.plot.top() && t.labelRect.bottom() <= g.plot.bottom()));
            if (!g.yTicks.empty()) // the range's ends are always labelled
                QVERIFY(!g.yTicks.front().label.isEmpty() && !g.yTicks.back().label.isEmpty());
            if (!g.titleRect.isEmpty())
                for (const views::TimelineValueTick &t : g.yTicks)
                    QVERIFY2(!t.labelRect.intersects(g.titleRect), qPrintable(g.title + " / " + t.label));
        }
        QVERIFY(l.bottom + 2 * 16 <= 600); // the time labels and caption fit
        QCOMPARE(l.row(views::TimelineRow::Grades)->lanes.size(), size_t(3));
        // Value ranges hold the data: internet peaks at 180 ms, the signal spans −78 … −55 dBm.
        QVERIFY(in.rows[2].yMax >= 180 && in.rows[2].yMax < 250);
        QVERIFY(in.rows[1].yMax >= 9 && in.rows[1].yMax < 15);
        QVERIFY(in.rows[3].yMin <= -78 && in.rows[3].yMax >= -55);
        for (size_t k = 1; k < l.xTicks.size(); ++k)
            QVERIFY(l.xTicks[k].labelRect.left() > l.xTicks[k - 1].labelRect.right());
        QVERIFY(!l.xTicks.empty());
    }

    void shapesSitAtTheSharedX()
    {
        const views::AlignedTimelineData d = views::alignedTimelineData(*richSnapshot());
        views::AlignedTimelineInput in = views::alignedTimelineInput(d, kRiseStart - 60 * kSec, kRiseEnd + 60 * kSec, QSizeF(1200, 700));
        const views::AlignedTimelineLayout l = views::layoutAlignedTimeline(in);
        const views::AlignedTimelineShapes s = views::alignedTimelineShapes(d, l);
        // The signal line's points are the readings in view, at the axis' x and the row's y.
        const views::TimelineRowGeometry *signal = l.row(views::TimelineRow::WifiSignal);
        QCOMPARE(s.signal.size(), size_t(1));
        const QPolygonF &line = s.signal.front();
        QCOMPARE(line.size(), qsizetype(6 * 6 + 1 + 2)); // 14:01 … 14:07 every 10 s, and one either side
        QVERIFY(qAbs(line[1].x() - l.xOf(kRiseStart - 60 * kSec)) < 1e-6);
        QVERIFY(qAbs(line[1].y() - signal->yOf(-55)) < 1e-6);
        // The internet band reaches 180 ms inside the rise and only 30 ms before it.
        const views::TimelineRowGeometry *net = l.row(views::TimelineRow::InternetRtt);
        QCOMPARE(s.internet.bands.size(), size_t(1));
        double topInside = 1e9, topBefore = 1e9;
        for (const QPointF &p : s.internet.bands.front()) {
            if (p.x() > l.xOf(kRiseStart) + 2 && p.x() < l.xOf(kRiseEnd) - 2)
                topInside = std::min(topInside, p.y());
            if (p.x() < l.xOf(kRiseStart) - 2)
                topBefore = std::min(topBefore, p.y());
        }
        QVERIFY(qAbs(topInside - net->yOf(180)) < 1e-6);
        QVERIFY(qAbs(topBefore - net->yOf(30)) < 1e-6);
        // Grade cells begin at their bucket's x (clipped to the plot).
        for (const views::TimelineGradeCell &c : s.cells) {
            const TimestampUs b = d.lanes[c.lane].buckets[c.bucket].startUtcUs;
            QVERIFY(qAbs(c.rect.left() - std::max(l.plotLeft, l.xOf(b))) < 1e-6);
        }
        QVERIFY(!s.cells.empty());
    }

    void zoomPanAndHomeMoveEveryRowTogether()
    {
        views::AlignedTimelineChart chart;
        chart.resize(1100, 640);
        chart.setData(views::alignedTimelineData(*richSnapshot()));
        QVERIFY(chart.viewport().showsAll());
        views::AlignedTimelineLayout l = chart.currentLayout();
        const double x = l.xOf(kRoam);
        chart.zoomAt(x, 0.25);
        QCOMPARE(chart.viewport().span(), (kEnd - kStart) / 4);
        l = chart.currentLayout();
        QVERIFY(qAbs(l.timeAt(x) - kRoam) < 2 * kSec); // the moment under the pointer stays there
        for (const views::TimelineRowGeometry &g : l.rows) {
            QCOMPARE(l.timeAt(g.plot.left()), chart.viewport().from());
            QCOMPARE(l.timeAt(g.plot.right()), chart.viewport().to());
        }
        // Every row's content follows: the roam's marker and a reading's point at the same x.
        const views::AlignedTimelineShapes s = views::alignedTimelineShapes(chart.data(), l);
        QCOMPARE(l.markers.front().x, l.xOf(kRoam));
        bool found = false;
        for (const QPointF &p : s.signal.front())
            found = found || qAbs(p.x() - l.xOf(kRoam)) < 1e-6;
        QVERIFY(found);

        // Drag 100 px to the right: earlier times by 100 px' worth.
        const TimestampUs before = chart.viewport().from();
        const double usPerPx = double(chart.viewport().span()) / (l.plotRight - l.plotLeft);
        const QPoint p0(int(l.plotLeft + 300), int(l.top + 40));
        QTest::mousePress(&chart, Qt::LeftButton, {}, p0);
        QMouseEvent move(QEvent::MouseMove, QPointF(p0 + QPoint(100, 0)), chart.mapToGlobal(QPointF(p0 + QPoint(100, 0))),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&chart, &move);
        QTest::mouseRelease(&chart, Qt::LeftButton, {}, p0 + QPoint(100, 0));
        QVERIFY(qAbs(double(before - chart.viewport().from()) - 100 * usPerPx) < 2 * usPerPx);

        // Keys: → pans later by a fifth, − doubles the span, + halves it, Home shows it all.
        const TimestampUs from = chart.viewport().from(), span = chart.viewport().span();
        QTest::keyClick(&chart, Qt::Key_Right);
        QCOMPARE(chart.viewport().from(), from + span / 5);
        QTest::keyClick(&chart, Qt::Key_Minus);
        QCOMPARE(chart.viewport().span(), span * 2);
        QTest::keyClick(&chart, Qt::Key_Plus);
        QCOMPARE(chart.viewport().span(), span);
        for (int i = 0; i < 50; ++i)
            QTest::keyClick(&chart, Qt::Key_Right);
        QCOMPARE(chart.viewport().to(), kEnd); // a pan stops at the capture's end
        QTest::keyClick(&chart, Qt::Key_Home);
        QVERIFY(chart.viewport().showsAll());
        QCOMPARE(chart.viewport().from(), kStart);
        // The wheel zooms in about the pointer.
        l = chart.currentLayout();
        QWheelEvent wheel(QPointF(l.xOf(kRoam), l.top + 20), chart.mapToGlobal(QPointF(l.xOf(kRoam), l.top + 20)), {}, {0, 120},
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&chart, &wheel);
        QVERIFY(chart.viewport().span() < kEnd - kStart);
        QVERIFY(qAbs(chart.currentLayout().timeAt(l.xOf(kRoam)) - kRoam) < 2 * kSec);
    }

    void crosshairReadsEveryRow()
    {
        const views::AlignedTimelineData d = views::alignedTimelineData(*richSnapshot());
        const views::AlignedTimelineLayout l = views::layoutAlignedTimeline(inputFor(d, QSizeF(1200, 700)));
        // Inside the rise at the roam: 9 ms, 180 ms, −78 dBm, the slow rates, zoom Poor, the callout.
        const views::TimelineReadout r = views::timelineReadoutAt(d, l, l.xOf(kRoam));
        QVERIFY(qAbs(r.utcUs - kRoam) <= (kEnd - kStart) / 1000);
        QCOMPARE(r.gateway, QStringLiteral("9.0 ms"));
        QCOMPARE(r.internet, QStringLiteral("180 ms"));
        QCOMPARE(r.signal, QStringLiteral("−78 dBm"));
        QCOMPARE(r.rate, QStringLiteral("TX 130 Mbit/s · RX 117 Mbit/s"));
        QCOMPARE(r.lanes.size(), 3);
        QVERIFY2(r.lanes[1].startsWith(QStringLiteral("zoom: Poor")), qPrintable(r.lanes[1]));
        QCOMPARE(r.events, QStringList{QStringLiteral("roam")});
        QCOMPARE(r.callouts, QStringList{d.callouts.front().text});
        QVERIFY(r.text().contains(QStringLiteral("Internet RTT: 180 ms")));
        // Before the rise: the quiet values, no event, no callout.
        const views::TimelineReadout q = views::timelineReadoutAt(d, l, l.xOf(kStart + 5 * 60 * kSec));
        QCOMPARE(q.gateway, QStringLiteral("3.0 ms"));
        QCOMPARE(q.internet, QStringLiteral("30 ms"));
        QCOMPARE(q.signal, QStringLiteral("−55 dBm"));
        QVERIFY(q.events.isEmpty());
        QVERIFY(q.callouts.isEmpty());
        QVERIFY(q.lanes[1].endsWith(QStringLiteral("idle")));
    }

    void calloutSpansAndListZoomToThem()
    {
        views::AlignedTimelinePage page;
        page.resize(1300, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto snapshot = richSnapshot();
        core::TimelineCallout second;
        second.startUtcUs = kStart + 25 * 60 * kSec;
        second.endUtcUs = kStart + 26 * 60 * kSec;
        second.cause = core::CalloutCause::Upstream;
        second.text = QStringLiteral("Gateway clean, internet slow at 14:15: upstream");
        snapshot->callouts.push_back(second);
        page.showSnapshot(*snapshot);
        views::AlignedTimelineChart *chart = page.chart();
        const views::AlignedTimelineLayout l = chart->currentLayout();
        QCOMPARE(l.callouts.size(), size_t(2));
        QCOMPARE(l.callouts[0].x0, l.xOf(kRiseStart));
        QCOMPARE(l.callouts[0].x1, l.xOf(kRiseEnd));
        QCOMPARE(l.callouts[1].x0, l.xOf(second.startUtcUs));
        QCOMPARE(page.calloutList()->count(), 2);
        QVERIFY(page.calloutList()->item(1)->text().contains(second.text));
        // Clicking the second zooms to it, with as much again either side; every row follows.
        QListWidget *list = page.calloutList();
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(1)).center());
        QCOMPARE(chart->viewport().from(), second.startUtcUs - 60 * kSec);
        QCOMPARE(chart->viewport().to(), second.endUtcUs + 60 * kSec);
        const views::AlignedTimelineLayout z = chart->currentLayout();
        QCOMPARE(z.callouts.size(), size_t(1)); // the first is out of view now
        QCOMPARE(z.callouts[0].callout, size_t(1));
        QVERIFY(qAbs(z.callouts[0].x0 - (z.plotLeft + (z.plotRight - z.plotLeft) / 3)) < 1.0);
        QVERIFY(nothingClipped(page));
        // A live update with the same callouts keeps the selection and the zoom.
        QCOMPARE(list->currentRow(), 1);
        page.showSnapshot(*snapshot);
        QCOMPARE(list->currentRow(), 1);
        QCOMPARE(chart->viewport().from(), second.startUtcUs - 60 * kSec);
        // Another capture starts on its whole span, not on the last one's zoom.
        snapshot->sourceId += 1;
        page.showSnapshot(*snapshot);
        QVERIFY(chart->viewport().showsAll());
    }

    void rowsWithoutDataSaySoInPlace()
    {
        const views::AlignedTimelineData d = views::alignedTimelineData(*richSnapshot(false));
        const views::AlignedTimelineInput in = inputFor(d, QSizeF(1000, 600));
        const views::AlignedTimelineLayout l = views::layoutAlignedTimeline(in);
        QCOMPARE(l.rows.size(), size_t(6)); // the Wi-Fi rows stay, saying why they are empty
        for (views::TimelineRow r : {views::TimelineRow::WifiSignal, views::TimelineRow::WifiRate}) {
            const views::TimelineRowGeometry *g = l.row(r);
            QCOMPARE(g->emptyText, QStringLiteral("no Wi-Fi readings"));
            QVERIFY(!g->emptyRect.isEmpty());
            QVERIFY(g->plot.contains(g->emptyRect));
            QVERIFY(g->yTicks.empty());
        }
        QVERIFY(l.row(views::TimelineRow::InternetRtt)->emptyRect.isEmpty());
        // A snapshot of nothing but Wi-Fi: no grades, no probes, each said in its row.
        auto wifiOnly = std::make_shared<core::CaptureSnapshot>();
        std::vector<core::WifiSample> samples;
        for (TimestampUs t = kStart; t <= kStart + 5 * 60 * kSec; t += 10 * kSec)
            samples.push_back(reading(t));
        wifiOnly->wifi = std::make_shared<const core::WifiPicture>(core::buildWifiPicture(samples));
        const views::AlignedTimelineData w = views::alignedTimelineData(*wifiOnly);
        const views::AlignedTimelineLayout lw = views::layoutAlignedTimeline(inputFor(w, QSizeF(1000, 600)));
        QCOMPARE(lw.row(views::TimelineRow::Grades)->emptyText, QStringLiteral("no graded app sessions"));
        QVERIFY(!lw.row(views::TimelineRow::Grades)->emptyRect.isEmpty());
        QCOMPARE(lw.row(views::TimelineRow::GatewayRtt)->emptyText, QStringLiteral("no gateway probes"));
        QCOMPARE(lw.row(views::TimelineRow::Events)->emptyText, views::noEventsText());
        QVERIFY(lw.row(views::TimelineRow::WifiSignal)->emptyRect.isEmpty());
        // A snapshot of nothing: the page's empty state.
        views::AlignedTimelinePage page;
        page.showSnapshot(core::CaptureSnapshot{});
        QVERIFY(page.emptyState()->isVisibleTo(&page));
        QVERIFY(!page.chart()->isVisibleTo(&page));
    }

    void mainWindowHasThePageItsShortcutAndDump()
    {
        views::MainWindow::Options o;
        o.interactive = false;
        views::MainWindow w(o);
        QCOMPARE(views::pageInfo(views::Page::Timeline).id, QStringLiteral("timeline"));
        QCOMPARE(views::pageShortcut(views::Page::Timeline), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
        QList<QKeySequence> shortcuts;
        for (QAction *a : w.findChildren<QAction *>())
            if (!a->shortcut().isEmpty())
                shortcuts << a->shortcut();
        QCOMPARE(shortcuts.count(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T)), 1); // no other action has it
        QAction *entry = nullptr;
        for (QAction *a : w.menuBar()->actions())
            if (a->text().remove('&') == QLatin1String("View"))
                for (QAction *v : a->menu()->actions())
                    if (v->text() == views::pageInfo(views::Page::Timeline).title)
                        entry = v;
        QVERIFY(entry);
        entry->trigger();
        QCOMPARE(w.currentPage(), views::Page::Timeline);
        QCOMPARE(w.pageWidget(views::Page::Timeline), static_cast<QWidget *>(w.timeline()));

        const QJsonObject empty = views::dumpViews(w)[QStringLiteral("aligned_timeline")].toObject();
        QCOMPARE(empty[QStringLiteral("callouts")].toArray().size(), 0);
        QCOMPARE(empty[QStringLiteral("wifi_readings")].toInt(), 0);

        w.timeline()->showSnapshot(*richSnapshot());
        const QJsonObject dump = views::dumpViews(w)[QStringLiteral("aligned_timeline")].toObject();
        QCOMPARE(dump[QStringLiteral("from")].toString(), core::formatUtcMs(kStart));
        QCOMPARE(dump[QStringLiteral("to")].toString(), core::formatUtcMs(kEnd));
        QCOMPARE(dump[QStringLiteral("lanes")].toArray().size(), 3);
        QCOMPARE(dump[QStringLiteral("lanes")].toArray()[1].toObject()[QStringLiteral("name")].toString(), QStringLiteral("zoom"));
        QCOMPARE(dump[QStringLiteral("wifi_readings")].toInt(), 181);
        QCOMPARE(dump[QStringLiteral("rows")].toArray().size(), 6);
        QCOMPARE(dump[QStringLiteral("events")].toArray().size(), 3);
        QCOMPARE(dump[QStringLiteral("events")].toArray()[0].toObject()[QStringLiteral("kind")].toString(), QStringLiteral("wifi"));
        const QJsonObject c = dump[QStringLiteral("callouts")].toArray()[0].toObject();
        QCOMPARE(c[QStringLiteral("cause")].toString(), QStringLiteral("Local radio"));
        QCOMPARE(c[QStringLiteral("start")].toString(), core::formatUtcMs(kRiseStart));
        QVERIFY(dump[QStringLiteral("gateway")].toString().contains(QStringLiteral("192.168.1.1")));
    }

    void screenshots()
    {
        // PNGs to look at by eye when PATHLENS_GUI_SHOTS names a folder; otherwise only the checks.
        const QString dir = qEnvironmentVariable("PATHLENS_GUI_SHOTS");
        for (QSize size : {QSize(1366, 768), QSize(2560, 1440)}) {
            views::MainWindow::Options o;
            o.interactive = false;
            views::MainWindow w(o);
            w.resize(size - QSize(0, 60));
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.showPage(views::Page::Timeline);
            w.timeline()->showSnapshot(*richSnapshot());
            QApplication::processEvents();
            views::AlignedTimelineChart *chart = w.timeline()->chart();
            const views::AlignedTimelineLayout l = chart->currentLayout();
            chart->setCrosshair(l.xOf(kRoam + 20 * kSec));
            QVERIFY(l.bottom < chart->height());
            QVERIFY(nothingClipped(w));
            if (!dir.isEmpty())
                QVERIFY(w.grab().save(QDir(dir).filePath(QStringLiteral("timeline-%1x%2.png").arg(size.width()).arg(size.height()))));
        }
    }
};

QTEST_MAIN(TstAlignedTimeline)
#include "tst_aligned_timeline.moc"
