// SPDX-License-Identifier: GPL-3.0-or-later
// pathlens-tcp-probe: runs the TCP collector in this process's network namespace for a bounded
// time and prints its sessions (or one dump's readings) as JSON lines, for lab tests and recordings.
#include "collectors/tcp/inet_diag_parser.h"
#include "collectors/tcp/process_attribution.h"
#include "collectors/tcp/tcp_collector.h"
#include "collectors/tcp/tcp_dump_source.h"
#include "collectors/tcp/tcp_start_source.h"

#include <thread>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

using namespace pathlens;

namespace {
void printLine(const QJsonObject &o)
{
    std::fputs(QJsonDocument(o).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

int printReadings(const QString &procRoot)
{
    auto source = collect::createLiveTcpDumpSource();
    if (auto r = source->open(); !r) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error().toString()));
        return 1;
    }
    auto batch = source->dump();
    if (!batch) {
        std::fprintf(stderr, "%s\n", qPrintable(batch.error().toString()));
        return 1;
    }
    auto parsed = collect::parseInetDiag(batch->bytes);
    if (!parsed) {
        std::fprintf(stderr, "%s\n", qPrintable(parsed.error().toString()));
        return 1;
    }
    auto attribution = collect::createProcessAttribution(procRoot);
    attribution->attribute(parsed->readings, true);
    for (const auto &r : parsed->readings) {
        printLine({{"cookie", QString::number(r.cookie)}, {"inode", qint64(r.inode)}, {"local", r.localAddr},
                   {"remote", r.remoteAddr}, {"state", r.state}, {"rtt_us", qint64(r.rttUs)},
                   {"rttvar_us", qint64(r.rttVarUs)}, {"retrans", qint64(r.totalRetrans)},
                   {"segs_out", qint64(r.segsOut.value_or(0))}, {"bytes_acked", qint64(r.bytesAcked.value_or(0))},
                   {"bytes_received", qint64(r.bytesReceived.value_or(0))}, {"app", r.exeName}, {"pid", r.pid},
                   {"mono_us", batch->monoUs}});
    }
    return 0;
}
int printStarts(int seconds)
{
    auto source = collect::createLiveTcpStartSource();
    if (auto r = source->open(); !r) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error().toString()));
        return 1;
    }
    for (int i = 0; i < seconds * 10; ++i) { // bounded: 100 ms steps
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        auto events = source->poll();
        if (!events)
            return 1;
        for (const auto &e : *events)
            printLine({{"local", e.localAddr}, {"remote", e.remoteAddr}, {"start_mono_us", e.startMonoUs},
                       {"close_mono_us", e.closeMonoUs}, {"pid", e.pid}});
    }
    return 0;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(QStringLiteral("Run the Pathlens TCP collector and print JSON lines."));
    cli.addHelpOption();
    cli.addOptions({
        {QStringLiteral("seconds"), QStringLiteral("run this long (max 600)"), QStringLiteral("s"), QStringLiteral("5")},
        {QStringLiteral("interval"), QStringLiteral("poll interval"), QStringLiteral("ms"), QStringLiteral("1000")},
        {QStringLiteral("loopback"), QStringLiteral("include loopback sessions")},
        {QStringLiteral("no-exact"), QStringLiteral("do not use the start-time tracepoint")},
        {QStringLiteral("record"), QStringLiteral("record dumps to FILE"), QStringLiteral("file")},
        {QStringLiteral("replay"), QStringLiteral("replay FILE instead of the kernel"), QStringLiteral("file")},
        {QStringLiteral("proc"), QStringLiteral("/proc root"), QStringLiteral("dir"), QStringLiteral("/proc")},
        {QStringLiteral("readings"), QStringLiteral("print one dump's readings and exit")},
        {QStringLiteral("starts"), QStringLiteral("print start/close lifecycles for --seconds and exit")},
    });
    cli.process(app);
    if (cli.isSet(QStringLiteral("starts")))
        return printStarts(std::clamp(cli.value(QStringLiteral("seconds")).toInt(), 1, 600));
    if (cli.isSet(QStringLiteral("readings")))
        return printReadings(cli.value(QStringLiteral("proc")));

    collect::TcpCollectorOptions o;
    o.pollIntervalMs = std::clamp(cli.value(QStringLiteral("interval")).toInt(), 10, 60000);
    o.includeLoopback = cli.isSet(QStringLiteral("loopback"));
    o.exactStartTimes = !cli.isSet(QStringLiteral("no-exact"));
    o.recordTo = cli.value(QStringLiteral("record"));
    o.replayFile = cli.value(QStringLiteral("replay"));
    o.procRoot = cli.value(QStringLiteral("proc"));
    qint64 nextId = 0;
    collect::TcpCollector collector(o, [&nextId] { return ++nextId; });
    auto current = std::make_shared<std::atomic<quint64>>(1);
    quint64 rows = 0;
    collector.attach(1, current, [&rows](std::vector<core::Row> r) { rows += r.size(); });

    std::vector<core::TcpSession> last;
    QString status;
    QObject::connect(&collector, &collect::TcpCollector::sessionsReady, [&last](quint64, std::vector<core::TcpSession> s) { last = std::move(s); });
    QObject::connect(&collector, &collect::TcpCollector::statusMessage, [&status](quint64, const QString &t) { status = t; });
    QObject::connect(&collector, &collect::TcpCollector::failed, [](quint64, const core::Error &e) {
        std::fprintf(stderr, "failed: %s\n", qPrintable(e.toString()));
        QCoreApplication::exit(1);
    });
    QObject::connect(&collector, &collect::TcpCollector::replayFinished, &app, &QCoreApplication::quit);
    const int seconds = std::clamp(cli.value(QStringLiteral("seconds")).toInt(), 1, 600);
    QTimer::singleShot(seconds * 1000, &app, [&] {
        collector.tick(); // a last poll so sessions that just ended are closed with their finals
        QCoreApplication::quit();
    });
    QTimer::singleShot(0, &collector, &collect::TcpCollector::start);
    const int rc = app.exec();
    collector.stop();
    printLine({{"status", status}, {"rows", qint64(rows)}, {"sessions", qint64(last.size())}});
    for (const auto &s : last) {
        printLine({{"app", s.app}, {"pid", s.pid}, {"local", s.localAddr}, {"remote", s.remoteAddr},
                   {"duration_s", s.durationS()}, {"median_rtt_ms", s.medianRttMs}, {"min_rtt_ms", s.minRttMs},
                   {"retrans_pct", s.retransPct()}, {"segs_out", qint64(s.segsOut)},
                   {"retrans_segs", qint64(s.retransSegs)}, {"bytes_up", qint64(s.bytesUp)},
                   {"bytes_down", qint64(s.bytesDown)}, {"grade", core::gradeName(s.grade)},
                   {"start_exact", s.startExact}, {"closed", s.closed}, {"readings", s.readings},
                   {"first_mono_us", s.firstMonoUs}, {"last_mono_us", s.lastMonoUs}});
    }
    return rc;
}
