// SPDX-License-Identifier: GPL-3.0-or-later
// Reads a capture table by table into a CaptureAnalysis.
#include "core/pipeline/capture_replay.h"

#include "core/pipeline/capture_analysis.h"
#include "core/store/capture_store.h"

#include <limits>
#include <map>

namespace pathlens::core {

namespace {
constexpr qint64 kProgressEvery = 20'000; // rows between progress reports (and cancel checks)
constexpr size_t kBatchRows = 4096;       // rows per ingest() call: bounded memory for any file size

Error cancelled()
{
    return makeError(ErrorCode::Internal, QStringLiteral("opening the capture was cancelled"));
}
} // namespace

Result<void> replayCapture(CaptureStore &store, CaptureAnalysis &analysis, const ReplayProgress &progress)
{
    analysis.ingestMeta(store.allMeta(), store.schemaVersion());
    qint64 total = 0, done = 0;
    for (Table t : kAllTables)
        if (auto n = store.count(t))
            total += *n;
    bool stop = false;
    auto tick = [&] {
        if (++done % kProgressEvery == 0 && progress && !progress(done, total))
            stop = true;
        return !stop;
    };

    // Probe samples: the bulk of a long capture; read without building rows.
    auto stmt = store.db().prepare(QStringLiteral("SELECT ts_us, probe, target, rtt_ms, lost, seq, dns_ms, notes "
                                                  "FROM probe_samples ORDER BY id"));
    if (!stmt)
        return stmt.error();
    ProbeSample s;
    QByteArray lastProbe, lastTarget;
    for (;;) {
        auto more = stmt->step();
        if (!more)
            return more.error();
        if (!*more)
            break;
        s.utcUs = stmt->columnInt64(0);
        // Consecutive rows mostly share probe and target: reuse the strings instead of decoding.
        if (const QByteArrayView p = stmt->columnUtf8(1); p != lastProbe) {
            lastProbe = p.toByteArray();
            s.probe = QString::fromUtf8(lastProbe);
        }
        if (const QByteArrayView t = stmt->columnUtf8(2); t != lastTarget) {
            lastTarget = t.toByteArray();
            s.target = QString::fromUtf8(lastTarget);
        }
        const bool lost = stmt->columnIsNull(3) || stmt->columnInt64(4) != 0;
        s.rttMs = lost ? std::nullopt : std::optional<double>(stmt->columnDouble(3));
        s.seq = stmt->columnInt64(5);
        s.dnsMs = stmt->columnIsNull(6) ? std::nullopt : std::optional<double>(stmt->columnDouble(6));
        const QByteArrayView notes = stmt->columnUtf8(7);
        s.notes = notes.isEmpty() ? QString() : QString::fromUtf8(notes);
        analysis.ingestProbeSample(s);
        if (!tick())
            return cancelled();
    }

    // Hops join their trace in one batch, as the writer committed them.
    std::map<qint64, std::vector<Row>> hops;
    auto h = store.forEach(Table::TraceHops, [&](const Row &row) {
        hops[row.get("trace_id").toLongLong()].push_back(row);
        return tick();
    }, {}, CaptureStore::Order::Committed);
    if (!h)
        return h.error();
    if (stop)
        return cancelled();

    for (Table table : kAllTables) {
        if (table == Table::ProbeSamples || table == Table::TraceHops)
            continue;
        std::vector<Row> batch;
        auto flush = [&] {
            analysis.ingest(batch);
            batch.clear();
        };
        auto r = store.forEach(table, [&](const Row &row) {
            batch.push_back(row);
            if (table == Table::Traces) {
                auto it = hops.find(row.values.at(0).toLongLong());
                if (it != hops.end()) {
                    batch.insert(batch.end(), it->second.begin(), it->second.end());
                    hops.erase(it);
                }
            }
            if (batch.size() >= kBatchRows)
                flush();
            return tick();
        }, {}, CaptureStore::Order::Committed);
        if (!r)
            return r.error();
        if (stop)
            return cancelled();
        flush();
    }
    // Hops whose trace row is missing (a writer that dropped rows under a failing disk): counted,
    // as the live analysis counted them.
    for (auto &[traceId, orphans] : hops)
        analysis.ingest(orphans);
    if (progress)
        progress(total, total);
    return {};
}

} // namespace pathlens::core
