// SPDX-License-Identifier: GPL-3.0-or-later
// The report's probe sections from a capture: statistics per series, the 10-probe outage as one
// burst, ICMP answered by a proxy (ratings then use HTTP), tiers.
#include "core/report/capture_summary.h"
#include "core/interchange/csv_interchange.h"
#include "core/active/probe_report.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens::core;

class TestProbeReport : public QObject {
    Q_OBJECT
private slots:
    void proxiedIcmpAndBurst()
    {
        QTemporaryDir dir;
        auto store = CaptureStore::open(dir.filePath("p.plcap"), CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        auto imported = importCsvFile(PATHLENS_TEST_DATA_DIR "/probes.csv", **store);
        QVERIFY(imported && imported->rowsSkipped == 0);
        auto snapshot = analyseCapture(**store, {});
        QVERIFY(snapshot);
        const ProbeReport *report = &(*snapshot)->probes;
        QCOMPARE(report->series.size(), size_t(4));
        QVERIFY(report->icmpProxied);
        QCOMPARE(*report->latency, Tier::Fair);   // HTTP p50 153.5 ms, not ICMP's 1.5 ms
        QCOMPARE(*report->loss, Tier::Broken);    // 10 of 50 internet ICMP probes lost = 20 %
        QCOMPARE(*report->overall, Tier::Broken);

        const QJsonObject json = *summarizeCapture(**store);
        QVERIFY(json.value("icmp_proxied").toBool());
        const QJsonArray probes = json.value("probes").toArray();
        QJsonObject internetIcmp;
        for (const auto &p : probes)
            if (p.toObject().value("type") == "icmp" && p.toObject().value("target") == "198.51.100.1")
                internetIcmp = p.toObject();
        QCOMPARE(internetIcmp.value("sent").toDouble(), 50.0);
        QCOMPARE(internetIcmp.value("lost").toDouble(), 10.0);
        QCOMPARE(internetIcmp.value("loss_pct").toDouble(), 20.0);
        QCOMPARE(internetIcmp.value("rtt_p50_ms").toDouble(), 1.55);
        QCOMPARE(internetIcmp.value("mode").toString(), QString("dgram"));
        QCOMPARE(json.value("loss_bursts").toArray().size(), 1);
        QCOMPARE(json.value("loss_bursts").toArray().at(0).toObject().value("length").toInt(), 10);
        QCOMPARE(json.value("tiers").toObject().value("overall").toString(), QString("broken"));
    }

    void emptyCaptureHasNullTiers()
    {
        QTemporaryDir dir;
        auto store = CaptureStore::open(dir.filePath("e.plcap"), CaptureStore::Mode::ReadWrite);
        const QJsonObject json = *summarizeCapture(**store);
        QVERIFY(json.value("probes").toArray().isEmpty());
        QVERIFY(json.value("tiers").toObject().value("overall").isNull());
        QVERIFY(!json.value("icmp_proxied").toBool());
    }
};

QTEST_GUILESS_MAIN(TestProbeReport)
#include "tst_probe_report.moc"
