// SPDX-License-Identifier: GPL-3.0-or-later
// Trace engine loop: receive, stamp, expire, send — over any TraceTransport; then hops from the answers.
#include "trace_engine.h"

#include "core/base/time_utc.h"

#include <QHash>
#include <QHostInfo>
#include <QRandomGenerator>

#include <algorithm>
#include <chrono>

namespace pathlens::collect {

namespace {
using Steady = std::chrono::steady_clock;

constexpr quint16 kUdpBasePort = 33434; // traceroute's traditional base port (rarely listened on)
constexpr quint16 kTcpDefaultPort = 80; // tcptraceroute's default: usually open, so SYN-ACK ends the trace
constexpr int kMaxTtl = 255;            // the IP TTL field is 8 bits
constexpr int kMaxProbesPerHop = 10;
constexpr int kMaxWaitSliceMs = 50;     // cancel is noticed within 50 ms
constexpr int kMaxIterations = 200000;  // hard bound on the loop, far above any real trace

qint64 realtimeNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct Probe {
    int ttl = 0;
    int index = 0;
    qint64 preNs = 0;  // user-space clock just before send (CLOCK_REALTIME)
    qint64 txNs = 0;   // kernel send stamp, 0 unknown
    Steady::time_point deadline;
    bool done = false;
    std::optional<TransportReply> reply;
};

core::Error badOption(const QString &what, const QString &fix)
{
    return core::makeError(core::ErrorCode::InvalidInput, what, fix);
}
} // namespace

QString traceProtoName(TraceProto proto)
{
    switch (proto) {
    case TraceProto::Udp: return QStringLiteral("udp");
    case TraceProto::Icmp: return QStringLiteral("icmp");
    case TraceProto::Tcp: return QStringLiteral("tcp");
    }
    return {};
}

std::optional<TraceProto> traceProtoFromName(const QString &name)
{
    for (TraceProto p : {TraceProto::Udp, TraceProto::Icmp, TraceProto::Tcp})
        if (traceProtoName(p) == name.toLower())
            return p;
    return std::nullopt;
}

core::Result<core::TraceResult> runTrace(const TraceOptions &o, const QHostAddress &target, TraceTransport &transport,
                                         const std::atomic<bool> *cancel)
{
    if (o.firstTtl < 1 || o.maxTtl > kMaxTtl || o.firstTtl > o.maxTtl)
        return badOption(QStringLiteral("TTL range %1..%2 is not valid").arg(o.firstTtl).arg(o.maxTtl),
                         QStringLiteral("use a first TTL ≥ 1 and a max TTL between it and 255"));
    if (o.probesPerHop < 1 || o.probesPerHop > kMaxProbesPerHop)
        return badOption(QStringLiteral("%1 probes per hop is not valid").arg(o.probesPerHop),
                         QStringLiteral("use 1 to 10 probes per hop"));
    if (o.timeoutMs < 10 || o.timeoutMs > 60000 || o.ttlsAhead < 1)
        return badOption(QStringLiteral("timeout %1 ms / window %2 is not valid").arg(o.timeoutMs).arg(o.ttlsAhead),
                         QStringLiteral("use a timeout between 10 ms and 60 s and a window ≥ 1"));

    core::TraceResult result;
    result.target = o.target;
    result.targetAddr = target.toString();
    result.proto = traceProtoName(o.proto);
    result.ipv6 = target.protocol() == QAbstractSocket::IPv6Protocol;
    result.sentDscp = o.dscp;
    result.startedUtcUs = core::nowUtcUs();

    TraceEndpoint ep;
    ep.addr = target;
    ep.dscp = o.dscp;
    ep.port = o.port ? o.port : (o.proto == TraceProto::Tcp ? kTcpDefaultPort : kUdpBasePort);
    if (auto r = transport.open(ep); !r)
        return r.error();
    result.localAddr = transport.localAddress();

    const Steady::time_point start = Steady::now();
    const auto timeout = std::chrono::milliseconds(o.timeoutMs);
    // Hard bound: every window of TTLs can cost one timeout; +2 for the first and the last.
    const Steady::time_point hardEnd = start + (timeout + std::chrono::milliseconds(100))
                                               * ((o.maxTtl - o.firstTtl + 1) / o.ttlsAhead + 2);
    const quint16 idBase = quint16(QRandomGenerator::global()->bounded(65536)); // ids differ between runs
    std::vector<Probe> probes;
    probes.reserve(size_t(o.maxTtl - o.firstTtl + 1) * size_t(o.probesPerHop));
    std::vector<int> nextTtl(size_t(o.probesPerHop), o.firstTtl); // per round: next TTL to send
    int highestAnswered = o.firstTtl - 1;
    int endTtl = 0; // TTL where the destination answered or an unreachable stopped the path
    int unmatched = 0;

    auto probeFor = [&](quint16 id) -> Probe * {
        const int k = quint16(id - idBase);
        return k < int(probes.size()) ? &probes[size_t(k)] : nullptr;
    };
    auto limitTtl = [&] { return endTtl ? std::min(endTtl, o.maxTtl) : std::min(o.maxTtl, highestAnswered + o.ttlsAhead); };

    std::vector<TransportReply> replies;
    std::vector<qint64> txStamps;
    for (int iter = 0; iter < kMaxIterations; ++iter) {
        // 1. receive
        Steady::time_point nextDeadline = Steady::now() + std::chrono::milliseconds(kMaxWaitSliceMs);
        for (const Probe &p : probes)
            if (!p.done && p.deadline < nextDeadline)
                nextDeadline = p.deadline;
        const int waitMs = iter == 0 ? 0 : int(std::clamp<qint64>(
            std::chrono::duration_cast<std::chrono::milliseconds>(nextDeadline - Steady::now()).count() + 1, 0, kMaxWaitSliceMs));
        replies.clear();
        txStamps.clear();
        if (auto r = transport.wait(waitMs, replies, txStamps); !r)
            return r.error();
        // 2. stamp: a kernel send stamp belongs to the latest probe sent before it (sends are sequential)
        for (qint64 ts : txStamps) {
            for (auto it = probes.rbegin(); it != probes.rend(); ++it) {
                if (it->preNs <= ts) {
                    if (!it->txNs)
                        it->txNs = ts;
                    break;
                }
            }
        }
        for (TransportReply &r : replies) {
            Probe *p = r.probeId ? probeFor(*r.probeId) : nullptr;
            // A reply later than the timeout does not count (SPEC §5: silent after 900 ms).
            if (!p || p->reply || r.rxNs - p->preNs > qint64(o.timeoutMs) * 1'000'000) {
                ++unmatched;
                continue;
            }
            p->done = true;
            if (r.kind != TransportReply::Kind::TimeExceeded && (!endTtl || p->ttl < endTtl))
                endTtl = p->ttl;
            highestAnswered = std::max(highestAnswered, p->ttl);
            p->reply = std::move(r);
        }
        // 3. expire
        const Steady::time_point now = Steady::now();
        for (Probe &p : probes)
            if (!p.done && p.deadline <= now)
                p.done = true;
        // 4. send, round by round (probe 0 of every TTL in the window, then probe 1, ...)
        const int limit = limitTtl();
        for (int round = 0; round < o.probesPerHop; ++round) {
            int &ttl = nextTtl[size_t(round)];
            while (ttl <= limit && (round == 0 || ttl < nextTtl[size_t(round - 1)])) {
                Probe p;
                p.ttl = ttl;
                p.index = round;
                p.preNs = realtimeNs();
                p.deadline = Steady::now() + timeout;
                const quint16 id = quint16(idBase + probes.size());
                probes.push_back(p);
                if (auto r = transport.send(ttl, id); !r) {
                    probes.pop_back();
                    return r.error();
                }
                ++ttl;
            }
        }
        // done: nothing left to send inside the limit and every probe that matters is answered or expired
        bool pending = false;
        for (int round = 0; round < o.probesPerHop; ++round)
            pending = pending || nextTtl[size_t(round)] <= limitTtl();
        for (const Probe &p : probes)
            pending = pending || (!p.done && (!endTtl || p.ttl <= endTtl));
        if (!pending)
            break;
        if ((cancel && cancel->load()) || Steady::now() > hardEnd)
            break;
    }
    result.durationMs = std::chrono::duration<double, std::milli>(Steady::now() - start).count();
    if (cancel && cancel->load())
        return core::makeError(core::ErrorCode::Internal, QStringLiteral("trace to %1 cancelled").arg(o.target));

    // Hops: TTL first..end (destination or unreachable), else up to the highest answer + one silent slot.
    int highestSent = o.firstTtl - 1;
    for (const Probe &p : probes)
        highestSent = std::max(highestSent, p.ttl);
    const int lastTtl = endTtl ? endTtl : std::min(highestSent, highestAnswered + 1);
    for (int ttl = o.firstTtl; ttl <= lastTtl; ++ttl) {
        core::TraceHop hop;
        hop.ttl = ttl;
        QHash<QString, int> votes;
        for (const Probe &p : probes) {
            if (p.ttl != ttl)
                continue;
            ++hop.sent;
            if (!p.reply)
                continue;
            const TransportReply &r = *p.reply;
            const qint64 sentNs = p.txNs ? p.txNs : p.preNs;
            hop.rttMs.push_back(double(r.rxNs - sentNs) / 1e6);
            ++votes[r.from];
            if (!hop.quotedTtl && r.quotedTtl) {
                hop.quotedTtl = r.quotedTtl;
                hop.quotedDscp = r.quotedDscp;
                hop.quotedEcn = r.quotedEcn;
            }
            if (hop.mplsLabels.empty())
                hop.mplsLabels = r.mplsLabels;
            hop.destination = hop.destination || r.kind == TransportReply::Kind::Destination;
        }
        int best = 0;
        for (auto it = votes.cbegin(); it != votes.cend(); ++it) // the most frequent answer (Paris: one)
            if (it.value() > best || (it.value() == best && it.key() < hop.addr))
                best = it.value(), hop.addr = it.key();
        result.reached = result.reached || hop.destination;
        result.hops.push_back(std::move(hop));
    }
    Q_UNUSED(unmatched); // late duplicates and replies of earlier runs: nothing to report per trace
    return result;
}

core::Result<core::TraceResult> traceOnce(const TraceOptions &o, const std::atomic<bool> *cancel)
{
    QHostAddress target;
    if (!target.setAddress(o.target)) {
        // Blocking name lookup: traceOnce runs on a worker or the agent's CLI thread, never the GUI's.
        const QHostInfo info = QHostInfo::fromName(o.target);
        for (const QHostAddress &a : info.addresses()) {
            const bool v6 = a.protocol() == QAbstractSocket::IPv6Protocol;
            if (o.family == TraceFamily::Any || (o.family == TraceFamily::IPv6) == v6) {
                target = a;
                break;
            }
        }
        if (target.isNull())
            return core::makeError(core::ErrorCode::NotFound,
                                   QStringLiteral("cannot resolve trace target '%1'%2").arg(o.target,
                                       info.errorString().isEmpty() ? QString() : QStringLiteral(": ") + info.errorString()),
                                   QStringLiteral("check the name and the DNS settings, or give an IP address"));
    } else if (o.family != TraceFamily::Any
               && (o.family == TraceFamily::IPv6) != (target.protocol() == QAbstractSocket::IPv6Protocol)) {
        return badOption(QStringLiteral("%1 is not an %2 address").arg(o.target, o.family == TraceFamily::IPv6 ? "IPv6" : "IPv4"),
                         QStringLiteral("give an address of the requested family or drop the family option"));
    }
    auto transport = createTraceTransport(o.proto, o.rawOpener);
    return runTrace(o, target, *transport, cancel);
}

} // namespace pathlens::collect
