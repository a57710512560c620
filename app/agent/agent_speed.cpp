// SPDX-License-Identifier: GPL-3.0-or-later
// `pathlens-agent speed`: one calibrated throughput test (download and upload) against agents'
// throughput endpoints; and the speed options of `run` (round schedule, JSON events).
#include "agent_commands.h"
#include "agent_speed.h"

#include "collectors/load/speed_collector.h"
#include "core/report/load_json.h"

#include <QCommandLineParser>
#include <QJsonDocument>

#include <cstdio>

namespace pathlens::agent {

namespace {
const QString kUsage = QStringLiteral(
    "pathlens-agent speed --server URL [--server URL …] [--streams N] [--duration S] [--budget-mb N] "
    "[--download-only|--upload-only] [--json]");

void printJsonLine(const QJsonObject &o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

QString resultLine(const core::ThroughputResult &r)
{
    const QString what = (r.calibration ? QStringLiteral("calibration ") : QString()) + core::transferDirectionId(r.direction);
    if (!r.mbps)
        return QStringLiteral("%1: no figure — %2").arg(what, r.error.isEmpty() ? core::transferSkipId(r.skipped) : r.error);
    QString flags;
    if (r.outOfFamily)
        flags += QStringLiteral("  out of family");
    if (r.earlyExit)
        flags += QStringLiteral("  calibration stopped early (noisy or slow link)");
    return QStringLiteral("%1: %2 Mbit/s  (%3 MB in %4 s, %5 streams, %6)%7")
        .arg(what)
        .arg(*r.mbps, 0, 'f', 2)
        .arg(double(r.bytes) / 1e6, 0, 'f', 1)
        .arg(double(r.endUs - r.startUs) / 1e6, 0, 'f', 2)
        .arg(r.streams)
        .arg(r.backend, flags);
}
} // namespace

QJsonObject loadProgressJson(const core::LoadProgress &p)
{
    return {{QStringLiteral("event"), QStringLiteral("progress")},
            {QStringLiteral("phase"), core::loadPhaseId(p.phase)},
            {QStringLiteral("round"), p.round},
            {QStringLiteral("total_rounds"), p.totalRounds},
            {QStringLiteral("fraction"), p.fraction},
            {QStringLiteral("bytes"), double(p.bytesSoFar)},
            {QStringLiteral("next_round_utc"), p.nextRoundUtcUs > 0 ? QJsonValue(core::formatUtcMs(p.nextRoundUtcUs))
                                                                    : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("message"), p.message}};
}

SpeedRunOptions::SpeedRunOptions()
    : server(QStringLiteral("speed-server"),
             QStringLiteral("throughput tests against an agent's endpoints (http[s]://HOST:PORT), repeatable: later ones are fallbacks"),
             QStringLiteral("URL")),
      schedule(QStringLiteral("speed-schedule"), QStringLiteral("throughput rounds: quick (5 min, 3), standard (10 min, 5), "
                                                                "extended (30 min, 8) or continuous (8 per 30 min)"),
               QStringLiteral("MODE"), QStringLiteral("standard")),
      budget(QStringLiteral("speed-budget-mb"), QStringLiteral("bytes the tests may move in any 30 min (default 900 MB)"),
             QStringLiteral("MB"), QStringLiteral("900")),
      jsonEvents(QStringLiteral("json-events"), QStringLiteral("print throughput progress and results as JSON lines on stdout"))
{
}

void SpeedRunOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({server, schedule, budget, jsonEvents});
}

std::optional<collect::SpeedCollectorOptions> SpeedRunOptions::read(const QCommandLineParser &parser,
                                                                    const core::SpeedConfig &config) const
{
    collect::SpeedCollectorOptions o;
    o.test.servers = parser.isSet(server) ? parser.values(server) : config.servers;
    const auto mode = parser.isSet(schedule) || !config.schedule ? core::roundScheduleFromId(parser.value(schedule)) : config.schedule;
    bool ok = true;
    const double mb = parser.isSet(budget) || !config.budgetMb ? parser.value(budget).toDouble(&ok) : *config.budgetMb;
    if (!mode || !ok || mb <= 0) {
        printError(QStringLiteral("bad throughput option"),
                   QStringLiteral("--speed-schedule quick|standard|extended|continuous, --speed-budget-mb > 0"));
        return std::nullopt;
    }
    o.schedule = *mode;
    o.test.budgetBytes = qint64(mb * 1e6);
    for (const QString &url : o.test.servers)
        if (auto valid = collect::checkServerUrl(url); !valid) {
            printError(valid.error().message, valid.error().remedy);
            return std::nullopt;
        }
    return o;
}

int speedCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption server(QStringLiteral("server"), QStringLiteral("an agent's throughput endpoints, repeatable (fallbacks)"),
                              QStringLiteral("URL"));
    QCommandLineOption streams(QStringLiteral("streams"), QStringLiteral("parallel streams (default 4)"), QStringLiteral("N"),
                               QStringLiteral("4"));
    QCommandLineOption duration(QStringLiteral("duration"), QStringLiteral("seconds per test (default 4, 15 on GEO links)"),
                                QStringLiteral("S"));
    QCommandLineOption budget(QStringLiteral("budget-mb"), QStringLiteral("data budget per 30 min (default 900)"),
                              QStringLiteral("MB"), QStringLiteral("900"));
    QCommandLineOption downOnly(QStringLiteral("download-only"), QStringLiteral("test only the download"));
    QCommandLineOption upOnly(QStringLiteral("upload-only"), QStringLiteral("test only the upload"));
    QCommandLineOption json(QStringLiteral("json"), QStringLiteral("JSON output: {throughput: [...]}"));
    parser.addOptions({server, streams, duration, budget, downOnly, upOnly, json});
    if (!parser.parse(args) || !parser.positionalArguments().isEmpty() || !parser.isSet(server)) {
        printError(parser.errorText().isEmpty() ? QStringLiteral("speed needs --server URL") : parser.errorText(),
                   QStringLiteral("usage: %1").arg(kUsage));
        return kExitUsage;
    }
    collect::SpeedTestOptions o;
    o.servers = parser.values(server);
    bool okStreams = false, okBudget = false, okDuration = true;
    o.streams = parser.value(streams).toInt(&okStreams);
    o.budgetBytes = qint64(parser.value(budget).toDouble(&okBudget) * 1e6);
    if (parser.isSet(duration))
        o.durationS = parser.value(duration).toDouble(&okDuration);
    if (!okStreams || o.streams < 1 || o.streams > 64 || !okBudget || o.budgetBytes <= 0 || !okDuration ||
        (o.durationS && (*o.durationS < 0.5 || *o.durationS > 120)) || (parser.isSet(downOnly) && parser.isSet(upOnly))) {
        printError(QStringLiteral("bad speed option"),
                   QStringLiteral("--streams 1..64, --duration 0.5..120, --budget-mb > 0, at most one of --download-only/--upload-only"));
        return kExitUsage;
    }
    for (const QString &url : o.servers)
        if (auto valid = collect::checkServerUrl(url); !valid) {
            printError(valid.error().message, valid.error().remedy);
            return kExitUsage;
        }
    collect::SpeedTester tester(o);
    collect::SpeedTestRequest req;
    req.download = !parser.isSet(upOnly);
    req.upload = !parser.isSet(downOnly);
    const bool asJson = parser.isSet(json);
    core::LoadPhase lastPhase = core::LoadPhase::Idle;
    QString lastDetail;
    const collect::SpeedTestOutcome outcome =
        tester.run(req, {}, [&](const core::LoadProgress &p, const QString &detail) {
            if (p.phase == lastPhase && detail == lastDetail)
                return; // a line per step, not per chunk
            lastPhase = p.phase;
            lastDetail = detail;
            std::fprintf(stderr, "%s\n", qPrintable(core::describeLoadProgress(p, detail)));
        });
    bool anyFigure = false;
    QJsonArray results;
    for (const core::ThroughputResult &r : outcome.results) {
        anyFigure = anyFigure || (r.mbps && !r.calibration);
        results.append(core::throughputJson(r));
        if (!asJson)
            std::printf("%s\n", qPrintable(resultLine(r)));
    }
    if (asJson)
        std::printf("%s\n", QJsonDocument(QJsonObject{{QStringLiteral("throughput"), results}}).toJson(QJsonDocument::Indented).constData());
    if (!anyFigure) {
        printError(QStringLiteral("the throughput test produced no figure"),
                   QStringLiteral("check that `pathlens-agent serve` runs at %1 and is reachable").arg(o.servers.join(QStringLiteral(", "))));
        return kExitInput;
    }
    return kExitOk;
}

void attachSpeedEvents(collect::SpeedCollector &collector, QObject *context)
{
    QObject::connect(&collector, &collect::SpeedCollector::progressChanged, context,
                     [](const core::LoadProgress &p) { printJsonLine(loadProgressJson(p)); });
    QObject::connect(&collector, &collect::SpeedCollector::resultReady, context, [](const core::ThroughputResult &r) {
        QJsonObject o = core::throughputJson(r);
        o[QStringLiteral("event")] = QStringLiteral("result");
        printJsonLine(o);
    });
}

} // namespace pathlens::agent
