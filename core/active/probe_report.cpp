// SPDX-License-Identifier: GPL-3.0-or-later
// Reads probe_samples/loss_bursts and rates the link.
#include "core/active/probe_report.h"

#include "core/store/probe_rows.h"
#include "core/base/notes_codec.h"
#include "core/active/probe_sample.h"

#include <QJsonArray>

#include <map>

namespace pathlens::core {

namespace {
bool isGatewaySample(const ProbeSample &s)
{
    auto notes = Notes::parse(s.notes);
    return notes && notes->value(QStringLiteral("gateway")) == QStringLiteral("1");
}

const char *const kHttpHeaderKeys[] = {"status", "via", "x-cache", "x-cache-hits", "x-forwarded-for", "server"};

// Per-series accumulation of the HTTP notes while the samples stream by.
struct HttpAccumulator {
    std::vector<double> dns, connect, tls, firstByte;
    qint64 connections = 0, reused = 0;
    TimestampUs headersAt = -1, errorAt = -1;
    std::vector<std::pair<QString, QString>> headers;
    QString error;

    void add(const ProbeSample &s, const Notes &n)
    {
        auto num = [&n](const char *key, std::vector<double> &into) {
            bool ok = false;
            const double v = n.value(QString::fromLatin1(key)).value_or(QString()).toDouble(&ok);
            if (ok)
                into.push_back(v);
        };
        num("dns_ms", dns);
        num("connect_ms", connect);
        num("tls_ms", tls);
        num("first_byte_ms", firstByte);
        const auto reusedNote = n.value(QStringLiteral("reused"));
        if (reusedNote == QStringLiteral("1"))
            ++reused;
        else if (reusedNote == QStringLiteral("0"))
            ++connections;
        if (n.value(QStringLiteral("status")) && s.utcUs >= headersAt) {
            headersAt = s.utcUs;
            headers.clear();
            for (const char *k : kHttpHeaderKeys)
                if (auto v = n.value(QString::fromLatin1(k)))
                    headers.emplace_back(QString::fromLatin1(k), *v);
        }
    }
};

std::optional<double> medianOf(const std::vector<double> &v)
{
    return v.empty() ? std::nullopt : std::optional<double>(percentile(v, 50));
}
} // namespace

Result<ProbeReport> buildProbeReport(CaptureStore &store)
{
    std::map<std::pair<QString, QString>, std::vector<ProbeObservation>> bySeries;
    std::map<std::pair<QString, QString>, QString> modes;
    std::map<std::pair<QString, QString>, bool> gateway;
    std::map<std::pair<QString, QString>, HttpAccumulator> http;
    std::map<std::pair<QString, QString>, std::pair<TimestampUs, QString>> lastError;
    auto r = store.forEach(Table::ProbeSamples, [&](const Row &row) {
        const ProbeSample s = probeSampleFromRow(row);
        const auto key = std::make_pair(s.probe, s.target);
        bySeries[key].push_back(s.observation());
        gateway[key] = gateway[key] || isGatewaySample(s);
        const bool extras = s.probe == QLatin1String("http_head") || s.probe == QLatin1String("dns_system");
        if (!modes[key].isEmpty() && !extras)
            return true;
        if (auto notes = Notes::parse(s.notes)) {
            if (modes[key].isEmpty())
                modes[key] = notes->value(QStringLiteral("mode")).value_or(QString());
            if (s.probe == QLatin1String("http_head"))
                http[key].add(s, *notes);
            if (extras && !s.rttMs) {
                auto &last = lastError[key];
                const QString err = notes->value(QStringLiteral("error"))
                                        .value_or(notes->value(QStringLiteral("timeout")) ? QStringLiteral("timeout")
                                                                                          : QString());
                if (!err.isEmpty() && s.utcUs >= last.first)
                    last = {s.utcUs, err};
            }
        }
        return true;
    });
    if (!r)
        return r.error();

    ProbeReport report;
    std::vector<const ProbeSeriesSummary *> internetIcmp, internetOther, internetHttp;
    for (auto &[key, obs] : bySeries) {
        ProbeSeriesSummary summary{key.first, key.second, probeStats(obs), modes[key], std::nullopt, QString()};
        if (auto e = lastError.find(key); e != lastError.end())
            summary.lastError = e->second.second;
        if (key.first == QLatin1String("http_head")) {
            const HttpAccumulator &a = http[key];
            HttpSeriesSummary h;
            h.dnsMs = medianOf(a.dns);
            h.connectMs = medianOf(a.connect);
            h.tlsMs = medianOf(a.tls);
            h.firstByteMs = medianOf(a.firstByte);
            h.connections = a.connections;
            h.reused = a.reused;
            h.lastHeaders = a.headers;
            h.lastError = summary.lastError;
            summary.http = h;
        }
        report.series.push_back(summary);
    }
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
        auto opt = [](const std::optional<double> &v) { return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null); };
        if (s.http) {
            o[QStringLiteral("dns_ms")] = opt(s.http->dnsMs);
            o[QStringLiteral("connect_ms")] = opt(s.http->connectMs);
            o[QStringLiteral("tls_ms")] = opt(s.http->tlsMs);
            o[QStringLiteral("first_byte_ms")] = opt(s.http->firstByteMs);
            o[QStringLiteral("connections")] = double(s.http->connections);
            o[QStringLiteral("reused")] = double(s.http->reused);
            QJsonObject headers;
            for (const auto &[k, v] : s.http->lastHeaders)
                headers[k] = v;
            o[QStringLiteral("headers")] = headers;
        }
        if (s.probe == QLatin1String("http_head") || s.probe == QLatin1String("dns_system"))
            o[QStringLiteral("last_error")] = s.lastError.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.lastError);
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
