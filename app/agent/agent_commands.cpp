// SPDX-License-Identifier: GPL-3.0-or-later
// Argument parsing and the offline subcommands (report, import, export) of pathlens-agent.
#include "agent_commands.h"
#include "agent_report_pdf.h"

#include "collectors/pcap/pcap_import.h"
#include "core/report/capture_summary.h"
#include "core/report/html_report.h"
#include "core/interchange/capture_files.h"
#include "core/interchange/csv_interchange.h"
#include "core/interchange/csv_layout.h"
#include "pathlens/version.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

#include <cstdio>

namespace pathlens::agent {

namespace {

const char *const kUsage = R"(Usage: pathlens-agent COMMAND [options]

Commands:
  run --capture FILE [--duration S]   collect headless into FILE (.plcap); S=0 runs until Ctrl+C
      | --capture-dir DIR             or a capture per UTC day in DIR (pathlens-YYYY-MM-DD.plcap)
      [--keep-days N] [--keep-gb X]   with --capture-dir: delete the oldest days beyond N days or X GB
      [--metrics [ADDR:]PORT]         also serve Prometheus metrics at http://ADDR:PORT/metrics; a bare
                                      PORT listens on 127.0.0.1 only, other hosts can scrape only
                                      when ADDR says so (0.0.0.0:9464)
  report FILE [--json] [--html OUT.html] [--pdf OUT.pdf]
                                      summarise a capture (JSON with --json); --html writes the
                                      report as one self-contained HTML page, --pdf as an A4 PDF
                                      (rendered by pathlens-report-pdf; as root it needs
                                      QTWEBENGINE_DISABLE_SANDBOX=1)
  import IN.csv --out FILE.plcap      convert a CSV (SPEC §6 layout) into a capture [--append]
  import IN.pcap|IN.pcapng --out FILE.plcap [--apps SIDECAR.json]
                                      TCP flows of a packet capture as graded sessions (format by the
                                      file's first bytes; the sidecar names apps, else "unknown")
  export FILE.plcap --csv OUT.csv [--dialect seed]
                                      write a capture as CSV (seed: the seed tool's measurement_type words)
  link A.plcap B.plcap [C.plcap ...]  record the captures as related, in each one's metadata (both ways)
  link --list FILE.plcap [--json]     show the captures FILE is linked to (and whether each is still found)
  unlink A.plcap [B.plcap ...]        remove the links among them (one file: all its links)
  trim FILE.plcap --from UTC --to UTC --out NEW.plcap
                                      cut the rows in [from, to) into a new capture (sessions and
                                      throughput tests overlapping the window are kept whole)
  trace TARGET [--proto udp|icmp|tcp] [--json] [--max-ttl N] [--probes N] [-4|-6]
                                      trace the path to TARGET once
  reflect [--port P] [--auth KEYFILE] [--stateless] [--duration S] [--json]
                                      answer STAMP (RFC 8762) test packets
  stamp HOST[:PORT] [--count N] [--interval-ms M] [--auth KEYFILE] [--size BYTES] [--json]
                                      measure to any STAMP reflector once
  stun SERVER[:PORT] [--alt-port P | --also HOST[:PORT]] [--local-port P] [--json]
                                      the address a STUN server sees, and the NAT's mapping
  capacity HOST[:PORT] [--dual] [--dscp D] [--trains 1,5,10,20,30,50] [--codec C] [--count N]
           [--interval-s S] [--diagnose loss|capacity|latency] [--json]
                                      capacity by packet trains (ICMP echo, or STAMP with --dual)
  speed --server URL [--server URL] [--streams N] [--duration S] [--budget-mb N] [--json]
                                      one calibrated throughput test (download and upload)
  serve [--bind ADDR] [--port P] [--tls CERT KEY] [--budget-mb N] [--reject-first N] [--reject-status 429|403]
                                      serve the throughput endpoints (/download, /upload, /stats)

Options:
  --version      print the version and exit
  --help         print this help and exit
Exit codes: 0 ok, 2 usage error, 3 input error, 4 the PDF could not be rendered.
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
    const QCommandLineOption help = parser.addHelpOption();
    if (parser.parse(args) && parser.isSet(help)) {
        parser.setApplicationDescription(QStringLiteral("pathlens-agent %1 (man pathlens-agent)").arg(args.value(0)));
        parser.showHelp(kExitOk); // the command's options with their texts; exits
    }
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

// Writes `text` (UTF-8) to `path` by way of path.part, renamed when complete: a reader never sees
// half a report under the final name, and a failed write leaves an older file as it was.
int writeTextFile(const QString &path, const QString &text)
{
    const QString part = path + QStringLiteral(".part");
    QFile file(part);
    const auto failed = [&](const QString &why) {
        file.remove();
        return inputError(core::makeError(core::ErrorCode::Io, QStringLiteral("cannot write %1: %2").arg(path, why),
                                          QStringLiteral("choose a folder you can write to, with free space")));
    };
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return failed(file.errorString());
    const QByteArray bytes = text.toUtf8();
    if (file.write(bytes) != bytes.size() || !file.flush())
        return failed(file.errorString());
    file.close();
    QFile::remove(path); // rename() does not replace
    if (!QFile::rename(part, path))
        return failed(QStringLiteral("could not rename %1 to it").arg(part));
    return kExitOk;
}

// pcap/pcapng → a new capture (SPEC §6). A file cut short still imports the packets before the cut:
// that is said on stderr and the exit code stays 0, since the capture holds everything readable.
int importPcap(const QString &input, const QString &output, bool append, const QString &sidecarPath)
{
    if (append) {
        printError(QStringLiteral("--append is for CSV imports; a pcap becomes a capture of its own"),
                   QStringLiteral("drop --append and choose a new --out"));
        return kExitUsage;
    }
    // The user's grading policy, as `run` records it (same settings file as the GUI).
    QSettings guiSettings(QStringLiteral("pathlens"), QStringLiteral("pathlens"));
    auto report = collect::importPcapToCapture(input, output, sidecarPath, core::GradingPolicy::fromSettings(guiSettings));
    if (!report)
        return inputError(report.error());
    fprintf(stderr, "%s\n", qPrintable(report->summary()));
    if (report->truncated)
        fprintf(stderr, "pathlens-agent: warning: %s\n  fix: %s\n", qPrintable(report->truncated->message),
                qPrintable(report->truncated->remedy));
    return kExitOk;
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
    if (command == QLatin1String("link"))
        return linkCommand(rest);
    if (command == QLatin1String("unlink"))
        return unlinkCommand(rest);
    if (command == QLatin1String("trim"))
        return trimCommand(rest);
    if (command == QLatin1String("trace"))
        return traceCommand(rest);
    if (command == QLatin1String("reflect"))
        return reflectCommand(rest);
    if (command == QLatin1String("stamp"))
        return stampCommand(rest);
    if (command == QLatin1String("stun"))
        return stunCommand(rest);
    if (command == QLatin1String("capacity"))
        return capacityCommand(rest);
    if (command == QLatin1String("speed"))
        return speedCommand(rest);
    if (command == QLatin1String("serve"))
        return serveCommand(rest);
    printError(command.isEmpty() ? QStringLiteral("no command given") : QStringLiteral("unknown command '%1'").arg(command),
               QStringLiteral("use one of: run, report, import, export, link, unlink, trim, trace, reflect, stamp, stun, capacity, speed, serve (pathlens-agent --help)"));
    fputs(kUsage, stderr);
    return kExitUsage;
}

int reportCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption json(QStringLiteral("json"), QStringLiteral("JSON output"));
    QCommandLineOption html(QStringLiteral("html"), QStringLiteral("write the report as one HTML page"), QStringLiteral("OUT.html"));
    parser.addOption(json);
    QCommandLineOption pdf(QStringLiteral("pdf"), QStringLiteral("write the report as an A4 PDF"), QStringLiteral("OUT.pdf"));
    parser.addOption(html);
    parser.addOption(pdf);
    if (!parse(parser, args, 1, QStringLiteral("one capture FILE")))
        return kExitUsage;
    auto store = core::CaptureStore::open(parser.positionalArguments().first(), core::CaptureStore::Mode::ReadOnly);
    if (!store)
        return inputError(store.error());
    auto snapshot = core::analyseRecordedCapture(**store);
    if (!snapshot)
        return inputError(snapshot.error());
    const QString page = parser.isSet(html) || parser.isSet(pdf) ? core::renderReportHtml(**snapshot) : QString();
    if (parser.isSet(html))
        if (const int code = writeTextFile(parser.value(html), page); code != kExitOk)
            return code;
    if (parser.isSet(pdf))
        if (const int code = writeReportPdf(page, parser.value(pdf)); code != kExitOk)
            return code;
    if ((parser.isSet(html) || parser.isSet(pdf)) && !parser.isSet(json))
        return kExitOk;
    const QJsonObject summary = core::captureReportJson(**snapshot);
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
    QCommandLineOption apps(QStringLiteral("apps"), QStringLiteral("flow → app sidecar (pcap only)"), QStringLiteral("SIDECAR.json"));
    parser.addOption(outOpt);
    parser.addOption(append);
    parser.addOption(apps);
    if (!parse(parser, args, 1, QStringLiteral("one input (CSV, pcap or pcapng) and --out FILE.plcap")))
        return kExitUsage;
    if (!parser.isSet(outOpt)) {
        printError(QStringLiteral("import needs --out FILE.plcap"), QStringLiteral("e.g. pathlens-agent import in.csv --out in.plcap"));
        return kExitUsage;
    }
    const QString input = parser.positionalArguments().first();
    const QString output = parser.value(outOpt);
    if (!QFileInfo::exists(input))
        return inputError(core::makeError(core::ErrorCode::NotFound, QStringLiteral("input %1 does not exist").arg(input)));
    // By the file's first bytes, so a capture named .cap or .dump imports too.
    if (collect::PcapFileReader::sniffFormat(input))
        return importPcap(input, output, parser.isSet(append), parser.value(apps));
    if (parser.isSet(apps)) {
        printError(QStringLiteral("--apps names the apps of a pcap's flows; %1 is not a pcap or pcapng file").arg(input),
                   QStringLiteral("drop --apps for a CSV import"));
        return kExitUsage;
    }
    const QString suffix = QFileInfo(input).suffix().toLower();
    if (suffix == QLatin1String("pcap") || suffix == QLatin1String("pcapng") || suffix == QLatin1String("cap")) {
        // Named like a packet capture but neither format by its first bytes: say so, not "bad CSV header".
        if (auto opened = collect::PcapFileReader::open(input); !opened)
            return inputError(opened.error());
    }
    if (QFileInfo::exists(output) && !parser.isSet(append))
        return inputError(core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("%1 already exists").arg(output),
                                          QStringLiteral("pass --append to add to it, or choose another --out")));
    const bool created = !QFileInfo::exists(output); // --append to a file not there yet creates it too
    core::Result<core::CsvImportReport> report = core::makeError(core::ErrorCode::Internal, QString());
    {
        auto store = core::CaptureStore::open(output, core::CaptureStore::Mode::ReadWrite);
        if (store)
            report = core::importCsvFile(input, **store);
        else
            report = store.error();
    } // closed before a capture this import created is removed
    if (created && (!report || report->acceptedNothing())) {
        if (auto removed = core::removeCapture(output); !removed)
            fprintf(stderr, "warning: %s\n", qPrintable(removed.error().toString()));
    }
    if (!report)
        return inputError(report.error());
    fprintf(stderr, "%s\n%s", qPrintable(report->summary()), qPrintable(report->perTypeSummary()));
    if (report->acceptedNothing()) {
        return inputError(core::makeError(core::ErrorCode::InvalidInput,
                                          QStringLiteral("no row of %1 was imported").arg(input),
                                          QStringLiteral("see the reasons above; the header must be: %1")
                                              .arg(core::csvHeader().join(QLatin1Char(',')))));
    }
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
    QCommandLineOption dialectOpt(QStringLiteral("dialect"), QStringLiteral("pathlens (default) or seed"), QStringLiteral("NAME"),
                                  QStringLiteral("pathlens"));
    parser.addOption(csv);
    parser.addOption(dialectOpt);
    if (!parse(parser, args, 1, QStringLiteral("one capture FILE.plcap and --csv OUT.csv")))
        return kExitUsage;
    if (!parser.isSet(csv)) {
        printError(QStringLiteral("export needs --csv OUT.csv"), QStringLiteral("e.g. pathlens-agent export cap.plcap --csv cap.csv"));
        return kExitUsage;
    }
    const QString dialectName = parser.value(dialectOpt).toLower();
    if (dialectName != QLatin1String("pathlens") && dialectName != QLatin1String("seed")) {
        printError(QStringLiteral("unknown --dialect '%1'").arg(parser.value(dialectOpt)), QStringLiteral("use pathlens or seed"));
        return kExitUsage;
    }
    const auto dialect = dialectName == QLatin1String("seed") ? core::CsvDialect::Seed : core::CsvDialect::Pathlens;
    auto store = core::CaptureStore::open(parser.positionalArguments().first(), core::CaptureStore::Mode::ReadOnly);
    if (!store)
        return inputError(store.error());
    auto report = core::exportCsvFile(**store, parser.value(csv), {}, dialect);
    if (!report)
        return inputError(report.error());
    fprintf(stderr, "%lld rows written to %s\n", static_cast<long long>(report->rowsWritten), qPrintable(parser.value(csv)));
    if (report->rowsUnmapped)
        fprintf(stderr, "warning: %lld rows have no CSV measurement_type and were not written\n",
                static_cast<long long>(report->rowsUnmapped));
    if (report->rowsOutsideDialect)
        fprintf(stderr, "%lld rows and metadata have no word in the seed's vocabulary and were left out\n",
                static_cast<long long>(report->rowsOutsideDialect));
    return kExitOk;
}

} // namespace pathlens::agent
