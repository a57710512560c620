// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: one agent meshing with 49 peers (issue 11 §9). In two-hosts, h1 runs `pathlens-agent run`
// with 49 peers that all answer from one `pathlens-agent reflect` on h2 (the sender's cost does not
// depend on where its peers are); traces off so only STAMP is counted. One cycle at the default
// 2-minute interval, measured from outside the agent:
//   CPU % of one core     (utime + stime) over the 120 s interval, from /proc/PID/stat
//   peak RSS              VmHWM from /proc/PID/status
//   bytes per pair/cycle  iptables counters on h1 for UDP to and from the reflector's port
// against the targets (≤ 1 % of a core, ≤ 100 MB, ≤ 16 KB per pair per cycle). Prints figures only;
// exits non-zero only if the agent crashes or the lab cannot be built. Needs root.
// bench_mesh_agent [--peers N] [--pcap FILE]
#include "lab_fixture.h"
#include "proc_sample.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace pathlens::lab;

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
constexpr int kPort = 18700;
constexpr int kIntervalS = 120; // SPEC §4: the default cycle
constexpr double kCpuPctMax = 1.0, kRssMbMax = 100.0, kBytesMax = 16 * 1024;

const char *verdict(bool ok)
{
    return ok ? "ok" : "OVER";
}

// {packets, bytes} of the counting rule for `chain` (OUTPUT or INPUT) on h1.
std::pair<qint64, qint64> counter(const LabFixture &lab, const char *chain)
{
    const auto r = lab.exec(QStringLiteral("h1"), {"iptables", "-L", chain, "-v", "-x", "-n"});
    static const QRegularExpression re(QStringLiteral(R"(^\s*(\d+)\s+(\d+)\s+.*udp.*[sd]pt:%1)").arg(kPort));
    for (const QByteArray &l : r.out.split('\n'))
        if (const auto m = re.match(QString::fromLatin1(l)); m.hasMatch())
            return {m.captured(1).toLongLong(), m.captured(2).toLongLong()};
    return {0, 0};
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int peers = 49;
    if (const qsizetype i = app.arguments().indexOf(QStringLiteral("--peers")); i > 0)
        peers = app.arguments().value(i + 1).toInt();
    QString pcap; // --pcap FILE: the STAMP packets as h1 saw them, for a look at what went wrong
    if (const qsizetype i = app.arguments().indexOf(QStringLiteral("--pcap")); i > 0)
        pcap = app.arguments().value(i + 1);
    if (peers < 1 || peers > 500) {
        std::printf("usage: bench_mesh_agent [--peers 1..500] [--pcap FILE]\n");
        return 2;
    }
    if (const auto code = LabFixture::benchUnavailable())
        return *code;
    LabFixture lab(QStringLiteral("two-hosts"));
    if (!lab.upOrSay())
        return 1;
    const QString h2 = lab.address(QStringLiteral("h2"));
    lab.exec(QStringLiteral("h1"), {"iptables", "-A", "OUTPUT", "-d", h2, "-p", "udp", "--dport", QString::number(kPort)});
    lab.exec(QStringLiteral("h1"), {"iptables", "-A", "INPUT", "-s", h2, "-p", "udp", "--sport", QString::number(kPort)});
    lab.exec(QStringLiteral("h1"), {"ping", "-n", "-c", "1", "-W", "1", h2}, 5000);
    const int total = kIntervalS + 5;
    std::unique_ptr<QProcess> capture;
    if (!pcap.isEmpty()) {
        capture = lab.spawn(QStringLiteral("h1"), {"timeout", QString::number(total), "tcpdump", "-i", "any", "-n", "-w", pcap, "udp",
                                                   "port", QString::number(kPort)});
        QThread::msleep(1000);
    }
    auto reflector = lab.spawn(QStringLiteral("h2"), {kAgent, "reflect", "--port", QString::number(kPort), "--duration",
                                                      QString::number(total + 5)});
    if (!reflector->waitForStarted(5000) || !reflector->waitForReadyRead(5000)) {
        std::printf("reflector did not start\n");
        return 1;
    }
    QTemporaryDir dir;
    QStringList args{kAgent, "run", "--capture", dir.filePath("mesh.plcap"), "--collectors", "mesh", "--agent-name", "bench",
                     "--mesh-interval", QString::number(kIntervalS), "--mesh-trace-every", "0", "--duration", QString::number(total),
                     "--log-level", "warn"};
    for (int i = 1; i <= peers; ++i)
        args << "--peer" << QStringLiteral("p%1=%2:%3").arg(i, 2, 10, QLatin1Char('0')).arg(h2).arg(kPort);
    args.replace(args.indexOf("warn"), "info");
    const QString agentLog = dir.filePath("agent.log"); // what the agent said, shown when a peer did not answer
    args = QStringList{"sh", "-c", QStringLiteral("exec \"$0\" \"$@\" 2>%1").arg(agentLog)} + args;
    auto agent = lab.spawn(QStringLiteral("h1"), args);
    const qint64 pid = startedAgentPid(*agent);
    if (!pid)
        return 1;
    QElapsedTimer wall;
    wall.start();
    const ProcSample first = readProc(pid);
    ProcSample last = first;
    double peakRss = 0;
    // The window closes 2 s before the second cycle starts: the counters hold exactly one cycle.
    while (wall.elapsed() < qint64(kIntervalS - 2) * 1000) {
        QThread::msleep(500);
        const ProcSample s = readProc(pid);
        if (!s.alive)
            break;
        last = s;
        peakRss = std::max(peakRss, s.rssMb);
    }
    const double windowS = wall.elapsed() / 1000.0;
    const auto out = counter(lab, "OUTPUT"), in = counter(lab, "INPUT");
    agent->waitForFinished(60000);
    if (capture)
        capture->waitForFinished(30000);
    const bool crashed = agent->exitStatus() != QProcess::NormalExit || agent->exitCode() != 0;
    QProcess rep;
    rep.start(kAgent, {"report", "--json", dir.filePath("mesh.plcap")});
    rep.waitForFinished(30000);
    const QJsonArray mesh = QJsonDocument::fromJson(rep.readAllStandardOutput()).object()["mesh"].toArray();
    int answered = 0;
    QStringList unanswered;
    for (const auto &c : mesh) {
        const bool ok = c.toObject()["rtt_ms"].isDouble();
        answered += ok;
        if (!ok)
            unanswered << QStringLiteral("%1 (%2 at %3, %4 cycles)")
                              .arg(c.toObject()["dst"].toString(), c.toObject()["state"].toString(), c.toObject()["utc"].toString())
                              .arg(c.toObject()["cycles"].toInt());
    }

    if (!unanswered.isEmpty()) {
        QFile log(agentLog);
        if (log.open(QIODevice::ReadOnly))
            for (const QByteArray &l : log.readAll().split('\n'))
                if (l.contains("[mesh]") || l.contains("[agent]"))
                    std::printf("  agent: %s\n", l.constData());
    }
    const double cpuPct = 100.0 * (last.cpuS - first.cpuS) / windowS;
    const double perPairOut = double(out.second) / peers, perPairIn = double(in.second) / peers;
    std::printf("bench_mesh_agent: one agent, %d peers, one cycle in a %.0f s window (the default interval)\n", peers, windowS);
    std::printf("  peers measured   %d of %d answered (%lld cells)%s%s\n", answered, peers, static_cast<long long>(mesh.size()),
                unanswered.isEmpty() ? "" : "; no answer: ", qPrintable(unanswered.join(QStringLiteral(", "))));
    std::printf("  CPU              %7.3f %% of one core   target ≤ %.0f %%   %s\n", cpuPct, kCpuPctMax, verdict(cpuPct <= kCpuPctMax));
    std::printf("  peak RSS         %7.1f MB (VmHWM; VmRSS max %.1f)  target ≤ %.0f MB  %s\n", last.hwmMb, peakRss, kRssMbMax,
                verdict(last.hwmMb <= kRssMbMax));
    std::printf("  bytes per pair   %7.0f B sent, %7.0f B received per cycle (IP, %lld + %lld packets in all)  target ≤ %.0f B "
                "each way  %s\n",
                perPairOut, perPairIn, static_cast<long long>(out.first), static_cast<long long>(in.first), kBytesMax,
                verdict(perPairOut <= kBytesMax && perPairIn <= kBytesMax));
    return crashed ? 1 : 0;
}
