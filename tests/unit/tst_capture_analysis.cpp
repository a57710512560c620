// SPDX-License-Identifier: GPL-3.0-or-later
// The one incremental analysis: the grading policy (validation, regrading), session upserts, and
// live batches from the capture writer equal to replaying the file they produced.
#include "core/active/probe_report.h"
#include "core/interchange/csv_interchange.h"
#include "core/passive/grading_policy.h"
#include "core/pipeline/capture_analysis.h"
#include "core/pipeline/capture_replay.h"
#include "core/report/capture_summary.h"
#include "core/store/capture_store.h"
#include "core/store/capture_writer.h"
#include "core/store/probe_rows.h"
#include "core/store/tcp_session_rows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <mutex>

using namespace pathlens::core;

namespace {
constexpr qint64 kSec = 1'000'000;
constexpr TimestampUs kUtc0 = 1'795'341'600'000'000; // a 5-minute UTC boundary

TcpSession session(qint64 id, const QString &app, double rttMs, double startS, double durS, bool closed = true)
{
    TcpSession s;
    s.id = id;
    s.app = app;
    s.medianRttMs = rttMs;
    s.segsOut = 1000;
    s.firstUtcUs = s.firstMonoUs = kUtc0 + qint64(startS * kSec);
    s.lastUtcUs = s.lastMonoUs = kUtc0 + qint64((startS + durS) * kSec);
    s.readings = 2;
    s.closed = closed;
    return s;
}

GradingPolicy lenient() // Fair below 300 ms instead of 200 ms
{
    return *GradingPolicy::fromJson(QJsonObject{
        {"grades", QJsonArray{QJsonObject{{"grade", "Excellent"}, {"rtt_below_ms", 50}, {"retrans_below_pct", 0.5}},
                              QJsonObject{{"grade", "Good"}, {"rtt_below_ms", 100}, {"retrans_below_pct", 1}},
                              QJsonObject{{"grade", "Fair"}, {"rtt_below_ms", 300}, {"retrans_below_pct", 3}}}},
        {"min_session_s", 0.5},
        {"min_app_sessions", 3}});
}

const AppSummary *app(const CaptureSnapshot &s, const QString &name)
{
    for (const AppSummary &a : s.passive.apps)
        if (a.name == name)
            return &a;
    return nullptr;
}
} // namespace

class TstCaptureAnalysis : public QObject {
    Q_OBJECT
private slots:
    void policyRoundTripsAndRefusesNonsense()
    {
        const GradingPolicy spec;
        QCOMPARE(*GradingPolicy::fromJson(spec.toJson()), spec);
        QCOMPARE(spec.grades.grade(200, 0), Grade::Poor); // exactly 200 ms is not below 200
        QCOMPARE(lenient().grades.grade(200, 0), Grade::Fair);
        QJsonObject j = spec.toJson();
        QJsonArray rows = j["grades"].toArray();
        QJsonObject good = rows[1].toObject();
        good["rtt_below_ms"] = 40; // below Excellent's 50
        rows[1] = good;
        j["grades"] = rows;
        const auto bad = GradingPolicy::fromJson(j);
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.contains("Good thresholds must be above Excellent"), qPrintable(bad.error().message));
        j = spec.toJson();
        j["grades"] = QJsonArray{rows[0], rows[2]};
        QVERIFY(!GradingPolicy::fromJson(j));
        j = spec.toJson();
        j["min_app_sessions"] = 0;
        QVERIFY(!GradingPolicy::fromJson(j));
    }

    void changingThePolicyRegradesSessionsAndApps()
    {
        CaptureAnalysis analysis("x.plcap");
        std::vector<Row> rows;
        for (int i = 0; i < 3; ++i)
            rows.push_back(sessionToRow(session(i + 1, "zoom", 250, 10.0 * i, 5)));
        rows.push_back(sessionToRow(session(4, "curl", 20, 40, 0.3))); // too short: never graded
        analysis.ingest(rows);
        auto before = analysis.snapshot(1, 1, true);
        QCOMPARE(app(*before, "zoom")->grade, Grade::Poor);
        QCOMPARE(app(*before, "curl")->grade, Grade::Ungraded);
        QCOMPARE(before->passive.verdict.grade, Grade::Poor);
        analysis.setPolicy(lenient());
        QVERIFY(analysis.changed());
        auto after = analysis.snapshot(1, 2, true);
        QCOMPARE(app(*after, "zoom")->grade, Grade::Fair);
        for (const TcpSession &s : after->passive.sessions) // the session table shows the same policy
            QCOMPARE(s.grade, s.app == "zoom" ? Grade::Fair : Grade::Ungraded);
        QCOMPARE(after->policy, lenient());
    }

    void upsertsReplaceAndCountOnce()
    {
        CaptureAnalysis analysis("x.plcap");
        analysis.ingest({sessionToRow(session(7, "zoom", 30, 0, 1, false))});
        analysis.ingest({sessionToRow(session(7, "zoom", 260, 0, 9, true))}); // the same session, later
        auto s = analysis.snapshot(1, 1, true);
        QCOMPARE(s->capture.counts.at(Table::TcpSessions), qint64(1));
        QCOMPARE(s->passive.sessions.size(), size_t(1));
        QCOMPARE(s->passive.sessions.front().medianRttMs, 260.0);
        QVERIFY(s->passive.sessions.front().closed);
    }

    // Every collector run numbers its probes from 0: two runs of one series must not overlap (the
    // span would shrink and loss go negative), and their losses add up.
    void aRestartedCollectorsSequenceStartsANewSegment()
    {
        ProbeReportBuilder builder;
        auto probe = [&](qint64 seq, bool answered, TimestampUs t) {
            builder.add({t, "icmp", "192.0.2.9", seq, answered ? std::optional<double>(10.0) : std::nullopt, {}, {}});
        };
        for (qint64 i = 0; i < 50; ++i) // run 1: 50 probes, 5 lost
            probe(i, i % 10 != 3, kUtc0 + i * 200'000);
        for (qint64 i = 0; i < 30; ++i) // run 2 after a restart: 30 probes, 1 lost
            probe(i, i != 7, kUtc0 + 20 * kSec + i * 200'000);
        const ProbeReport r = builder.report();
        QCOMPARE(r.series.size(), size_t(1));
        QCOMPARE(r.series.front().stats.sent, qint64(80));
        QCOMPARE(r.series.front().stats.lost, qint64(6));
    }

    // An outage shows while it lasts: the trailing losses of a series are a burst "going on" (in the
    // report and on the chart) until the collector's row records it; then the row alone counts.
    void anOngoingBurstShowsUntilItsRowRecordsIt()
    {
        CaptureAnalysis analysis(QStringLiteral("ongoing.plcap"));
        auto probe = [](qint64 seq, bool answered) {
            return probeSampleToRow({kUtc0 + seq * 200'000, "icmp", "192.0.2.9", seq,
                                     answered ? std::optional<double>(12.0) : std::nullopt, {}, {}});
        };
        std::vector<Row> rows;
        for (qint64 i = 0; i < 10; ++i)
            rows.push_back(probe(i, true));
        for (qint64 i = 10; i < 14; ++i) // four lost: not a burst (SPEC: five or more)
            rows.push_back(probe(i, false));
        analysis.ingest(rows);
        auto snap = analysis.snapshot(1, 1, true);
        QVERIFY(snap->probes.bursts.empty());
        QVERIFY(snap->latency->bursts.empty());

        analysis.ingest({probe(14, false), probe(15, false), probe(16, false)}); // seven lost
        snap = analysis.snapshot(1, 2, true);
        QCOMPARE(snap->probes.bursts.size(), size_t(1));
        const BurstRecord ongoing = snap->probes.bursts.front();
        QVERIFY(ongoing.ongoing);
        QCOMPARE(ongoing.burst.length, 7);
        QCOMPARE(ongoing.burst.startUtcUs, kUtc0 + 10 * 200'000);
        QCOMPARE(ongoing.burst.durationMs, 1200.0); // first lost → last lost so far
        QCOMPARE(snap->latency->bursts.size(), size_t(1));
        QCOMPARE(captureReportJson(*snap)["loss_bursts"].toArray().first().toObject()["ongoing"].toBool(), true);

        // The capture stops: the collector records the burst as it saw it.
        Row row = Row::blank(Table::LossBursts);
        row.set("ts_us", ongoing.burst.startUtcUs);
        row.set("probe", "icmp");
        row.set("target", "192.0.2.9");
        row.set("length", 7);
        row.set("duration_ms", 1200.0);
        row.set("cycle_offset_ms", ongoing.burst.cycleOffsetMs);
        analysis.ingest({row});
        snap = analysis.snapshot(1, 3, true);
        QCOMPARE(snap->probes.bursts.size(), size_t(1));
        QVERIFY(!snap->probes.bursts.front().ongoing);
        QCOMPARE(snap->latency->bursts.size(), size_t(1));

        // New losses after the recorded burst are a new one, once there are five.
        analysis.ingest({probe(17, false), probe(18, false), probe(19, false), probe(20, false), probe(21, false)});
        snap = analysis.snapshot(1, 4, true);
        QCOMPARE(snap->probes.bursts.size(), size_t(2));
        QVERIFY(snap->probes.bursts.back().ongoing);
        QCOMPARE(snap->probes.bursts.back().burst.length, 5);
        QCOMPARE(snap->latency->bursts.size(), size_t(2));
        analysis.ingest({probe(22, true)}); // an answer ends it; the collector's row is on its way
        snap = analysis.snapshot(1, 5, true);
        QCOMPARE(snap->probes.bursts.size(), size_t(1));
    }

    // A row the file refuses (here: too few columns) is dropped and counted; it never blocks the
    // rows around it, and the analysis still receives those.
    void aRefusedRowDoesNotBlockTheOthers()
    {
        QTemporaryDir dir;
        std::vector<Row> received;
        std::mutex mutex;
        auto writer = CaptureWriter::open(dir.filePath("w.plcap"), {});
        QVERIFY(writer);
        (*writer)->setCommitListener([&](CommittedBatchPtr b) {
            std::lock_guard lock(mutex);
            received.insert(received.end(), b->rows.begin(), b->rows.end());
        });
        Row bad;
        bad.table = Table::Events;
        bad.values = {QVariant(), 1};
        (*writer)->enqueue({eventRow(kUtc0, "test", "before", "one"), bad, eventRow(kUtc0 + 1, "test", "after", "two")});
        QVERIFY((*writer)->flush());
        QCOMPARE((*writer)->rowsDropped(), qint64(1));
        QCOMPARE((*writer)->rowsCommitted(), qint64(2));
        (*writer)->enqueue(eventRow(kUtc0 + 2, "test", "later", "three"));
        QVERIFY((*writer)->flush());
        std::lock_guard lock(mutex);
        QCOMPARE(received.size(), size_t(3));
        QCOMPARE(received.back().get("kind").toString(), QString("later"));
        QVERIFY(!received.front().values.at(0).isNull()); // the ids the file gave them
    }

    // Rows go through a real CaptureWriter in several commits; what its listener delivered and the
    // file it wrote must analyse to the same report.
    void writerBatchesEqualTheReplayedFile()
    {
        QTemporaryDir dir;
        std::vector<std::vector<Row>> source; // publish units: a trace travels with its hops
        {
            auto store = CaptureStore::open(dir.filePath("src.plcap"), CaptureStore::Mode::ReadWrite);
            QVERIFY(store && importCsvFile(PATHLENS_TEST_DATA_DIR "/probes.csv", **store));
            QVERIFY(importCsvFile(PATHLENS_TEST_DATA_DIR "/tcp_sessions.csv", **store));
            QVERIFY(importCsvFile(PATHLENS_TEST_DATA_DIR "/traces.csv", **store));
            std::map<qint64, std::vector<Row>> hops;
            QVERIFY((*store)->forEach(Table::TraceHops, [&](const Row &r) {
                hops[r.get("trace_id").toLongLong()].push_back(r);
                hops[r.get("trace_id").toLongLong()].back().values[0] = QVariant();
                return true;
            }));
            for (Table t : kAllTables)
                if (t != Table::TraceHops)
                    QVERIFY((*store)->forEach(t, [&](const Row &r) {
                        std::vector<Row> unit{r};
                        if (t == Table::Traces)
                            unit.insert(unit.end(), hops[r.values.at(0).toLongLong()].begin(), hops[r.values.at(0).toLongLong()].end());
                        else if (t != Table::TcpSessions)
                            unit.front().values[0] = QVariant(); // the new file assigns ids, as for live rows
                        source.push_back(unit);
                        return true;
                    }, {}, CaptureStore::Order::Committed));
        }
        QVERIFY(source.size() > 200);
        const QString path = dir.filePath("live.plcap");
        CaptureAnalysis live(path);
        std::mutex mutex;
        {
            auto writer = CaptureWriter::open(path, {{"host", "lab"}});
            QVERIFY(writer);
            (*writer)->setCommitListener([&](CommittedBatchPtr b) {
                std::lock_guard lock(mutex);
                live.ingestMeta(b->meta);
                live.ingest(b->rows);
            });
            for (size_t i = 0; i < source.size(); ++i) { // many commits of uneven size
                (*writer)->enqueue(source[i]);
                if (i % 37 == 0)
                    QVERIFY((*writer)->flush());
            }
        } // closing stamps ended_utc and tells the listener
        std::lock_guard lock(mutex);
        auto liveSnap = live.snapshot(1, 1, true);
        QVERIFY(liveSnap->capture.closed());
        auto store = CaptureStore::open(path, CaptureStore::Mode::ReadOnly);
        QVERIFY(store);
        auto fileSnap = analyseCapture(**store, {});
        QVERIFY(fileSnap);
        const QJsonObject a = captureReportJson(*liveSnap), b = captureReportJson(**fileSnap);
        QVERIFY(!a["apps"].toArray().isEmpty() && !a["probes"].toArray().isEmpty() && !a["traces"].toArray().isEmpty());
        for (const QString &key : a.keys())
            QVERIFY2(a[key] == b[key], qPrintable(key + ": " + QJsonDocument(QJsonObject{{key, a[key]}}).toJson(QJsonDocument::Compact) +
                                                 " vs " + QJsonDocument(QJsonObject{{key, b[key]}}).toJson(QJsonDocument::Compact)));
        QCOMPARE(a.keys(), b.keys());
    }
};

QTEST_GUILESS_MAIN(TstCaptureAnalysis)
#include "tst_capture_analysis.moc"
