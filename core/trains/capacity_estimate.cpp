// SPDX-License-Identifier: GPL-3.0-or-later
// Capacity by dispersion: per-train gaps, the shaper-burst prefix, total/available and doubt.
#include "core/trains/capacity_estimate.h"

#include "core/stats/statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pathlens::core {

namespace {
constexpr int kShortTrainMax = 10, kLongTrainMin = 20; // the disagreement check's two groups
// A paced tail sent slower than 95 % of the capacity lets the queue run dry: its gaps then only
// repeat the sender's (5 %: the sender's timing error over a tail).
constexpr double kMinPacingShare = 0.95;

double mbps(double bitsPerGap, double gapNs) { return bitsPerGap / gapNs * 1e3; } // bits/ns → Mbit/s

struct TrainGaps {
    std::vector<qint64> rx; // received stamps, in arrival order
    int prefix = 0;         // leading gaps let through by a burst
    bool lossless = false;
    int sent = 0;
    double bits = 0;        // one packet
    bool resolvable = false; // its dispersion is above what timestamps resolve
    bool sentSlowly = false; // the sender itself spread it: its arrivals time the sender, not the path
    int spacedGaps() const { return int(rx.size()) - 1 - prefix; }
    // Mean gap after the burst prefix: first spaced packet to the last one.
    double dispersionNs() const { return double(rx.back() - rx[size_t(prefix)]) / spacedGaps(); }
};

QString mbpsText(double v) { return QString::number(v, 'f', v < 10 ? 2 : 1); }

// Paced tails behind a standing queue: the bottleneck sends each tail packet plus whatever others
// sent meanwhile, so C × mean(gap out) = L + X × mean(gap in), X being the others' rate
// (Spruce's reasoning, with the queue kept standing so the sender's timing jitter does not matter).
// Only valid when the tail was sent at least as fast as the bottleneck drains (else the queue
// empties between packets and the gaps say nothing): nullopt then, or when no gap survived loss.
std::optional<double> pacedAvailable(const std::vector<const PacketTrain *> &paced, double totalMbps, int *gapsUsed)
{
    double outSum = 0, inSum = 0, bits = 0;
    int gaps = 0;
    for (const PacketTrain *t : paced)
        for (size_t i = size_t(t->pacedFrom); i < t->packets.size(); ++i) {
            const TrainPacket &a = t->packets[i - 1], &b = t->packets[i];
            if (!a.rxNs || !b.rxNs || *b.rxNs <= *a.rxNs)
                continue;
            outSum += double(*b.rxNs - *a.rxNs);
            inSum += double(b.txNs - a.txNs);
            bits += 8.0 * t->packetBytes;
            ++gaps;
        }
    *gapsUsed = gaps;
    if (gaps == 0 || inSum <= 0)
        return std::nullopt;
    const double c = totalMbps / 1e3; // bits per ns
    const double pacing = bits / inSum;
    if (pacing < kMinPacingShare * c)
        return std::nullopt;
    const double others = (c * outSum - bits) / inSum * 1e3; // Mbit/s
    return std::clamp(totalMbps - others, 0.0, totalMbps);
}
} // namespace

bool overflowedQueue(const PacketTrain &train, int longestLossless)
{
    if (longestLossless < 2 || train.lost() == 0 || int(train.packets.size()) <= longestLossless)
        return false;
    for (int i = 0; i < longestLossless; ++i)
        if (!train.packets[size_t(i)].rxNs)
            return false;
    return true;
}

int burstPrefixLength(const std::vector<qint64> &gaps, double fraction)
{
    int best = 0;
    qint64 prefixMax = 0;
    // k gaps discarded leaves gaps[k..]; at least one must remain to compare against.
    for (size_t k = 1; k < gaps.size(); ++k) {
        prefixMax = std::max(prefixMax, gaps[k - 1]);
        std::vector<double> rest(gaps.begin() + qsizetype(k), gaps.end());
        if (double(prefixMax) < fraction * median(std::move(rest)))
            best = int(k);
    }
    return best;
}

CapacityEstimate estimateCapacity(const std::vector<PacketTrain> &all, const CapacityEstimateOptions &o)
{
    // The back-to-back heads carry the total; paced tails (if any) the traffic of others.
    std::vector<PacketTrain> trains;
    std::vector<const PacketTrain *> paced;
    int tailPackets = 0, tailReceived = 0;
    qint64 tailBytes = 0;
    for (const PacketTrain &t : all) {
        if (t.pacedFrom <= 0 || t.pacedFrom >= int(t.packets.size())) {
            trains.push_back(t);
            continue;
        }
        PacketTrain head = t;
        head.packets.resize(size_t(t.pacedFrom));
        head.pacedFrom = 0;
        trains.push_back(std::move(head));
        paced.push_back(&t);
        for (size_t i = size_t(t.pacedFrom); i < t.packets.size(); ++i) {
            ++tailPackets;
            tailReceived += t.packets[i].rxNs ? 1 : 0;
            tailBytes += t.packetBytes;
        }
    }
    CapacityEstimate e;
    int received = 0;
    std::vector<TrainGaps> usable;
    std::optional<double> fastestNs;
    for (const PacketTrain &t : trains) {
        e.packetsSent += int(t.packets.size());
        e.bytesSent += qint64(t.packets.size()) * t.packetBytes;
        TrainGaps g;
        g.sent = int(t.packets.size());
        g.bits = 8.0 * t.packetBytes;
        for (const TrainPacket &p : t.packets) {
            if (!p.rxNs)
                continue;
            g.rx.push_back(*p.rxNs);
            const double transit = double(*p.rxNs - p.txNs);
            if (!fastestNs || transit < *fastestNs)
                fastestNs = transit;
        }
        received += int(g.rx.size());
        g.lossless = int(g.rx.size()) == g.sent;
        if (g.rx.size() < 2)
            continue;
        std::sort(g.rx.begin(), g.rx.end()); // reordered answers: dispersion is about arrivals
        std::vector<qint64> gaps;
        for (size_t i = 1; i < g.rx.size(); ++i)
            gaps.push_back(g.rx[i] - g.rx[i - 1]);
        g.prefix = burstPrefixLength(gaps, o.burstGapFraction);
        e.burstPackets += g.prefix;
        g.resolvable = g.spacedGaps() >= 1 && g.dispersionNs() >= double(o.minResolvableGapNs);
        // Sent no faster than it arrived (over the answered packets): a busy CPU paced the train,
        // not the bottleneck. Only where we stamped the sending, and only for trains timing can resolve.
        if (t.senderStamped && g.resolvable) {
            std::optional<qint64> firstTx, lastTx;
            for (const TrainPacket &p : t.packets)
                if (p.rxNs) {
                    firstTx = std::min(firstTx.value_or(p.txNs), p.txNs);
                    lastTx = std::max(lastTx.value_or(p.txNs), p.txNs);
                }
            g.sentSlowly = double(*lastTx - *firstTx) > o.maxSendShare * double(g.rx.back() - g.rx.front());
        }
        e.slowTrains += g.sentSlowly ? 1 : 0;
        usable.push_back(std::move(g));
    }
    e.packetsSent += tailPackets;
    e.bytesSent += tailBytes;
    received += tailReceived;
    if (e.packetsSent > 0)
        e.lossPct = 100.0 * (e.packetsSent - received) / e.packetsSent;
    if (fastestNs)
        e.fastestMs = *fastestNs / 1e6;

    // Available: every timeable train, lossy ones included (their lost packets add no bits).
    double bitsSum = 0, spanSum = 0;
    std::vector<double> spacedGaps;
    for (const TrainGaps &g : usable) {
        if (!g.resolvable || g.sentSlowly)
            continue;
        bitsSum += g.bits * g.spacedGaps();
        spanSum += double(g.rx.back() - g.rx[size_t(g.prefix)]);
        for (size_t i = size_t(g.prefix) + 1; i < g.rx.size(); ++i)
            spacedGaps.push_back(double(g.rx[i] - g.rx[i - 1]));
    }
    if (!spacedGaps.empty()) {
        const double mid = median(spacedGaps);
        double dev = 0;
        for (double gap : spacedGaps)
            dev += std::fabs(gap - mid);
        e.jitterMs = dev / double(spacedGaps.size()) / 1e6;
    }

    // Total: the minimum dispersion over lossless trains that timing can resolve.
    double minDispersion = std::numeric_limits<double>::infinity();
    double fastestUnresolved = std::numeric_limits<double>::infinity();
    int lossless = 0;
    std::optional<double> shortBest, longBest; // highest capacity per group (Mbit/s)
    for (const TrainGaps &g : usable) {
        if (!g.lossless || g.spacedGaps() < 1 || g.sentSlowly)
            continue;
        ++lossless;
        const double d = g.dispersionNs();
        if (!g.resolvable) {
            fastestUnresolved = std::min(fastestUnresolved, d);
            continue;
        }
        e.spacedGaps += g.spacedGaps();
        minDispersion = std::min(minDispersion, d);
        const double c = mbps(g.bits, d);
        if (g.sent <= kShortTrainMax)
            shortBest = std::max(shortBest.value_or(0), c);
        if (g.sent >= kLongTrainMin)
            longBest = std::max(longBest.value_or(0), c);
    }
    const double bits = usable.empty() ? 0 : usable.front().bits;
    if (spanSum > 0)
        e.availableMbps = bitsSum / spanSum * 1e3;

    auto doubt = [&e](QString why) {
        e.doubtful = true;
        e.reason = std::move(why);
        e.totalMbps.reset();
        e.availableMbps.reset();
    };
    if (lossless == 0 && e.slowTrains > 0) {
        doubt(QStringLiteral("this host could not send the trains back to back (%1 of %2 went out as slowly as they arrived: a busy CPU)")
                  .arg(e.slowTrains)
                  .arg(trains.size()));
        return e;
    }
    if (lossless == 0) {
        doubt(usable.empty() && received < 2 ? QStringLiteral("too few answers to time (%1 of %2)").arg(received).arg(e.packetsSent)
                                             : QStringLiteral("every train lost packets: no loss-free train to time"));
        return e;
    }
    if (!std::isfinite(minDispersion)) {
        doubt(QStringLiteral("packets arrived %1 µs apart, closer than software timestamps resolve: a shaper's "
                             "burst allowance or a path faster than %2 Mbit/s (longer trains would tell)")
                  .arg(fastestUnresolved / 1e3, 0, 'f', 1)
                  .arg(mbpsText(mbps(bits, double(o.minResolvableGapNs)))));
        return e;
    }
    if (e.spacedGaps < o.minSpacedGaps) {
        doubt(QStringLiteral("only %1 spaced gap(s) after the shaper's burst (%2 packets unspaced): too few to time")
                  .arg(e.spacedGaps)
                  .arg(e.burstPackets));
        return e;
    }
    if (shortBest && longBest && *shortBest > o.shortLongDisagreement * *longBest) {
        doubt(QStringLiteral("short trains saw %1 Mbit/s, long trains %2: a shaper lets bursts through faster than it sustains")
                  .arg(mbpsText(*shortBest), mbpsText(*longBest)));
        return e;
    }
    e.totalMbps = mbps(bits, minDispersion);
    if (e.availableMbps)
        e.availableMbps = std::min(*e.availableMbps, *e.totalMbps);
    if (const auto fromPaced = pacedAvailable(paced, *e.totalMbps, &e.pacedGaps))
        e.availableMbps = fromPaced;
    return e;
}

} // namespace pathlens::core
