// SPDX-License-Identifier: GPL-3.0-or-later
// `pathlens-agent capacity HOST`: one capacity measurement by packet trains (or a short series),
// single-ended with ICMP echo or dual-ended over STAMP, optionally followed by the deep diagnosis.
#include "agent_commands.h"

#include "collectors/trains/capacity_meter.h"
#include "core/report/trains_json.h"
#include "core/trains/continuous_analysis.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QThread>

#include <cstdio>

namespace pathlens::agent {

namespace {
const QString kUsage = QStringLiteral(
    "pathlens-agent capacity HOST[:PORT] [--dual] [--dscp EF|AF41|CS0|0..63] [--trains 1,5,10,20,30,50] "
    "[--size BYTES] [--codec g711|g729|opus|none] [--count N] [--interval-s S] [--paced N] [--diagnose loss|capacity|latency] "
    "[--json]");

QString num(const std::optional<double> &v, int decimals, const QString &unit)
{
    return v ? QStringLiteral("%1 %2").arg(*v, 0, 'f', decimals).arg(unit) : QStringLiteral("—");
}

void printHuman(const core::CapacityResult &r)
{
    const QString dir = r.mode == core::CapacityMode::DualEnded ? core::capacityDirectionName(r.direction) + QLatin1Char(' ') : QString();
    if (r.doubtful)
        std::printf("%s  %sdoubtful: %s\n", qPrintable(core::formatUtcMs(r.utcUs)), qPrintable(dir), qPrintable(r.reason));
    else
        std::printf("%s  %stotal %s  available %s  utilised %s\n", qPrintable(core::formatUtcMs(r.utcUs)), qPrintable(dir),
                    qPrintable(num(r.totalMbps, 2, QStringLiteral("Mbit/s"))), qPrintable(num(r.availableMbps, 2, QStringLiteral("Mbit/s"))),
                    qPrintable(num(r.utilisedMbps, 2, QStringLiteral("Mbit/s"))));
    if (!r.doubtful && !r.reason.isEmpty())
        std::printf("    note: %s\n", qPrintable(r.reason));
    std::printf("    latency %s  data loss %.1f %%  data jitter %s", qPrintable(num(r.latencyMs, 3, QStringLiteral("ms"))), r.lossPct,
                qPrintable(num(r.jitterMs, 3, QStringLiteral("ms"))));
    if (!r.codec.isEmpty())
        std::printf("  voice (%s) loss %.1f %% jitter %s MOS %s", qPrintable(r.codec), r.voiceLossPct.value_or(0),
                    qPrintable(num(r.voiceJitterMs, 3, QStringLiteral("ms"))), qPrintable(num(r.voiceMos, 2, QString())));
    std::printf("\n    %d packets, %lld bytes sent\n", r.packets, static_cast<long long>(r.bytes));
}

void printJsonLine(const QJsonObject &o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}
} // namespace

int capacityCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption dual(QStringLiteral("dual"), QStringLiteral("dual-ended over STAMP to an agent's reflector (each direction)"));
    QCommandLineOption dscp(QStringLiteral("dscp"), QStringLiteral("mark test packets (EF, AF41, CS0 … or 0..63)"), QStringLiteral("DSCP"),
                            QStringLiteral("0"));
    QCommandLineOption trains(QStringLiteral("trains"), QStringLiteral("train lengths (default 1,5,10,20,30,50)"), QStringLiteral("LIST"),
                              QStringLiteral("1,5,10,20,30,50"));
    QCommandLineOption size(QStringLiteral("size"), QStringLiteral("IP packet size (default: the path MTU)"), QStringLiteral("BYTES"),
                            QStringLiteral("0"));
    QCommandLineOption codec(QStringLiteral("codec"), QStringLiteral("voice train codec: g711 (default), g729, opus or none"),
                             QStringLiteral("CODEC"), QStringLiteral("g711"));
    QCommandLineOption count(QStringLiteral("count"), QStringLiteral("estimates to take (default 1)"), QStringLiteral("N"), QStringLiteral("1"));
    QCommandLineOption interval(QStringLiteral("interval-s"), QStringLiteral("between estimates (default 5)"), QStringLiteral("S"),
                                QStringLiteral("5"));
    QCommandLineOption diagnose(QStringLiteral("diagnose"), QStringLiteral("then run the deep diagnosis of every hop for this dysfunction"),
                                QStringLiteral("KIND"));
    QCommandLineOption paced(QStringLiteral("paced"),
                             QStringLiteral("from the 2nd estimate on, N packets paced behind the longest train show others' "
                                            "traffic (available, utilised); default 0"),
                             QStringLiteral("N"), QStringLiteral("0"));
    QCommandLineOption json(QStringLiteral("json"), QStringLiteral("one JSON object per line"));
    parser.addOptions({dual, dscp, trains, size, codec, count, interval, diagnose, paced, json});
    if (!parser.parse(args) || parser.positionalArguments().size() != 1) {
        printError(parser.errorText().isEmpty() ? QStringLiteral("capacity expects one HOST") : parser.errorText(), kUsage);
        return kExitUsage;
    }
    collect::CapacityOptions o;
    const auto hp = parseHostPort(parser.positionalArguments().first(), core::kStampDefaultPort);
    if (!hp) {
        printError(QStringLiteral("'%1' does not end in a port 1..65535").arg(parser.positionalArguments().first()), kUsage);
        return kExitUsage;
    }
    o.target = hp->host;
    o.stampPort = hp->port;
    const auto mark = core::parseDscp(parser.value(dscp));
    if (!mark) {
        printError(QStringLiteral("'%1' is not a DSCP").arg(parser.value(dscp)), QStringLiteral("use a name (EF, AF41, CS0 …) or 0..63"));
        return kExitUsage;
    }
    o.dscp = *mark;
    o.trainLengths.clear();
    for (const QString &part : parser.value(trains).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int n = part.trimmed().toInt(&ok);
        if (!ok || n < 1 || n > 200) {
            printError(QStringLiteral("'%1' is not a train length").arg(part), QStringLiteral("--trains takes lengths 1..200, e.g. 1,5,10,20,30,50"));
            return kExitUsage;
        }
        o.trainLengths.push_back(n);
    }
    bool okSize = false, okCount = false, okInterval = false, okPaced = false;
    o.pacedPackets = parser.value(paced).toInt(&okPaced);
    o.packetBytes = parser.value(size).toInt(&okSize);
    const int estimates = parser.value(count).toInt(&okCount);
    const int intervalS = parser.value(interval).toInt(&okInterval);
    if (o.trainLengths.empty() || !okSize || (o.packetBytes != 0 && (o.packetBytes < 64 || o.packetBytes > 9000)) || !okCount ||
        estimates < 1 || estimates > 10000 || !okInterval || intervalS < 0 || intervalS > 3600 || !okPaced || o.pacedPackets < 0 ||
        o.pacedPackets > 50 || (o.pacedPackets > 0 && parser.isSet(dual))) {
        printError(QStringLiteral("bad option value"),
                   QStringLiteral("--trains LIST, --size 64..9000, --count 1..10000, --interval-s 0..3600, --paced 0..50 (single-ended)"));
        return kExitUsage;
    }
    if (parser.value(codec).compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        o.voice.reset();
    } else if (const auto c = core::parseVoiceCodec(parser.value(codec))) {
        o.voice = *c;
    } else {
        printError(QStringLiteral("unknown codec '%1'").arg(parser.value(codec)), QStringLiteral("--codec g711, g729, opus or none"));
        return kExitUsage;
    }
    std::optional<core::DysfunctionKind> diagnoseKind;
    if (parser.isSet(diagnose)) {
        const QString k = parser.value(diagnose).toLower();
        if (k == QLatin1String("loss"))
            diagnoseKind = core::DysfunctionKind::Loss;
        else if (k == QLatin1String("capacity"))
            diagnoseKind = core::DysfunctionKind::Capacity;
        else if (k == QLatin1String("latency"))
            diagnoseKind = core::DysfunctionKind::Latency;
        else {
            printError(QStringLiteral("unknown dysfunction '%1'").arg(k), QStringLiteral("--diagnose loss, capacity or latency"));
            return kExitUsage;
        }
        if (parser.isSet(dual)) {
            printError(QStringLiteral("the deep diagnosis is single-ended (TTL-limited ICMP)"), QStringLiteral("drop --dual or --diagnose"));
            return kExitUsage;
        }
    }
    const auto resolved = resolveHost(o.target);
    if (!resolved)
        return kExitInput;
    o.address = *resolved;
    const bool asJson = parser.isSet(json);

    std::unique_ptr<collect::TrainTransport> transport;
    if (!parser.isSet(dual)) { // single-ended trains and the diagnosis (never dual: refused above)
        auto t = collect::TrainTransport::open(o.address, o.dscp);
        if (!t) {
            printError(t.error().message, t.error().remedy);
            return kExitInput;
        }
        transport = std::move(*t);
    }
    if (parser.isSet(dual) && o.packetBytes == 0) { // the path MTU by ICMP where raw sockets allow, else 1500
        if (auto t = collect::TrainTransport::open(o.address, o.dscp))
            if (auto mtu = (*t)->discoverPathMtu())
                o.packetBytes = *mtu;
    }
    if (!parser.isSet(dual) && o.packetBytes == 0) {
        auto mtu = transport->discoverPathMtu();
        if (!mtu) {
            printError(mtu.error().message, mtu.error().remedy);
            return kExitInput;
        }
        o.packetBytes = *mtu;
    }
    if (!asJson)
        std::printf("Capacity to %s (%s), %s, %d-byte packets, trains of %s, DSCP %s\n", qPrintable(o.target),
                    qPrintable(o.address.toString()),
                    parser.isSet(dual) ? "dual-ended over STAMP" : "single-ended ICMP echo (the slower direction)",
                    o.packetBytes ? o.packetBytes : 1500, qPrintable(parser.value(trains)), qPrintable(core::dscpName(o.dscp)));

    core::ContinuousAnalysis history; // total = the peak of this series, utilised = total − available
    for (int i = 0; i < estimates; ++i) {
        if (i > 0)
            QThread::sleep(ulong(intervalS));
        std::vector<core::CapacityResult> results;
        if (parser.isSet(dual)) {
            auto r = collect::measureDualEnded(o);
            if (!r) {
                printError(r.error().message, r.error().remedy);
                return kExitInput;
            }
            results = std::move(*r);
        } else {
            auto r = collect::measureSingleEnded(*transport, o);
            if (!r) {
                printError(r.error().message, r.error().remedy);
                return kExitInput;
            }
            if (r->measuredMbps) // the next estimate's paced tail goes a little faster than this
                o.pacingMbps = r->measuredMbps;
            results.push_back(std::move(*r));
        }
        for (core::CapacityResult &r : results) {
            if (r.direction != core::CapacityDirection::Reverse)
                history.complete(r); // one direction's series (the forward one when dual-ended)
            if (asJson)
                printJsonLine(QJsonObject{{QStringLiteral("capacity"), core::capacityJson(r)}});
            else
                printHuman(r);
        }
    }
    if (diagnoseKind) {
        collect::HopSweepOptions h;
        h.packetBytes = o.packetBytes;
        auto d = collect::sweepHops(*transport, h);
        if (!d) {
            printError(d.error().message, d.error().remedy);
            return kExitInput;
        }
        d->target = o.target;
        d->sentDscp = o.dscp;
        d->trigger = QStringLiteral("requested (%1)").arg(parser.value(diagnose));
        const core::Diagnosis done = core::diagnoseHops(std::move(*d), *diagnoseKind);
        if (asJson) {
            printJsonLine(QJsonObject{{QStringLiteral("diagnosis"), core::diagnosisJson(done)}});
        } else {
            std::printf("Deep diagnosis: %s\n", qPrintable(done.verdict));
            if (!done.dscpNote.isEmpty())
                std::printf("DSCP: %s\n", qPrintable(done.dscpNote));
            for (const core::HopFinding &hop : done.hops)
                std::printf("  %2d %-40s loss %5.1f %%%s  capacity %s  latency %s\n", hop.ttl,
                            qPrintable(hop.address.isEmpty() ? QStringLiteral("*") : hop.address), hop.lossPct,
                            hop.rateLimited ? " (rate limiting)" : "", qPrintable(num(hop.capacityMbps, 1, QStringLiteral("Mbit/s"))),
                            qPrintable(num(hop.latencyMs, 3, QStringLiteral("ms"))));
            std::printf("  %d packets, %lld bytes in %.1f s\n", done.packets, static_cast<long long>(done.bytes), done.durationS);
        }
    }
    return kExitOk;
}

} // namespace pathlens::agent
