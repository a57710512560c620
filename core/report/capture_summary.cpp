// SPDX-License-Identifier: GPL-3.0-or-later
// The report of a capture as JSON (`pathlens-agent report --json`), built from an analysis snapshot.
#include "core/report/capture_summary.h"

#include "core/active/probe_kind.h"
#include "core/base/json_value.h"
#include "core/pipeline/capture_analysis.h"
#include "core/pipeline/capture_replay.h"
#include "core/report/load_json.h"
#include "core/report/trains_json.h"
#include "core/report/wifi_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace pathlens::core {

QJsonObject passiveReportJson(const TcpPicture &picture, const GradingPolicy &rules)
{
    const DeviceVerdict &v = picture.verdict;
    QJsonObject device{{QStringLiteral("grade"), gradeName(v.grade)},
                       {QStringLiteral("headline"), v.headline},
                       {QStringLiteral("evidence"), v.evidence},
                       {QStringLiteral("sessions"), v.sessions},
                       {QStringLiteral("graded_sessions"), v.gradedSessions},
                       {QStringLiteral("median_rtt_ms"), v.medianRttMs},
                       {QStringLiteral("retrans_pct"), v.retransPct}};
    if (v.lastHiccup) {
        const TcpSession &h = *v.lastHiccup;
        device[QStringLiteral("last_hiccup")] = QJsonObject{
            {QStringLiteral("utc"), formatUtcMs(h.lastUtcUs)}, {QStringLiteral("app"), h.app},
            {QStringLiteral("remote"), h.remoteAddr},          {QStringLiteral("grade"), gradeName(sessionGrade(h, rules))},
            {QStringLiteral("rtt_ms"), h.medianRttMs},         {QStringLiteral("retrans_pct"), h.retransPct()}};
    } else {
        device[QStringLiteral("last_hiccup")] = QJsonValue::Null;
    }
    QJsonArray apps;
    for (const AppSummary &a : picture.apps) {
        apps.append(QJsonObject{{QStringLiteral("name"), a.name},           {QStringLiteral("path"), a.path},
                                {QStringLiteral("grade"), gradeName(a.grade)}, {QStringLiteral("sessions"), a.sessions},
                                {QStringLiteral("graded_sessions"), a.gradedSessions},
                                {QStringLiteral("median_rtt_ms"), a.medianRttMs}, {QStringLiteral("retrans_pct"), a.retransPct},
                                {QStringLiteral("queue_ms"), a.queueMs},      {QStringLiteral("down_mbps"), a.downMbps},
                                {QStringLiteral("up_mbps"), a.upMbps}});
    }
    QJsonArray timeline;
    for (const TimelineBucket &b : picture.timeline)
        timeline.append(b.grade == Grade::Ungraded ? QStringLiteral("idle") : gradeName(b.grade));
    return QJsonObject{{QStringLiteral("device"), device}, {QStringLiteral("apps"), apps}, {QStringLiteral("timeline"), timeline}};
}


QJsonObject probeReportJson(const ProbeReport &report)
{
    QJsonArray probes;
    for (const ProbeSeriesSummary &s : report.series) {
        const ProbeStats &st = s.stats;
        const bool any = st.received() > 0;
        auto num = [any](double v) { return any ? QJsonValue(v) : QJsonValue(QJsonValue::Null); };
        QJsonObject o{{QStringLiteral("type"), s.probe},         {QStringLiteral("target"), s.target},
                      {QStringLiteral("sent"), double(st.sent)}, {QStringLiteral("lost"), double(st.lost)},
                      {QStringLiteral("loss_pct"), st.lossPct},  {QStringLiteral("rtt_p50_ms"), num(st.p50Ms)},
                      {QStringLiteral("rtt_p95_ms"), num(st.p95Ms)}, {QStringLiteral("jitter_ms"), num(st.jitterMs)},
                      {QStringLiteral("mos"), num(st.mos)}};
        if (!s.mode.isEmpty())
            o[QStringLiteral("mode")] = s.mode;
        if (s.http) {
            o[QStringLiteral("dns_ms")] = jsonOrNull(s.http->dnsMs);
            o[QStringLiteral("connect_ms")] = jsonOrNull(s.http->connectMs);
            o[QStringLiteral("tls_ms")] = jsonOrNull(s.http->tlsMs);
            o[QStringLiteral("first_byte_ms")] = jsonOrNull(s.http->firstByteMs);
            o[QStringLiteral("connections")] = double(s.http->connections);
            o[QStringLiteral("reused")] = double(s.http->reused);
            QJsonObject headers;
            for (const auto &[k, v] : s.http->lastHeaders)
                headers[k] = v;
            o[QStringLiteral("headers")] = headers;
        }
        if (s.quic) {
            auto textOrNull = [](const QString &t) { return t.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(t); };
            o[QStringLiteral("dns_ms")] = jsonOrNull(s.quic->dnsMs);
            o[QStringLiteral("version")] = textOrNull(s.quic->version);
            o[QStringLiteral("alpn")] = textOrNull(s.quic->alpn);
            o[QStringLiteral("cert")] = textOrNull(s.quic->cert);
            o[QStringLiteral("addresses")] = QJsonArray::fromStringList(s.quic->addresses);
        }
        if (s.http || s.quic || s.probe == probeKindId(ProbeKind::DnsSystem))
            o[QStringLiteral("last_error")] = s.lastError.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.lastError);
        probes.append(o);
    }
    QJsonArray bursts;
    for (const BurstRecord &record : report.bursts) {
        const LossBurst &b = record.burst;
        bursts.append(QJsonObject{{QStringLiteral("utc"), formatUtcMs(b.startUtcUs)},
                                  {QStringLiteral("probe"), record.probe},
                                  {QStringLiteral("target"), record.target},
                                  {QStringLiteral("length"), b.length},
                                  {QStringLiteral("duration_ms"), b.durationMs},
                                  {QStringLiteral("cycle_offset_ms"), b.cycleOffsetMs},
                                  {QStringLiteral("ongoing"), record.ongoing}});
    }
    auto tier = [](const std::optional<Tier> &t) { return t ? QJsonValue(tierName(*t)) : QJsonValue(QJsonValue::Null); };
    // The PEP verdict's evidence: what was compared (a shared target, else every target pooled) and the figures.
    QJsonValue pep(QJsonValue::Null);
    if (const auto &e = report.pep.evidence) {
        const bool shared = e->basis == PepEvidence::Basis::SharedTarget;
        auto textOrNull = [](const QString &t) { return t.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(t); };
        pep = QJsonObject{{QStringLiteral("basis"), shared ? QStringLiteral("shared_target") : QStringLiteral("all_targets")},
                          {QStringLiteral("target"), textOrNull(e->target)},
                          {QStringLiteral("quic_target"), textOrNull(e->quicTarget)},
                          {QStringLiteral("tcp_target"), textOrNull(e->tcpTarget)},
                          {QStringLiteral("quic_p50_ms"), e->quicP50Ms},
                          {QStringLiteral("tcp_p50_ms"), e->tcpP50Ms},
                          {QStringLiteral("quic_samples"), e->quicSamples},
                          {QStringLiteral("tcp_samples"), e->tcpSamples},
                          {QStringLiteral("ratio"), e->ratio},
                          {QStringLiteral("geo"), report.geo}};
    }
    return QJsonObject{{QStringLiteral("probes"), probes},
                       {QStringLiteral("loss_bursts"), bursts},
                       {QStringLiteral("tiers"), QJsonObject{{QStringLiteral("latency"), tier(report.latency)},
                                                             {QStringLiteral("loss"), tier(report.loss)},
                                                             {QStringLiteral("overall"), tier(report.overall)}}},
                       {QStringLiteral("icmp_proxied"), report.icmpProxied},
                       {QStringLiteral("pep_detected"), report.pep.detected},
                       {QStringLiteral("pep"), pep},
                       {QStringLiteral("link_geo"), report.geo}};
}

QJsonArray tracesReportJson(const std::vector<TraceResult> &newestFirst)
{
    QJsonArray traces;
    QSet<QString> seen;
    for (const TraceResult &t : newestFirst) {
        const QString key = t.tracedBy + QLatin1Char('|') + t.target; // the latest per target (per mesh agent)
        if (seen.contains(key))
            continue;
        seen.insert(key);
        QJsonArray hops;
        for (size_t i = 0; i < t.hops.size(); ++i) {
            const TraceHop &h = t.hops[i];
            const auto delta = t.deltaMs(i);
            QJsonObject hop{{QStringLiteral("ttl"), h.ttl},
                            {QStringLiteral("addr"), h.silent() ? QJsonValue(QJsonValue::Null) : QJsonValue(h.addr)},
                            {QStringLiteral("rtt_ms"), h.silent() ? QJsonValue(QJsonValue::Null) : QJsonValue(h.medianRttMs())},
                            {QStringLiteral("silent"), h.silent()},
                            {QStringLiteral("delta_ms"), delta ? QJsonValue(*delta) : QJsonValue(QJsonValue::Null)},
                            {QStringLiteral("loss_pct"), h.lossPct()},
                            {QStringLiteral("rate_limited"), t.isRateLimited(i)}};
            if (h.quotedDscp) // the marking our probe reached this hop with (raw-socket traces only)
                hop[QStringLiteral("dscp")] = *h.quotedDscp;
            hops.append(hop);
        }
        QJsonObject trace{{QStringLiteral("target"), t.target}, {QStringLiteral("proto"), t.proto},
                          {QStringLiteral("utc"), formatUtcMs(t.startedUtcUs)}, {QStringLiteral("reached"), t.reached},
                          {QStringLiteral("hops"), hops}};
        if (!t.tracedBy.isEmpty())
            trace[QStringLiteral("by")] = t.tracedBy;
        if (t.sentDscp != 0) {
            trace[QStringLiteral("dscp")] = t.sentDscp;
            QJsonArray rewrites; // TTLs whose quoted marking differs from what was sent
            for (int ttl : t.dscpRewritingTtls())
                rewrites.append(ttl);
            trace[QStringLiteral("dscp_rewrites")] = rewrites;
        }
        if (!t.publicAddr.isEmpty())
            trace[QStringLiteral("public")] = t.publicAddr; // the NAT's public address, as a STUN server saw it
        traces.append(trace);
    }
    return traces;
}


namespace {

QJsonObject captureJson(const CaptureInfo &info)
{
    QJsonObject capture;
    capture[QStringLiteral("path")] = info.path;
    capture[QStringLiteral("schema_version")] = info.schemaVersion;
    for (const char *key : {meta::kCaptureId, meta::kAppVersion, meta::kHost, meta::kOs, meta::kKernel, meta::kStartedUtc,
                            meta::kEndedUtc}) {
        const QString k = QString::fromLatin1(key);
        capture[k] = info.meta.contains(k) ? QJsonValue(info.meta.value(k)) : QJsonValue(QJsonValue::Null);
    }
    const auto interfaces = QJsonDocument::fromJson(info.meta.value(QString::fromLatin1(meta::kInterfaces)).toUtf8());
    capture[QStringLiteral("interfaces")] = interfaces.isArray() ? QJsonValue(interfaces.array()) : QJsonValue(QJsonArray());
    if (info.span) {
        capture[QStringLiteral("first_sample_utc")] = formatUtcMs(info.span->first);
        capture[QStringLiteral("last_sample_utc")] = formatUtcMs(info.span->second);
        capture[QStringLiteral("duration_s")] = double(info.span->second - info.span->first) / 1e6;
    } else {
        capture[QStringLiteral("first_sample_utc")] = QJsonValue::Null;
        capture[QStringLiteral("last_sample_utc")] = QJsonValue::Null;
        capture[QStringLiteral("duration_s")] = 0;
    }
    return capture;
}

} // namespace

QJsonArray meshReportJson(const std::vector<MeshCell> &cells)
{
    QJsonArray out;
    for (const MeshCell &c : cells) {
        const MeshResult &m = c.latest;
        out.append(QJsonObject{{QStringLiteral("src"), m.src},
                               {QStringLiteral("dst"), m.dst},
                               {QStringLiteral("path"), m.path},
                               {QStringLiteral("path_note"), m.pathNote},
                               {QStringLiteral("address"), m.dstAddress},
                               {QStringLiteral("utc"), formatUtcMs(m.utcUs)},
                               {QStringLiteral("rtt_ms"), m.down() ? QJsonValue(QJsonValue::Null) : QJsonValue(m.rttMs)},
                               {QStringLiteral("rtt_ewma_ms"), c.rttEwmaMs > 0 ? QJsonValue(c.rttEwmaMs) : QJsonValue(QJsonValue::Null)},
                               {QStringLiteral("loss_pct"), m.lossPct},
                               {QStringLiteral("loss_fwd_pct"), jsonOrNull(m.lossForwardPct)},
                               {QStringLiteral("loss_rev_pct"), jsonOrNull(m.lossReversePct)},
                               {QStringLiteral("qdelay_fwd_ms"), m.queueForwardMs},
                               {QStringLiteral("qdelay_rev_ms"), m.queueReverseMs},
                               {QStringLiteral("cap_fwd_mbps"), jsonOrNull(c.capacityForwardMbps)},
                               {QStringLiteral("cap_rev_mbps"), jsonOrNull(c.capacityReverseMbps)},
                               {QStringLiteral("capacity_note"), m.capacityNote},
                               {QStringLiteral("baseline_rtt_ms"), c.baselineRttMs > 0 ? QJsonValue(c.baselineRttMs) : QJsonValue(QJsonValue::Null)},
                               {QStringLiteral("baseline_cap_fwd_mbps"), jsonOrNull(c.baselineCapacityForwardMbps)},
                               {QStringLiteral("cycles"), c.cycles},
                               {QStringLiteral("state"), meshStateName(c.state)}});
    }
    return out;
}

QJsonArray fleetReportJson(const FleetPicture &fleet)
{
    QJsonArray out;
    for (const FleetDevice &d : fleet.devices) // best first
        out.append(QJsonObject{{QStringLiteral("id"), d.id},
                               {QStringLiteral("name"), d.name},
                               {QStringLiteral("grade"), d.grade == Grade::Ungraded ? QJsonValue(QJsonValue::Null) : QJsonValue(gradeName(d.grade))},
                               {QStringLiteral("median_rtt_ms"), jsonOrNull(d.medianRttMs)},
                               {QStringLiteral("retrans_pct"), jsonOrNull(d.retransPct)},
                               {QStringLiteral("sessions"), d.sessions},
                               {QStringLiteral("online"), d.online},
                               {QStringLiteral("addresses"), QJsonArray::fromStringList(d.addresses)},
                               {QStringLiteral("utc"), formatUtcMs(d.utcUs)}});
    return out;
}

QJsonArray calloutsReportJson(const std::vector<TimelineCallout> &callouts)
{
    QJsonArray out;
    for (const TimelineCallout &c : callouts) { // oldest first
        QString cause;
        switch (c.cause) {
        case CalloutCause::LocalRadio: cause = QStringLiteral("local_radio"); break;
        case CalloutCause::LocalNetwork: cause = QStringLiteral("local_network"); break;
        case CalloutCause::Upstream: cause = QStringLiteral("upstream"); break;
        case CalloutCause::RouteChange: cause = QStringLiteral("route_change"); break;
        case CalloutCause::Undetermined: cause = QStringLiteral("undetermined"); break;
        }
        out.append(QJsonObject{{QStringLiteral("start_utc"), formatUtcMs(c.startUtcUs)},
                               {QStringLiteral("end_utc"), formatUtcMs(c.endUtcUs)},
                               {QStringLiteral("cause"), cause},
                               {QStringLiteral("text"), c.text},
                               {QStringLiteral("evidence"), c.evidence}});
    }
    return out;
}

QJsonObject captureReportJson(const CaptureSnapshot &snapshot)
{
    QJsonObject out = passiveReportJson(snapshot.passive, snapshot.policy);
    const QJsonObject p = probeReportJson(snapshot.probes);
    for (auto it = p.begin(); it != p.end(); ++it)
        out[it.key()] = it.value();
    out[QStringLiteral("traces")] = tracesReportJson(snapshot.traces);
    out[QStringLiteral("mesh")] = meshReportJson(snapshot.mesh);
    out[QStringLiteral("fleet")] = fleetReportJson(snapshot.fleet);
    out[QStringLiteral("mesh_traces")] = tracesReportJson(snapshot.meshTraces);
    QJsonArray capacity, diagnoses;
    for (const CapacityResult &r : snapshot.capacity->results)
        capacity.append(capacityJson(r));
    for (const Diagnosis &d : snapshot.capacity->diagnoses)
        diagnoses.append(diagnosisJson(d));
    out[QStringLiteral("capacity")] = capacity;
    out[QStringLiteral("diagnoses")] = diagnoses;
    const QJsonObject load = loadReportJson(*snapshot.load);
    for (auto it = load.begin(); it != load.end(); ++it)
        out[it.key()] = it.value();
    out[QStringLiteral("wifi")] = wifiReportJson(*snapshot.wifi);
    out[QStringLiteral("callouts")] = calloutsReportJson(snapshot.callouts);
    if (!snapshot.fleet.empty())
        out[QStringLiteral("fleet_band")] = snapshot.fleet.band;
    out[QStringLiteral("capture")] = captureJson(snapshot.capture);
    QJsonObject counts;
    for (const auto &[table, n] : snapshot.capture.counts)
        counts[QString::fromLatin1(tableSpec(table).name)] = double(n);
    out[QStringLiteral("counts")] = counts;
    QJsonArray events;
    for (auto it = snapshot.events.rbegin(); it != snapshot.events.rend(); ++it) // newest first
        events.append(QJsonObject{{QStringLiteral("utc"), formatUtcMs(it->utcUs)}, {QStringLiteral("kind"), it->kind},
                                  {QStringLiteral("source"), it->source}, {QStringLiteral("message"), it->message}});
    out[QStringLiteral("events")] = events;
    out[QStringLiteral("grading_policy")] = snapshot.policy.toJson();
    return out;
}

Result<SnapshotPtr> analyseCapture(CaptureStore &store, const GradingPolicy &policy)
{
    CaptureAnalysis analysis(store.path(), policy);
    if (auto r = replayCapture(store, analysis); !r)
        return r.error();
    return analysis.snapshot(0, 1, false);
}

Result<SnapshotPtr> analyseRecordedCapture(CaptureStore &store)
{
    // The policy the capture was recorded with, else the default (SPEC §1).
    GradingPolicy policy;
    if (auto text = store.meta(QString::fromLatin1(kGradingPolicyMetaKey)))
        if (auto parsed = GradingPolicy::fromJson(QJsonDocument::fromJson(text->toUtf8()).object()))
            policy = *parsed;
    return analyseCapture(store, policy);
}

Result<QJsonObject> summarizeCapture(CaptureStore &store)
{
    auto snapshot = analyseRecordedCapture(store);
    if (!snapshot)
        return snapshot.error();
    return captureReportJson(**snapshot);
}

} // namespace pathlens::core
