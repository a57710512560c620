// SPDX-License-Identifier: GPL-3.0-or-later
// Running the trains of one measurement and turning them into capacity results.
#include "collectors/trains/capacity_meter.h"

#include "collectors/mesh/stamp_sender.h"
#include "core/trains/capacity_estimate.h"
#include "core/trains/voice_train.h"

#include <QElapsedTimer>
#include <QThread>

#include <algorithm>
#include <functional>
#include <map>

namespace pathlens::collect {

namespace {
// IP + UDP header bytes of a STAMP datagram on the wire: 20 + 8 (IPv4), 40 + 8 (IPv6).
int udpIpHeader(const QHostAddress &a) { return a.protocol() == QAbstractSocket::IPv6Protocol ? 48 : 28; }

bool cancelled(const std::atomic<bool> *c) { return c && c->load(); }

// Paced tails go 1.25× faster than the last total: faster than the bottleneck drains, so its queue
// stays standing, even when the capacity rose by up to a fifth since (core::estimateCapacity checks).
constexpr double kPacingFactor = 1.25;

// A STAMP session to the measured agent's reflector; the caller sets count, burst, spacing, size.
StampSessionOptions stampSession(const CapacityOptions &o)
{
    StampSessionOptions s;
    s.host = o.address;
    s.port = o.stampPort;
    s.waitMs = o.waitMs;
    return s;
}

// Said when a longer train overflowed the bottleneck's queue: why the series stopped there.
QString queueNote(int longestLossless, int bytes, const core::PacketTrain &overflowed)
{
    return QStringLiteral("the path queues about %1 packets (%2 KB): a %3-packet train overflowed it, so longer trains were not sent "
                          "and that loss is not counted")
        .arg(longestLossless)
        .arg(longestLossless * bytes / 1000)
        .arg(overflowed.packets.size());
}

core::CapacityResult resultFrom(const CapacityOptions &o, const core::CapacityEstimate &e, int packetBytes)
{
    core::CapacityResult r;
    r.target = o.target;
    r.address = o.address.toString();
    r.phase = o.phase;
    r.measuredMbps = e.totalMbps;
    r.totalMbps = e.totalMbps;
    r.availableMbps = e.availableMbps;
    if (e.totalMbps && e.availableMbps)
        r.utilisedMbps = std::max(0.0, *e.totalMbps - *e.availableMbps);
    r.lossPct = e.lossPct;
    r.jitterMs = e.jitterMs;
    r.doubtful = e.doubtful;
    r.reason = e.reason;
    r.packetBytes = packetBytes;
    r.packets = e.packetsSent;
    r.bytes = e.bytesSent;
    r.dscp = o.dscp;
    return r;
}

// The trains of one measurement, short first: a train that overflows the bottleneck's queue by its
// own length ends the series (counted in the bytes, not analysed). `runOne` sends one train and
// returns it as each direction saw it; the first direction decides about overflow.
struct Series {
    std::vector<std::vector<core::PacketTrain>> byDirection;
    QString overflow;
    int overflowPackets = 0;
    qint64 overflowBytes = 0;
};
using RunOne = std::function<core::Result<std::vector<core::PacketTrain>>(int length, bool longest)>;

core::Result<Series> runSeries(const CapacityOptions &o, int bytes, const RunOne &runOne, const std::atomic<bool> *cancel)
{
    Series s;
    std::vector<int> lengths = o.trainLengths;
    std::sort(lengths.begin(), lengths.end());
    int longestLossless = 0;
    for (size_t i = 0; i < lengths.size() && !cancelled(cancel); ++i) {
        if (i > 0)
            QThread::msleep(o.trainGapMs);
        auto run = runOne(lengths[i], i + 1 == lengths.size());
        if (!run)
            return run.error();
        const core::PacketTrain &first = run->front();
        if (core::overflowedQueue(first, longestLossless)) {
            s.overflow = queueNote(longestLossless, bytes, first);
            s.overflowPackets = int(first.packets.size());
            s.overflowBytes = qint64(first.packets.size()) * first.packetBytes;
            break;
        }
        if (first.lost() == 0)
            longestLossless = std::max(longestLossless, lengths[i]);
        s.byDirection.resize(run->size());
        for (size_t d = 0; d < run->size(); ++d)
            s.byDirection[d].push_back(std::move((*run)[d]));
    }
    return s;
}

void addOverflowNote(core::CapacityResult &r, const Series &s, bool countBytes)
{
    if (s.overflow.isEmpty())
        return;
    r.reason = r.reason.isEmpty() ? s.overflow : r.reason + QStringLiteral("; ") + s.overflow;
    if (countBytes) {
        r.packets += s.overflowPackets;
        r.bytes += s.overflowBytes;
    }
}

void addVoice(core::CapacityResult &r, const core::PacketTrain &voice, core::VoiceCodec codec, std::optional<double> rttMs)
{
    const auto v = core::estimateVoice(voice, codec, rttMs);
    r.voiceLossPct = v.lossPct;
    r.voiceJitterMs = v.jitterMs;
    r.voiceMos = v.mos;
    r.codec = QString::fromLatin1(core::voiceCodecSpec(codec).name);
    r.packets += v.sent;
    r.bytes += qint64(v.sent) * voice.packetBytes;
}
} // namespace

core::Result<core::CapacityResult> measureSingleEnded(TrainTransport &t, const CapacityOptions &o, const std::atomic<bool> *cancel)
{
    const core::TimestampUs startedUs = core::nowUtcUs(); // a sample is stamped with its start
    int bytes = o.packetBytes;
    if (bytes <= 0) {
        auto mtu = t.discoverPathMtu();
        if (!mtu)
            return mtu.error();
        bytes = *mtu;
    }
    auto series = runSeries(
        o, bytes,
        [&](int length, bool longest) -> core::Result<std::vector<core::PacketTrain>> {
            TrainSend send{bytes, length, 0, 0, o.waitMs};
            if (longest && o.pacedPackets > 0 && o.pacingMbps && *o.pacingMbps > 0) {
                send.pacedCount = o.pacedPackets;
                send.pacedSpacingNs = qint64(8.0 * bytes / (kPacingFactor * *o.pacingMbps) * 1e3); // bits / (bits/µs) → µs → ns
            }
            auto run = t.run(send);
            if (!run)
                return run.error();
            return std::vector<core::PacketTrain>{std::move(run->train)};
        },
        cancel);
    if (!series)
        return series.error();
    const auto e = core::estimateCapacity(series->byDirection.empty() ? std::vector<core::PacketTrain>{} : series->byDirection.front());
    core::CapacityResult r = resultFrom(o, e, bytes);
    r.utcUs = startedUs;
    addOverflowNote(r, *series, true);
    if (e.fastestMs)
        r.latencyMs = *e.fastestMs / 2; // SPEC: half the round trip of the train's fastest packet
    if (o.voice && !cancelled(cancel)) {
        const auto &codec = core::voiceCodecSpec(*o.voice);
        auto run = t.run({codec.ipPacketBytes(), o.voicePackets, 0, qint64(codec.intervalMs) * 1'000'000, o.waitMs});
        if (!run)
            return run.error();
        addVoice(r, run->train, *o.voice, std::nullopt);
    }
    return r;
}

core::Result<std::vector<core::CapacityResult>> measureDualEnded(const CapacityOptions &o, const std::atomic<bool> *cancel)
{
    const core::TimestampUs startedUs = core::nowUtcUs();
    const int bytes = o.packetBytes > 0 ? o.packetBytes : 1500;
    std::vector<double> rtts;
    bool reverseBound = true; // every reverse train arrived no more spread than it left
    auto series = runSeries(
        o, bytes,
        [&](int length, bool) -> core::Result<std::vector<core::PacketTrain>> {
            StampSessionOptions s = stampSession(o);
            s.count = s.burst = length;
            s.intervalMs = 0;
            s.size = bytes - udpIpHeader(o.address);
            auto run = runStampSession(s);
            if (!run)
                return run.error();
            core::PacketTrain f, rv;
            f.packetBytes = rv.packetBytes = bytes;
            rv.senderStamped = false; // t3: the reflector answered as packets arrived
            std::optional<qint64> firstT3, lastT3, firstT4, lastT4;
            for (const StampSample &p : run->samples) {
                core::TrainPacket fp{p.t1, std::nullopt}, rp{p.t3, std::nullopt};
                if (p.answered) {
                    fp.rxNs = p.t2;
                    rp.rxNs = p.t4;
                    rtts.push_back(p.rttMs());
                    firstT3 = std::min(firstT3.value_or(p.t3), p.t3);
                    lastT3 = std::max(lastT3.value_or(p.t3), p.t3);
                    firstT4 = std::min(firstT4.value_or(p.t4), p.t4);
                    lastT4 = std::max(lastT4.value_or(p.t4), p.t4);
                }
                f.packets.push_back(fp);
                rv.packets.push_back(rp);
            }
            // 10 %: more spread on arrival than on leaving means the reverse path spaced them itself
            if (firstT3 && *lastT4 - *firstT4 > (*lastT3 - *firstT3) * 11 / 10)
                reverseBound = false;
            return std::vector<core::PacketTrain>{std::move(f), std::move(rv)};
        },
        cancel);
    if (!series)
        return series.error();
    series->byDirection.resize(2);
    const auto &forward = series->byDirection[0];
    const auto &reverse = series->byDirection[1];
    std::optional<double> rtt;
    if (!rtts.empty())
        rtt = *std::min_element(rtts.begin(), rtts.end());
    // The voice train: STAMP packets of the codec's RTP payload at its spacing; each packet's round
    // trip (reflector turnaround excluded) is its transit, as single-ended (a call goes both ways).
    std::optional<core::PacketTrain> voice;
    if (o.voice && !cancelled(cancel)) {
        const auto &codec = core::voiceCodecSpec(*o.voice);
        StampSessionOptions s = stampSession(o);
        s.count = o.voicePackets;
        s.intervalMs = codec.intervalMs;
        s.size = std::max(core::kStampUnauthSize, codec.ipPacketBytes() - udpIpHeader(o.address));
        auto run = runStampSession(s);
        if (!run)
            return run.error();
        voice.emplace();
        voice->packetBytes = s.size + udpIpHeader(o.address);
        for (const StampSample &p : run->samples)
            voice->packets.push_back({p.t1, p.answered ? std::optional<qint64>(p.t1 + (p.t4 - p.t1) - (p.t3 - p.t2)) : std::nullopt});
    }
    std::vector<core::CapacityResult> out;
    for (const auto &[dir, trains] : {std::pair{core::CapacityDirection::Forward, &forward},
                                      std::pair{core::CapacityDirection::Reverse, &reverse}}) {
        const auto e = core::estimateCapacity(*trains);
        core::CapacityResult r = resultFrom(o, e, bytes);
        r.utcUs = startedUs;
        r.mode = core::CapacityMode::DualEnded;
        r.direction = dir;
        if (rtt)
            r.latencyMs = *rtt / 2;
        if (dir == core::CapacityDirection::Reverse && !r.doubtful && reverseBound) {
            r.doubtful = true;
            r.reason = QStringLiteral("the reflector answered at the forward path's pace, so the reverse path is at least %1 Mbit/s")
                           .arg(r.measuredMbps.value_or(0), 0, 'f', 1);
            r.totalMbps.reset();
            r.measuredMbps.reset();
            r.availableMbps.reset();
            r.utilisedMbps.reset();
        }
        addOverflowNote(r, *series, dir == core::CapacityDirection::Forward);
        if (voice)
            addVoice(r, *voice, *o.voice, std::nullopt);
        if (dir == core::CapacityDirection::Reverse) { // the test traffic went both ways: count it once
            r.packets = 0;
            r.bytes = 0;
        }
        out.push_back(std::move(r));
    }
    return out;
}

core::Result<core::Diagnosis> sweepHops(TrainTransport &t, const HopSweepOptions &o, const std::atomic<bool> *cancel)
{
    core::Diagnosis d;
    d.utcUs = core::nowUtcUs();
    QElapsedTimer clock; // pacing on a monotonic clock: a wall-clock step must not stall the sweep
    clock.start();
    const int perHop = [&] {
        int n = o.smallPackets;
        for (int l : o.trainLengths)
            n += l;
        return n;
    }();
    const int maxTtl = std::min(o.maxTtl, std::max(1, o.maxPackets / std::max(1, perHop)));
    // Pacing: after each train, wait until the bits sent so far fit under maxKbps.
    qint64 bitsSent = 0;
    auto pace = [&] {
        const double dueMs = double(bitsSent) / o.maxKbps; // bits / (kbit/s) = ms
        // In slices, so a cancel (the collector stopping) is seen within 100 ms.
        while (!cancelled(cancel) && dueMs > double(clock.elapsed()))
            QThread::msleep(ulong(std::min(100.0, dueMs - double(clock.elapsed()))));
    };
    for (int ttl = 1; ttl <= maxTtl && !cancelled(cancel); ++ttl) {
        core::HopFinding hop;
        hop.ttl = ttl;
        std::vector<core::PacketTrain> trains;
        std::map<QString, int> by;
        for (int len : o.trainLengths) {
            auto run = t.run({o.packetBytes, len, ttl, 0, o.waitMs});
            if (!run)
                return run.error();
            bitsSent += qint64(len) * o.packetBytes * 8;
            if (!run->answeredBy.isEmpty())
                ++by[run->answeredBy];
            hop.destination = hop.destination || run->reachedTarget;
            if (run->quotedDscp)
                hop.dscpSeen = run->quotedDscp;
            trains.push_back(std::move(run->train));
            pace();
        }
        auto small = t.run({o.smallBytes, o.smallPackets, ttl, 10'000'000, o.waitMs}); // 10 ms apart
        if (!small)
            return small.error();
        bitsSent += qint64(o.smallPackets) * o.smallBytes * 8;
        if (!small->answeredBy.isEmpty())
            ++by[small->answeredBy];
        hop.destination = hop.destination || small->reachedTarget;
        trains.push_back(small->train);
        const auto e = core::estimateCapacity({trains.begin(), trains.end() - 1});
        hop.capacityMbps = e.totalMbps;
        std::optional<double> fastest;
        for (const core::PacketTrain &tr : trains) {
            hop.sent += int(tr.packets.size());
            hop.received += tr.received();
            for (const core::TrainPacket &p : tr.packets)
                if (p.rxNs)
                    fastest = std::min(fastest.value_or(1e18), double(*p.rxNs - p.txNs) / 1e6);
        }
        hop.lossPct = hop.sent ? 100.0 * (hop.sent - hop.received) / hop.sent : 0;
        if (fastest)
            hop.latencyMs = *fastest / 2;
        for (const auto &[from, n] : by)
            if (hop.address.isEmpty() || n > by[hop.address])
                hop.address = from;
        d.packets += hop.sent;
        d.bytes += qint64(o.packetBytes) * (hop.sent - o.smallPackets) + qint64(o.smallBytes) * o.smallPackets;
        d.hops.push_back(hop);
        pace();
        if (hop.destination)
            break;
    }
    d.durationS = double(clock.elapsed()) / 1e3;
    return d;
}

} // namespace pathlens::collect
