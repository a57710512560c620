// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (label bench): capacity by packet trains next to iperf3, in the trains scenario with the
// r2–r3 tbf at 10, 20, 50 and 100 Mbit/s (both directions, 2-frame bucket). Per rate it prints
//   delivered   what the shaper delivers at IP level: iperf3 UDP at 1.5 × the rate, 1472-byte datagrams,
//               3 s after 1 s of queue filling, 2 MB receive buffer, the receiver's bitrate × 1500/1472,
//               the slower direction (ground truth, as in tst_trains_lab)
//   ours        median of 10 estimates of `capacity --trains 10 --codec none` (one 10-packet train
//               each, 1 s apart), its error, and the bytes it sent
//   iperf3      TCP for 5 s h1 → h2: receiver goodput and the same scaled to IP level (× 1500/1448,
//               MSS with timestamps), its error, and the bytes it sent
//   ratios      ours/iperf3 for |error| and bytes sent
// Bytes sent are counted by iptables in h1 (OUTPUT: echo requests, TCP to the iperf3 port), next to
// the agent's own `bytes`. As in tst_trains_lab, the lab's forwarder is pinned to the last CPU and the
// agent runs SCHED_FIFO 20 on CPU 0 (--no-rt: neither, to see what the forwarder preempting the sender
// does to the figures). Prints figures only; exits non-zero only when the lab cannot be built or a tool
// fails; 77 without root.
// bench_capacity [--rates 10,20,50,100] [--no-rt]
#include "lab_fixture.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <vector>

using namespace pathlens::lab;

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
constexpr int kFrame = 1514, kBurst = 2 * kFrame;
constexpr int kUdpPort = 5241, kTcpPort = 5242;
constexpr int kEstimates = 10;

bool shape(const LabFixture &lab, double mbit)
{
    for (const char *node : {"r2", "r3"}) {
        const qint64 rateBit = qint64(mbit * 1e6), limit = std::max<qint64>(rateBit / 8 * 50 / 1000, 4 * kFrame);
        if (!lab.exec(node, {"tc", "qdisc", "replace", "dev", "neck", "root", "tbf", "rate", QString::number(rateBit) + "bit", "burst",
                             QString::number(kBurst), "limit", QString::number(limit)})
                 .ok())
            return false;
    }
    return true;
}

// iperf3 client in h1 against a one-off server in h2 (stopped by PID); the client's --json.
QJsonObject iperf(const LabFixture &lab, const QString &h2, int port, const QStringList &clientArgs, int timeoutMs)
{
    auto server = lab.spawn("h2", {"iperf3", "-s", "-1", "-p", QString::number(port), "-B", h2});
    // Listening? (iperf3 buffers its "Server listening" line when stdout is a pipe: ask for the socket.)
    bool listening = false;
    for (int i = 0; i < 60 && server && !listening; ++i) {
        listening = !lab.exec("h2", {"ss", "-Hltn", QStringLiteral("sport = :%1").arg(port)}).out.trimmed().isEmpty();
        if (!listening)
            QThread::msleep(50);
    }
    if (!listening) {
        LabFixture::stopByPid(server.get());
        return {};
    }
    const ExecResult r = lab.exec("h1", QStringList{"iperf3", "-c", h2, "-p", QString::number(port), "--json"} + clientArgs, timeoutMs);
    LabFixture::stopByPid(server.get());
    return QJsonDocument::fromJson(r.out).object();
}

double receivedBps(const QJsonObject &o)
{
    return o["end"].toObject()["sum_received"].toObject()["bits_per_second"].toDouble(std::nan(""));
}

// Bytes counted by h1's accounting rule whose comment is `tag` (OUTPUT chain), then zeroed.
qint64 takeCounter(const LabFixture &lab, const QString &tag)
{
    const ExecResult r = lab.exec("h1", {"iptables", "-L", "OUTPUT", "-v", "-x", "-n", "-Z"});
    const QRegularExpression re(QStringLiteral(R"(^\s*\d+\s+(\d+)\s.*/\* %1 \*/)").arg(tag));
    for (const QByteArray &l : r.out.split('\n'))
        if (const auto m = re.match(QString::fromLatin1(l)); m.hasMatch())
            return m.captured(1).toLongLong();
    return -1;
}

struct Row {
    int mbit = 0;
    double delivered = 0, ours = 0, iperfGoodput = 0, iperfIp = 0;
    qint64 oursBytes = 0, oursWire = 0, iperfWire = 0;
    int oursFigures = 0;
};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QList<int> rates = LabFixture::ratesOption(args, {10, 20, 50, 100});
    const bool realtime = !args.contains(QStringLiteral("--no-rt"));
    if (rates.isEmpty()) {
        std::printf("usage: bench_capacity [--rates 10,20,50,100] [--no-rt]\n");
        return 2;
    }
    if (const auto code = LabFixture::benchUnavailable())
        return *code;
    LabFixture lab(QStringLiteral("trains"));
    if (!lab.upOrSay())
        return 1;
    const QString h2 = lab.address(QStringLiteral("h2"));
    const int cpus = QThread::idealThreadCount();
    const bool pin = realtime && cpus >= 2;
    if (pin)
        lab.exec("h1", {"taskset", "-a", "-p", "-c", QString::number(cpus - 1),
                        QString::number(lab.state()["forwarder"].toObject()["pid"].toInteger())});
    lab.exec("h1", {"ping", "-n", "-c", "2", "-i", "0.2", h2}, 5000);
    lab.exec("h1", {"iptables", "-A", "OUTPUT", "-d", h2, "-p", "icmp", "--icmp-type", "echo-request", "-m", "comment", "--comment", "ours"});
    lab.exec("h1", {"iptables", "-A", "OUTPUT", "-d", h2, "-p", "tcp", "--dport", QString::number(kTcpPort), "-m", "comment", "--comment",
                    "iperf3"});

    std::vector<Row> rows;
    for (int mbit : rates) {
        Row row;
        row.mbit = mbit;
        if (!shape(lab, mbit)) {
            std::printf("tc failed at %d Mbit/s\n", mbit);
            return 1;
        }
        const QStringList udp{"-u", "-b", QString::number(qint64(mbit * 1.5e6)), "-l", "1472", "-w", "2M", "-t", "3", "-O", "1"};
        const double fwd = receivedBps(iperf(lab, h2, kUdpPort, udp, 20000));
        const double rev = receivedBps(iperf(lab, h2, kUdpPort, udp + QStringList{"-R"}, 20000));
        row.delivered = std::min(fwd, rev) * 1500 / 1472 / 1e6;

        takeCounter(lab, "ours");
        QStringList agent{kAgent, "capacity", h2, "--trains", "10", "--codec", "none", "--count", QString::number(kEstimates),
                          "--interval-s", "1", "--json"};
        if (realtime)
            agent = QStringList{"chrt", "-f", "20"} + agent;
        if (pin)
            agent = QStringList{"taskset", "-c", "0"} + agent;
        const ExecResult run = lab.exec("h1", agent, 60000);
        if (!run.ok()) {
            std::printf("pathlens-agent capacity failed: %s\n", run.err.constData());
            return 1;
        }
        std::vector<double> figures;
        for (const QByteArray &line : run.out.split('\n')) {
            const QJsonObject c = QJsonDocument::fromJson(line).object()["capacity"].toObject();
            if (c.isEmpty())
                continue;
            row.oursBytes += qint64(c["bytes"].toDouble());
            if (!c["doubtful"].toBool())
                figures.push_back(c["measured_mbps"].toDouble());
        }
        row.oursWire = takeCounter(lab, "ours");
        row.oursFigures = int(figures.size());
        row.ours = LabFixture::median(figures);

        takeCounter(lab, "iperf3");
        const double goodput = receivedBps(iperf(lab, h2, kTcpPort, {"-t", "5"}, 30000));
        row.iperfWire = takeCounter(lab, "iperf3");
        row.iperfGoodput = goodput / 1e6;
        row.iperfIp = row.iperfGoodput * 1500 / 1448;
        if (!std::isfinite(row.delivered) || !std::isfinite(goodput)) {
            std::printf("iperf3 failed at %d Mbit/s\n", mbit);
            return 1;
        }
        rows.push_back(row);
        std::printf("%d Mbit/s done\n", mbit);
        std::fflush(stdout);
    }

    std::printf("\nCapacity by packet trains vs iperf3, trains scenario (r2–r3 tbf, 2-frame bucket), agent %s\n",
                pin ? "SCHED_FIFO 20 on CPU 0, forwarder on the last CPU" : realtime ? "SCHED_FIFO 20" : "as a plain process");
    std::printf("%6s %9s | %9s %7s %4s %9s %9s | %9s %9s %7s %11s | %7s %9s\n", "tbf", "delivered", "ours", "error", "n", "bytes",
                "on wire", "iperf3", "(IP)", "error", "on wire", "|err|", "bytes");
    std::printf("%6s %9s | %9s %7s %4s %9s %9s | %9s %9s %7s %11s | %7s %9s\n", "Mbit/s", "Mbit/s", "median", "%", "", "sent",
                "(h1 out)", "goodput", "Mbit/s", "%", "(h1 out)", "ours/ip3", "ours/ip3");
    for (const Row &r : rows) {
        const double errOurs = 100 * (r.ours - r.delivered) / r.delivered, errIperf = 100 * (r.iperfIp - r.delivered) / r.delivered;
        std::printf("%6d %9.2f | %9.2f %+7.2f %4d %9lld %9lld | %9.2f %9.2f %+7.2f %11lld | %7.2f %9.5f\n", r.mbit, r.delivered, r.ours,
                    errOurs, r.oursFigures, static_cast<long long>(r.oursBytes), static_cast<long long>(r.oursWire), r.iperfGoodput,
                    r.iperfIp, errIperf, static_cast<long long>(r.iperfWire), std::abs(errOurs) / std::max(1e-9, std::abs(errIperf)),
                    double(r.oursWire) / double(std::max<qint64>(1, r.iperfWire)));
    }
    std::printf("\nerror: against the delivered rate; iperf3's IP-level figure is its goodput × 1500/1448 (its raw goodput is "
                "%.1f %% lower by construction). Bytes: ours = %d estimates × one 10-packet train; iperf3 = 5 s of TCP.\n",
                100 * (1 - 1448.0 / 1500), kEstimates);
    return 0;
}
