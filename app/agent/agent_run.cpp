// SPDX-License-Identifier: GPL-3.0-or-later
// `pathlens-agent run`: headless collection into a capture until the duration ends or a signal.
#include "agent_commands.h"
#include "agent_speed.h"

#include "collectors/fleet/fleet_collector.h"
#include "collectors/host/collector_host.h"
#include "collectors/load/speed_server.h"
#include "collectors/metrics/metrics_server.h"
#include "collectors/mesh/mesh_collector.h"
#include "collectors/mesh/reflector_collector.h"
#include "collectors/probes/probe_collector.h"
#include "collectors/os/link_monitor.h"
#include "collectors/os/system_info.h"
#include "collectors/tcp/tcp_collector.h"
#include "collectors/trace/trace_collector.h"
#include "collectors/trains/trains_collector.h"
#include "collectors/wifi/wifi_collector.h"
#include "core/active/probe_targets.h"
#include "core/fleet/fleet_bus_codec.h"
#include "core/mesh/mesh_config.h"
#include "core/pipeline/analysis_service.h"
#include "core/report/prometheus_text.h"
#include "core/store/mesh_rows.h"
#include "core/store/trace_rows.h"
#include "core/passive/grading_policy.h"
#include "core/store/capture_rollover.h"
#include "core/store/capture_writer.h"
#include "core/base/logging.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QSettings>
#include <QSysInfo>
#include <QCoreApplication>
#include <QTimer>

#include "stop_signals.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <tuple>


namespace pathlens::agent {

namespace {

// --capture-dir and its rollover and retention options; nullopt without --capture-dir.
core::Result<std::optional<core::RolloverOptions>> parseRolloverOptions(const QCommandLineParser &parser, const QCommandLineOption &dir,
                                                                  const QCommandLineOption &rollover, const QCommandLineOption &keepDays,
                                                                  const QCommandLineOption &keepGb)
{
    if (!parser.isSet(dir)) {
        for (const QCommandLineOption *o : {&rollover, &keepDays, &keepGb})
            if (parser.isSet(*o))
                return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("--%1 applies to --capture-dir only").arg(o->names().first()),
                                 QStringLiteral("write with --capture-dir DIR (a file per day), or drop --%1").arg(o->names().first()));
        return std::optional<core::RolloverOptions>();
    }
    core::RolloverOptions o;
    o.dir = parser.value(dir);
    if (parser.value(rollover) != QLatin1String("daily"))
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("--rollover '%1' is not a rollover mode").arg(parser.value(rollover)),
                         QStringLiteral("use --rollover daily (a new file at midnight UTC)"));
    bool ok = false;
    o.keepDays = parser.value(keepDays).toInt(&ok);
    if (!ok || o.keepDays < 0)
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("--keep-days '%1' is not a number of days").arg(parser.value(keepDays)),
                         QStringLiteral("e.g. --keep-days 30 (0 keeps every day)"));
    const double gb = parser.value(keepGb).toDouble(&ok);
    if (!ok || gb < 0 || gb > 1e6)
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("--keep-gb '%1' is not a size in GB").arg(parser.value(keepGb)),
                         QStringLiteral("e.g. --keep-gb 2 or --keep-gb 0.5 (0 for no size limit)"));
    o.keepBytes = qint64(gb * 1e9);
    if (!o.applyTestPeriodFromEnvironment())
        return core::makeError(core::ErrorCode::InvalidInput,
                         QStringLiteral("%1='%2' is not a whole number of seconds")
                             .arg(QLatin1String(core::kTestRolloverSecondsEnv), QString::fromLocal8Bit(qgetenv(core::kTestRolloverSecondsEnv))),
                         QStringLiteral("unset it (it shortens the day for tests only)"));
    return std::optional<core::RolloverOptions>(o);
}

} // namespace

int runCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption capture(QStringLiteral("capture"), QStringLiteral("capture file to write"), QStringLiteral("FILE"));
    QCommandLineOption duration(QStringLiteral("duration"), QStringLiteral("seconds to run (0 = until stopped)"),
                                QStringLiteral("S"), QStringLiteral("0"));
    QCommandLineOption logLevel(QStringLiteral("log-level"), QStringLiteral("trace|debug|info|warn|error"),
                                QStringLiteral("LEVEL"), QStringLiteral("info"));
    QCommandLineOption collectors(QStringLiteral("collectors"),
                                  QStringLiteral("which collectors run (link,tcp,probes,trace,reflector,wifi; default: all, as the GUI)"),
                                  QStringLiteral("LIST"));
    QCommandLineOption tcpLoopback(QStringLiteral("tcp-include-loopback"),
                                   QStringLiteral("grade loopback TCP sessions too (tests and benchmarks)"));
    QCommandLineOption tcpReplay(QStringLiteral("tcp-replay"), QStringLiteral("replay a TCP recording instead of the kernel"),
                                 QStringLiteral("FILE"));
    QCommandLineOption tcpRecord(QStringLiteral("tcp-record"), QStringLiteral("record kernel TCP dumps to FILE"),
                                 QStringLiteral("FILE"));
    parser.addOptions({capture, duration, logLevel, collectors, tcpLoopback, tcpReplay, tcpRecord});
    // A capture folder instead of one file (issue 17 item 6): a file per UTC day, old days deleted.
    QCommandLineOption captureDir(QStringLiteral("capture-dir"),
                                  QStringLiteral("write a capture per UTC day into DIR (pathlens-YYYY-MM-DD.plcap), switching at "
                                                 "midnight UTC"),
                                  QStringLiteral("DIR"));
    QCommandLineOption rollover(QStringLiteral("rollover"), QStringLiteral("when --capture-dir starts the next file: daily (the default)"),
                                QStringLiteral("daily"), QStringLiteral("daily"));
    QCommandLineOption keepDays(QStringLiteral("keep-days"),
                                QStringLiteral("--capture-dir: keep the captures of the last N days, today included (0 = no limit)"),
                                QStringLiteral("N"), QStringLiteral("0"));
    QCommandLineOption keepGb(QStringLiteral("keep-gb"),
                              QStringLiteral("--capture-dir: delete the oldest captures while they take more than X GB (0 = no limit)"),
                              QStringLiteral("X"), QStringLiteral("0"));
    parser.addOptions({captureDir, rollover, keepDays, keepGb});
    // Active probes (collector "probes"): which run, where to (PATHLENS_TARGETS always wins), how fast.
    QCommandLineOption probes(QStringLiteral("probes"),
                              QStringLiteral("which probes run (icmp,udp,tcp,http,dns,quic; dns = the system resolver)"),
                              QStringLiteral("LIST"), QStringLiteral("icmp,udp,tcp,http,dns,quic"));
    QCommandLineOption probeTarget(QStringLiteral("target"), QStringLiteral("probe target, repeatable; replaces the internet targets and resolvers"),
                                   QStringLiteral("HOST"));
    QCommandLineOption probeGateway(QStringLiteral("gateway"), QStringLiteral("gateway ping: auto|off|ADDR"), QStringLiteral("MODE"));
    QCommandLineOption probeRate(QStringLiteral("rate-scale"), QStringLiteral("probe rate multiplier (lab runs)"),
                                 QStringLiteral("X"), QStringLiteral("1"));
    QCommandLineOption probeConfig(QStringLiteral("config"), QStringLiteral("JSON config: probe targets, mesh peers and bus (docs/configuration.md)"), QStringLiteral("FILE"));
    QCommandLineOption httpUrl(QStringLiteral("http-url"), QStringLiteral("HTTP HEAD target URL, repeatable; replaces the defaults"),
                               QStringLiteral("URL"));
    QCommandLineOption dnsName(QStringLiteral("dns-name"), QStringLiteral("host name for the system-resolver probe"),
                               QStringLiteral("NAME"));
    QCommandLineOption quicHost(QStringLiteral("quic-host"),
                                QStringLiteral("QUIC handshake target HOST[:PORT] (port 443), repeatable; replaces the defaults"),
                                QStringLiteral("HOST"));
    QCommandLineOption httpCa(QStringLiteral("http-ca-file"), QStringLiteral("extra PEM CA certificates trusted by HTTPS probes"),
                              QStringLiteral("FILE"));
    QCommandLineOption httpPin(QStringLiteral("http-pin"),
                               QStringLiteral("SHA-256 (hex) of a server certificate HTTPS probes trust as is, repeatable"),
                               QStringLiteral("HEX"));
    parser.addOptions({probes, probeTarget, probeGateway, probeRate, probeConfig, httpUrl, dnsName, quicHost, httpCa, httpPin});
    // Periodic traceroute (collector "trace"): every 30 s to the trace target (PATHLENS_TARGETS wins).
    QCommandLineOption traceTarget(QStringLiteral("trace-target"), QStringLiteral("traceroute target (default: the configured one)"),
                                   QStringLiteral("HOST"));
    QCommandLineOption traceProto(QStringLiteral("trace-proto"), QStringLiteral("udp (no privilege), icmp or tcp"),
                                  QStringLiteral("PROTO"), QStringLiteral("udp"));
    parser.addOptions({traceTarget, traceProto});
    // Wi-Fi link readings (collector "wifi", on by default; idle where there is no Wi-Fi interface).
    QCommandLineOption wifiReplay(QStringLiteral("wifi-replay"),
                                  QStringLiteral("replay saved nl80211 polls (a file per poll, or a folder of .bin files) "
                                                 "instead of the kernel; repeatable"),
                                  QStringLiteral("PATH"));
    QCommandLineOption wifiInterval(QStringLiteral("wifi-interval"), QStringLiteral("seconds between Wi-Fi readings (default 10)"),
                                    QStringLiteral("S"), QStringLiteral("10"));
    parser.addOptions({wifiReplay, wifiInterval});
    // Continuous capacity by packet trains (collector "capacity", on with --capacity-target).
    QCommandLineOption capacityTarget(QStringLiteral("capacity-target"),
                                      QStringLiteral("measure capacity to HOST by packet trains (repeatable; default with "
                                                     "--collectors capacity: the trace target)"),
                                      QStringLiteral("HOST"));
    QCommandLineOption capacityDscp(QStringLiteral("capacity-dscp"), QStringLiteral("DSCP of the test packets (EF, AF41, CS0 … or 0..63)"),
                                    QStringLiteral("DSCP"), QStringLiteral("0"));
    QCommandLineOption capacityCodec(QStringLiteral("capacity-codec"), QStringLiteral("voice train codec: g711, g729, opus or none"),
                                     QStringLiteral("CODEC"), QStringLiteral("g711"));
    QCommandLineOption capacityInterval(QStringLiteral("capacity-interval"), QStringLiteral("seconds between estimates (default 60)"),
                                        QStringLiteral("S"), QStringLiteral("60"));
    QCommandLineOption capacityLoss(QStringLiteral("capacity-loss-pct"),
                                    QStringLiteral("data loss that starts a confirmation (default 2)"), QStringLiteral("PCT"),
                                    QStringLiteral("2"));
    parser.addOptions({capacityTarget, capacityDscp, capacityCodec, capacityInterval, capacityLoss});
    // Throughput rounds (collector "speed", on with --speed-server).
    const SpeedRunOptions speed;
    speed.addTo(parser);
    // Throughput endpoints beside the collectors (issue 14): what `serve` serves, on all addresses.
    QCommandLineOption serveSpeed(QStringLiteral("serve-speed"),
                                  QStringLiteral("serve the throughput endpoints (/download, /upload, /stats) on TCP port P"),
                                  QStringLiteral("P"));
    parser.addOption(serveSpeed);
    // Prometheus /metrics (issue 17 item 4): loopback unless an address is given.
    QCommandLineOption metrics(QStringLiteral("metrics"),
                               QStringLiteral("serve Prometheus metrics on http://ADDR:PORT/metrics; a bare PORT listens on "
                                              "127.0.0.1 only, other hosts can scrape only when ADDR says so (0.0.0.0:9464, "
                                              "[::]:9464 or one address of this host)"),
                               QStringLiteral("[ADDR:]PORT"));
    parser.addOption(metrics);
    // Mesh (collectors "reflector", on by default, and "mesh", on when peers are given).
    QCommandLineOption peer(QStringLiteral("peer"), QStringLiteral("mesh peer NAME=ADDR[:PORT] (repeatable)"), QStringLiteral("NAME=ADDR"));
    QCommandLineOption meshInterval(QStringLiteral("mesh-interval"), QStringLiteral("seconds between mesh cycles (default 120)"),
                                    QStringLiteral("S"), QStringLiteral("120"));
    QCommandLineOption agentName(QStringLiteral("agent-name"), QStringLiteral("this agent's name in the mesh (default: host name)"),
                                 QStringLiteral("NAME"));
    QCommandLineOption noReflector(QStringLiteral("no-reflector"), QStringLiteral("do not answer STAMP test packets"));
    QCommandLineOption reflectorPort(QStringLiteral("reflector-port"), QStringLiteral("UDP port of the STAMP reflector (default 862)"),
                                     QStringLiteral("P"), QString::number(core::kStampDefaultPort));
    QCommandLineOption meshAuth(QStringLiteral("mesh-auth"), QStringLiteral("authenticated STAMP with the HMAC key in KEYFILE"),
                                QStringLiteral("KEYFILE"));
    QCommandLineOption meshTraceEvery(QStringLiteral("mesh-trace-every"),
                                      QStringLiteral("trace each peer every N mesh cycles (default 5; 0 = never)"), QStringLiteral("N"),
                                      QStringLiteral("5"));
    parser.addOptions({peer, meshInterval, agentName, noReflector, reflectorPort, meshAuth, meshTraceEvery});
    // Fleet bus (collector "fleet", on with --bus): hello, verdict and mesh rows over MQTT; peers found there.
    QCommandLineOption bus(QStringLiteral("bus"), QStringLiteral("fleet bus broker, mqtt://[USER@]HOST[:PORT] or mqtts://… "
                                                                 "(password: PATHLENS_BUS_PASSWORD)"),
                           QStringLiteral("URL"));
    QCommandLineOption fleet(QStringLiteral("fleet"), QStringLiteral("fleet name on the bus (default: default)"), QStringLiteral("NAME"),
                             QStringLiteral("default"));
    QCommandLineOption busCa(QStringLiteral("bus-ca"), QStringLiteral("mqtts: CA certificates (PEM) to trust"), QStringLiteral("FILE"));
    QCommandLineOption advertise(QStringLiteral("advertise"), QStringLiteral("address peers measure this agent at (repeatable; "
                                                                             "default: this host's global addresses)"),
                                 QStringLiteral("ADDR"));
    parser.addOptions({bus, fleet, busCa, advertise});
    // The connection ladder's servers (issue 12); the config's mesh.stun and mesh.turn otherwise.
    QCommandLineOption stun(QStringLiteral("stun"), QStringLiteral("STUN server for the mesh socket's reflected address, IP[:PORT]"),
                            QStringLiteral("ADDR"));
    QCommandLineOption turn(QStringLiteral("turn"), QStringLiteral("TURN server to relay through, IP[:PORT] (password: "
                                                                   "PATHLENS_TURN_PASSWORD)"),
                            QStringLiteral("ADDR"));
    QCommandLineOption turnUser(QStringLiteral("turn-user"), QStringLiteral("TURN user (long-term credentials)"), QStringLiteral("USER"));
    parser.addOptions({stun, turn, turnUser});
    parser.setApplicationDescription(QStringLiteral("pathlens-agent run: collect headless into a capture (man pathlens-agent)"));
    const QCommandLineOption help = parser.addHelpOption();
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (parser.parse(args) && parser.isSet(help))
        parser.showHelp(kExitOk); // every option with its text; exits
    if (!parser.parse(args) || !parser.positionalArguments().isEmpty()) {
        printError(parser.errorText().isEmpty() ? QStringLiteral("run takes no positional arguments") : parser.errorText(),
                   QStringLiteral("pathlens-agent run --capture FILE --duration S"));
        return kExitUsage;
    }
    if (parser.isSet(capture) == parser.isSet(captureDir)) {
        printError(parser.isSet(capture) ? QStringLiteral("--capture and --capture-dir both say where to write")
                                         : QStringLiteral("run needs --capture FILE or --capture-dir DIR"),
                   QStringLiteral("pathlens-agent run --capture FILE --duration S, or --capture-dir DIR --keep-days 30 for a "
                                  "long-running agent"));
        return kExitUsage;
    }
    std::optional<core::RolloverOptions> rolling;
    if (auto parsed = parseRolloverOptions(parser, captureDir, rollover, keepDays, keepGb); !parsed) {
        printError(parsed.error().message, parsed.error().remedy);
        return kExitUsage;
    } else {
        rolling = *parsed;
    }
    bool ok = false;
    const double seconds = parser.value(duration).toDouble(&ok);
    if (!ok || seconds < 0) {
        printError(QStringLiteral("--duration '%1' is not a number of seconds").arg(parser.value(duration)));
        return kExitUsage;
    }
    // The config's mesh section (peers, bus): command-line options win over it.
    core::MeshConfig meshConfig;
    if (parser.isSet(probeConfig)) {
        auto loaded = core::loadMeshConfig(parser.value(probeConfig));
        if (!loaded) {
            printError(loaded.error().message, loaded.error().remedy);
            return kExitInput;
        }
        meshConfig = *loaded;
    }
    core::SpeedConfig speedConfig; // the config's speed section (servers, schedule, budget)
    if (parser.isSet(probeConfig)) {
        auto loaded = core::loadSpeedConfig(parser.value(probeConfig));
        if (!loaded) {
            printError(loaded.error().message, loaded.error().remedy);
            return kExitInput;
        }
        speedConfig = *loaded;
    }
    const QString busUrl = parser.isSet(bus) ? parser.value(bus) : meshConfig.bus;
    const QString fleetName = parser.isSet(fleet) || meshConfig.fleet.isEmpty() ? parser.value(fleet) : meshConfig.fleet;
    // What the GUI collects, unless --collectors names a list; then an option that configures a
    // collector left out of it is a contradiction, not something to ignore silently.
    const bool explicitList = parser.isSet(collectors);
    QStringList wanted = explicitList ? parser.value(collectors).split(QLatin1Char(','), Qt::SkipEmptyParts)
                                      : QStringList{"link", "tcp", "probes", "trace", "reflector", "wifi"};
    if (!explicitList && (parser.isSet(peer) || !meshConfig.peers.empty() || !busUrl.isEmpty()))
        wanted << QStringLiteral("mesh");
    if (!explicitList && !busUrl.isEmpty())
        wanted << QStringLiteral("fleet");
    if (!explicitList && parser.isSet(capacityTarget))
        wanted << QStringLiteral("capacity");
    if (!explicitList && (parser.isSet(speed.server) || !speedConfig.servers.isEmpty()))
        wanted << QStringLiteral("speed");
    if (parser.isSet(noReflector)) {
        if (explicitList && wanted.contains(QStringLiteral("reflector"))) {
            printError(QStringLiteral("--no-reflector contradicts --collectors %1").arg(parser.value(collectors)),
                       QStringLiteral("drop reflector from --collectors, or drop --no-reflector"));
            return kExitUsage;
        }
        wanted.removeAll(QStringLiteral("reflector"));
    }
    const std::pair<const QCommandLineOption *, const char *> configures[] = {
        {&tcpLoopback, "tcp"},   {&tcpReplay, "tcp"}, {&tcpRecord, "tcp"},  {&probes, "probes"},     {&probeTarget, "probes"},
        {&probeGateway, "probes"}, {&probeRate, "probes"}, {&httpUrl, "probes"}, {&dnsName, "probes"}, {&quicHost, "probes"}, {&httpCa, "probes"},
        {&httpPin, "probes"},    {&traceTarget, "trace"}, {&traceProto, "trace"},  {&peer, "mesh"},          {&meshInterval, "mesh"}, {&meshTraceEvery, "mesh"},
        {&reflectorPort, "reflector"}, {&bus, "fleet"}, {&busCa, "fleet"}, {&advertise, "fleet"},
        {&capacityTarget, "capacity"}, {&capacityDscp, "capacity"}, {&capacityCodec, "capacity"},
        {&capacityInterval, "capacity"}, {&capacityLoss, "capacity"}, {&speed.server, "speed"},
        {&speed.schedule, "speed"}, {&speed.budget, "speed"}, {&speed.jsonEvents, "speed"},
        {&wifiReplay, "wifi"}, {&wifiInterval, "wifi"}};
    for (const auto &[option, collector] : configures) {
        if (explicitList && parser.isSet(*option) && !wanted.contains(QLatin1String(collector))) {
            printError(QStringLiteral("--%1 configures the %2 collector, but --collectors %3 leaves it out")
                           .arg(option->names().first(), QLatin1String(collector), parser.value(collectors)),
                       QStringLiteral("add %1 to --collectors, or drop --%2").arg(QLatin1String(collector), option->names().first()));
            return kExitUsage;
        }
    }
    for (const QString &name : wanted) {
        static const QStringList kKnown{"link", "tcp", "probes", "trace", "reflector", "mesh", "fleet", "capacity", "speed", "wifi"};
        if (!kKnown.contains(name)) {
            printError(QStringLiteral("unknown collector '%1'").arg(name),
                       QStringLiteral("--collectors takes a list of: %1").arg(kKnown.join(QStringLiteral(", "))));
            return kExitUsage;
        }
    }
    if (wanted.contains(QStringLiteral("fleet")) && busUrl.isEmpty()) {
        printError(QStringLiteral("the fleet collector needs a broker"), QStringLiteral("add --bus mqtt://HOST:PORT"));
        return kExitUsage;
    }
    const QString selfName = parser.isSet(agentName) ? parser.value(agentName) : QSysInfo::machineHostName();
    std::optional<collect::FleetCollectorOptions> fleetOptions;
    if (wanted.contains(QStringLiteral("fleet"))) {
        auto settings = collect::parseBusUrl(busUrl);
        if (!settings) {
            printError(settings.error().message, settings.error().remedy);
            return kExitUsage;
        }
        settings->caFile = parser.value(busCa);
        fleetOptions.emplace();
        fleetOptions->bus = *settings;
        fleetOptions->fleet = fleetName;
        fleetOptions->agentName = selfName;
        fleetOptions->agentId = core::fleetSafeId(selfName);
        fleetOptions->addresses = parser.values(advertise);
        for (const QString &a : fleetOptions->addresses)
            if (QHostAddress(a).isNull()) {
                printError(QStringLiteral("--advertise '%1' is not an IP address").arg(a));
                return kExitUsage;
            }
        if (auto r = core::checkFleetTopicLevel(QStringLiteral("fleet name"), fleetOptions->fleet); !r) {
            printError(r.error().message, r.error().remedy);
            return kExitUsage;
        }
    }
    core::initLogging({parser.value(logLevel), core::defaultLogPath(QStringLiteral("pathlens-agent")), true});
    std::unique_ptr<collect::SpeedServer> speedServer; // before the capture: a port in use leaves no file
    if (parser.isSet(serveSpeed)) {
        collect::SpeedServerOptions so;
        so.port = parser.value(serveSpeed).toInt(&ok);
        if (!ok || so.port < 1 || so.port > 65535) {
            printError(QStringLiteral("--serve-speed '%1' is not a TCP port").arg(parser.value(serveSpeed)),
                       QStringLiteral("give a port 1..65535, e.g. --serve-speed 8080"));
            return kExitUsage;
        }
        speedServer = std::make_unique<collect::SpeedServer>(so);
        if (auto r = speedServer->start(); !r) {
            printError(r.error().message, r.error().remedy);
            return kExitInput;
        }
    }
    std::unique_ptr<collect::MetricsServer> metricsServer; // before the capture too
    if (parser.isSet(metrics)) {
        const QString text = parser.value(metrics);
        collect::MetricsServerOptions mo;
        bool okPort = false;
        mo.port = text.toInt(&okPort); // a bare port: loopback
        if (!okPort) {
            const auto where = parseHostPort(text, 0);
            const QString host = where && where->host == QLatin1String("localhost") ? QStringLiteral("127.0.0.1") : where ? where->host : QString();
            okPort = where && where->port != 0 && !QHostAddress(host).isNull();
            mo.bindAddress = host;
            mo.port = okPort ? where->port : 0;
        }
        if (!okPort || mo.port < 1 || mo.port > 65535) {
            printError(QStringLiteral("--metrics '%1' is not [ADDR:]PORT").arg(text),
                       QStringLiteral("e.g. --metrics 9464 or --metrics 127.0.0.1:9464 (loopback), --metrics 0.0.0.0:9464 for "
                                      "other hosts, [::1]:9464 for IPv6"));
            return kExitUsage;
        }
        metricsServer = std::make_unique<collect::MetricsServer>(mo);
        metricsServer->setText(core::prometheusText(core::CaptureSnapshot{})); // answers before the first snapshot
        if (auto r = metricsServer->start(); !r) {
            printError(r.error().message, r.error().remedy);
            return kExitInput;
        }
    }

    // The grading policy the user set in the GUI (same settings file), recorded like the GUI does.
    QSettings guiSettings(QStringLiteral("pathlens"), QStringLiteral("pathlens"));
    const core::GradingPolicy policy = core::GradingPolicy::fromSettings(guiSettings);
    auto meta = collect::captureMetadata();
    meta.insert(QString::fromLatin1(core::kGradingPolicyMetaKey),
                QString::fromUtf8(QJsonDocument(policy.toJson()).toJson(QJsonDocument::Compact)));
    // Declared before the writer, so it outlives it on every return: the writer's last commit (its
    // ended_utc) still reaches the analysis.
    std::unique_ptr<core::AnalysisService> analysis;
    auto writer = rolling ? core::CaptureWriter::openRolling(*rolling, meta) : core::CaptureWriter::open(parser.value(capture), meta);
    if (!writer) {
        printError(writer.error().message, writer.error().remedy);
        return kExitInput;
    }
    core::CaptureWriter *w = writer->get();
    const QString capturePath = w->path(); // the first day's file with --capture-dir
    const QString writtenTo = rolling ? rolling->dir : capturePath;
    // With a fleet bus: the same analysis as the GUI grades this device, and its verdict and this
    // agent's own mesh rows (as committed to the capture) go to the bus.
    auto peers = std::make_shared<collect::MeshPeerDirectory>();
    if (fleetOptions || metricsServer)
        analysis = std::make_unique<core::AnalysisService>(core::AnalysisService::Source::Live, capturePath, policy);
    if (!fleetOptions && analysis)
        w->setCommitListener(analysis->listener());
    if (fleetOptions) {
        fleetOptions->peers = peers;
        fleetOptions->allocateTraceId = [w] { return w->allocateId(core::Table::Traces); };
        auto outbox = fleetOptions->outbox;
        auto submit = analysis->listener();
        w->setCommitListener([submit, outbox, selfName](core::CommittedBatchPtr batch) {
            // This agent's own mesh rows and peer traces, as committed, go to the bus (a trace's
            // hops are committed in the same batch).
            std::map<qint64, std::vector<core::Row>> hops;
            for (const core::Row &row : batch->rows)
                if (row.table == core::Table::TraceHops)
                    hops[row.get("trace_id").toLongLong()].push_back(row);
            for (const core::Row &row : batch->rows) {
                if (row.table == core::Table::MeshResults && row.get("src_agent").toString() == selfName)
                    outbox->pushMesh(core::meshResultFromRow(row));
                if (row.table == core::Table::Traces) {
                    core::TraceResult t = core::traceFromRows(row, hops[row.values.at(0).toLongLong()]);
                    if (t.tracedBy == selfName)
                        outbox->pushTrace(t);
                }
            }
            submit(std::move(batch));
        });
        QObject::connect(analysis.get(), &core::AnalysisService::snapshotReady, [outbox](const core::SnapshotPtr &snap) {
            const core::DeviceVerdict &v = snap->passive.verdict;
            core::FleetDevice d;
            d.utcUs = core::nowUtcUs();
            d.hasVerdict = true;
            d.grade = v.grade;
            d.sessions = v.sessions;
            if (v.grade != core::Grade::Ungraded) {
                d.medianRttMs = v.medianRttMs;
                d.retransPct = v.retransPct;
            }
            outbox->setVerdict(d);
        });
    }
    collect::CollectorHost host([w](std::vector<core::Row> rows) { w->enqueue(std::move(rows)); });
    if (wanted.contains(QStringLiteral("link")))
        host.add([] { return std::make_unique<collect::LinkMonitor>(); });
    if (wanted.contains(QStringLiteral("tcp"))) {
        collect::TcpCollectorOptions tcp;
        tcp.includeLoopback = parser.isSet(tcpLoopback);
        tcp.policy = policy;
        tcp.replayFile = parser.value(tcpReplay);
        tcp.recordTo = parser.value(tcpRecord);
        host.add([w, tcp] { return collect::makeTcpCollector(tcp, [w] { return w->allocateId(core::Table::TcpSessions); }); });
    }
    // Targets for probes and traces: embedded defaults, then --config (flags below override both).
    core::ProbeTargets configured = core::embeddedTargets();
    if (parser.isSet(probeConfig)) {
        auto loaded = core::loadTargetsConfig(parser.value(probeConfig), configured);
        if (!loaded) {
            printError(loaded.error().message, loaded.error().remedy);
            return kExitInput;
        }
        configured = *loaded;
    }
    if (wanted.contains(QStringLiteral("probes"))) {
        collect::ProbeCollectorOptions po;
        po.probes.clear();
        for (const QString &flag : parser.value(probes).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto kind = collect::probeKindFromFlag(flag);
            if (!kind) {
                printError(QStringLiteral("unknown probe '%1'").arg(flag),
                           QStringLiteral("--probes takes a list of: icmp, udp, tcp, http, dns, quic"));
                return kExitUsage;
            }
            po.probes.push_back(*kind);
        }
        const double scale = parser.value(probeRate).toDouble(&ok);
        if (!ok || scale < collect::kMinRateScale || scale > collect::kMaxRateScale) {
            printError(QStringLiteral("--rate-scale '%1' is not a number between %2 and %3")
                           .arg(parser.value(probeRate)).arg(collect::kMinRateScale).arg(collect::kMaxRateScale));
            return kExitUsage;
        }
        po.rateScale = scale;
        core::ProbeTargets targets = configured;
        if (parser.isSet(probeTarget)) { // explicit targets: no gateway unless --gateway asks for one
            targets.internet = targets.resolvers = parser.values(probeTarget);
            targets.gateway = QStringLiteral("off");
            targets.source = QStringLiteral("--target");
        }
        if (parser.isSet(probeGateway))
            targets.gateway = parser.value(probeGateway);
        if (parser.isSet(httpUrl)) {
            targets.httpUrls = parser.values(httpUrl);
            for (const QString &u : targets.httpUrls)
                if (!u.startsWith(QLatin1String("http://")) && !u.startsWith(QLatin1String("https://"))) {
                    printError(QStringLiteral("--http-url '%1' is not an http:// or https:// URL").arg(u),
                               QStringLiteral("give a full URL, e.g. --http-url https://host/"));
                    return kExitUsage;
                }
        }
        if (parser.isSet(dnsName))
            targets.dnsName = parser.value(dnsName);
        if (parser.isSet(quicHost)) {
            targets.httpHosts = parser.values(quicHost);
            for (const QString &h : targets.httpHosts)
                if (!core::splitHostPort(h, 443)) {
                    printError(QStringLiteral("--quic-host '%1' is not HOST[:PORT]").arg(h),
                               QStringLiteral("give a host name, e.g. --quic-host example.org or --quic-host [2001:db8::1]:8443"));
                    return kExitUsage;
                }
        }
        if (parser.isSet(httpCa))
            targets.httpCaFile = parser.value(httpCa);
        if (parser.isSet(httpPin)) {
            targets.httpPinsSha256 = parser.values(httpPin);
            for (const QString &pin : targets.httpPinsSha256) {
                const QString hex = QString(pin).remove(QLatin1Char(':'));
                if (QByteArray::fromHex(hex.toLatin1()).size() != 32) {
                    printError(QStringLiteral("--http-pin '%1' is not a SHA-256 in hex").arg(pin),
                               QStringLiteral("openssl x509 -in CERT.pem -noout -fingerprint -sha256"));
                    return kExitUsage;
                }
            }
        }
        po.targets = targets; // the collector applies PATHLENS_TARGETS on top (it wins, gateway off)
        const auto effective = core::targetsFromEnvironment(targets);
        auto allowed = collect::checkProbeTargetsAllowed(effective, po.probes);
        if (allowed && qEnvironmentVariable(core::kTargetsEnvVar).trimmed().isEmpty())
            allowed = collect::checkProbeTargetsAllowed(targets, po.probes); // CI: asking for the public defaults is refused
        if (!allowed && !explicitList) {
            // Only on by default: say why it is off and go on with the rest.
            core::logger("agent")->warn("active probes off: {}", allowed.error().toString().toStdString());
        } else if (!allowed) {
            printError(allowed.error().message, allowed.error().remedy);
            return kExitInput;
        } else {
            host.add([po] { return collect::makeProbeCollector(po); });
        }
    }
    if (wanted.contains(QStringLiteral("trace"))) {
        core::ProbeTargets targets = configured;
        if (parser.isSet(traceTarget))
            targets.traceTarget = parser.value(traceTarget);
        targets = core::targetsFromEnvironment(targets); // PATHLENS_TARGETS (or CI) wins
        const auto proto = collect::traceProtoFromName(parser.value(traceProto));
        if (!proto) {
            printError(QStringLiteral("unknown --trace-proto '%1'").arg(parser.value(traceProto)), QStringLiteral("use udp, icmp or tcp"));
            return kExitUsage;
        }
        collect::TraceCollectorOptions trace;
        trace.trace.target = targets.traceTarget;
        trace.trace.proto = *proto;
        core::logger("agent")->info("tracing {} ({})", trace.trace.target.toStdString(), targets.source.toStdString());
        host.add([w, trace] { return collect::makeTraceCollector(trace, [w] { return w->allocateId(core::Table::Traces); }); });
    }
    if (wanted.contains(QStringLiteral("wifi"))) {
        collect::WifiCollectorOptions wifi;
        const double interval = parser.value(wifiInterval).toDouble(&ok);
        if (!ok || interval < 0.01 || interval > 3600) {
            printError(QStringLiteral("--wifi-interval '%1' is not a number of seconds").arg(parser.value(wifiInterval)),
                       QStringLiteral("give 0.01 to 3600, e.g. --wifi-interval 10"));
            return kExitUsage;
        }
        wifi.pollIntervalMs = int(interval * 1000);
        wifi.replay = parser.values(wifiReplay);
        if (auto files = collect::WifiReplaySource::listFiles(wifi.replay); !wifi.replay.isEmpty() && !files) {
            printError(files.error().message, files.error().remedy);
            return kExitInput;
        }
        host.add([wifi] { return std::make_unique<collect::WifiCollector>(wifi); });
    }
    if (wanted.contains(QStringLiteral("capacity"))) {
        collect::TrainsCollectorOptions co;
        co.targets = parser.values(capacityTarget);
        if (co.targets.isEmpty()) // the trace target, PATHLENS_TARGETS (or CI) winning as for traces
            co.targets << core::targetsFromEnvironment(configured).traceTarget;
        const auto dscp = core::parseDscp(parser.value(capacityDscp));
        bool okInterval = false, okLoss = false;
        co.policy.intervalS = parser.value(capacityInterval).toInt(&okInterval);
        co.policy.lossPct = parser.value(capacityLoss).toDouble(&okLoss);
        const QString codec = parser.value(capacityCodec);
        const auto voice = core::parseVoiceCodec(codec);
        if (!dscp || !okInterval || co.policy.intervalS < 6 || co.policy.intervalS > 86400 || !okLoss || co.policy.lossPct <= 0 ||
            co.policy.lossPct >= 100 || (!voice && codec.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0)) {
            printError(QStringLiteral("bad capacity option"),
                       QStringLiteral("--capacity-dscp EF|AF41|CS0|0..63, --capacity-interval 6..86400, --capacity-loss-pct 0..100 "
                                      "(exclusive), --capacity-codec g711|g729|opus|none"));
            return kExitUsage;
        }
        co.dscp = *dscp;
        co.voice = voice;
        core::logger("agent")->info("capacity to {} every {} s", co.targets.join(QStringLiteral(", ")).toStdString(), co.policy.intervalS);
        co.allocateTraceId = [w] { return w->allocateId(core::Table::Traces); };
        host.add([co] { return collect::makeTrainsCollector(co); });
    }
    if (wanted.contains(QStringLiteral("speed"))) {
        auto so = speed.read(parser, speedConfig);
        if (!so)
            return kExitUsage;
        if (so->test.servers.isEmpty()) {
            printError(QStringLiteral("the speed collector needs a server"),
                       QStringLiteral("add --speed-server http://HOST:PORT, or speed.servers in the config"));
            return kExitUsage;
        }
        core::logger("agent")->info("throughput tests against {} ({})", so->test.servers.join(QStringLiteral(", ")).toStdString(),
                                    core::roundScheduleId(so->schedule).toStdString());
        const bool events = parser.isSet(speed.jsonEvents);
        QObject *context = QCoreApplication::instance();
        host.add([so = *so, events, context] {
            auto c = std::make_unique<collect::SpeedCollector>(so);
            if (events)
                attachSpeedEvents(*c, context);
            return c;
        });
    }
    if (wanted.contains(QStringLiteral("reflector")) || wanted.contains(QStringLiteral("mesh"))) {
        std::optional<QByteArray> key;
        if (parser.isSet(meshAuth) && !(key = readStampKey(parser.value(meshAuth))))
            return kExitInput;
        bool okNum = false;
        const int rport = parser.value(reflectorPort).toInt(&okNum);
        const int interval = parser.value(meshInterval).toInt(&ok);
        if (!okNum || rport < 1 || rport > 65535 || !ok || interval < 1) {
            printError(QStringLiteral("bad mesh option"), QStringLiteral("--reflector-port 1..65535, --mesh-interval seconds ≥ 1"));
            return kExitUsage;
        }
        core::StampReflectorConfig rc;
        if (key) {
            rc.mode = core::StampMode::Authenticated;
            rc.key = *key;
        }
        // With the mesh, its socket reflects: one port per agent, so a NAT sees one flow per peer.
        if (wanted.contains(QStringLiteral("reflector")) && !wanted.contains(QStringLiteral("mesh")))
            host.add([rport, rc] { return std::make_unique<collect::ReflectorCollector>(quint16(rport), rc); });
        if (wanted.contains(QStringLiteral("mesh"))) {
            collect::MeshCollectorOptions mo;
            mo.port = quint16(rport);
            if (wanted.contains(QStringLiteral("reflector")))
                mo.reflect = rc;
            const QStringList advertised = parser.values(advertise);
            mo.allowLoopback = !advertised.isEmpty() && std::all_of(advertised.begin(), advertised.end(), [](const QString &a) {
                return QHostAddress(a).isLoopback();
            });
            const QString stunText = parser.isSet(stun) ? parser.value(stun) : meshConfig.stun;
            const QString turnText = parser.isSet(turn) ? parser.value(turn) : meshConfig.turn.server;
            for (const auto &[what, text, out, fromCli] : {std::tuple{QStringLiteral("STUN"), stunText, &mo.nat.stun, parser.isSet(stun)},
                                                           std::tuple{QStringLiteral("TURN"), turnText, &mo.nat.turn, parser.isSet(turn)}}) {
                if (text.isEmpty())
                    continue;
                const auto where = parseHostPort(text, 3478);
                const QHostAddress address(where ? where->host : QString());
                if (!where || address.isNull()) {
                    printError(QStringLiteral("%1 server '%2' is not IP[:PORT]").arg(what, text),
                               QStringLiteral("give an IP address, e.g. --%1 192.0.2.10:3478 (or mesh.%1 in the config)")
                                   .arg(what.toLower()));
                    return fromCli ? kExitUsage : kExitInput;
                }
                *out = collect::StunEndpoint{address, where->port};
            }
            if (mo.nat.turn) {
                const bool fromCli = parser.isSet(turnUser) || parser.isSet(turn);
                mo.nat.turnUser = parser.isSet(turnUser) ? parser.value(turnUser) : meshConfig.turn.user;
                mo.nat.turnPassword = qEnvironmentVariable("PATHLENS_TURN_PASSWORD", meshConfig.turn.password);
                mo.nat.credentialsSource = fromCli ? QStringLiteral("--turn-user and PATHLENS_TURN_PASSWORD")
                                                   : QStringLiteral("mesh.turn.user and mesh.turn.password in %1").arg(parser.value(probeConfig));
                if (mo.nat.turnUser.isEmpty() || mo.nat.turnPassword.isEmpty()) {
                    printError(QStringLiteral("the TURN server needs a user and a password"),
                               QStringLiteral("set mesh.turn.user and mesh.turn.password in the config, or --turn-user and "
                                              "PATHLENS_TURN_PASSWORD"));
                    return fromCli ? kExitUsage : kExitInput;
                }
            }
            mo.selfName = selfName;
            mo.peers = peers;
            mo.traceEveryCycles = parser.value(meshTraceEvery).toInt(&okNum);
            if (!okNum || mo.traceEveryCycles < 0) {
                printError(QStringLiteral("--mesh-trace-every '%1' is not a number of cycles ≥ 0").arg(parser.value(meshTraceEvery)));
                return kExitUsage;
            }
            mo.allocateTraceId = [w] { return w->allocateId(core::Table::Traces); };
            mo.intervalS = interval;
            if (key) {
                mo.mode = core::StampMode::Authenticated;
                mo.key = *key;
            }
            std::vector<collect::MeshPeer> configuredPeers;
            for (const core::MeshPeerConfig &p : meshConfig.peers) {
                const QHostAddress address(p.address);
                if (address.isNull()) {
                    printError(QStringLiteral("config %1: mesh peer '%2' has no IP address ('%3')").arg(parser.value(probeConfig), p.name, p.address),
                               QStringLiteral("give an IPv4 or IPv6 address in \"address\""));
                    return kExitInput;
                }
                configuredPeers.push_back({.name = p.name, .address = address, .port = quint16(p.port)});
            }
            for (const QString &spec : parser.values(peer)) {
                // NAME=ADDR, NAME=ADDR:PORT, NAME=[V6]:PORT or NAME=V6
                const QString name = spec.section(QLatin1Char('='), 0, 0);
                const auto where = parseHostPort(spec.section(QLatin1Char('='), 1), core::kStampDefaultPort);
                const QHostAddress address(where ? where->host : QString());
                if (name.isEmpty() || !where || address.isNull()) {
                    printError(QStringLiteral("--peer '%1' is not NAME=ADDRESS[:PORT]").arg(spec),
                               QStringLiteral("e.g. --peer berlin=192.0.2.7 or --peer lab=[2001:db8::7]:8620"));
                    return kExitUsage;
                }
                std::erase_if(configuredPeers, [&](const collect::MeshPeer &p) { return p.name == name; }); // --peer wins
                configuredPeers.push_back({.name = name, .address = address, .port = where->port});
            }
            mo.peers->setConfigured(configuredPeers);
            if (configuredPeers.empty() && !fleetOptions) {
                printError(QStringLiteral("the mesh collector needs peers"),
                           QStringLiteral("add --peer NAME=ADDRESS (repeatable), or --bus URL to find them on the fleet bus"));
                return kExitUsage;
            }
            host.add([mo] { return std::make_unique<collect::MeshCollector>(mo); });
        }
        if (fleetOptions && wanted.contains(QStringLiteral("reflector")))
            fleetOptions->reflectorPort = quint16(rport);
    }
    if (fleetOptions) {
        core::logger("agent")->info("fleet bus {} fleet {} as {} (id {})", fleetOptions->bus.display().toStdString(),
                                    fleetOptions->fleet.toStdString(), selfName.toStdString(), fleetOptions->agentId.toStdString());
        host.add([fo = *fleetOptions] { return std::make_unique<collect::FleetCollector>(fo); });
    }
    if (metricsServer) {
        // Formatted here, on the main thread, as each snapshot or collector state arrives; a scrape
        // only copies the last text.
        struct MetricsState {
            core::SnapshotPtr snapshot = std::make_shared<const core::CaptureSnapshot>();
            std::map<QString, core::CollectorStatus> collectors;
        };
        auto state = std::make_shared<MetricsState>();
        auto republish = [server = metricsServer.get(), state] {
            std::vector<core::CollectorStatus> collectors;
            for (const auto &[name, status] : state->collectors)
                collectors.push_back(status);
            server->setText(core::prometheusText(*state->snapshot, collectors));
        };
        QObject::connect(analysis.get(), &core::AnalysisService::snapshotReady, [state, republish](const core::SnapshotPtr &snap) {
            state->snapshot = snap;
            republish();
        });
        QObject::connect(&host, &collect::CollectorHost::statusChanged, [state, republish](const core::CollectorStatus &s) {
            state->collectors[s.name] = s;
            republish();
        });
    }
    QObject::connect(&host, &collect::CollectorHost::statusChanged, [](const core::CollectorStatus &s) {
        const QString state = s.note.isEmpty() ? core::collectorStateName(s.state)
                                               : QStringLiteral("%1 (%2)").arg(core::collectorStateName(s.state), s.note);
        core::logger("agent")->info("collector {}: {} {}", s.name.toStdString(), state.toStdString(), s.message.toStdString());
    });

    QObject signalOwner;
    agent::quitOnStopSignals(&signalOwner);
    if (seconds > 0)
        QTimer::singleShot(int(seconds * 1000), [] { QCoreApplication::quit(); });

    core::logger("agent")->info("collecting into {} for {}", capturePath.toStdString(),
                                seconds > 0 ? QStringLiteral("%1 s").arg(seconds).toStdString() : std::string("ever"));
    host.startAll();
    QCoreApplication::exec();
    if (speedServer)
        speedServer->stop(); // logs what it served
    if (metricsServer)
        metricsServer->stop();
    host.stopAll(); // returns at once: the collectors' last rows (stop() may record some) follow
    if (!host.waitForStopped()) {
        // A collector still inside a call may yet publish or allocate an id: the writer must outlive
        // it. What was committed is safe; the capture stays without ended_utc.
        core::logger("agent")->error("a collector did not stop within 10 s; leaving the capture open");
        fprintf(stderr, "%lld rows written to %s (capture left open)\n", static_cast<long long>(w->rowsCommitted()),
                qPrintable(writtenTo));
        (void)writer->release();
        std::_Exit(kExitOk); // the host's destructor would wait for that collector again
    }
    w->flush();
    const qint64 rows = w->rowsCommitted();
    writer->reset(); // stamps ended_utc
    analysis.reset(); // the writer has gone: its last commit is analysed, the thread ends
    fprintf(stderr, "%lld rows written to %s\n", static_cast<long long>(rows), qPrintable(writtenTo));
    core::shutdownLogging();
    return kExitOk;
}

} // namespace pathlens::agent
