// SPDX-License-Identifier: GPL-3.0-or-later
// Probe series statistics, tiers and the proxy verdict, built incrementally.
#include "core/active/probe_report.h"

#include "core/active/probe_kind.h"
#include "core/base/notes_codec.h"

namespace pathlens::core {

namespace {
const char *const kHttpHeaderKeys[] = {"status", "via", "x-cache", "x-cache-hits", "x-forwarded-for", "server"};

std::optional<double> medianOf(const std::vector<double> &v)
{
    return v.empty() ? std::nullopt : std::optional<double>(percentile(v, 50));
}

bool is(const QString &probe, ProbeKind kind)
{
    return probe == QLatin1String(probeKindInfo(kind).id);
}
} // namespace

void ProbeReportBuilder::add(const ProbeSample &s)
{
    Series &series = m_series[{s.probe, s.target}];
    series.observations.push_back(s.observation());
    series.dirty = true;
    const bool http = is(s.probe, ProbeKind::HttpHead);
    const bool extras = http || is(s.probe, ProbeKind::DnsSystem);
    if (s.notes.isEmpty() || (!series.mode.isEmpty() && series.gateway && !extras))
        return;
    const auto notes = Notes::parse(s.notes);
    if (!notes)
        return;
    series.gateway = series.gateway || notes->value(QStringLiteral("gateway")) == QStringLiteral("1");
    if (series.mode.isEmpty())
        series.mode = notes->value(QStringLiteral("mode")).value_or(QString());
    if (http) {
        HttpAccumulator &a = series.http ? *series.http : series.http.emplace();
        auto num = [&notes](const char *key, std::vector<double> &into) {
            bool ok = false;
            const double v = notes->value(QString::fromLatin1(key)).value_or(QString()).toDouble(&ok);
            if (ok)
                into.push_back(v);
        };
        num("dns_ms", a.dns);
        num("connect_ms", a.connect);
        num("tls_ms", a.tls);
        num("first_byte_ms", a.firstByte);
        const auto reused = notes->value(QStringLiteral("reused"));
        if (reused == QStringLiteral("1"))
            ++a.reused;
        else if (reused == QStringLiteral("0"))
            ++a.connections;
        if (notes->value(QStringLiteral("status")) && s.utcUs >= a.headersAt) {
            a.headersAt = s.utcUs;
            a.headers.clear();
            for (const char *k : kHttpHeaderKeys)
                if (auto v = notes->value(QString::fromLatin1(k)))
                    a.headers.emplace_back(QString::fromLatin1(k), *v);
        }
    }
    if (extras && !s.rttMs) {
        const QString err = notes->value(QStringLiteral("error"))
                                .value_or(notes->value(QStringLiteral("timeout")) ? QStringLiteral("timeout") : QString());
        if (!err.isEmpty() && s.utcUs >= series.lastErrorAt) {
            series.lastErrorAt = s.utcUs;
            series.lastError = err;
        }
    }
}

void ProbeReportBuilder::addBurst(const BurstRecord &burst)
{
    m_bursts.push_back(burst);
}

ProbeReport ProbeReportBuilder::report()
{
    ProbeReport report;
    for (auto &[key, series] : m_series) {
        if (series.dirty) {
            ProbeSeriesSummary &summary = series.summary;
            summary = {key.first, key.second, probeStats(series.observations), series.mode, series.gateway, std::nullopt,
                       series.lastError};
            if (series.http) {
                const HttpAccumulator &a = *series.http;
                summary.http = HttpSeriesSummary{medianOf(a.dns), medianOf(a.connect), medianOf(a.tls), medianOf(a.firstByte),
                                                 a.connections, a.reused, a.headers, series.lastError};
            }
            series.dirty = false;
        }
        report.series.push_back(series.summary);
    }
    report.bursts = m_bursts;

    std::vector<const ProbeSeriesSummary *> internetIcmp, internetOther, internetHttp;
    std::map<QString, ProtocolComparison> internetKinds, gatewayKinds;
    auto best = [](std::optional<double> &slot, double v) { slot = slot ? std::min(*slot, v) : v; };
    for (const ProbeSeriesSummary &s : report.series) {
        if (is(s.probe, ProbeKind::Icmp) && report.icmpMode.isEmpty())
            report.icmpMode = s.mode;
        if (s.stats.received() > 0) {
            auto &kinds = s.gateway ? gatewayKinds : internetKinds;
            kinds[s.probe].probe = s.probe;
            best(s.gateway ? kinds[s.probe].gatewayP50Ms : kinds[s.probe].internetP50Ms, s.stats.p50Ms);
        }
        if (s.gateway)
            continue; // the gateway rates the local leg, not the internet
        if (is(s.probe, ProbeKind::Icmp))
            internetIcmp.push_back(&s);
        else if (is(s.probe, ProbeKind::UdpDns) || is(s.probe, ProbeKind::TcpConnect) || is(s.probe, ProbeKind::HttpHead))
            internetOther.push_back(&s);
        if (is(s.probe, ProbeKind::HttpHead))
            internetHttp.push_back(&s);
    }
    for (auto &[probe, row] : internetKinds) {
        if (auto g = gatewayKinds.find(probe); g != gatewayKinds.end())
            row.gatewayP50Ms = g->second.gatewayP50Ms;
        report.comparison.push_back(row);
    }
    for (auto &[probe, row] : gatewayKinds)
        if (!internetKinds.count(probe))
            report.comparison.push_back(row);

    for (const auto *icmp : internetIcmp)
        for (const auto *other : internetOther)
            if (icmpProxied(icmp->stats, other->stats)) {
                report.icmpProxied = true;
                report.icmpP50Ms = report.icmpP50Ms > 0 ? std::min(report.icmpP50Ms, icmp->stats.p50Ms) : icmp->stats.p50Ms;
                report.otherP50Ms = std::max(report.otherP50Ms, other->stats.p50Ms);
            }

    // Latency: the best-placed internet target's p50 over ICMP, or over HTTP when ICMP is answered
    // by a proxy (its RTT would flatter the link).
    const auto &latencySource = report.icmpProxied ? internetHttp : internetIcmp;
    std::optional<double> p50;
    for (const auto *s : latencySource)
        if (s->stats.received() > 0)
            best(p50, s->stats.p50Ms);
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
    return report;
}

} // namespace pathlens::core
