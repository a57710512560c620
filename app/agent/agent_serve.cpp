// SPDX-License-Identifier: GPL-3.0-or-later
// `pathlens-agent serve`: the throughput endpoints (/download, /upload, /stats) until SIGINT/SIGTERM.
#include "agent_commands.h"
#include "stop_signals.h"

#include "collectors/load/speed_server.h"
#include "core/base/logging.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace pathlens::agent {

namespace {
const char *const kServeUsage = "pathlens-agent serve [--bind ADDR] [--port P] [--tls CERT KEY] [--budget-mb N] [--reject-first N] "
                                "[--reject-status 429|403]";
constexpr qint64 kMaxBudgetMb = 1'000'000'000; // 10^15 bytes: beyond any link, and far from overflowing qint64

// `--tls CERT KEY` takes two values, which QCommandLineParser cannot: take them out first.
// false (after printing why) when --tls lacks one.
bool takeTls(QStringList &args, QString *cert, QString *key)
{
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] != QLatin1String("--tls") && args[i] != QLatin1String("-tls"))
            continue;
        if (i + 2 >= args.size() || args[i + 1].startsWith(QLatin1Char('-')) || args[i + 2].startsWith(QLatin1Char('-'))) {
            printError(QStringLiteral("--tls takes two files: the certificate and its key"),
                       QStringLiteral("--tls cert.pem key.pem (make a pair: openssl req -x509 -newkey ec -pkeyopt "
                                      "ec_paramgen_curve:prime256v1 -nodes -keyout key.pem -out cert.pem -days 365 -subj /CN=HOST)"));
            return false;
        }
        *cert = args[i + 1];
        *key = args[i + 2];
        args.remove(i, 3);
        return true;
    }
    return true;
}
} // namespace

int serveCommand(const QStringList &commandArgs)
{
    QString cert, key;
    QStringList args = commandArgs;
    if (!takeTls(args, &cert, &key))
        return kExitUsage;
    QCommandLineParser parser;
    QCommandLineOption bind(QStringLiteral("bind"), QStringLiteral("address to listen on (default 0.0.0.0: all IPv4; :: for both families)"),
                            QStringLiteral("ADDR"), QStringLiteral("0.0.0.0"));
    QCommandLineOption port(QStringLiteral("port"), QStringLiteral("TCP port (default 8080, 8443 with --tls; 0: any free port)"),
                            QStringLiteral("P"));
    QCommandLineOption budget(QStringLiteral("budget-mb"), QStringLiteral("data budget per client per 30 min, in MB (default 2000)"),
                              QStringLiteral("N"), QString::number(collect::SpeedServerOptions().budgetBytes / 1'000'000));
    QCommandLineOption rejectFirst(QStringLiteral("reject-first"), QStringLiteral("test mode: refuse the first N transfers"),
                                   QStringLiteral("N"), QStringLiteral("0"));
    QCommandLineOption rejectStatus(QStringLiteral("reject-status"), QStringLiteral("the status of those refusals: 429 or 403"),
                                    QStringLiteral("STATUS"), QStringLiteral("429"));
    parser.addOptions({bind, port, budget, rejectFirst, rejectStatus});
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(args) || !parser.positionalArguments().isEmpty()) {
        printError(parser.errorText().isEmpty() ? QStringLiteral("serve takes no positional arguments") : parser.errorText(),
                   QString::fromLatin1(kServeUsage));
        return kExitUsage;
    }
    collect::SpeedServerOptions o;
    o.bindAddress = parser.value(bind);
    o.certificatePath = cert;
    o.keyPath = key;
    bool okPort = true, okBudget = false, okReject = false, okStatus = false;
    o.port = parser.isSet(port) ? parser.value(port).toInt(&okPort)
                                : (cert.isEmpty() ? collect::SpeedServer::kDefaultPort : collect::SpeedServer::kDefaultTlsPort);
    const qint64 budgetMb = parser.value(budget).toLongLong(&okBudget);
    o.budgetBytes = budgetMb * 1'000'000; // MB = 10^6 bytes, as link rates and the 2 GB default are counted
    o.rejectFirst = parser.value(rejectFirst).toInt(&okReject);
    o.rejectStatus = parser.value(rejectStatus).toInt(&okStatus);
    if (!okPort || o.port < 0 || o.port > 65535 || !okBudget || budgetMb < 1 || budgetMb > kMaxBudgetMb || !okReject || o.rejectFirst < 0 ||
        !okStatus || (o.rejectStatus != 429 && o.rejectStatus != 403)) {
        printError(QStringLiteral("bad option value"),
                   QStringLiteral("--port 0..65535 (0: any free port), --budget-mb 1..%1, --reject-first N ≥ 0, --reject-status 429 or 403")
                       .arg(kMaxBudgetMb));
        return kExitUsage;
    }
    core::initLogging({QStringLiteral("info"), core::defaultLogPath(QStringLiteral("pathlens-agent")), true});
    collect::SpeedServer server(o);
    if (auto r = server.start(); !r) {
        printError(r.error().message, r.error().remedy);
        core::shutdownLogging();
        return kExitInput;
    }
    // One line on stdout once listening, so scripts and tests know where and when to connect.
    std::printf("serving throughput endpoints on %s (GET /download?bytes=N, POST /upload, GET /stats)\n", qPrintable(server.url()));
    std::fflush(stdout);
    QObject owner;
    quitOnStopSignals(&owner);
    QCoreApplication::exec();
    server.stop();
    const core::TransferCounters t = server.totals();
    const int clients = int(server.stats().size());
    std::printf("served %lld bytes down and %lld bytes up in %lld transfer%s to %d client%s (%lld refused)\n",
                static_cast<long long>(t.bytesSent), static_cast<long long>(t.bytesReceived), static_cast<long long>(t.transfers),
                t.transfers == 1 ? "" : "s", clients, clients == 1 ? "" : "s", static_cast<long long>(t.rejections));
    std::fflush(stdout);
    core::shutdownLogging();
    return kExitOk;
}

} // namespace pathlens::agent
