// SPDX-License-Identifier: GPL-3.0-or-later
// Latency page from a capture (tiers, ICMP-proxy and TCP-accelerator banners, bars and the PEP chip) and the chart
// over 24 h at 5/s:
// window maths, live follow, and how long painting and zooming take (printed, never asserted).
#include "core/store/capture_store.h"
#include "core/interchange/csv_interchange.h"
#include "core/series/latency_series.h"
#include "views/active/latency_chart.h"
#include "views/active/latency_page.h"
#include "views/shell/main_window.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens;

class TestLatencyPage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsTiersBannerAndBarsFromTheCapture()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("p.plcap");
        {
            auto store = core::CaptureStore::open(file, core::CaptureStore::Mode::ReadWrite);
            QVERIFY(store && core::importCsvFile(PATHLENS_TEST_DATA_DIR "/probes.csv", **store));
        }
        views::MainWindow::Options o;
        o.interactive = false;
        views::MainWindow w(o);
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        w.openCapture(file);
        QVERIFY(shown.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(w.latency()->chart()->window().span() > 0, 5000);
        QVERIFY(w.latency()->tierText().contains("fair"));    // latency rated from HTTP
        QVERIFY(w.latency()->tierText().contains("broken"));  // 20 % ICMP loss
        QVERIFY(w.latency()->proxyBannerShown());
        // People read kind names, never identifiers (http_head, icmp, udp_dns).
        QCOMPARE(w.latency()->barCategories(), (QStringList{"HTTP request", "ICMP echo", "DNS query (UDP)"}));
        const auto win = w.latency()->chart()->window();
        QVERIFY(win.from <= 1795341600000000 + 1000 && win.to >= 1795341600000000 + 30'000'000); // whole capture
    }

    void pepBannerAndChip()
    {
        // pep.csv: a GEO path (ICMP 600 ms) whose TCP connects an accelerator answers in ~1.3 ms, while QUIC
        // handshakes to the same host take one real round trip (~605 ms): 12 QUIC and 30 TCP samples.
        QTemporaryDir dir;
        const QString file = dir.filePath("pep.plcap");
        {
            auto store = core::CaptureStore::open(file, core::CaptureStore::Mode::ReadWrite);
            QVERIFY(store && core::importCsvFile(PATHLENS_TEST_DATA_DIR "/pep.csv", **store));
        }
        views::MainWindow::Options o;
        o.interactive = false;
        views::MainWindow w(o);
        w.resize(1366, 768);
        w.show();
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        w.openCapture(file);
        QVERIFY(shown.wait(5000));
        QTRY_VERIFY_WITH_TIMEOUT(w.latency()->pepBannerShown(), 5000);
        QVERIFY(!w.latency()->proxyBannerShown());
        QVERIFY(w.latency()->barCategories().contains("QUIC handshake"));
        QVERIFY(w.latency()->barCategories().contains("TCP connect"));
        QVERIFY(!w.latency()->pepChipShown()); // the bars (and their chip) are built when the page is seen
        w.showPage(views::Page::Latency);
        QTRY_VERIFY_WITH_TIMEOUT(w.latency()->pepChipShown(), 2000);
        const QString text = w.latency()->dumpBanners().value("pep").toString();
        QVERIFY2(text.contains("203.0.113.7") && text.contains("TCP connect"), qPrintable(text));
        QVERIFY(w.latency()->tierText().contains("good")); // 600 ms rated on the GEO scale (≤ 700 ms: good)
    }

    void windowMaths()
    {
        const views::TimeWindow w{1000, 11000};
        const auto z = w.zoomed(0.5, 3000); // anchor stays where it was on screen
        QCOMPARE(z.span(), qint64(views::LatencyChart::kMinSpanUs)); // 5000 clamps to the 2 s minimum
        const views::TimeWindow big{0, 100'000'000};
        const auto z2 = big.zoomed(0.5, 20'000'000);
        QCOMPARE(z2.span(), qint64(50'000'000));
        QCOMPARE(z2.from, qint64(10'000'000)); // 20 % of the span before the anchor, as before
        QCOMPARE(big.panned(5).from, qint64(5));
        const auto c = views::TimeWindow{-50, 50}.clamped(0, 1000);
        QCOMPARE(c.from, qint64(0));
        QCOMPARE(c.to, qint64(100));
        QCOMPARE(views::LatencyChart::timeStep(24LL * 3600 * 1000000, 1200), qint64(10'800'000'000)); // 3 h: labels ~110 px apart
        QCOMPARE(views::LatencyChart::timeStep(60'000'000, 1200), qint64(10'000'000));
    }

    void twentyFourHoursAtFivePerSecond()
    {
        auto data = std::make_shared<core::LatencyData>();
        QElapsedTimer build;
        build.start();
        const core::TimestampUs t0 = 1795341600000000;
        for (const char *target : {"192.0.2.1", "198.51.100.1", "203.0.113.9"}) {
            for (qint64 i = 0; i < 432'000; ++i) { // 24 h at 5/s
                core::ProbeSample s;
                s.utcUs = t0 + i * 200'000;
                s.probe = "icmp";
                s.target = target;
                s.seq = i;
                if (i % 1000 != 7)
                    s.rttMs = 10 + (i % 97) * 0.1 + (i == 300'001 ? 800 : 0);
                data->add(s);
            }
        }
        const qint64 buildMs = build.elapsed();
        views::LatencyChart chart;
        chart.resize(1366, 400);
        chart.setData(data);
        QElapsedTimer t;
        t.start();
        const QImage full = chart.grab().toImage();
        const qint64 paintAllMs = t.elapsed();
        t.restart();
        for (int i = 0; i < 8; ++i) {
            chart.zoom(0.5);
            (void)chart.grab();
        }
        const qint64 zoomMs = t.elapsed() / 8;
        qInfo("24 h × 3 series at 5/s (1.3 M samples): series built in %lld ms, whole-capture paint %lld ms, "
              "zoom step paint %lld ms", buildMs, paintAllMs, zoomMs);
        QVERIFY(!full.isNull());
        QVERIFY(chart.window().span() < 86'400'000'000LL / 200);
        chart.setLive(true);
        QCOMPARE(chart.window().to, data->lastTime());
        QCOMPARE(chart.window().span(), views::LatencyChart::kLiveSpanUs);
        // A young capture: live shows everything there is.
        auto young = std::make_shared<core::LatencyData>();
        for (qint64 i = 0; i < 50; ++i)
            young->add({t0 + i * 200'000, "icmp", "192.0.2.1", i, 10.0, std::nullopt, {}});
        chart.setData(young);
        chart.setLive(true);
        QCOMPARE(chart.window().from, t0);
        QCOMPARE(chart.window().to, young->lastTime());
    }
};

QTEST_MAIN(TestLatencyPage)
#include "tst_latency_page.moc"
