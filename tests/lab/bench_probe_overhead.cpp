// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: what the always-on probes cost. `pathlens-agent run` with every probe type it supports at the SPEC rates
// (rate scale 1) runs in two-hosts for --seconds (default 600) against lab addresses only: gateway = the peer h2,
// internet targets / resolvers / trace target = two extra addresses on h2. Measured from outside the agent:
//   CPU % of one core   (utime + stime) / wall, from /proc/PID/stat
//   peak RSS            VmHWM from /proc/PID/status
//   wake-ups per second voluntary + nonvoluntary context switches summed over /proc/PID/task/*/status
//   bit/s per target    iptables byte counters per destination (out) and source (in) in h1's namespace
// and compared with the targets (≤ 1 % of a core, ≤ 100 MB, ≤ 50 wake-ups/s, ≤ 4 kbit/s per always-on target).
// Prints figures only (DESIGN "Tests": benchmarks never assert timings); exits non-zero only if the agent crashes or
// the lab cannot be built. Needs root.
#include "bench_lab_targets.h"
#include "lab_fixture.h"
#include "proc_sample.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <unistd.h>

using namespace pathlens::lab;

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
constexpr int kWarmupS = 5; // start-up (capture file, sockets, first trace) is not the steady state
constexpr int kTailS = 3;   // the agent keeps running past the window, so the last /proc read sees it alive

// Targets (SPEC §1 "Users": ≤ 1 % of one core, ≤ 100 MB, ≤ 50 wake-ups/s; MEASURED.md "Wire cost").
constexpr double kCpuPctMax = 1.0, kRssMbMax = 100.0, kWakeupsMax = 50.0, kKbitPerTargetMax = 4.0;

// Per "address" and "address proto": {out packets, out bytes, in packets, in bytes} from `iptables-save -c`
// counting rules (no jump target: they only count).
std::map<QString, std::array<qint64, 4>> readCounters(const LabFixture &lab)
{
    std::map<QString, std::array<qint64, 4>> out;
    const auto r = lab.exec(QStringLiteral("h1"), {"iptables-save", "-c", "-t", "filter"});
    static const QRegularExpression re(
        QStringLiteral(R"(^\[(\d+):(\d+)\] -A (OUTPUT -d|INPUT -s) ([0-9.]+)/32(?: -p (\w+))?\s*$)"));
    for (const QByteArray &l : r.out.split('\n')) {
        const auto m = re.match(QString::fromLatin1(l));
        if (!m.hasMatch())
            continue;
        const QString key = m.captured(5).isEmpty() ? m.captured(4) : m.captured(4) + QLatin1Char(' ') + m.captured(5);
        auto &c = out[key];
        const int base = m.captured(3).startsWith(QLatin1String("OUTPUT")) ? 0 : 2;
        c[base] = m.captured(1).toLongLong();
        c[base + 1] = m.captured(2).toLongLong();
    }
    return out;
}

// Probe types this agent build accepts, asked without sending anything: an unknown --probes value fails with
// "unknown probe", a known one gets as far as the (deliberately invalid) --rate-scale check.
QStringList supportedProbes(const QString &scratch)
{
    QStringList ok;
    for (const char *p : {"icmp", "udp", "tcp", "http", "dns"}) {
        QProcess a;
        a.start(kAgent, {"run", "--collectors", "probes", "--probes", QString::fromLatin1(p), "--rate-scale", "-1",
                         "--capture", scratch + QStringLiteral("/probe-%1.sqlite").arg(QString::fromLatin1(p))});
        a.waitForFinished(10000);
        if (!a.readAllStandardError().contains("unknown probe"))
            ok << QString::fromLatin1(p);
    }
    return ok;
}

const char *verdict(bool met)
{
    return met ? "met" : "MISSED";
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int seconds = 600;
    QString collectors = QStringLiteral("probes,trace"), probesArg;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--seconds") && i + 1 < args.size())
            seconds = args[++i].toInt();
        else if (args[i] == QLatin1String("--collectors") && i + 1 < args.size())
            collectors = args[++i];
        else if (args[i] == QLatin1String("--probes") && i + 1 < args.size())
            probesArg = args[++i];
        else {
            std::printf("usage: bench_probe_overhead [--seconds N (default 600)] [--collectors probes,trace] "
                        "[--probes LIST (default: every probe the agent accepts)]\n");
            return 2;
        }
    }
    if (seconds < 10) {
        std::printf("--seconds must be at least 10\n");
        return 2;
    }
    if (const auto code = agentBenchUnavailable(kAgent))
        return *code;
    QTemporaryDir dir;
    const QStringList probes = probesArg.isEmpty() ? supportedProbes(dir.path()) : probesArg.split(QLatin1Char(','));

    LabFixture lab(QStringLiteral("two-hosts"));
    if (!lab.upOrSay())
        return 1;
    const auto targets = setUpBenchTargets(lab, dir.filePath(QStringLiteral("targets.json")));
    if (!targets)
        return 1;
    const QString &gw = targets->gateway, &t1 = targets->internet1, &t2 = targets->internet2, &config = targets->config;
    for (const QString &a : {gw, t1, t2}) { // counting rules (no target): bytes per address and protocol
        lab.exec(QStringLiteral("h1"), {"iptables", "-A", "OUTPUT", "-d", a});
        lab.exec(QStringLiteral("h1"), {"iptables", "-A", "INPUT", "-s", a});
        for (const char *proto : {"icmp", "udp", "tcp"}) {
            lab.exec(QStringLiteral("h1"), {"iptables", "-A", "OUTPUT", "-d", a, "-p", proto});
            lab.exec(QStringLiteral("h1"), {"iptables", "-A", "INPUT", "-s", a, "-p", proto});
        }
    }

    const QString cap = dir.filePath(QStringLiteral("overhead.sqlite"));
    const int total = kWarmupS + seconds + kTailS;
    // PATHLENS_TARGETS would switch the gateway ping off and CI would map everything to loopback: the config above
    // names lab addresses only, and h1 cannot reach anything else.
    auto agent = lab.spawn(QStringLiteral("h1"), {"env",
                                                  "-u",
                                                  "PATHLENS_TARGETS",
                                                  "-u",
                                                  "CI",
                                                  kAgent,
                                                  "run",
                                                  "--collectors",
                                                  collectors,
                                                  "--probes",
                                                  probes.join(','),
                                                  "--config",
                                                  config,
                                                  "--trace-target",
                                                  t1,
                                                  "--duration",
                                                  QString::number(total),
                                                  "--capture",
                                                  cap,
                                                  "--log-level",
                                                  "warn"});
    const qint64 pid = startedAgentPid(*agent);
    if (!pid)
        return 1;
    std::printf("bench_probe_overhead: two-hosts, collectors %s, probes %s at SPEC rates (scale 1), gateway %s, "
                "targets %s %s, %d s window after %d s warm-up\n",
                qPrintable(collectors), qPrintable(probes.join(',')), qPrintable(gw), qPrintable(t1), qPrintable(t2),
                seconds, kWarmupS);
    std::fflush(stdout);

    agent->waitForFinished(kWarmupS * 1000);
    lab.exec(QStringLiteral("h1"), {"iptables", "-Z"}); // counters from the window start
    QElapsedTimer wall;
    wall.start();
    const ProcSample a = readProc(pid);
    ProcSample b = a;
    double peakRssMb = a.rssMb;
    int maxThreads = a.threads;
    while (wall.elapsed() < qint64(seconds) * 1000 && agent->state() != QProcess::NotRunning) {
        agent->waitForFinished(int(std::min<qint64>(10000, qint64(seconds) * 1000 - wall.elapsed())));
        const ProcSample s = readProc(pid);
        if (!s.alive)
            break;
        b = s;
        peakRssMb = std::max(peakRssMb, s.rssMb);
        maxThreads = std::max(maxThreads, s.threads);
        if (wall.elapsed() / 60000 != (wall.elapsed() - 10000) / 60000) {
            std::printf("  %3lld s: cpu %.3f %%, wake-ups %.1f/s, rss %.1f MB\n", wall.elapsed() / 1000,
                        100.0 * (b.cpuS - a.cpuS) / (wall.elapsed() / 1000.0),
                        double(b.switches - a.switches) / (wall.elapsed() / 1000.0), s.rssMb);
            std::fflush(stdout);
        }
    }
    const double windowS = wall.elapsed() / 1000.0;
    const auto counters = readCounters(lab);
    const bool diedEarly = agent->state() == QProcess::NotRunning;
    agent->waitForFinished((kTailS + 30) * 1000);
    const bool crashed = agent->exitStatus() != QProcess::NormalExit || agent->exitCode() != 0 || diedEarly;

    const double cpuPct = 100.0 * (b.cpuS - a.cpuS) / windowS;
    const double wakeups = double(b.switches - a.switches) / windowS;
    std::printf("\nwindow %.1f s, %d threads (max %d)\n", windowS, b.threads, maxThreads);
    std::printf("  CPU            %7.3f %% of one core    target ≤ %.0f %%   %s\n", cpuPct, kCpuPctMax,
                verdict(cpuPct <= kCpuPctMax));
    std::printf("  peak RSS       %7.1f MB (VmHWM; VmRSS max %.1f)  target ≤ %.0f MB  %s\n", b.hwmMb, peakRssMb,
                kRssMbMax, verdict(b.hwmMb <= kRssMbMax));
    std::printf("  wake-ups       %7.1f /s (ctx switches, all threads)  target ≤ %.0f/s  %s\n", wakeups, kWakeupsMax,
                verdict(wakeups <= kWakeupsMax));
    for (const auto &[thread, n] : b.switchesByThread) {
        const auto before = a.switchesByThread.find(thread);
        std::printf("      thread %-24s %6.1f /s\n", qPrintable(thread),
                    double(n - (before == a.switchesByThread.end() ? 0 : before->second)) / windowS);
    }
    std::printf("  wire per target (IP bytes; +14 B/packet Ethernet header in brackets), target ≤ %.0f kbit/s per "
                "direction:\n",
                kKbitPerTargetMax);
    for (const auto &[addr, c] : counters) {
        const double outK = c[1] * 8 / windowS / 1000, inK = c[3] * 8 / windowS / 1000;
        const double outL2 = (c[1] + 14 * c[0]) * 8 / windowS / 1000, inL2 = (c[3] + 14 * c[2]) * 8 / windowS / 1000;
        const QString role = addr.contains(QLatin1Char(' ')) ? QStringLiteral("  of it")
                             : addr == gw                    ? QStringLiteral("gateway")
                                                             : QStringLiteral("internet");
        std::printf(
            "    %-15s %-8s out %6.2f (%6.2f) kbit/s %6.1f pkt/s, in %6.2f (%6.2f) kbit/s %6.1f pkt/s, both %6.2f "
            "(%6.2f)  %s\n",
            qPrintable(addr), qPrintable(role), outK, outL2, c[0] / windowS, inK, inL2, c[2] / windowS, outK + inK,
            outL2 + inL2, addr.contains(QLatin1Char(' ')) ? "" : verdict(std::max(outL2, inL2) <= kKbitPerTargetMax));
    }
    // What ran, per probe series (rates as scheduled, answers), from the agent's own report.
    QProcess rep;
    rep.start(kAgent, {"report", "--json", cap});
    rep.waitForFinished(30000);
    const QJsonObject report = QJsonDocument::fromJson(rep.readAllStandardOutput()).object();
    std::printf("  probe series over the whole run (%d s):\n", total);
    for (const QJsonValue &v : report.value(QStringLiteral("probes")).toArray()) {
        const QJsonObject o = v.toObject();
        std::printf("    %-12s %-10s sent %6.0f (%.2f/s) lost %4.0f p50 %s ms\n", qPrintable(o["type"].toString()),
                    qPrintable(o["target"].toString()), o["sent"].toDouble(), o["sent"].toDouble() / total,
                    o["lost"].toDouble(),
                    o["rtt_p50_ms"].isDouble() ? qPrintable(QString::number(o["rtt_p50_ms"].toDouble(), 'f', 3)) : "-");
    }
    for (const QJsonValue &v : report.value(QStringLiteral("probes")).toArray()) {
        const QString target = v.toObject()["target"].toString();
        if (target != gw && !target.contains(t1) && !target.contains(t2) && target != QLatin1String("localhost"))
            std::printf("    NOTE: %s is not a lab address (the config lacks a key for it; h1 has no route out, so "
                        "nothing was sent)\n",
                        qPrintable(target));
    }
    for (const QJsonValue &v : report.value(QStringLiteral("traces")).toArray())
        std::printf("    trace to %s\n", qPrintable(v.toObject()["target"].toString()));
    for (const QJsonValue &v : report.value(QStringLiteral("events")).toArray())
        std::printf("    event: %s\n", qPrintable(v.toObject()["message"].toString().left(160)));
    const QJsonObject counts = report.value(QStringLiteral("counts")).toObject();
    for (auto it = counts.begin(); it != counts.end(); ++it)
        if (it.value().toDouble() > 0)
            std::printf("    rows %-14s %.0f\n", qPrintable(it.key()), it.value().toDouble());
    targets->servers->kill();
    targets->servers->waitForFinished(3000);
    if (crashed) {
        std::printf("agent crashed or failed: exit status %d code %d%s\n%s\n", int(agent->exitStatus()),
                    agent->exitCode(), diedEarly ? " (before the window ended)" : "",
                    agent->readAllStandardError().constData());
        return 1;
    }
    return 0;
}
