// SPDX-License-Identifier: GPL-3.0-or-later
// The probe loops' state machine: receive, stamp, expire timeouts, send; backoff and loss bursts.
#include "probe_scheduler.h"

#include "core/active/probe_kind.h"
#include "core/base/notes_codec.h"

#include <QLocale>

#include <algorithm>
#include <limits>

namespace pathlens::collect {

namespace {
// The note of a probe that got no answer at all; the gateway rule counts only these.
const QString kTimedOutNote = QStringLiteral("timeout=1");
} // namespace

ProbeScheduler::ProbeScheduler(const ProbeClock &clock, ProbeTransportFactory factory, double rateScale)
    : m_clock(clock), m_factory(std::move(factory)), m_rateScale(std::clamp(rateScale, kMinRateScale, kMaxRateScale))
{
}

ProbeScheduler::~ProbeScheduler() = default;

qint64 ProbeScheduler::baseIntervalNs(ProbeKind kind)
{
    switch (kind) {
    case ProbeKind::Icmp:
        return kIcmpIntervalNs;
    case ProbeKind::UdpDns:
        return kDnsIntervalNs;
    case ProbeKind::TcpConnect:
        return kTcpIntervalNs;
    case ProbeKind::HttpHead:
        return kHttpIntervalNs;
    case ProbeKind::DnsSystem:
        return kSystemDnsIntervalNs;
    case ProbeKind::Quic:
        return kQuicIntervalNs;
    }
    return kIcmpIntervalNs;
}

qint64 ProbeScheduler::timeoutNs(ProbeKind kind)
{
    switch (kind) {
    case ProbeKind::HttpHead:
        return kHttpTimeoutNs;
    case ProbeKind::DnsSystem:
        return kSystemDnsTimeoutNs;
    case ProbeKind::Quic:
        return kQuicTimeoutNs;
    default:
        return kProbeTimeoutNs;
    }
}

core::Result<void> ProbeScheduler::addLoop(const ProbeLoopSpec &spec)
{
    auto transport = m_factory(spec.endpoint);
    if (!transport)
        return transport.error();
    Loop loop;
    loop.spec = spec;
    loop.transport = std::move(*transport);
    if (m_wake)
        loop.transport->setWakeUp(m_wake);
    loop.timeout = timeoutNs(spec.endpoint.kind);
    loop.probe = probeKindName(spec.endpoint.kind);
    loop.baseInterval = std::max<qint64>(1, qint64(double(baseIntervalNs(spec.endpoint.kind)) / m_rateScale));
    loop.interval = loop.baseInterval;
    loop.nextSendNs = m_clock.monotonicNs(); // the first probe goes out on the first tick
    m_loops.push_back(std::move(loop));
    return {};
}

qint64 ProbeScheduler::receive(Loop &loop, ProbeTickOutput &out, std::vector<ProbeCompletion> &done)
{
    // Everything the transport has (kernel stamps travel with the completions), then one clock
    // reading for the whole loop, after receiving.
    done.clear();
    loop.transport->poll(done);
    const qint64 now = m_clock.monotonicNs();
    for (const ProbeCompletion &c : done) {
        auto it = loop.inFlight.find(c.token);
        if (it == loop.inFlight.end())
            continue; // already expired, or not ours
        const InFlight probe = it->second;
        loop.inFlight.erase(it);
        std::optional<double> rtt;
        if (c.ok) {
            if (c.rttMs)
                rtt = c.rttMs;
            else if (c.txNs > 0 && c.rxNs > 0)
                rtt = double(c.rxNs - c.txNs) / 1e6;
            else
                rtt = double(now - probe.sentNs) / 1e6;
            rtt = std::max(0.0, *rtt);
        }
        complete(loop, c.token, probe, rtt, c.note, out, c.ok ? c.dnsMs : std::nullopt);
    }
    return now;
}

ProbeTickOutput ProbeScheduler::tick()
{
    ProbeTickOutput out;
    std::vector<ProbeCompletion> done;
    for (Loop &loop : m_loops) {
        // 1. receive and 2. stamp.
        const qint64 now = receive(loop, out, done);
        // 3. expire timeouts.
        for (auto it = loop.inFlight.begin(); it != loop.inFlight.end();) {
            if (now - it->second.sentNs >= loop.timeout) {
                const quint64 token = it->first;
                const InFlight probe = it->second;
                it = loop.inFlight.erase(it);
                loop.transport->forget(token);
                complete(loop, token, probe, std::nullopt, kTimedOutNote, out);
            } else {
                ++it;
            }
        }
        // 4. send what is due.
        sendDue(loop, now, out);
    }
    return out;
}

ProbeTickOutput ProbeScheduler::removeLoop(int index)
{
    ProbeTickOutput out;
    if (index < 0 || index >= loopCount())
        return out;
    Loop &loop = m_loops[size_t(index)];
    std::vector<ProbeCompletion> done;
    receive(loop, out, done);
    end(loop, out);
    m_loops.erase(m_loops.begin() + index); // closes the transport
    return out;
}

void ProbeScheduler::sendDue(Loop &loop, qint64 now, ProbeTickOutput &out)
{
    // Absolute deadlines: every slot is the previous one + interval. A late tick (a busy VM wakes
    // us up to ~200 ms late) sends the slots it missed, at most kMaxCatchUp of them; a longer
    // stall skips the rest instead of flooding the path.
    for (int sent = 0; !loop.disabled && loop.nextSendNs <= now; ++sent) {
        if (sent == kMaxCatchUp) {
            loop.nextSendNs += ((now - loop.nextSendNs) / loop.interval + 1) * loop.interval;
            return;
        }
        const quint64 token = loop.nextToken++;
        InFlight probe{loop.nextSeq++, m_clock.monotonicNs(), m_clock.utcUs(), loop.interval};
        loop.nextSendNs += loop.interval;
        if (auto r = loop.transport->send(token); !r) {
            complete(loop, token, probe, std::nullopt, QStringLiteral("error=%1").arg(r.error().message), out);
            continue;
        }
        loop.inFlight.emplace(token, probe);
    }
}

void ProbeScheduler::complete(Loop &loop, quint64, const InFlight &probe, std::optional<double> rttMs,
                              const QString &note, ProbeTickOutput &out, std::optional<double> dnsMs)
{
    core::ProbeSample s;
    s.utcUs = probe.sentUtcUs;
    s.probe = loop.probe;
    s.target = loop.spec.endpoint.target;
    s.seq = probe.seq;
    s.rttMs = rttMs;
    s.dnsMs = dnsMs;
    core::Notes notes;
    notes.set(QStringLiteral("mode"), loop.transport->mode());
    if (loop.spec.gateway)
        notes.set(QStringLiteral("gateway"), QStringLiteral("1"));
    if (!note.isEmpty()) {
        if (auto extra = core::Notes::parse(note)) {
            for (const auto &[k, v] : extra->pairs())
                notes.set(k, v);
        }
    }
    s.notes = notes.toString();
    out.samples.push_back(s);
    loop.finished.emplace(probe.seq, s.observation());
    onOutcome(loop, rttMs.has_value(), !rttMs && note == kTimedOutNote, probe.intervalAtSend, out);
    ordered(loop, out);
}

namespace {
// "400 ms", "1.6 s", "60 s": the backoff's intervals as a person reads them (stored text: C locale).
QString intervalText(qint64 ns)
{
    const double ms = double(ns) / 1e6;
    return QLocale::c().toString(ms < 1000 ? ms : ms / 1000, 'g', 3) + (ms < 1000 ? QStringLiteral(" ms") : QStringLiteral(" s"));
}
} // namespace

void ProbeScheduler::onOutcome(Loop &loop, bool success, bool silent, qint64 intervalAtSend, ProbeTickOutput &out)
{
    // Events are read by people (Overview, report): the probe's name, never its identifier. The text
    // is stored in the capture, so it is the English name whatever the window's language.
    const auto kind = core::probeKindFromId(loop.probe);
    const QString kindName = kind ? QString::fromLatin1(core::probeKindInfo(*kind).displayName) : loop.probe;
    const QString name = QStringLiteral("%1 %2").arg(kindName, loop.spec.endpoint.target);
    if (success) {
        loop.consecutiveFailures = 0;
        loop.consecutiveSilences = 0;
        loop.everAnswered = true;
        if (loop.interval != loop.baseInterval) {
            // Snap back to the base rate on the first success (SPEC §2).
            const qint64 lastDeadline = loop.nextSendNs - loop.interval;
            loop.interval = loop.baseInterval;
            loop.nextSendNs = std::min(loop.nextSendNs, std::max(lastDeadline + loop.interval, m_clock.monotonicNs()));
            out.events << QStringLiteral("%1 answers again: back to one probe every %2")
                              .arg(name, intervalText(loop.interval));
        }
        return;
    }
    ++loop.consecutiveFailures;
    loop.consecutiveSilences = silent ? loop.consecutiveSilences + 1 : 0;
    if (loop.disabled)
        return;
    // Only a gateway that never answered and stays silent blocks ICMP (SPEC §2). One that answered
    // is in an outage (a link flap, a reboot), and send errors (no route, the link down) say the
    // outage is ours: both back off like any target, so the gateway leg comes back with the link.
    if (loop.spec.gateway && !loop.everAnswered && loop.consecutiveSilences >= kGatewayDisableAfterLosses) {
        loop.disabled = true;
        out.events << QStringLiteral(
                          "%1: gateway ping stopped after %2 consecutive losses (the gateway does not answer ICMP)")
                          .arg(name)
                          .arg(loop.consecutiveSilences);
        return;
    }
    // Backoff: after 20 failures in a row, every failure of a probe sent at the current interval
    // doubles it, up to the dead-target retry of 60 s. Probes sent before a doubling do not count
    // again, so the many probes in flight cannot cascade it.
    if (loop.consecutiveFailures >= kBackoffAfterFailures && intervalAtSend == loop.interval &&
        loop.interval < kDeadTargetRetryNs) {
        const qint64 lastDeadline = loop.nextSendNs - loop.interval;
        loop.interval = std::min(loop.interval * 2, kDeadTargetRetryNs);
        loop.nextSendNs = lastDeadline + loop.interval;
        out.events << QStringLiteral("%1: %2 failures in a row, backing off to one probe every %3")
                          .arg(name)
                          .arg(loop.consecutiveFailures)
                          .arg(intervalText(loop.interval));
    }
}

void ProbeScheduler::ordered(Loop &loop, ProbeTickOutput &out)
{
    for (auto it = loop.finished.find(loop.nextInOrder); it != loop.finished.end();
         it = loop.finished.find(loop.nextInOrder)) {
        const core::ProbeObservation obs = it->second;
        loop.finished.erase(it);
        ++loop.nextInOrder;
        if (!obs.rttMs) {
            loop.run.push_back(obs);
            continue;
        }
        if (int(loop.run.size()) >= core::kMinLossBurst) {
            std::vector<core::ProbeObservation> series = loop.run;
            series.push_back(obs); // the answer that ends the burst sets its duration
            for (const core::LossBurst &b : core::lossBursts(series))
                out.bursts.push_back({loop.probe, loop.spec.endpoint.target, b});
        }
        loop.run.clear();
    }
}

void ProbeScheduler::end(Loop &loop, ProbeTickOutput &out)
{
    // In-flight probes are dropped, not lost: they were never given their chance to return.
    for (const auto &entry : loop.inFlight)
        loop.transport->forget(entry.first);
    loop.inFlight.clear();
    if (int(loop.run.size()) >= core::kMinLossBurst) {
        for (const core::LossBurst &b : core::lossBursts(loop.run))
            out.bursts.push_back({loop.probe, loop.spec.endpoint.target, b});
    }
    loop.run.clear();
    loop.disabled = true;
}

ProbeTickOutput ProbeScheduler::finish()
{
    ProbeTickOutput out;
    for (Loop &loop : m_loops)
        end(loop, out);
    return out;
}

qint64 ProbeScheduler::nextWakeNs() const
{
    qint64 wake = std::numeric_limits<qint64>::max();
    for (const Loop &loop : m_loops) {
        if (!loop.disabled)
            wake = std::min(wake, loop.nextSendNs);
        for (const auto &entry : loop.inFlight)
            wake = std::min(wake, entry.second.sentNs + loop.timeout);
    }
    return wake;
}

std::vector<int> ProbeScheduler::waitFds() const
{
    std::vector<int> fds;
    for (const Loop &loop : m_loops)
        if (const int fd = loop.transport->waitFd(); fd >= 0)
            fds.push_back(fd);
    return fds;
}

qint64 ProbeScheduler::intervalNs(int loop) const
{
    return m_loops.at(size_t(loop)).interval;
}
bool ProbeScheduler::disabled(int loop) const
{
    return m_loops.at(size_t(loop)).disabled;
}
qint64 ProbeScheduler::sentCount(int loop) const
{
    return m_loops.at(size_t(loop)).nextSeq;
}


} // namespace pathlens::collect
