// SPDX-License-Identifier: GPL-3.0-or-later
// The probe collector's thread side: scheduler ticks on absolute deadlines and readable sockets, batched rows.
#include "probe_collector.h"

#include "core/store/probe_rows.h"
#include "deadline_timer.h"

#include "core/base/logging.h"
#include "default_gateway.h"
#include "route_watch.h"

#include <spdlog/spdlog.h>

#include <QDir>
#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <limits>

namespace pathlens::collect {

namespace {
constexpr int kFlushIntervalMs = 250; // DESIGN "Threads": values cross threads at most 4 times a second

core::Row burstRow(const ProbeBurst &b)
{
    core::Row row = core::Row::blank(core::Table::LossBursts);
    row.set("ts_us", b.burst.startUtcUs);
    row.set("probe", b.probe);
    row.set("target", b.target);
    row.set("length", b.burst.length);
    row.set("duration_ms", b.burst.durationMs);
    row.set("cycle_offset_ms", b.burst.cycleOffsetMs);
    return row;
}

bool ciMachine()
{
    return qEnvironmentVariableIsSet("CI");
}
} // namespace

core::Result<void> checkProbeTargetsAllowed(const core::ProbeTargets &targets, const std::vector<ProbeKind> &probes)
{
    if (!ciMachine())
        return {};
    const QStringList publicHosts = core::embeddedTargets().all();
    // Only what the selected probes would contact: an unused default role is no risk.
    QStringList contacted;
    for (ProbeKind k : probes) {
        if (k == ProbeKind::Icmp || k == ProbeKind::TcpConnect)
            contacted += targets.internet;
        else if (k == ProbeKind::UdpDns)
            contacted += targets.resolvers;
        else if (k == ProbeKind::HttpHead)
            for (const QString &u : targets.httpUrls)
                contacted << core::targetHost(u);
        else if (k == ProbeKind::DnsSystem)
            contacted << targets.dnsName;
        else if (k == ProbeKind::Quic)
            for (const QString &h : targets.httpHosts)
                contacted << core::splitHostPort(h, 0).value_or(core::HostPort{h, 0}).host;
    }
    QStringList hit;
    for (const QString &h : contacted)
        if (publicHosts.contains(h.trimmed()) && !hit.contains(h.trimmed()))
            hit << h.trimmed();
    if (hit.isEmpty())
        return {};
    return core::makeError(core::ErrorCode::Unsupported,
                           QStringLiteral("refusing to probe the embedded public targets (%1): CI is set, so this is a "
                                          "test or CI machine")
                               .arg(hit.join(QStringLiteral(", "))),
                           QStringLiteral("set %1=loopback (or a list of lab addresses), or pass --target ADDR")
                               .arg(QString::fromLatin1(core::kTargetsEnvVar)));
}

ProbeCollector::ProbeCollector(ProbeCollectorOptions options)
    : m_options(std::move(options)), m_targets(core::targetsFromEnvironment(m_options.targets))
{
    // The CI guard looks at what was asked for too: core turns the defaults into loopback on CI,
    // but a caller asking for the public defaults there without PATHLENS_TARGETS is a mistake to report.
    if (qEnvironmentVariable(core::kTargetsEnvVar).trimmed().isEmpty())
        if (auto allowed = checkProbeTargetsAllowed(m_options.targets, m_options.probes); !allowed)
            m_refusal = allowed.error();
    qRegisterMetaType<std::vector<pathlens::core::ProbeSample>>();
    m_osTransports = !m_options.transportFactory;
    if (m_osTransports)
        m_options.transportFactory = [](const ProbeEndpoint &e) { return createProbeTransport(e); };
}

ProbeCollector::~ProbeCollector()
{
    delete m_routeNotifier; // before m_routeWatch closes its descriptor (stop() was not called)
}

core::Result<void> ProbeCollector::checkSupported() const
{
    if (m_refusal)
        return *m_refusal;
    if (auto allowed = checkProbeTargetsAllowed(m_targets, m_options.probes); !allowed)
        return allowed;
    if (m_options.probes.empty())
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("no probes selected"),
                               QStringLiteral("choose some with --probes icmp,udp,tcp,http,dns,quic"));
    if (loopSpecs(resolveGateway()).empty())
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("no probe targets configured"),
                               QStringLiteral("pass --target ADDR, a targets config (--config FILE) or set %1")
                                   .arg(QString::fromLatin1(core::kTargetsEnvVar)));
    // ICMP without permission makes the collector unsupported only when nothing else was asked
    // for; otherwise UDP/TCP run and the status line names the ICMP remedy.
    const bool onlyIcmp =
        std::all_of(m_options.probes.begin(), m_options.probes.end(), [](ProbeKind k) { return k == ProbeKind::Icmp; });
    if (onlyIcmp && m_osTransports)
        if (auto ok = probeTransportSupported(ProbeKind::Icmp); !ok)
            return ok;
    return {};
}

bool ProbeCollector::autoGateway() const
{
    return m_targets.gateway.trimmed() == QLatin1String("auto") &&
           std::find(m_options.probes.begin(), m_options.probes.end(), ProbeKind::Icmp) != m_options.probes.end();
}

QString ProbeCollector::resolveGateway() const
{
    QString gw = m_targets.gateway.trimmed();
    if (gw == QLatin1String("auto")) {
        // CI safety: on a CI machine the real default gateway is somebody's router, never probed.
        // A procRoot outside /proc is a test fixture whose net/route names addresses the test
        // chose (loopback), so it is allowed there: that is how re-detection is tested on CI.
        const QString root = QDir::cleanPath(m_options.procRoot);
        const bool realProc = root == QLatin1String("/proc") || root.startsWith(QLatin1String("/proc/"));
        gw = (!ciMachine() || !realProc) ? detectDefaultGateway(m_options.procRoot) : QString();
    }
    if (gw == QLatin1String("off"))
        gw.clear();
    return gw;
}

ProbeLoopSpec ProbeCollector::makeSpec(ProbeKind kind, const QString &target, quint16 port, bool gateway) const
{
    ProbeLoopSpec s;
    s.endpoint.kind = kind;
    s.endpoint.target = target.trimmed();
    s.endpoint.port = port;
    s.endpoint.dnsName = m_targets.dnsName.isEmpty() ? QStringLiteral("example.com") : m_targets.dnsName;
    s.endpoint.tls.caFile = m_targets.httpCaFile;
    for (const QString &hex : m_targets.httpPinsSha256)
        s.endpoint.tls.pinnedSha256 << QByteArray::fromHex(hex.trimmed().remove(QLatin1Char(':')).toLatin1());
    s.gateway = gateway;
    return s;
}

std::vector<ProbeLoopSpec> ProbeCollector::loopSpecs(const QString &gateway) const
{
    std::vector<ProbeLoopSpec> specs;
    auto add = [&](ProbeKind kind, const QString &target, quint16 port, bool gw) {
        ProbeLoopSpec s = makeSpec(kind, target, port, gw);
        if (!s.endpoint.target.isEmpty())
            specs.push_back(s);
    };
    for (ProbeKind kind : m_options.probes) {
        if (kind == ProbeKind::Icmp) {
            add(kind, gateway, 0, true);
            for (const QString &t : m_targets.internet)
                add(kind, t, 0, false);
        } else if (kind == ProbeKind::UdpDns) {
            for (const QString &t : m_targets.resolvers)
                add(kind, t, m_options.dnsPort, false);
        } else if (kind == ProbeKind::TcpConnect) {
            for (const QString &t : m_targets.internet)
                add(kind, t, m_options.tcpPort, false);
        } else if (kind == ProbeKind::HttpHead) {
            for (const QString &u : m_targets.httpUrls)
                add(kind, u, 0, false);
        } else if (kind == ProbeKind::DnsSystem) {
            add(kind, m_targets.dnsName, 0, false);
        } else if (kind == ProbeKind::Quic) {
            for (const QString &h : m_targets.httpHosts) // host names: QUIC needs SNI (SPEC §2)
                add(kind, h, m_options.quicPort, false);
        }
    }
    return specs;
}

void ProbeCollector::rebuildNotifiers()
{
    // The descriptors change when a loop is replaced: the old notifiers go before their sockets.
    for (QSocketNotifier *n : m_notifiers) {
        n->setEnabled(false);
        delete n;
    }
    m_notifiers.clear();
    for (int fd : m_scheduler->waitFds()) {
        auto *n = new QSocketNotifier(qintptr(fd), QSocketNotifier::Read, this);
        connect(n, &QSocketNotifier::activated, this, &ProbeCollector::wake);
        m_notifiers.push_back(n);
    }
}

void ProbeCollector::watchRoutes()
{
    auto watch = RouteWatch::open();
    if (!watch) {
        core::logger("probes")->warn("gateway auto: {}", watch.error().toString().toStdString());
        return;
    }
    m_routeWatch = std::move(*watch);
    m_routeNotifier = new QSocketNotifier(qintptr(m_routeWatch->fd()), QSocketNotifier::Read, this);
    connect(m_routeNotifier, &QSocketNotifier::activated, this, [this] {
        if (m_routeWatch && m_routeWatch->drain())
            recheckGateway();
    });
}

void ProbeCollector::recheckGateway()
{
    if (!m_scheduler || !m_tickTimer || !autoGateway()) // not (successfully) started
        return;
    const QString now = resolveGateway();
    if (now == m_gateway)
        return;
    const auto shown = [](const QString &g) { return g.isEmpty() ? QStringLiteral("none") : g; };
    // Old notifiers first: removeLoop closes the old gateway's socket.
    for (QSocketNotifier *n : m_notifiers)
        n->setEnabled(false);
    for (int i = 0; i < m_scheduler->loopCount(); ++i) {
        if (m_scheduler->loopSpec(i).gateway) {
            take(m_scheduler->removeLoop(i));
            break;
        }
    }
    QString text = QStringLiteral("gateway changed from %1 to %2").arg(shown(m_gateway), shown(now));
    m_gateway = now;
    if (!now.isEmpty())
        if (auto added = m_scheduler->addLoop(makeSpec(ProbeKind::Icmp, now, 0, true)); !added)
            text += QStringLiteral(" (not probed: %1)").arg(added.error().toString());
    rebuildNotifiers();
    m_rows.push_back(eventRow(QStringLiteral("probe_state"), text));
    core::logger("probes")->info("{}", text.toStdString());
    emit statusMessage(runId(), text);
    wake(); // the new loop's first probe goes out now
}

void ProbeCollector::start()
{
    if (m_refusal) {
        reportFailure(*m_refusal);
        return;
    }
    // Also when checkSupported was skipped.
    if (auto allowed = checkProbeTargetsAllowed(m_targets, m_options.probes); !allowed) {
        reportFailure(allowed.error());
        return;
    }
    m_scheduler = std::make_unique<ProbeScheduler>(m_clock, m_options.transportFactory, m_options.rateScale);
    // Queued: a transport may finish a probe inside send(), i.e. inside a tick.
    m_scheduler->setWakeUp([this] { QMetaObject::invokeMethod(this, &ProbeCollector::wake, Qt::QueuedConnection); });
    QStringList problems, running;
    std::optional<core::Error> firstError;
    m_gateway = resolveGateway();
    for (const ProbeLoopSpec &spec : loopSpecs(m_gateway)) {
        auto added = m_scheduler->addLoop(spec);
        // People read this in the event list: the kind's name, not its stored identifier.
        const QString name = QStringLiteral("%1 %2").arg(QString::fromLatin1(core::probeKindInfo(spec.endpoint.kind).displayName), spec.endpoint.target);
        if (!added) {
            problems << QStringLiteral("%1: %2").arg(name, added.error().toString());
            if (!firstError)
                firstError = added.error();
        } else {
            running << name;
        }
    }
    if (m_scheduler->loopCount() == 0) {
        reportFailure(
            firstError ? *firstError
                       : core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("no probe targets configured")));
        return;
    }
    rebuildNotifiers();
    if (autoGateway())
        watchRoutes();                     // without it (not Linux), the gateway found now stays
    m_tickTimer = new DeadlineTimer(this); // nanosecond deadlines: probes leave on their slot, not up to 1 ms late
    connect(m_tickTimer, &DeadlineTimer::expired, this, &ProbeCollector::wake);
    m_flushTimer = new QTimer(this);
    connect(m_flushTimer, &QTimer::timeout, this, &ProbeCollector::flush);
    m_flushTimer->start(kFlushIntervalMs);

    QString status = QStringLiteral("probing %1 (targets from %2, rate ×%3)")
                         .arg(running.join(QStringLiteral(", ")), m_targets.source)
                         .arg(m_options.rateScale);
    if (autoGateway())
        status += QStringLiteral("; gateway auto: %1%2")
                      .arg(m_gateway.isEmpty() ? QStringLiteral("no default route") : m_gateway,
                           m_routeWatch ? QStringLiteral(", re-detected on route changes") : QString());
    if (!problems.isEmpty())
        status += QStringLiteral("; not running: ") + problems.join(QStringLiteral("; "));
    m_rows.push_back(eventRow(QStringLiteral("probe_source"), status));
    core::logger("probes")->info("{}", status.toStdString());
    emit statusMessage(runId(), status);
    reportStarted();
    wake();
}

void ProbeCollector::stop()
{
    if (m_tickTimer)
        m_tickTimer->stop();
    if (m_flushTimer)
        m_flushTimer->stop();
    for (QSocketNotifier *n : m_notifiers)
        n->setEnabled(false);
    if (m_routeNotifier) {
        delete m_routeNotifier; // before its descriptor closes
        m_routeNotifier = nullptr;
    }
    m_routeWatch.reset();
    if (m_scheduler) {
        take(m_scheduler->tick()); // what has arrived already still counts
        take(m_scheduler->finish());
        m_scheduler.reset();
    }
    flush();
}

void ProbeCollector::wake()
{
    if (!m_scheduler)
        return;
    take(m_scheduler->tick());
    rearm();
}

void ProbeCollector::rearm()
{
    const qint64 next = m_scheduler->nextWakeNs();
    if (next == std::numeric_limits<qint64>::max()) {
        m_tickTimer->stop();
        return;
    }
    m_tickTimer->arm(next);
}

void ProbeCollector::take(ProbeTickOutput out)
{
    for (core::ProbeSample &s : out.samples) {
        m_rows.push_back(probeSampleToRow(s));
        m_samples.push_back(std::move(s));
    }
    for (const ProbeBurst &b : out.bursts)
        m_rows.push_back(burstRow(b));
    for (const QString &e : out.events) {
        m_rows.push_back(eventRow(QStringLiteral("probe_state"), e));
        core::logger("probes")->info("{}", e.toStdString());
    }
}

void ProbeCollector::flush()
{
    if (!m_rows.empty())
        publish(std::exchange(m_rows, {}));
    if (!m_samples.empty())
        emit samplesReady(runId(), std::exchange(m_samples, {}));
}

std::unique_ptr<Collector> makeProbeCollector(ProbeCollectorOptions options)
{
    return std::make_unique<ProbeCollector>(std::move(options));
}

} // namespace pathlens::collect
