// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: ICMP RTT error of the probe collector vs the forwarder's per-frame ground truth, side by side with ping
// and fping. Prints figures only (DESIGN "Tests": benchmarks never assert timings). Needs root and the lab.
#include "lab_fixture.h"

#include "core/capture_store.h"
#include "core/probe_analysis.h"
#include "core/probe_sample.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <map>

using namespace pathlens;
using namespace pathlens::lab;

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
constexpr int kProbes = 150; // per tool, at 5/s: 30 s, all three at once
// Distinct IPv4 packet sizes tell the tools' frames apart in the forwarder log:
// ours 20 + 8 + 48 = 76 B, ping -s 64 → 92 B, fping -b 80 → 108 B.
constexpr int kOursIp = 76, kPingIp = 92, kFpingIp = 108;

struct Frame {
    qint64 holdNs = 0; // departure − arrival in the forwarder
};

// Per IP size: the request (a2b) and reply (b2a) hold times in order.
std::map<int, std::pair<std::vector<qint64>, std::vector<qint64>>> readLog(const QString &path, const QString &link)
{
    std::map<int, std::pair<std::vector<qint64>, std::vector<qint64>>> bySize;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return bySize;
    while (!f.atEnd()) {
        const QList<QByteArray> w = f.readLine().trimmed().split(' ');
        if (w.size() < 8 || w[0] != link.toLatin1() || w[7] != "sent")
            continue;
        int len = w[3].toInt();
        for (int ip : {kOursIp, kPingIp, kFpingIp})
            if (len == ip + 14) // Ethernet header
                len = ip;
        const qint64 hold = w[6].toLongLong() - w[4].toLongLong();
        (w[1] == "a2b" ? bySize[len].first : bySize[len].second).push_back(hold);
    }
    return bySize;
}

std::vector<double> truthMs(const std::pair<std::vector<qint64>, std::vector<qint64>> &frames)
{
    std::vector<double> t;
    for (size_t i = 0; i < std::min(frames.first.size(), frames.second.size()); ++i)
        t.push_back(double(frames.first[i] + frames.second[i]) / 1e6);
    return t;
}

void report(const char *tool, const std::vector<double> &rtt, const std::vector<double> &truth, double *p50ErrOut)
{
    std::vector<double> err;
    for (size_t i = 0; i < std::min(rtt.size(), truth.size()); ++i)
        err.push_back((rtt[i] - truth[i]) * 1000); // µs
    if (err.empty()) {
        std::printf("%-10s no samples (rtt %zu, frames %zu)\n", tool, rtt.size(), truth.size());
        return;
    }
    std::vector<double> absErr;
    for (double e : err)
        absErr.push_back(std::abs(e));
    const double p50 = core::percentile(err, 50);
    std::printf("%-10s n=%3zu  rtt p50 %8.3f ms  truth p50 %8.3f ms  error p50 %+7.1f µs  p95 %+7.1f µs  |error| p50 "
                "%6.1f µs\n",
                tool, err.size(), core::percentile(rtt, 50), core::percentile(truth, 50), p50,
                core::percentile(err, 95), core::percentile(absErr, 50));
    *p50ErrOut = p50;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString whyNot;
    if (!LabFixture::isAvailable(&whyNot)) {
        std::printf("skipped: %s\n", qPrintable(whyNot));
        return LabFixture::mustRun() ? 1 : 77;
    }
    // calibration: the fwd0 link has a zero-delay forwarder, so RTTs are tens of µs and every
    // tool prints them with µs resolution; the forwarder's hold time is the only impairment.
    LabFixture lab(QStringLiteral("calibration"), true);
    if (!lab.isUp()) {
        std::printf("lab failed: %s\n", qPrintable(lab.error()));
        return 1;
    }
    const QString target = lab.address(QStringLiteral("h2"), Family::IPv4, QStringLiteral("fwd0"));
    lab.exec("h1", {"ping", "-n", "-c", "2", "-i", "0.2", target}, 5000); // ARP first (sizes differ from ours)
    QTemporaryDir dir;
    const QString cap = dir.filePath("bench.sqlite");
    const double seconds = kProbes / 5.0 + 1.0;
    auto agent = lab.spawn("h1", {"env", "PATHLENS_TARGETS=" + target, kAgent, "run", "--collectors", "probes",
                                  "--probes", "icmp", "--target", target, "--duration", QString::number(seconds),
                                  "--capture", cap, "--log-level", "warn"});
    auto fping = lab.spawn("h1", {"fping", "-C", QString::number(kProbes), "-p", "200", "-b", "80", "-q", target});
    const auto ping =
        lab.exec("h1", {"ping", "-n", "-c", QString::number(kProbes), "-i", "0.2", "-s", "64", target}, 60000);
    agent->waitForFinished(60000);
    fping->waitForFinished(60000);
    const QByteArray fpingOut = fping->readAllStandardError() + fping->readAllStandardOutput();
    lab.forwarderStats(); // SIGUSR1; the forwarder flushes its log when idle
    QThread::msleep(1000);

    // Tool RTTs in send order.
    std::vector<double> ours, pingRtt, fpingRtt;
    {
        std::vector<core::ProbeSample> s;
        auto store = core::CaptureStore::open(cap, core::CaptureStore::Mode::ReadOnly);
        if (store)
            (void)(*store)->forEach(core::Table::ProbeSamples, [&](const core::Row &r) {
                s.push_back(core::ProbeSample::fromRow(r));
                return true;
            });
        std::sort(s.begin(), s.end(), [](const auto &a, const auto &b) { return a.seq < b.seq; });
        for (const auto &x : s)
            if (x.rttMs)
                ours.push_back(*x.rttMs);
    }
    static const QRegularExpression timeRe(QStringLiteral("time=([0-9.]+) ms"));
    for (auto it = timeRe.globalMatch(QString::fromUtf8(ping.out)); it.hasNext();)
        pingRtt.push_back(it.next().captured(1).toDouble());
    const int colon = fpingOut.indexOf(" : ");
    if (colon > 0)
        for (const QByteArray &v : fpingOut.mid(colon + 3).trimmed().split(' '))
            if (v != "-")
                fpingRtt.push_back(v.toDouble());

    const QString logPath = lab.state().value("forwarder").toObject().value("log").toString();
    const auto frames = readLog(logPath, QStringLiteral("fwd0"));
    std::printf("bench_probe_accuracy: calibration/fwd0 %s, %d probes per tool at 5/s side by side; error = tool RTT − "
                "forwarder hold time (both directions), which leaves the veth and stack time common to all tools\n",
                qPrintable(target), kProbes);
    double eOurs = 0, ePing = 0, eFping = 0;
    auto framesOf = [&](int ip) {
        auto it = frames.find(ip);
        return it == frames.end() ? std::vector<double>{} : truthMs(it->second);
    };
    report("pathlens", ours, framesOf(kOursIp), &eOurs);
    report("ping", pingRtt, framesOf(kPingIp), &ePing);
    report("fping", fpingRtt, framesOf(kFpingIp), &eFping);
    if (ePing != 0 && eFping != 0)
        std::printf("ratio of median error: pathlens/ping %.2f, pathlens/fping %.2f\n", eOurs / ePing, eOurs / eFping);
    std::printf("forwarder: %s\n", QJsonDocument(lab.forwarderStats()).toJson(QJsonDocument::Compact).constData());
    return 0;
}
