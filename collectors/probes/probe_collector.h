// SPDX-License-Identifier: GPL-3.0-or-later
// Probe collector: ICMP echo, UDP DNS, TCP connect, HTTP HEAD, system DNS and QUIC handshake loops (SPEC §2) on the
// collector's thread.
#pragma once

#include "collectors/host/collector.h"
#include "core/active/probe_sample.h"
#include "core/active/probe_targets.h"
#include "probe_clock.h"
#include "probe_scheduler.h"

#include <memory>
#include <optional>
#include <vector>

class QSocketNotifier;
class QTimer;

namespace pathlens::collect {

class DeadlineTimer;
class RouteWatch;

struct ProbeCollectorOptions {
    std::vector<ProbeKind> probes{ProbeKind::Icmp, ProbeKind::UdpDns, ProbeKind::TcpConnect, ProbeKind::HttpHead,
                                  ProbeKind::DnsSystem, ProbeKind::Quic};
    // Where to probe. The collector applies PATHLENS_TARGETS on top (core::targetsFromEnvironment),
    // so the test/lab override always wins over whatever the caller passed.
    core::ProbeTargets targets = core::embeddedTargets();
    double rateScale = 1.0;                     // --rate-scale: probe rate multiplier (lab runs)
    quint16 dnsPort = 53;                       // SPEC §2: UDP DNS to the resolvers' port 53
    quint16 tcpPort = 443;                      // SPEC §2: TCP connect to target:443
    quint16 quicPort = 443;                     // QUIC to HOST:443 unless the target names a port (HTTP/3's port)
    QString procRoot = QStringLiteral("/proc"); // default gateway ("auto") from <procRoot>/net/route
    ProbeTransportFactory transportFactory;     // nullptr: createProbeTransport (the OS sockets)
};

// Owned by CollectorHost; runs on its own QThread. start() builds the scheduler, one socket
// notifier per transport descriptor and a DeadlineTimer (timerfd) re-armed to the scheduler's
// next absolute deadline; every wake-up runs one scheduler tick. HTTP HEAD (Qt sockets on this
// thread's event loop) and system DNS (lookup threads) have no descriptor: they wake the collector
// through a queued call when a probe finished (QUIC's epoll holds its sockets and its retransmission
// timer; its name lookups wake the collector like HTTP's). Samples, loss bursts and loop
// events are buffered and published (rows + samplesReady) at most 4 times a second. stop()
// reports a loss burst still running and flushes. It knows nothing of views or the store.
// Gateway "auto": detected from <procRoot>/net/route at start and again on every IPv4 route change
// (a netlink socket, RouteWatch, on a socket notifier: no polling); a changed gateway replaces the
// gateway's ICMP loop and leaves a "probe_state" event row.
// Safety: on a machine with CI set it refuses (Unsupported) to probe the embedded public targets,
// and never probes an auto-detected gateway read from the real /proc there.
class ProbeCollector : public Collector {
    Q_OBJECT
public:
    explicit ProbeCollector(ProbeCollectorOptions options);
    ~ProbeCollector() override;

    QString name() const override { return QStringLiteral("probes"); }
    core::Result<void> checkSupported() const override;
    const core::ProbeTargets &targets() const { return m_targets; }

    // The gateway the ICMP loop is probing now (empty: none).
    QString currentGateway() const { return m_gateway; }

public slots:
    void start() override;
    void stop() override;
    // Re-reads the default gateway (gateway "auto" only); when it changed, the old gateway's loop
    // ends (a loss burst in progress is reported) and one for the new gateway starts. Called on
    // every route netlink message; tests call it directly after rewriting their fake net/route.
    void recheckGateway();

signals:
    void samplesReady(quint64 runId, std::vector<pathlens::core::ProbeSample> samples);
    void statusMessage(quint64 runId, const QString &text);

private:
    void wake();
    void flush();
    void rearm();
    std::vector<ProbeLoopSpec> loopSpecs(const QString &gateway) const;
    ProbeLoopSpec makeSpec(ProbeKind kind, const QString &target, quint16 port, bool gateway) const;
    bool autoGateway() const;
    QString resolveGateway() const;
    void rebuildNotifiers();
    void watchRoutes();
    void take(ProbeTickOutput out);

    ProbeCollectorOptions m_options;
    core::ProbeTargets m_targets;
    bool m_osTransports = true;
    std::optional<core::Error> m_refusal; // the CI guard's verdict on the requested targets
    SystemProbeClock m_clock;
    std::unique_ptr<ProbeScheduler> m_scheduler;
    DeadlineTimer *m_tickTimer = nullptr;
    QTimer *m_flushTimer = nullptr;
    std::vector<QSocketNotifier *> m_notifiers;
    QString m_gateway; // probed now; empty: none
    std::unique_ptr<RouteWatch> m_routeWatch;
    QSocketNotifier *m_routeNotifier = nullptr;
    std::vector<core::ProbeSample> m_samples;
    std::vector<core::Row> m_rows;
};

// For CollectorHost::add(): called for every (re)start.
std::unique_ptr<Collector> makeProbeCollector(ProbeCollectorOptions options);

// The CI guard on its own (also used by the agent before it starts anything): refuses when a
// selected probe would contact an embedded public target (or resolve the embedded DNS name).
core::Result<void> checkProbeTargetsAllowed(const core::ProbeTargets &targets,
                                            const std::vector<ProbeKind> &probes = ProbeCollectorOptions{}.probes);

} // namespace pathlens::collect
