// SPDX-License-Identifier: GPL-3.0-or-later
// `pathlens-agent reflect` (a standalone STAMP Session-Reflector) and `pathlens-agent stamp HOST`
// (a one-shot Session-Sender against any RFC 8762 reflector).
#include "agent_commands.h"
#include "stop_signals.h"

#include "collectors/mesh/stamp_reflector.h"
#include "collectors/mesh/stamp_sender.h"
#include "core/base/logging.h"
#include "core/stats/statistics.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace pathlens::agent {

namespace {
constexpr int kMinKeyBytes = 16; // below this an HMAC key is guessable

} // namespace

std::optional<HostPort> parseHostPort(const QString &text, quint16 defaultPort)
{
    HostPort hp{text, defaultPort};
    QString portText;
    if (text.startsWith(QLatin1Char('['))) {
        const int close = text.indexOf(QLatin1Char(']'));
        hp.host = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else if (text.count(QLatin1Char(':')) == 1) {
        hp.host = text.section(QLatin1Char(':'), 0, 0);
        portText = text.section(QLatin1Char(':'), 1);
    }
    if (portText.isEmpty())
        return hp;
    bool ok = false;
    const int port = portText.toInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return std::nullopt;
    hp.port = quint16(port);
    return hp;
}

std::optional<QHostAddress> resolveHost(const QString &host)
{
    QHostAddress address;
    if (address.setAddress(host))
        return address;
    const QHostInfo info = QHostInfo::fromName(host);
    if (info.addresses().isEmpty()) {
        printError(QStringLiteral("cannot resolve %1: %2").arg(host, info.errorString()), QStringLiteral("give an address or a name that resolves"));
        return std::nullopt;
    }
    return info.addresses().first();
}

std::optional<QByteArray> readStampKey(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        printError(QStringLiteral("cannot read the key file %1: %2").arg(path, f.errorString()),
                   QStringLiteral("create one on both ends, e.g. head -c 32 /dev/urandom | base64 > %1").arg(path));
        return std::nullopt;
    }
    QByteArray key = f.readAll();
    while (key.endsWith('\n') || key.endsWith('\r'))
        key.chop(1);
    if (key.size() < kMinKeyBytes) {
        printError(QStringLiteral("the key in %1 has %2 bytes; STAMP keys need at least %3").arg(path).arg(key.size()).arg(kMinKeyBytes),
                   QStringLiteral("head -c 32 /dev/urandom | base64 > %1").arg(path));
        return std::nullopt;
    }
    return key;
}

namespace {

// 0..65535; 0 asks for any free port.
std::optional<quint16> parseListenPort(const QString &text)
{
    bool ok = false;
    const int port = text.toInt(&ok);
    return ok && port >= 0 && port < 65536 ? std::optional<quint16>(quint16(port)) : std::nullopt;
}

QJsonObject countersJson(const core::StampReflectorCounters &c)
{
    return QJsonObject{{"received", double(c.received)}, {"reflected", double(c.reflected)}, {"too_short", double(c.tooShort)},
                       {"too_long", double(c.tooLong)},  {"bad_hmac", double(c.badHmac)},   {"replayed", double(c.replayed)},
                       {"rate_limited", double(c.rateLimited)}};
}
} // namespace

int reflectCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption port(QStringLiteral("port"), QStringLiteral("UDP port (default 862, which needs root)"), QStringLiteral("P"),
                            QString::number(core::kStampDefaultPort));
    QCommandLineOption auth(QStringLiteral("auth"), QStringLiteral("authenticated mode with the HMAC key in KEYFILE"), QStringLiteral("KEYFILE"));
    QCommandLineOption stateless(QStringLiteral("stateless"), QStringLiteral("copy the sender's sequence numbers (default: stateful)"));
    QCommandLineOption duration(QStringLiteral("duration"), QStringLiteral("seconds to run (0 = until stopped)"), QStringLiteral("S"),
                                QStringLiteral("0"));
    QCommandLineOption json(QStringLiteral("json"), QStringLiteral("print the counters as JSON when stopping"));
    parser.addOptions({port, auth, stateless, duration, json});
    if (!parser.parse(args) || !parser.positionalArguments().isEmpty()) {
        printError(parser.errorText().isEmpty() ? QStringLiteral("reflect takes no positional arguments") : parser.errorText(),
                   QStringLiteral("pathlens-agent reflect [--port P] [--auth KEYFILE] [--stateless] [--duration S]"));
        return kExitUsage;
    }
    const auto p = parseListenPort(parser.value(port)); // 0: any free port (printed once listening)
    bool ok = false;
    const double seconds = parser.value(duration).toDouble(&ok);
    if (!p || !ok || seconds < 0) {
        printError(QStringLiteral("bad option value"), QStringLiteral("--port 0..65535 (0: any free port), --duration seconds ≥ 0"));
        return kExitUsage;
    }
    core::StampReflectorConfig config;
    config.stateful = !parser.isSet(stateless);
    if (parser.isSet(auth)) {
        const auto key = readStampKey(parser.value(auth));
        if (!key)
            return kExitInput;
        config.mode = core::StampMode::Authenticated;
        config.key = *key;
    }
    core::initLogging({QStringLiteral("info"), core::defaultLogPath(QStringLiteral("pathlens-agent")), true});
    collect::StampReflector reflector(*p, config);
    if (auto r = reflector.start(); !r) {
        printError(r.error().message, r.error().remedy);
        return kExitInput;
    }
    // "ready" on stdout once listening, so scripts and tests know when to send.
    std::printf("reflecting on UDP port %u\n", unsigned(reflector.port()));
    std::fflush(stdout);
    QObject owner;
    quitOnStopSignals(&owner);
    if (seconds > 0)
        QTimer::singleShot(int(seconds * 1000), &owner, [] { QCoreApplication::quit(); });
    QCoreApplication::exec();
    const QJsonObject c = countersJson(reflector.counters());
    if (parser.isSet(json))
        std::printf("%s\n", QJsonDocument(c).toJson(QJsonDocument::Compact).constData());
    else
        std::printf("reflected %lld of %lld test packets; dropped %lld (short %lld, long %lld, bad HMAC %lld, replayed %lld, "
                    "rate-limited %lld)\n",
                    reflector.counters().reflected, reflector.counters().received, reflector.counters().dropped(),
                    reflector.counters().tooShort, reflector.counters().tooLong, reflector.counters().badHmac,
                    reflector.counters().replayed, reflector.counters().rateLimited);
    core::shutdownLogging();
    return kExitOk;
}

int stampCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption count(QStringLiteral("count"), QStringLiteral("test packets to send (default 10)"), QStringLiteral("N"),
                             QStringLiteral("10"));
    QCommandLineOption interval(QStringLiteral("interval-ms"), QStringLiteral("between packets (default 100)"), QStringLiteral("M"),
                                QStringLiteral("100"));
    QCommandLineOption auth(QStringLiteral("auth"), QStringLiteral("authenticated mode with the HMAC key in KEYFILE"), QStringLiteral("KEYFILE"));
    QCommandLineOption size(QStringLiteral("size"), QStringLiteral("test packet size in bytes (default: the mode's minimum)"),
                            QStringLiteral("BYTES"), QStringLiteral("0"));
    QCommandLineOption json(QStringLiteral("json"), QStringLiteral("JSON output"));
    parser.addOptions({count, interval, auth, size, json});
    if (!parser.parse(args) || parser.positionalArguments().size() != 1) {
        printError(parser.errorText().isEmpty() ? QStringLiteral("stamp expects one HOST[:PORT]") : parser.errorText(),
                   QStringLiteral("pathlens-agent stamp HOST[:PORT] [--count N] [--interval-ms M] [--auth KEYFILE] [--json]"));
        return kExitUsage;
    }
    collect::StampSessionOptions o;
    const auto target = parseHostPort(parser.positionalArguments().first(), core::kStampDefaultPort);
    if (!target) {
        printError(QStringLiteral("'%1' does not end in a port 1..65535").arg(parser.positionalArguments().first()),
                   QStringLiteral("HOST, HOST:PORT or [IPv6]:PORT"));
        return kExitUsage;
    }
    const QString host = target->host;
    o.port = target->port;
    bool okCount = false, okInterval = false, okSize = false;
    o.count = parser.value(count).toInt(&okCount);
    o.intervalMs = parser.value(interval).toInt(&okInterval);
    o.size = parser.value(size).toInt(&okSize);
    if (!okCount || o.count < 1 || o.count > 100000 || !okInterval || o.intervalMs < 1 || o.intervalMs > 60000 || !okSize || o.size < 0 ||
        o.size > core::kStampMaxSize) {
        printError(QStringLiteral("bad option value"),
                   QStringLiteral("--count 1..100000, --interval-ms 1..60000, --size 0..%1").arg(core::kStampMaxSize));
        return kExitUsage;
    }
    if (parser.isSet(auth)) {
        const auto key = readStampKey(parser.value(auth));
        if (!key)
            return kExitInput;
        o.mode = core::StampMode::Authenticated;
        o.key = *key;
    }
    const auto resolved = resolveHost(host);
    if (!resolved)
        return kExitInput;
    o.host = *resolved;
    const bool asJson = parser.isSet(json);
    if (!asJson)
        std::printf("STAMP to %s port %u, %d packets every %d ms\n%6s %12s %12s %10s %10s %10s\n", qPrintable(o.host.toString()),
                    unsigned(o.port), o.count, o.intervalMs, "seq", "T1 (UTC s)", "RTT ms", "fwd ms", "rev ms", "ttl→refl");
    auto result = collect::runStampSession(o, [asJson](const collect::StampSample &s) {
        if (!asJson)
            std::printf("%6u %12.6f %12.3f %10.3f %10.3f %10d\n", s.sequence, double(s.t1) / 1e9, s.rttMs(), s.forwardOffsetMs(),
                        s.reverseOffsetMs(), s.reflectorSawTtl);
    });
    if (!result) {
        printError(result.error().message, result.error().remedy);
        return kExitInput;
    }
    std::vector<double> rtts;
    QJsonArray packets;
    for (const collect::StampSample &s : result->samples) {
        QJsonObject p{{"seq", double(s.sequence)}, {"answered", s.answered}, {"t1_ns", QString::number(s.t1)}};
        if (s.answered) {
            rtts.push_back(s.rttMs());
            p["t2_ns"] = QString::number(s.t2);
            p["t3_ns"] = QString::number(s.t3);
            p["t4_ns"] = QString::number(s.t4);
            p["rtt_ms"] = s.rttMs();
            p["forward_offset_ms"] = s.forwardOffsetMs();
            p["reverse_offset_ms"] = s.reverseOffsetMs();
            p["reflector_seq"] = double(s.reflectorSequence);
            p["ttl_at_reflector"] = s.reflectorSawTtl;
        }
        packets.append(p);
    }
    const double rttMin = rtts.empty() ? 0 : *std::min_element(rtts.begin(), rtts.end());
    const double rttMax = rtts.empty() ? 0 : *std::max_element(rtts.begin(), rtts.end());
    const double rttMedian = core::median(rtts);
    const double lossPct = result->sent ? 100.0 * (result->sent - result->answered) / result->sent : 0;
    if (asJson) {
        QJsonObject out{{"target", o.host.toString()}, {"port", o.port}, {"mode", o.mode == core::StampMode::Authenticated ? "authenticated" : "unauthenticated"},
                        {"sent", result->sent},      {"answered", result->answered}, {"loss_pct", lossPct},
                        {"rejected", result->rejected}, {"timestamps", result->timestampMethod}, {"packets", packets}};
        if (!rtts.empty()) {
            out["rtt_min_ms"] = rttMin;
            out["rtt_median_ms"] = rttMedian;
            out["rtt_max_ms"] = rttMax;
        }
        std::printf("%s", QJsonDocument(out).toJson(QJsonDocument::Indented).constData());
    } else {
        std::printf("%d sent, %d answered (%.1f %% lost)", result->sent, result->answered, lossPct);
        if (!rtts.empty())
            std::printf(", RTT min/median/max %.3f/%.3f/%.3f ms", rttMin, rttMedian, rttMax);
        std::printf("\n");
    }
    return result->answered > 0 ? kExitOk : kExitInput;
}

} // namespace pathlens::agent
