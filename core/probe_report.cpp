// SPDX-License-Identifier: GPL-3.0-or-later
// Reads probe_samples/loss_bursts and rates the link.
#include "probe_report.h"

#include "notes_codec.h"
#include "probe_sample.h"

#include <QJsonArray>

#include <map>

namespace pathlens::core {

namespace {
bool isGatewaySample(const ProbeSample &s)
{
    auto notes = Notes::parse(s.notes);
    return notes && notes->value(QStringLiteral("gateway")) == QStringLiteral("1");
}
} // namespace

Result<ProbeReport> buildProbeReport(CaptureStore &store)
{
    std::map<std::pair<QString, QString>, std::vector<ProbeObservation>> bySeries;
    std::map<std::pair<QString, QString>, QString> modes;
    std::map<std::pair<QString, QString>, bool> gateway;
    auto r = store.forEach(Table::ProbeSamples, [&](const Row &row) {
        const ProbeSample s = ProbeSample::fromRow(row);
        const auto key = std::make_pair(s.probe, s.target);
        bySeries[key].push_back(s.observation());
        gateway[key] = gateway[key] || isGatewaySample(s);
        if (modes[key].isEmpty())
            if (auto notes = Notes::parse(s.notes))
                modes[key] = notes->value(QStringLiteral("mode")).value_or(QString());
        return true;
    });
    if (!r)
        return r.error();

    ProbeReport report;
    std::vector<const ProbeSeriesSummary *> internetIcmp, internetOther, internetHttp;
    for (auto &[key, obs] : bySeries)
        report.series.push_back({key.first, key.second, probeStats(obs), modes[key]});
    for (const ProbeSeriesSummary &s : report.series) {
        if (gateway[{s.probe, s.target}])
            continue; // the gateway rates the local leg, not the internet
        if (s.probe == QLatin1String("icmp"))
            internetIcmp.push_back(&s);
        else if (s.probe == QLatin1String("udp_dns") || s.probe == QLatin1String("tcp_connect") || s.probe == QLatin1String("http_head"))
            internetOther.push_back(&s);
        if (s.probe == QLatin1String("http_head"))
            internetHttp.push_back(&s);
    }
    for (const auto *icmp : internetIcmp)
        for (const auto *other : internetOther)
            report.icmpProxied = report.icmpProxied || icmpProxied(icmp->stats, other->stats);

    // Latency: the best-placed internet target's p50 over ICMP, or over HTTP when ICMP is answered
    // by a proxy (its RTT would flatter the link).
    const auto &latencySource = report.icmpProxied ? internetHttp : internetIcmp;
    std::optional<double> p50;
    for (const auto *s : latencySource)
        if (s->stats.received() > 0)
            p50 = p50 ? std::min(*p50, s->stats.p50Ms) : s->stats.p50Ms;
    LinkTypeLatch latch;
    if (p50) {
        latch.observe(*p50);
        report.latency = latencyTier(*p50, latch.isGeo());
    }
    report.geo = latch.isGeo();
    qint64 sent = 0, lost = 0;
    for (const auto *s : internetIcmp) {
        sent += s->stats.sent;
        lost += s->stats.lost;
    }
    if (sent > 0)
        report.loss = lossTier(100.0 * double(lost) / double(sent));
    if (report.latency || report.loss)
        report.overall = worseTier(report.latency.value_or(Tier::Superior), report.loss.value_or(Tier::Superior));

    auto b = store.forEach(Table::LossBursts, [&](const Row &row) {
        LossBurst burst;
        burst.startUtcUs = row.get("ts_us").toLongLong();
        burst.length = row.get("length").toInt();
        burst.durationMs = row.get("duration_ms").toDouble();
        burst.cycleOffsetMs = row.get("cycle_offset_ms").toDouble();
        report.bursts.push_back(burst);
        report.burstTargets.push_back(row.get("probe").toString() + QLatin1Char(' ') + row.get("target").toString());
        return true;
    });
    if (!b)
        return b.error();
    return report;
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
        probes.append(o);
    }
    QJsonArray bursts;
    for (size_t i = 0; i < report.bursts.size(); ++i) {
        const LossBurst &b = report.bursts[i];
        const QStringList probeTarget = report.burstTargets[i].split(QLatin1Char(' '));
        bursts.append(QJsonObject{{QStringLiteral("utc"), formatUtcMs(b.startUtcUs)},
                                  {QStringLiteral("probe"), probeTarget.value(0)},
                                  {QStringLiteral("target"), probeTarget.value(1)},
                                  {QStringLiteral("length"), b.length},
                                  {QStringLiteral("duration_ms"), b.durationMs},
                                  {QStringLiteral("cycle_offset_ms"), b.cycleOffsetMs}});
    }
    auto tier = [](const std::optional<Tier> &t) { return t ? QJsonValue(tierName(*t)) : QJsonValue(QJsonValue::Null); };
    return QJsonObject{{QStringLiteral("probes"), probes},
                       {QStringLiteral("loss_bursts"), bursts},
                       {QStringLiteral("tiers"), QJsonObject{{QStringLiteral("latency"), tier(report.latency)},
                                                             {QStringLiteral("loss"), tier(report.loss)},
                                                             {QStringLiteral("overall"), tier(report.overall)}}},
                       {QStringLiteral("icmp_proxied"), report.icmpProxied},
                       {QStringLiteral("link_geo"), report.geo}};
}

} // namespace pathlens::core
