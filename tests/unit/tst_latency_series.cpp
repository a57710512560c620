// SPDX-License-Identifier: GPL-3.0-or-later
// The capture → chart series loader (a narrow SQL pass) must give exactly what feeding every stored
// sample through the live path (LatencyData::add) gives.
#include "core/store/probe_rows.h"
#include "core/report/capture_summary.h"
#include "core/store/capture_store.h"
#include "core/interchange/csv_interchange.h"
#include "core/series/latency_series.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace pathlens::core;

namespace {
bool sameColumns(const MinMaxPyramid &a, const MinMaxPyramid &b, TimestampUs from, TimestampUs to)
{
    const auto ca = a.query(from, to, 97), cb = b.query(from, to, 97);
    if (ca.size() != cb.size())
        return false;
    for (size_t i = 0; i < ca.size(); ++i)
        if (ca[i].count != cb[i].count || ca[i].lost != cb[i].lost || ca[i].min != cb[i].min || ca[i].max != cb[i].max)
            return false;
    return true;
}
} // namespace

class TstLatencySeries : public QObject {
    Q_OBJECT
private slots:
    void loaderEqualsLivePath()
    {
        QTemporaryDir dir;
        auto store = CaptureStore::open(dir.filePath("p.plcap"), CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        auto imported = importCsvFile(PATHLENS_TEST_DATA_DIR "/probes.csv", **store);
        QVERIFY(imported && imported->rowsSkipped == 0);
        // A late-written sample (stored after newer ones, as a slow reply is): order must come from ts_us.
        ProbeSample late{(*store)->timeSpan()->first + 1, QStringLiteral("icmp"), QStringLiteral("198.51.100.1"), 9999, 7.25, {}, {}};
        QVERIFY((*store)->insert(probeSampleToRow(late)));

        LatencyData reference;
        QVERIFY((*store)->forEach(Table::ProbeSamples, [&](const Row &row) {
            reference.add(probeSampleFromRow(row));
            return true;
        }));
        auto loaded = analyseCapture(**store, {});
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
        const LatencyData &data = *(*loaded)->latency;

        QCOMPARE(data.series.size(), reference.series.size());
        QVERIFY(data.series.size() >= 4);
        int gateways = 0;
        for (const LatencySeries &want : reference.series) {
            auto it = std::find_if(data.series.begin(), data.series.end(),
                                   [&](const LatencySeries &s) { return s.probe == want.probe && s.target == want.target; });
            QVERIFY2(it != data.series.end(), qPrintable(want.label()));
            QCOMPARE(it->gateway, want.gateway);
            QCOMPARE(it->pyramid.size(), want.pyramid.size());
            QCOMPARE(it->pyramid.firstTime(), want.pyramid.firstTime());
            QCOMPARE(it->pyramid.lastTime(), want.pyramid.lastTime());
            QVERIFY2(sameColumns(it->pyramid, want.pyramid, reference.firstTime(), reference.lastTime() + 1), qPrintable(want.label()));
            gateways += it->gateway;
        }
        QCOMPARE(gateways, 1);
        QCOMPARE(data.firstTime(), reference.firstTime());
        QCOMPARE(data.bursts.size(), size_t(1));
        QCOMPARE(data.bursts.front().length, 10);
    }

    void emptyCapture()
    {
        QTemporaryDir dir;
        auto store = CaptureStore::open(dir.filePath("e.plcap"), CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        auto loaded = analyseCapture(**store, {});
        QVERIFY(loaded);
        QVERIFY((*loaded)->latency->empty());
    }
};

QTEST_GUILESS_MAIN(TstLatencySeries)
#include "tst_latency_series.moc"
