// SPDX-License-Identifier: GPL-3.0-or-later
// Pure schedule and state machine of the active probe loops (SPEC §2): rates, timeouts, backoff, bursts.
#pragma once

#include "core/active/probe_analysis.h"
#include "core/active/probe_sample.h"
#include "probe_clock.h"
#include "probe_transport.h"

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace pathlens::collect {

// SPEC §2 base rates: ICMP and UDP DNS 5/s, TCP connect every 2 s, HTTP HEAD and QUIC every 5 s, system DNS every 30 s.
inline constexpr qint64 kIcmpIntervalNs = 200'000'000;
inline constexpr qint64 kDnsIntervalNs = 200'000'000;
inline constexpr qint64 kTcpIntervalNs = 2'000'000'000;
inline constexpr qint64 kHttpIntervalNs = 5'000'000'000;
inline constexpr qint64 kQuicIntervalNs = 5'000'000'000;
inline constexpr qint64 kSystemDnsIntervalNs = 30'000'000'000;
// A probe unanswered after 2 s is lost: above every non-GEO RTT and GEO's "impaired" bar (1200 ms).
inline constexpr qint64 kProbeTimeoutNs = 2'000'000'000;
// HTTP HEAD on a new connection needs up to 5 round trips (DNS, TCP, TLS 1.2 ×2, request): ~3 s on
// GEO (600 ms RTT). 10 s leaves room for a slow server; a second probe meanwhile opens its own connection.
inline constexpr qint64 kHttpTimeoutNs = 10'000'000'000;
// QUIC: the seed tool's 10 s. A lookup, the handshake's 1 RTT and retransmissions of a lost Initial
// (ngtcp2's first PTO is 1 s) fit; the transport gives up 1 s earlier so it can say why (quic_transport.h).
inline constexpr qint64 kQuicTimeoutNs = 10'000'000'000;
// glibc's per-server resolver timeout (RES_TIMEOUT) is 5 s: a lookup slower than that needed a
// retry, which is a failure as far as the user waiting for a page is concerned.
inline constexpr qint64 kSystemDnsTimeoutNs = 5'000'000'000;
// "Sustained" failure (SPEC §2 backoff): 20 in a row, the same count that silences a gateway.
inline constexpr int kBackoffAfterFailures = 20;
inline constexpr int kGatewayDisableAfterLosses = 20;        // SPEC §2
inline constexpr qint64 kDeadTargetRetryNs = 60'000'000'000; // SPEC §2: a dead target is retried every 60 s
// Missed slots sent late by one tick at most (a 1 s stall at 5/s); longer stalls skip slots.
inline constexpr int kMaxCatchUp = 5;
// --rate-scale bounds: at 100× an ICMP loop sends every 2 ms (lab use only).
inline constexpr double kMinRateScale = 0.01, kMaxRateScale = 100.0;

struct ProbeLoopSpec {
    ProbeEndpoint endpoint;
    bool gateway = false; // the default gateway's ping: stops after 20 timeouts in a row if it never answered
};

struct ProbeBurst {
    QString probe, target;
    core::LossBurst burst;
};

// Everything one tick produced, in the order it happened.
struct ProbeTickOutput {
    std::vector<core::ProbeSample> samples;
    std::vector<ProbeBurst> bursts;
    QStringList events; // loop state changes worth an event row (backoff, snap-back, gateway disabled)
};

// Owned by ProbeCollector (or a test); single-threaded, no I/O of its own: the transports do the
// I/O and the clock is injected. tick() runs the loop steps in the DESIGN order: receive, stamp,
// expire timeouts, send. Loops are independent (one per probe and target), each with its own
// sequence numbers and absolute deadlines (start + k × interval: no drift, late ticks skip slots).
// It knows nothing about Qt timers, rows or the store.
class ProbeScheduler {
public:
    ProbeScheduler(const ProbeClock &clock, ProbeTransportFactory factory, double rateScale = 1.0);
    ~ProbeScheduler();

    // Handed to every transport without a descriptor (ProbeTransport::setWakeUp); call before addLoop.
    void setWakeUp(std::function<void()> wake) { m_wake = std::move(wake); }

    // Opens the loop's transport; an error (no permission, bad address) leaves the loop out.
    core::Result<void> addLoop(const ProbeLoopSpec &spec);
    int loopCount() const { return int(m_loops.size()); }
    const ProbeLoopSpec &loopSpec(int loop) const { return m_loops.at(size_t(loop)).spec; }
    // Ends one loop (e.g. the old gateway after a route change) and closes its transport. Answers
    // already received still count; probes still in flight are dropped as in finish(); a loss
    // burst still running is reported. Later loops move down one index.
    ProbeTickOutput removeLoop(int loop);

    ProbeTickOutput tick();
    // Ends every loop: in-flight probes are dropped (not lost: they were never given a chance),
    // a loss burst still running is reported.
    ProbeTickOutput finish();

    qint64 nextWakeNs() const; // earliest send deadline or timeout (monotonic ns)
    std::vector<int> waitFds() const;

    // Introspection for tests and the status line.
    qint64 intervalNs(int loop) const;
    bool disabled(int loop) const;
    qint64 sentCount(int loop) const;

    static qint64 baseIntervalNs(ProbeKind kind);
    static qint64 timeoutNs(ProbeKind kind);

private:
    struct InFlight {
        qint64 seq = 0;
        qint64 sentNs = 0; // monotonic
        core::TimestampUs sentUtcUs = 0;
        qint64 intervalAtSend = 0; // only probes sent at a backed-off interval back off further
    };
    struct Loop {
        ProbeLoopSpec spec;
        std::unique_ptr<ProbeTransport> transport;
        QString probe; // CSV name
        qint64 baseInterval = 0, interval = 0;
        qint64 timeout = kProbeTimeoutNs;
        qint64 nextSendNs = 0;
        qint64 nextSeq = 0;
        quint64 nextToken = 1;
        std::map<quint64, InFlight> inFlight; // by token
        int consecutiveFailures = 0;
        int consecutiveSilences = 0; // timeouts in a row (no error between): what a gateway blocking ICMP gives
        bool everAnswered = false;   // a gateway that answered once does not block ICMP: it is never stopped
        bool disabled = false;
        // Finished probes waiting for their predecessors, so bursts are found in sequence order.
        std::map<qint64, core::ProbeObservation> finished;
        qint64 nextInOrder = 0;
        std::vector<core::ProbeObservation> run; // current run of losses (in sequence order)
    };

    qint64 receive(Loop &loop, ProbeTickOutput &out, std::vector<ProbeCompletion> &done);
    void end(Loop &loop, ProbeTickOutput &out);
    void complete(Loop &loop, quint64 token, const InFlight &probe, std::optional<double> rttMs, const QString &note,
                  ProbeTickOutput &out, std::optional<double> dnsMs = std::nullopt);
    // `silent`: no answer at all (a timeout), as opposed to an error the network or the stack reported.
    void onOutcome(Loop &loop, bool success, bool silent, qint64 intervalAtSend, ProbeTickOutput &out);
    void ordered(Loop &loop, ProbeTickOutput &out);
    void sendDue(Loop &loop, qint64 now, ProbeTickOutput &out);

    const ProbeClock &m_clock;
    ProbeTransportFactory m_factory;
    double m_rateScale = 1.0;
    std::function<void()> m_wake;
    std::vector<Loop> m_loops;
};

} // namespace pathlens::collect
