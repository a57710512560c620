// SPDX-License-Identifier: GPL-3.0-or-later
// The PEP verdict: shared-target pairs first, every probe pooled as the fallback.
#include "core/active/pep_detection.h"

#include "core/active/probe_targets.h"

namespace pathlens::core {

namespace {
PepEvidence compare(const PepSeries &quic, const PepSeries &tcp, PepEvidence::Basis basis, const QString &target)
{
    PepEvidence e;
    e.basis = basis;
    e.target = target;
    e.quicTarget = quic.target;
    e.tcpTarget = tcp.target;
    e.quicP50Ms = quic.p50Ms;
    e.tcpP50Ms = tcp.p50Ms;
    e.quicSamples = quic.samples;
    e.tcpSamples = tcp.samples;
    e.ratio = tcp.p50Ms > 0 ? quic.p50Ms / tcp.p50Ms : 0;
    return e;
}

// The host a QUIC target names ("host:8443" → "host"), or the entry when it does not parse.
QString quicHost(const QString &target)
{
    const auto hp = splitHostPort(target, 0);
    return hp ? hp->host : target.trimmed();
}
} // namespace

bool pepRatioMet(const PepSeries &quic, const PepSeries &tcp)
{
    return quic.samples >= kPepMinSamples && tcp.samples >= kPepMinSamples && tcp.p50Ms > 0 &&
           quic.p50Ms / tcp.p50Ms >= kPepMinRatio;
}

PepVerdict detectPep(const PepInput &in)
{
    PepVerdict v;
    std::optional<PepEvidence> best;
    bool bestMet = false;
    for (const PepSeries &q : in.quic) {
        if (q.samples == 0)
            continue;
        const QString host = quicHost(q.target);
        for (const PepSeries &t : in.tcp) {
            if (t.samples == 0)
                continue;
            const QString tcpHost = t.target.trimmed();
            if (tcpHost != host && !q.addresses.contains(tcpHost))
                continue;
            const bool met = pepRatioMet(q, t);
            PepEvidence e = compare(q, t, PepEvidence::Basis::SharedTarget, tcpHost);
            if (!best || (met && !bestMet) || (met == bestMet && e.ratio > best->ratio)) {
                best = e;
                bestMet = met;
            }
        }
    }
    if (!best && in.allQuic.samples > 0 && in.allTcp.samples > 0) {
        best = compare(in.allQuic, in.allTcp, PepEvidence::Basis::AllTargets, QString());
        best->quicTarget.clear();
        best->tcpTarget.clear();
        bestMet = pepRatioMet(in.allQuic, in.allTcp);
    }
    v.evidence = best;
    v.detected = best && bestMet && in.geo;
    return v;
}

} // namespace pathlens::core
