// SPDX-License-Identifier: GPL-3.0-or-later
// Per-cycle mesh arithmetic.
#include "core/mesh/mesh_cycle.h"

#include "core/stats/statistics.h"

#include <algorithm>

namespace pathlens::core {

namespace {
// Capacity from the median of the usable trains' widest gaps (bits of one packet / spacing).
std::optional<double> capacity(const std::vector<double> &dispersionsUs, int bytes)
{
    if (dispersionsUs.empty())
        return std::nullopt;
    return double(bytes) * 8.0 / median(dispersionsUs); // bits per µs = Mbit/s
}
} // namespace

MeshCycleResult analyseMeshCycle(const std::vector<StampExchange> &echo, const std::vector<StampExchange> &trains,
                                 MeshPairHistory &history, int trainLength)
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
    int bytes = 0, incomplete = 0, tooClose = 0, trainCount = 0;
    const size_t n = size_t(std::max(2, trainLength));
    for (size_t i = 0; i + n <= trains.size(); i += n) {
        ++trainCount;
        bool complete = true;
        double fwdGap = 0, revGap = 0;
        for (size_t k = i + 1; k < i + n && complete; ++k) {
            const StampExchange &a = trains[k - 1], &b = trains[k];
            complete = a.answered && b.answered && b.reflectorSequence == a.reflectorSequence + 1;
            fwdGap = std::max(fwdGap, double(b.t2 - a.t2) / 1e3);
            revGap = std::max(revGap, double(b.t4 - a.t4) / 1e3);
        }
        if (!complete) {
            ++incomplete; // a loss or reordering inside the train: its spacing means nothing
            continue;
        }
        bytes = trains[i + n - 1].bytes;
        if (fwdGap < kMinDispersionUs) {
            ++tooClose;
            continue;
        }
        fwdDisp.push_back(fwdGap);
        if (revGap >= kMinDispersionUs)
            revDisp.push_back(revGap);
        ++r.trainsUsed;
    }
    r.capacityForwardMbps = capacity(fwdDisp, bytes);
    // The reflector answers each packet as it arrives, so the answers leave spaced by the forward
    // dispersion: the reverse figure is the smaller of the two directions' capacities.
    r.capacityReverseMbps = capacity(revDisp, bytes);
    if (trains.empty())
        r.capacityNote = QStringLiteral("no packet trains this cycle");
    else if (r.trainsUsed == 0)
        r.capacityNote = tooClose ? QStringLiteral("doubtful: packets arrived closer than %1 µs (a burst let them through unspaced)")
                                        .arg(kMinDispersionUs)
                                  : QStringLiteral("doubtful: every train lost or reordered a packet");
    else if (incomplete + tooClose > 0)
        r.capacityNote = QStringLiteral("%1 of %2 trains discarded").arg(incomplete + tooClose).arg(trainCount);
    return r;
}

} // namespace pathlens::core
