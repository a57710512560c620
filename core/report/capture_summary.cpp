// SPDX-License-Identifier: GPL-3.0-or-later
// Builds the capture summary used by `pathlens-agent report --json` and the Overview page.
#include "core/report/capture_summary.h"

#include "core/active/probe_report.h"
#include "core/passive/tcp_rollups.h"
#include "core/store/tcp_session_rows.h"
#include "core/store/trace_rows.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace pathlens::core {

QJsonObject summarizeCapture(CaptureStore &store, int maxEvents)
{
    const auto metaMap = store.allMeta();
    QJsonObject capture;
    capture[QStringLiteral("path")] = store.path();
    capture[QStringLiteral("schema_version")] = store.schemaVersion();
    for (const char *key : {meta::kCaptureId, meta::kAppVersion, meta::kHost, meta::kOs, meta::kKernel,
                            meta::kStartedUtc, meta::kEndedUtc}) {
        const QString k = QString::fromLatin1(key);
        capture[k] = metaMap.contains(k) ? QJsonValue(metaMap.value(k)) : QJsonValue(QJsonValue::Null);
    }
    const auto interfaces = QJsonDocument::fromJson(metaMap.value(QString::fromLatin1(meta::kInterfaces)).toUtf8());
    capture[QStringLiteral("interfaces")] = interfaces.isArray() ? QJsonValue(interfaces.array()) : QJsonValue(QJsonArray());
    if (const auto span = store.timeSpan()) {
        capture[QStringLiteral("first_sample_utc")] = formatUtcMs(span->first);
        capture[QStringLiteral("last_sample_utc")] = formatUtcMs(span->second);
        capture[QStringLiteral("duration_s")] = double(span->second - span->first) / 1e6;
    } else {
        capture[QStringLiteral("first_sample_utc")] = QJsonValue::Null;
        capture[QStringLiteral("last_sample_utc")] = QJsonValue::Null;
        capture[QStringLiteral("duration_s")] = 0;
    }

    QJsonObject counts;
    for (Table t : kAllTables) {
        auto n = store.count(t);
        counts[QString::fromLatin1(tableSpec(t).name)] = n ? double(*n) : -1;
    }

    QJsonArray events;
    (void)store.forEach(Table::Events, [&](const Row &row) {
        QJsonObject e;
        e[QStringLiteral("utc")] = formatUtcMs(row.get("ts_us").toLongLong());
        e[QStringLiteral("kind")] = row.get("kind").toString();
        e[QStringLiteral("source")] = row.get("source").toString();
        e[QStringLiteral("message")] = row.get("message").toString();
        events.append(e);
        return true;
    }, QStringLiteral("id IN (SELECT id FROM events ORDER BY ts_us DESC, id DESC LIMIT %1)").arg(maxEvents));

    QJsonObject out;
    // Passive grading: device verdict, apps worst first, 24 h timeline ending at the last sample.
    if (auto sessions = loadTcpSessions(store)) {
        const auto span = store.timeSpan();
        const QJsonObject tcp = tcpReportJson(*sessions, span ? span->second : nowUtcUs());
        for (auto it = tcp.begin(); it != tcp.end(); ++it)
            out[it.key()] = it.value();
    }
    // Active probes: per-series statistics, loss bursts, tiers, ICMP-proxy verdict.
    if (auto probes = buildProbeReport(store)) {
        const QJsonObject p = probeReportJson(*probes);
        for (auto it = p.begin(); it != p.end(); ++it)
            out[it.key()] = it.value();
    }
    // Traces: the latest of each target (the capture holds every one).
    if (auto traces = loadTraces(store))
        out[QStringLiteral("traces")] = tracesReportJson(*traces);
    out[QStringLiteral("capture")] = capture;
    out[QStringLiteral("counts")] = counts;
    out[QStringLiteral("events")] = events;
    return out;
}

} // namespace pathlens::core
