// SPDX-License-Identifier: GPL-3.0-or-later
// Probe series statistics, tiers and the proxy verdicts, built incrementally.
#include "core/active/probe_report.h"

#include "core/active/probe_kind.h"
#include "core/base/notes_codec.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pathlens::core {

namespace {
const char *const kHttpHeaderKeys[] = {"status", "via", "x-cache", "x-cache-hits", "x-forwarded-for", "server"};

std::optional<double> medianOf(const std::vector<double> &v)
{
    return v.empty() ? std::nullopt : std::optional<double>(percentile(v, 50));
}

// The collector marks every sample of the gateway series; the substring test keeps parsing rare.
bool isGatewayNote(const QString &notes)
{
    const auto n = Notes::parse(notes);
    return n && n->value(QStringLiteral("gateway")) == QStringLiteral("1");
}

bool is(const QString &probe, ProbeKind kind)
{
    return probe == QLatin1String(probeKindInfo(kind).id);
}
} // namespace

qint64 ProbeReportBuilder::SeqSegments::toVirtual(qint64 seq)
{
    constexpr qint64 kMaxGap = 10'000'000; // a jump this far is a new numbering too (bounded memory)
    const bool newRun = max < 0 || seq < base || seq - base > kMaxGap || (seq - base < qint64(seen.size()) && seen[size_t(seq - base)]);
    if (newRun) {
        if (max >= 0)
            offset += max - base + 1;
        base = seq;
        max = seq;
        seen.clear();
    }
    const size_t at = size_t(seq - base);
    if (at >= seen.size())
        seen.resize(at + 1, false);
    seen[at] = true;
    max = std::max(max, seq);
    return offset + (seq - base);
}

void ProbeReportBuilder::add(const ProbeSample &s)
{
    Series &series = m_series[{s.probe, s.target}];
    ProbeObservation o = s.observation();
    o.seq = series.segments.toVirtual(s.seq);
    series.observations.push_back(o);
    series.dirty = true;
    const bool http = is(s.probe, ProbeKind::HttpHead);
    const bool quic = is(s.probe, ProbeKind::Quic);
    const bool extras = http || quic || is(s.probe, ProbeKind::DnsSystem);
    // emplace(T{}), not emplace(): clang 14 (the fuzz build) finds these nested aggregates not default-constructible.
    if (quic && s.dnsMs) // the lookup is in its own column, not in the notes
        (series.quic ? *series.quic : series.quic.emplace(QuicAccumulator{})).dns.push_back(*s.dnsMs);
    if (!series.gateway && s.notes.contains(QLatin1String("gateway=1")))
        series.gateway = isGatewayNote(s.notes);
    // Mode comes with the first samples; only HTTP and system-DNS samples carry more per sample.
    if (s.notes.isEmpty() || (!extras && series.notesChecked))
        return;
    series.notesChecked = true;
    const auto notes = Notes::parse(s.notes);
    if (!notes)
        return;
    if (series.mode.isEmpty())
        series.mode = notes->value(QStringLiteral("mode")).value_or(QString());
    if (http) {
        HttpAccumulator &a = series.http ? *series.http : series.http.emplace(HttpAccumulator{});
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
    if (quic) {
        QuicAccumulator &a = series.quic ? *series.quic : series.quic.emplace(QuicAccumulator{});
        if (const auto addr = notes->value(QStringLiteral("addr")); addr && !addr->isEmpty() && !a.addresses.contains(*addr))
            a.addresses << *addr;
        if (s.rttMs && s.utcUs >= a.latestAt) {
            a.latestAt = s.utcUs;
            a.version = notes->value(QStringLiteral("version")).value_or(QString());
            a.alpn = notes->value(QStringLiteral("alpn")).value_or(QString());
            a.cert = notes->value(QStringLiteral("cert")).value_or(QString());
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
    const TimestampUs end = burst.burst.startUtcUs + TimestampUs(std::llround(burst.burst.durationMs * 1000));
    TimestampUs &through = m_recordedThrough.try_emplace({burst.probe, burst.target}, end).first->second;
    through = std::max(through, end);
}

std::vector<BurstRecord> ProbeReportBuilder::ongoingBursts() const
{
    // The trailing losses of each series since its last recorded burst, measured the way the
    // collector will record them, so that a live view shows an outage while it lasts and the file,
    // replayed at the same row, shows the same.
    std::vector<BurstRecord> out;
    for (const auto &[key, series] : m_series) {
        const auto recorded = m_recordedThrough.find(key);
        const TimestampUs after = recorded == m_recordedThrough.end() ? std::numeric_limits<TimestampUs>::min() : recorded->second;
        std::vector<ProbeObservation> run;
        for (auto it = series.observations.rbegin(); it != series.observations.rend() && !it->rttMs && it->sentUtcUs > after; ++it)
            run.push_back(*it);
        if (int(run.size()) < kMinLossBurst)
            continue;
        std::reverse(run.begin(), run.end());
        for (const LossBurst &b : lossBursts(run))
            out.push_back({key.first, key.second, b, true});
    }
    return out;
}

ProbeReport ProbeReportBuilder::report()
{
    ProbeReport report;
    for (auto &[key, series] : m_series) {
        if (series.dirty) {
            ProbeSeriesSummary &summary = series.summary;
            summary = {key.first, key.second, probeStats(series.observations), series.mode, series.gateway, std::nullopt,
                       std::nullopt, series.lastError};
            if (series.http) {
                const HttpAccumulator &a = *series.http;
                summary.http = HttpSeriesSummary{medianOf(a.dns), medianOf(a.connect), medianOf(a.tls), medianOf(a.firstByte),
                                                 a.connections, a.reused, a.headers, series.lastError};
            }
            if (series.quic) {
                const QuicAccumulator &a = *series.quic;
                summary.quic = QuicSeriesSummary{medianOf(a.dns), a.version, a.alpn, a.cert, a.addresses, series.lastError};
            } else if (is(key.first, ProbeKind::Quic)) {
                summary.quic = QuicSeriesSummary{std::nullopt, {}, {}, {}, {}, series.lastError};
            }
            series.dirty = false;
        }
        report.series.push_back(series.summary);
    }
    report.bursts = m_bursts;
    for (BurstRecord &b : ongoingBursts())
        report.bursts.push_back(std::move(b));

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
        else if (is(s.probe, ProbeKind::UdpDns) || is(s.probe, ProbeKind::TcpConnect) || is(s.probe, ProbeKind::HttpHead) ||
                 is(s.probe, ProbeKind::Quic))
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
    // GEO when the latency source says so, or when the QUIC handshake (one round trip, which no TCP
    // accelerator can shorten) takes over 400 ms: on an accelerated satellite link ICMP may be all
    // that is left to say it, and QUIC is the stronger witness (seed: the GEO latch is an OR of signals).
    LinkTypeLatch latch;
    std::optional<double> quicP50;
    for (const ProbeSeriesSummary &s : report.series)
        if (is(s.probe, ProbeKind::Quic) && !s.gateway && s.stats.received() > 0)
            best(quicP50, s.stats.p50Ms);
    if (p50)
        latch.observe(*p50);
    if (quicP50)
        latch.observe(*quicP50);
    if (p50)
        report.latency = latencyTier(*p50, latch.isGeo());
    report.geo = latch.isGeo();
    report.pep = detectPep(pepInput(report, report.geo));
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

PepInput ProbeReportBuilder::pepInput(const ProbeReport &report, bool geo) const
{
    PepInput in;
    in.geo = geo;
    auto side = [](const ProbeSeriesSummary &s) {
        PepSeries p{s.target, s.quic ? s.quic->addresses : QStringList(), s.stats.p50Ms, s.stats.received()};
        return p;
    };
    for (const ProbeSeriesSummary &s : report.series) {
        if (s.gateway)
            continue;
        if (is(s.probe, ProbeKind::Quic))
            in.quic.push_back(side(s));
        else if (is(s.probe, ProbeKind::TcpConnect))
            in.tcp.push_back(side(s));
    }
    if (in.quic.empty() || in.tcp.empty())
        return in;
    // The fallback pools every answered probe of each kind: the median of all of them, not of the medians.
    auto pooled = [this](ProbeKind kind) {
        std::vector<double> rtts;
        for (const auto &[key, series] : m_series)
            if (is(key.first, kind) && !series.gateway)
                for (const ProbeObservation &o : series.observations)
                    if (o.rttMs)
                        rtts.push_back(*o.rttMs);
        PepSeries p;
        p.samples = int(rtts.size());
        p.p50Ms = rtts.empty() ? 0 : percentileInPlace(rtts, 50);
        return p;
    };
    in.allQuic = pooled(ProbeKind::Quic);
    in.allTcp = pooled(ProbeKind::TcpConnect);
    return in;
}

} // namespace pathlens::core
