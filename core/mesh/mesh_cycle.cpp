// SPDX-License-Identifier: GPL-3.0-or-later
// Per-cycle mesh arithmetic.
#include "core/mesh/mesh_cycle.h"

#include <algorithm>

namespace pathlens::core {

namespace {
double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t mid = v.size() / 2;
    return v.size() % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2.0;
}

// Capacity from the median of the usable pairs' dispersions (bits of the second packet / spacing).
std::optional<double> capacity(const std::vector<double> &dispersionsUs, int bytes)
{
    if (dispersionsUs.empty())
        return std::nullopt;
    return double(bytes) * 8.0 / median(dispersionsUs); // bits per µs = Mbit/s
}
} // namespace

MeshCycleResult analyseMeshCycle(const std::vector<StampExchange> &echo, const std::vector<StampExchange> &pairs,
                                 MeshPairHistory &history)
{
    MeshCycleResult r;
    std::vector<double> rtts, fwd, rev;
    const StampExchange *last = nullptr;
    for (const StampExchange &e : echo) {
        ++r.sent;
        if (!e.answered)
            continue;
        ++r.answered;
        rtts.push_back(double((e.t4 - e.t1) - (e.t3 - e.t2)) / 1e6);
        fwd.push_back(double(e.t2 - e.t1) / 1e6);
        rev.push_back(double(e.t4 - e.t3) / 1e6);
        if (!last || e.sequence > last->sequence)
            last = &e;
    }
    r.rttMs = median(rtts);
    r.lossPct = r.sent ? 100.0 * (r.sent - r.answered) / r.sent : 0;
    if (last) {
        // A stateful reflector numbers what it received from 0: up to the last answered packet,
        // the gap between our numbers and its numbers was lost on the way there, the rest on the
        // way back. After the last answer the direction is unknown: counted forward (the cautious
        // reading for a link that may have gone down).
        const int reachedUpToLast = int(last->reflectorSequence) + 1;
        const int sentUpToLast = int(last->sequence) + 1;
        if (reachedUpToLast <= sentUpToLast && reachedUpToLast >= r.answered) {
            const int lostForward = (sentUpToLast - reachedUpToLast) + (r.sent - sentUpToLast);
            const int lostReverse = reachedUpToLast - r.answered;
            r.lossForwardPct = 100.0 * lostForward / r.sent;
            r.lossReversePct = 100.0 * lostReverse / (r.sent - lostForward > 0 ? r.sent - lostForward : 1);
        }
    }
    if (!fwd.empty()) {
        const double f = median(fwd), b = median(rev);
        const double minF = *std::min_element(fwd.begin(), fwd.end()), minB = *std::min_element(rev.begin(), rev.end());
        history.minForwardOffsetMs = history.minForwardOffsetMs ? std::min(*history.minForwardOffsetMs, minF) : minF;
        history.minReverseOffsetMs = history.minReverseOffsetMs ? std::min(*history.minReverseOffsetMs, minB) : minB;
        r.queueForwardMs = std::max(0.0, f - *history.minForwardOffsetMs);
        r.queueReverseMs = std::max(0.0, b - *history.minReverseOffsetMs);
    }

    std::vector<double> fwdDisp, revDisp;
    int bytes = 0, incomplete = 0, tooClose = 0;
    for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
        const StampExchange &a = pairs[i], &b = pairs[i + 1];
        if (!a.answered || !b.answered || b.reflectorSequence != a.reflectorSequence + 1) {
            ++incomplete; // a loss or reordering inside the pair: its spacing means nothing
            continue;
        }
        bytes = b.bytes;
        const double f = double(b.t2 - a.t2) / 1e3, v = double(b.t4 - a.t4) / 1e3;
        if (f < kMinDispersionUs) {
            ++tooClose;
            continue;
        }
        fwdDisp.push_back(f);
        if (v >= kMinDispersionUs)
            revDisp.push_back(v);
        ++r.pairsUsed;
    }
    r.capacityForwardMbps = capacity(fwdDisp, bytes);
    // The reflector answers each packet as it arrives, so the answers leave spaced by the forward
    // dispersion: the reverse figure is the smaller of the two directions' capacities.
    r.capacityReverseMbps = capacity(revDisp, bytes);
    if (pairs.empty())
        r.capacityNote = QStringLiteral("no packet pairs this cycle");
    else if (r.pairsUsed == 0)
        r.capacityNote = tooClose ? QStringLiteral("doubtful: packets arrived closer than %1 µs (a burst let them through unspaced)")
                                        .arg(kMinDispersionUs)
                                  : QStringLiteral("doubtful: every pair lost or reordered a packet");
    else if (incomplete + tooClose > 0)
        r.capacityNote = QStringLiteral("%1 of %2 pairs discarded").arg(incomplete + tooClose).arg(int(pairs.size() / 2));
    return r;
}

} // namespace pathlens::core
