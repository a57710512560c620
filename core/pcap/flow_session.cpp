// SPDX-License-Identifier: GPL-3.0-or-later
// PcapFlow → TcpSession: the client's view of a captured connection, ready for the §1 grading policy.
#include "core/pcap/flow_session.h"

#include "core/stats/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pathlens::core {

namespace {

// The round trip on one side of the capture point (capture → that side → capture), in ms: from the
// handshake when it was captured, else the fastest Karn sample that crossed it; 0 when unknown.
// Minimums, because the other side's samples include its delayed ACKs.
double clientLegMs(const PcapFlow &f)
{
    if (f.synAckToAckNs >= 0)
        return double(f.synAckToAckNs) / 1e6;
    return f.fromServer.rtt.count ? f.fromServer.rtt.minMs : 0.0; // server data, the client's ACK
}

double serverLegMs(const PcapFlow &f)
{
    if (f.synToSynAckNs >= 0)
        return double(f.synToSynAckNs) / 1e6;
    return f.fromClient.rtt.count ? f.fromClient.rtt.minMs : 0.0; // client data, the server's ACK
}

struct WeightedMs {
    double ms = 0;
    double weight = 0;
};

// The median of samples that stand for different numbers of round trips: each direction keeps one
// sample in `stride` once thinned (pcap_flow.h), so a kept sample weighs its direction's true count
// over its kept count, and a busy direction is not outvoted by a quiet one's unthinned samples. The
// weighted median is the value where the cumulative weight passes half; on an exact half, the mean
// of that value and the next, so equal weights give the plain median (core::median).
double weightedMedian(std::vector<WeightedMs> v)
{
    std::sort(v.begin(), v.end(), [](const WeightedMs &a, const WeightedMs &b) { return a.ms < b.ms; });
    double total = 0;
    for (const WeightedMs &w : v)
        total += w.weight;
    const double half = total / 2;
    double cumulative = 0;
    for (size_t i = 0; i < v.size(); ++i) {
        cumulative += v[i].weight;
        if (std::abs(cumulative - half) <= 1e-9 * total && i + 1 < v.size())
            return (v[i].ms + v[i + 1].ms) / 2;
        if (cumulative > half)
            return v[i].ms;
    }
    return v.empty() ? 0.0 : v.back().ms;
}

} // namespace

TcpSession sessionFromFlow(const PcapFlow &flow, const QString &app)
{
    TcpSession s;
    s.app = app.isEmpty() ? QStringLiteral("unknown") : app;
    s.attribution = Attribution::Unknown; // no process is known for a captured packet
    s.localAddr = flow.clientEndpoint();
    s.remoteAddr = flow.serverEndpoint();
    // pcap timestamps are UTC; the same values serve as the monotonic pair (only differences are used).
    s.firstUtcUs = s.firstMonoUs = flow.firstTsNs / 1000;
    s.lastUtcUs = s.lastMonoUs = flow.lastTsNs / 1000;
    s.startExact = flow.clientBy == ClientBy::Syn && flow.synToSynAckNs >= 0; // the SYN itself was seen
    s.bytesUp = flow.fromClient.uniqueBytes;
    s.bytesDown = flow.fromServer.uniqueBytes;
    s.retransSegs = quint32(std::min<quint64>(flow.fromClient.retransmissions() + flow.fromServer.retransmissions(),
                                              std::numeric_limits<quint32>::max()));
    s.segsOut = quint32(std::min<quint64>(flow.fromClient.dataSegments + flow.fromServer.dataSegments,
                                          std::numeric_limits<quint32>::max()));
    s.closed = flow.closed();

    // A Karn sample measures capture → receiver → capture; adding the sender's own leg makes it the
    // round trip the sender saw, wherever the capture sits (at the client the client leg is ~0).
    const double clientLeg = clientLegMs(flow), serverLeg = serverLegMs(flow);
    std::vector<double> rtts;
    std::vector<WeightedMs> weighted;
    const std::pair<const RttSamples *, double> sides[] = {{&flow.fromClient.rtt, clientLeg}, {&flow.fromServer.rtt, serverLeg}};
    for (const auto &[rtt, leg] : sides) {
        const double weight = rtt->samplesMs.empty() ? 0.0 : double(rtt->count) / double(rtt->samplesMs.size());
        for (float ms : rtt->samplesMs) {
            rtts.push_back(double(ms) + leg);
            weighted.push_back(WeightedMs{double(ms) + leg, weight});
        }
    }
    const qint64 handshakeNs = flow.handshakeRttNs();
    if (!rtts.empty()) {
        double minMs = *std::min_element(rtts.begin(), rtts.end());
        if (handshakeNs >= 0)
            minMs = std::min(minMs, double(handshakeNs) / 1e6);
        s.minRttMs = minMs;
        s.readings = int(std::min<size_t>(rtts.size(), size_t(std::numeric_limits<int>::max())));
        const bool sameWeights = flow.fromClient.rtt.stride == flow.fromServer.rtt.stride
                                 || flow.fromClient.rtt.samplesMs.empty() || flow.fromServer.rtt.samplesMs.empty();
        s.medianRttMs = sameWeights ? median(rtts) : weightedMedian(std::move(weighted));
    } else if (handshakeNs >= 0) {
        s.medianRttMs = s.minRttMs = double(handshakeNs) / 1e6; // the handshake is the only round trip seen
        s.readings = 1;
    }
    return s; // grade stays Ungraded: the caller grades with its GradingPolicy, as for live sessions
}

} // namespace pathlens::core
