// SPDX-License-Identifier: GPL-3.0-or-later
// bench_capture_analysis: what the one data path costs on a long capture. Writes a synthetic 24 h
// capture (ICMP at 5/s to two targets and the gateway, UDP DNS at 5/s, HTTP every 5 s, 20,000 TCP
// sessions, 2,880 traces), then prints: the time to open it (replay through the analysis), the time
// of one live snapshot, and the snapshot interval the analysis thread then keeps (its CPU share).
// Prints figures only. Usage: bench_capture_analysis [--hours H] [--keep FILE]
#include "core/pipeline/analysis_service.h"
#include "core/pipeline/capture_analysis.h"
#include "core/pipeline/capture_replay.h"
#include "core/store/capture_store.h"
#include "core/store/probe_rows.h"
#include "core/store/tcp_session_rows.h"
#include "core/store/trace_rows.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>

using namespace pathlens::core;

namespace {
constexpr TimestampUs kT0 = 1'795'341'600'000'000;
constexpr qint64 kSec = 1'000'000;

void writeCapture(CaptureStore &store, double hours)
{
    const qint64 seconds = qint64(hours * 3600);
    std::vector<Row> rows;
    auto flush = [&] {
        (void)store.insertBatch(rows);
        rows.clear();
    };
    const struct { const char *probe, *target, *notes; int perSecond; double base; } series[] = {
        {"icmp", "192.0.2.1", "mode=dgram;gateway=1", 5, 1.2}, {"icmp", "198.51.100.1", "mode=dgram", 5, 21},
        {"icmp", "203.0.113.9", "mode=dgram", 5, 34}, {"udp_dns", "198.51.100.1", "", 5, 22},
    };
    for (const auto &s : series) {
        const qint64 n = seconds * s.perSecond;
        for (qint64 i = 0; i < n; ++i) {
            ProbeSample p{kT0 + i * kSec / s.perSecond, s.probe, s.target, i, std::nullopt, {}, i == 0 ? s.notes : ""};
            if (i % 97 != 0) // ~1 % loss
                p.rttMs = s.base + 3 * std::sin(double(i) / 50.0) + double(i % 7) * 0.1;
            rows.push_back(probeSampleToRow(p));
            if (rows.size() >= 50'000)
                flush();
        }
    }
    for (qint64 i = 0; i < seconds / 5; ++i)
        rows.push_back(probeSampleToRow({kT0 + i * 5 * kSec, "http_head", "http://198.51.100.1/", i, 60.0 + i % 11, {},
                                         "reused=1;first_byte_ms=55;status=200"}));
    for (qint64 i = 0; i < 20'000; ++i) {
        TcpSession s;
        s.id = i + 1;
        s.app = QStringLiteral("app%1").arg(i % 40);
        s.firstUtcUs = s.firstMonoUs = kT0 + i * (seconds * kSec / 20'000);
        s.lastUtcUs = s.lastMonoUs = s.firstUtcUs + 4 * kSec;
        s.medianRttMs = 20 + i % 150;
        s.segsOut = 1000;
        s.retransSegs = i % 13;
        s.readings = 3;
        s.closed = true;
        rows.push_back(sessionToRow(s));
    }
    for (qint64 i = 0; i < seconds / 30; ++i) {
        TraceResult t;
        t.target = QStringLiteral("198.51.100.1");
        t.proto = QStringLiteral("udp");
        t.startedUtcUs = kT0 + i * 30 * kSec;
        t.reached = true;
        for (int ttl = 1; ttl <= 8; ++ttl)
            t.hops.push_back({ttl, QStringLiteral("10.0.%1.1").arg(ttl), {double(ttl) * 2.5}, 3});
        for (Row &r : traceRows(t, i + 1))
            rows.push_back(std::move(r));
    }
    flush();
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    double hours = 24;
    QString keep;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (QByteArray(argv[i]) == "--hours")
            hours = std::atof(argv[i + 1]);
        else if (QByteArray(argv[i]) == "--keep")
            keep = QString::fromLocal8Bit(argv[i + 1]);
    }
    QTemporaryDir dir;
    const QString path = keep.isEmpty() ? dir.filePath("bench.plcap") : keep;
    QElapsedTimer clock;
    clock.start();
    {
        auto store = CaptureStore::open(path, CaptureStore::Mode::ReadWrite);
        if (!store)
            return 1;
        writeCapture(**store, hours);
    }
    std::printf("capture of %.1f h written in %lld ms\n", hours, clock.elapsed());

    auto store = CaptureStore::open(path, CaptureStore::Mode::ReadOnly);
    if (!store)
        return 1;
    qint64 rows = 0;
    for (Table t : kAllTables)
        rows += (*store)->count(t).value();
    CaptureAnalysis analysis(path);
    clock.restart();
    if (auto r = replayCapture(**store, analysis); !r) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error().toString()));
        return 1;
    }
    const qint64 replayMs = clock.elapsed();
    clock.restart();
    auto first = analysis.snapshot(1, 1, false);
    const qint64 firstMs = clock.elapsed();
    std::printf("open: replay %lld rows in %lld ms (%.2f M rows/s), first snapshot %lld ms; open total %lld ms (target: ≤ 300 ms for a 7-day capture, issue 18)\n",
                rows, replayMs, double(rows) / 1e3 / double(std::max<qint64>(replayMs, 1)), firstMs, replayMs + firstMs);

    // Live: one new batch (a second of probes), then a snapshot; repeated.
    double worstMs = 0, sumMs = 0;
    const int rounds = 10;
    for (int i = 0; i < rounds; ++i) {
        std::vector<Row> batch;
        for (int k = 0; k < 5; ++k)
            batch.push_back(probeSampleToRow({first->capture.span->second + (i * 5 + k + 1) * 200'000, "icmp", "198.51.100.1",
                                              qint64(hours * 3600 * 5) + i * 5 + k, 21.5, {}, {}}));
        analysis.ingest(batch);
        clock.restart();
        auto snap = analysis.snapshot(1, 2 + quint64(i), true);
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        worstMs = std::max(worstMs, ms);
        sumMs += ms;
    }
    const double meanMs = sumMs / rounds;
    const double intervalMs = std::max<double>(AnalysisService::kMinSnapshotIntervalMs, meanMs * AnalysisService::kSnapshotDutyFactor);
    std::printf("live snapshot after a batch: mean %.1f ms, worst %.1f ms → published every %.0f ms (%.1f %% of one core)\n", meanMs,
                worstMs, intervalMs, 100.0 * meanMs / intervalMs);
    return 0;
}
