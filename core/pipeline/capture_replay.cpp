// SPDX-License-Identifier: GPL-3.0-or-later
// Reads a capture table by table into a CaptureAnalysis.
#include "core/pipeline/capture_replay.h"

#include "core/pipeline/capture_analysis.h"
#include "core/store/capture_store.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
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

// A row of a later capture in a combined analysis: its id and the ids it refers to, moved past the
// earlier captures' ids.
void shiftIds(Row &row, qint64 offset)
{
    if (offset == 0)
        return;
    const TableSpec &spec = tableSpec(row.table);
    for (size_t i = 0; i < spec.columns.size(); ++i)
        if ((i == 0 || spec.columns[i].references) && !row.values.at(qsizetype(i)).isNull())
            row.values[qsizetype(i)] = row.values.at(qsizetype(i)).toLongLong() + offset;
}

Result<void> replayRows(CaptureStore &store, CaptureAnalysis &analysis, const ReplayProgress &progress, qint64 idOffset);
} // namespace

Result<void> replayCapture(CaptureStore &store, CaptureAnalysis &analysis, const ReplayProgress &progress)
{
    analysis.ingestMeta(store.allMeta(), store.schemaVersion());
    return replayRows(store, analysis, progress, 0);
}

Result<void> replayCaptures(const QStringList &paths, CaptureAnalysis &analysis, const ReplayProgress &progress)
{
    struct Opened {
        std::unique_ptr<CaptureStore> store;
        TimestampUs start = 0, end = 0;
    };
    std::vector<Opened> stores;
    for (const QString &path : paths) {
        auto store = CaptureStore::open(path, CaptureStore::Mode::ReadOnly);
        if (!store)
            return store.error();
        Opened o;
        const auto span = (*store)->timeSpan();
        const auto started = parseUtc((*store)->meta(QString::fromLatin1(meta::kStartedUtc)).value_or(QString()));
        const auto ended = parseUtc((*store)->meta(QString::fromLatin1(meta::kEndedUtc)).value_or(QString()));
        o.start = started ? *started : (span ? span->first : 0);
        o.end = ended ? *ended : (span ? span->second : o.start);
        o.store = std::move(*store);
        stores.push_back(std::move(o));
    }
    std::stable_sort(stores.begin(), stores.end(), [](const Opened &a, const Opened &b) { return a.start < b.start; });
    qint64 offset = 0;
    QJsonArray order;
    for (size_t i = 0; i < stores.size(); ++i) {
        CaptureStore &store = *stores[i].store;
        if (i == 0)
            analysis.ingestMeta(store.allMeta(), store.schemaVersion());
        order.append(store.path());
        // Progress over all files: each file's share is its place in the list.
        const auto part = [&progress, i, n = qint64(stores.size())](qint64 done, qint64 total) {
            return !progress || progress(qint64(i) * 1000 + (total > 0 ? done * 1000 / total : 1000), n * 1000);
        };
        if (auto r = replayRows(store, analysis, part, offset); !r)
            return r;
        qint64 maxId = 0;
        for (Table t : kAllTables)
            maxId = std::max(maxId, store.maxId(t));
        offset += maxId;
    }
    if (!stores.empty()) {
        const auto latest = std::max_element(stores.begin(), stores.end(), [](const Opened &a, const Opened &b) { return a.end < b.end; });
        analysis.ingestMeta({{QString::fromLatin1(meta::kStartedUtc), formatUtcMs(stores.front().start)},
                             {QString::fromLatin1(meta::kEndedUtc), formatUtcMs(latest->end)},
                             {QStringLiteral("combined_from"), QString::fromUtf8(QJsonDocument(order).toJson(QJsonDocument::Compact))}});
    }
    return {};
}

namespace {
Result<void> replayRows(CaptureStore &store, CaptureAnalysis &analysis, const ReplayProgress &progress, qint64 idOffset)
{
    qint64 total = 0, done = 0;
    if (progress)
        for (Table t : kAllTables)
            if (auto n = store.estimateRows(t))
                total += *n;
    bool stop = false;
    auto tick = [&] {
        if (++done % kProgressEvery == 0 && progress && !progress(done, std::max(total, done)))
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
    std::map<qint64, std::vector<Row>> hops; // by the file's own trace id
    auto h = store.forEach(Table::TraceHops, [&](const Row &row) {
        Row &hop = hops[row.get("trace_id").toLongLong()].emplace_back(row);
        shiftIds(hop, idOffset);
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
            shiftIds(batch.emplace_back(row), idOffset);
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
} // namespace

} // namespace pathlens::core
