// SPDX-License-Identifier: GPL-3.0-or-later
// Argument parsing and the offline subcommands (report, import, export) of pathlens-agent.
#include "agent_commands.h"

#include "core/report/capture_summary.h"
#include "core/interchange/csv_interchange.h"
#include "pathlens/version.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace pathlens::agent {

namespace {

const char *const kUsage = R"(Usage: pathlens-agent COMMAND [options]

Commands:
  run --capture FILE [--duration S]   collect headless into FILE (.plcap); S=0 runs until Ctrl+C
  report FILE [--json]                summarise a capture (JSON with --json)
  import IN.csv --out FILE.plcap      convert a CSV (SPEC §6 layout) into a capture [--append]
  export FILE.plcap --csv OUT.csv     write a capture as CSV
  trace TARGET [--proto udp|icmp|tcp] [--json] [--max-ttl N] [--probes N] [-4|-6]
                                      trace the path to TARGET once
  reflect [--port P] [--auth KEYFILE] [--stateless] [--duration S] [--json]
                                      answer STAMP (RFC 8762) test packets
  stamp HOST[:PORT] [--count N] [--interval-ms M] [--auth KEYFILE] [--size BYTES] [--json]
                                      measure to any STAMP reflector once
  stun SERVER[:PORT] [--alt-port P | --also HOST[:PORT]] [--local-port P] [--json]
                                      the address a STUN server sees, and the NAT's mapping

Options:
  --version      print the version and exit
  --help         print this help and exit
Exit codes: 0 ok, 2 usage error, 3 input error.
)";

void out(const QString &text)
{
    fputs(text.toUtf8().constData(), stdout);
    fflush(stdout);
}

// Parses `args` (program name first, subcommand removed); prints usage errors itself.
bool parse(QCommandLineParser &parser, const QStringList &args, int positionalCount, const QString &what)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(args)) {
        printError(parser.errorText(), QStringLiteral("see pathlens-agent --help"));
        return false;
    }
    if (parser.positionalArguments().size() != positionalCount) {
        printError(QStringLiteral("%1 expects %2").arg(args.value(0), what), QStringLiteral("see pathlens-agent --help"));
        return false;
    }
    return true;
}

int inputError(const core::Error &e)
{
    printError(e.message, e.remedy);
    return kExitInput;
}

} // namespace

void printError(const QString &message, const QString &remedy)
{
    QString text = QStringLiteral("pathlens-agent: error: %1\n").arg(message);
    if (!remedy.isEmpty())
        text += QStringLiteral("  fix: %1\n").arg(remedy);
    fputs(text.toUtf8().constData(), stderr);
}

int dispatch(const QStringList &args)
{
    const QString command = args.value(1);
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        out(QStringLiteral("pathlens-agent %1\n").arg(QString::fromLatin1(kVersion)));
        return kExitOk;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
        out(QString::fromUtf8(kUsage));
        return kExitOk;
    }
    QStringList rest = args.mid(1); // rest[0] = command (stands in for the program name)
    if (command == QLatin1String("run"))
        return runCommand(rest);
    if (command == QLatin1String("report"))
        return reportCommand(rest);
    if (command == QLatin1String("import"))
        return importCommand(rest);
    if (command == QLatin1String("export"))
        return exportCommand(rest);
    if (command == QLatin1String("trace"))
        return traceCommand(rest);
    if (command == QLatin1String("reflect"))
        return reflectCommand(rest);
    if (command == QLatin1String("stamp"))
        return stampCommand(rest);
    if (command == QLatin1String("stun"))
        return stunCommand(rest);
    printError(command.isEmpty() ? QStringLiteral("no command given") : QStringLiteral("unknown command '%1'").arg(command),
               QStringLiteral("use one of: run, report, import, export, trace, reflect, stamp, stun (pathlens-agent --help)"));
    fputs(kUsage, stderr);
    return kExitUsage;
}

int reportCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption json(QStringLiteral("json"), QStringLiteral("JSON output"));
    parser.addOption(json);
    if (!parse(parser, args, 1, QStringLiteral("one capture FILE")))
        return kExitUsage;
    auto store = core::CaptureStore::open(parser.positionalArguments().first(), core::CaptureStore::Mode::ReadOnly);
    if (!store)
        return inputError(store.error());
    auto analysed = core::summarizeCapture(**store);
    if (!analysed)
        return inputError(analysed.error());
    const QJsonObject summary = *analysed;
    if (parser.isSet(json)) {
        out(QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Indented)));
        return kExitOk;
    }
    const QJsonObject cap = summary.value(QStringLiteral("capture")).toObject();
    QString text = QStringLiteral("Capture %1\n  host %2 (%3)\n  from %4 to %5 (%6 s)\n")
                       .arg(cap.value(QStringLiteral("path")).toString(), cap.value(QStringLiteral("host")).toString(),
                            cap.value(QStringLiteral("os")).toString(), cap.value(QStringLiteral("first_sample_utc")).toString(),
                            cap.value(QStringLiteral("last_sample_utc")).toString())
                       .arg(cap.value(QStringLiteral("duration_s")).toDouble(), 0, 'f', 1);
    const QJsonObject counts = summary.value(QStringLiteral("counts")).toObject();
    for (auto it = counts.begin(); it != counts.end(); ++it)
        text += QStringLiteral("  %1: %2\n").arg(it.key(), -14).arg(qint64(it.value().toDouble()));
    out(text);
    return kExitOk;
}

int importCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("capture to write"), QStringLiteral("FILE"));
    QCommandLineOption append(QStringLiteral("append"), QStringLiteral("add to an existing capture"));
    parser.addOption(outOpt);
    parser.addOption(append);
    if (!parse(parser, args, 1, QStringLiteral("one input CSV and --out FILE.plcap")))
        return kExitUsage;
    if (!parser.isSet(outOpt)) {
        printError(QStringLiteral("import needs --out FILE.plcap"), QStringLiteral("e.g. pathlens-agent import in.csv --out in.plcap"));
        return kExitUsage;
    }
    const QString input = parser.positionalArguments().first();
    const QString output = parser.value(outOpt);
    if (!QFileInfo::exists(input))
        return inputError(core::makeError(core::ErrorCode::NotFound, QStringLiteral("input %1 does not exist").arg(input)));
    if (QFileInfo::exists(output) && !parser.isSet(append))
        return inputError(core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("%1 already exists").arg(output),
                                          QStringLiteral("pass --append to add to it, or choose another --out")));
    auto store = core::CaptureStore::open(output, core::CaptureStore::Mode::ReadWrite);
    if (!store)
        return inputError(store.error());
    auto report = core::importCsvFile(input, **store);
    if (!report)
        return inputError(report.error());
    fprintf(stderr, "%s\n", qPrintable(report->summary()));
    int shown = 0;
    for (const core::CsvIssue &issue : report->issues) {
        if (++shown > 20) {
            fprintf(stderr, "  ... %lld more\n", static_cast<long long>(report->rowsSkipped - 20));
            break;
        }
        fprintf(stderr, "  line %lld: %s\n", static_cast<long long>(issue.line), qPrintable(issue.message));
    }
    return kExitOk;
}

int exportCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption csv(QStringLiteral("csv"), QStringLiteral("CSV file to write"), QStringLiteral("OUT.csv"));
    parser.addOption(csv);
    if (!parse(parser, args, 1, QStringLiteral("one capture FILE.plcap and --csv OUT.csv")))
        return kExitUsage;
    if (!parser.isSet(csv)) {
        printError(QStringLiteral("export needs --csv OUT.csv"), QStringLiteral("e.g. pathlens-agent export cap.plcap --csv cap.csv"));
        return kExitUsage;
    }
    auto store = core::CaptureStore::open(parser.positionalArguments().first(), core::CaptureStore::Mode::ReadOnly);
    if (!store)
        return inputError(store.error());
    auto report = core::exportCsvFile(**store, parser.value(csv));
    if (!report)
        return inputError(report.error());
    fprintf(stderr, "%lld rows written to %s\n", static_cast<long long>(report->rowsWritten), qPrintable(parser.value(csv)));
    if (report->rowsUnmapped)
        fprintf(stderr, "warning: %lld rows have no CSV measurement_type and were not written\n",
                static_cast<long long>(report->rowsUnmapped));
    return kExitOk;
}

} // namespace pathlens::agent
