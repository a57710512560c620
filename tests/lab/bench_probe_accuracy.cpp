// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: ICMP RTT error and schedule (timer) error of the probe collector vs the forwarder's per-frame ground
// truth, side by side with ping and fping, once on an idle machine and once with every core busy. Prints figures only
// (DESIGN "Tests": benchmarks never assert timings). Needs root and the lab.
//   RTT error   = tool RTT − forwarder hold time of request + reply (the veth and stack time stays in, common to all)
//   timer error = the forwarder's kernel receive timestamp of each echo request vs the ideal schedule t0 + k·period
//                 (least-squares fit; k from the ICMP sequence number, or the request's rank for ping/fping); missed
//                 slots = sequence gaps + intervals longer than 1.5 periods. Target: mean ≤ 50 µs, no missed slot.
// Options: --probes N per tool and round (default 150, 5/s), --rounds idle,loaded (default both).
#include "core/store/probe_rows.h"
#include "lab_fixture.h"

#include "core/store/capture_store.h"
#include "core/active/probe_analysis.h"
#include "core/active/probe_sample.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>

using namespace pathlens;
using namespace pathlens::lab;

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
constexpr double kPeriodNs = 200e6; // 5/s: SPEC §2 ICMP rate, also ping -i 0.2 and fping -p 200
// Distinct IPv4 packet sizes tell the tools' frames apart in the forwarder log:
// ours 20 + 8 + 48 = 76 B, ping -s 64 → 92 B, fping -b 80 → 108 B, the reference sender's UDP 20 + 8 + 100 = 128 B.
constexpr int kOursIp = 76, kPingIp = 92, kFpingIp = 108, kReferenceIp = 128;
// Timer floor of the method: a sender that sleeps to 1 ms before each absolute deadline and spins the rest, so its
// error is what the send path, the veth and the forwarder's receive stamp add (UDP to the discard port of h2).
const char *const kReferenceSender = R"PY(
import socket, sys, time
target, n = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
t0 = time.monotonic_ns() + 200_000_000
for k in range(n):
    deadline = t0 + k * 200_000_000
    while True:
        left = deadline - time.monotonic_ns()
        if left <= 0:
            break
        if left > 2_000_000:
            time.sleep((left - 1_000_000) / 1e9)
    s.sendto(b"x" * 100, (target, 9))
)PY";
constexpr double kTimerMeanTargetUs = 50;

qint64 monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts); // the forwarder's log clock (same host, no time namespace)
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

struct Frames {
    std::vector<qint64> requestArrivalNs; // a2b, in arrival order
    std::vector<qint64> requestHoldNs;    // departure − arrival of the same frames
    std::vector<qint64> replyHoldNs;      // b2a
};

// Per IP size, the frames of fwd0 whose arrival lies in [fromNs, toNs).
std::map<int, Frames> readLog(const QString &path, const QString &link, qint64 fromNs, qint64 toNs)
{
    std::map<int, Frames> bySize;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return bySize;
    while (!f.atEnd()) {
        const QList<QByteArray> w = f.readLine().trimmed().split(' ');
        if (w.size() < 8 || w[0] != link.toLatin1() || w[7] != "sent")
            continue;
        const qint64 arrival = w[4].toLongLong();
        if (arrival < fromNs || arrival >= toNs)
            continue;
        const int len = w[3].toInt() - 14; // Ethernet header
        const qint64 hold = w[6].toLongLong() - arrival;
        Frames &fr = bySize[len];
        if (w[1] == "a2b") {
            fr.requestArrivalNs.push_back(arrival);
            fr.requestHoldNs.push_back(hold);
        } else {
            fr.replyHoldNs.push_back(hold);
        }
    }
    return bySize;
}

std::vector<double> truthMs(const Frames &frames)
{
    std::vector<double> t;
    for (size_t i = 0; i < std::min(frames.requestHoldNs.size(), frames.replyHoldNs.size()); ++i)
        t.push_back(double(frames.requestHoldNs[i] + frames.replyHoldNs[i]) / 1e6);
    return t;
}

void reportRtt(const char *tool, const std::vector<double> &rtt, const std::vector<double> &truth, double *p50ErrOut)
{
    std::vector<double> err;
    for (size_t i = 0; i < std::min(rtt.size(), truth.size()); ++i)
        err.push_back((rtt[i] - truth[i]) * 1000); // µs
    if (err.empty()) {
        std::printf("  %-9s no samples (rtt %zu, frames %zu)\n", tool, rtt.size(), truth.size());
        return;
    }
    std::vector<double> absErr;
    for (double e : err)
        absErr.push_back(std::abs(e));
    const double p50 = core::percentile(err, 50);
    std::printf("  %-9s n=%4zu  rtt p50 %8.3f ms  truth p50 %8.3f ms  error p50 %+7.1f µs  p95 %+7.1f µs  |error| p50 "
                "%6.1f µs\n",
                tool, err.size(), core::percentile(rtt, 50), core::percentile(truth, 50), p50,
                core::percentile(err, 95), core::percentile(absErr, 50));
    *p50ErrOut = p50;
}

struct TimerError {
    size_t n = 0;
    double meanUs = 0, p50Us = 0, p99Us = 0, maxUs = 0, periodMs = 0;
    int seqGaps = 0, longIntervals = 0;
    int missed() const { return seqGaps + longIntervals; }
};

// Fits arrival = t0 + k·period (least squares) and measures |arrival − fit|. k: the ICMP sequence numbers when known
// (same length as arrivals), else the rank; seq gaps count as missed slots, as do intervals > 1.5 nominal periods.
TimerError timerError(const std::vector<qint64> &arrivalNs, std::vector<qint64> seq)
{
    TimerError te;
    te.n = arrivalNs.size();
    if (te.n < 3)
        return te;
    if (seq.size() != arrivalNs.size()) {
        seq.resize(arrivalNs.size());
        for (size_t i = 0; i < seq.size(); ++i)
            seq[i] = qint64(i);
    }
    for (size_t i = 1; i < seq.size(); ++i)
        te.seqGaps += int(std::max<qint64>(0, seq[i] - seq[i - 1] - 1));
    const double t0 = double(arrivalNs.front());
    double sk = 0, st = 0, skk = 0, skt = 0;
    const double n = double(te.n);
    for (size_t i = 0; i < te.n; ++i) {
        const double k = double(seq[i] - seq.front()), t = double(arrivalNs[i]) - t0;
        sk += k;
        st += t;
        skk += k * k;
        skt += k * t;
        if (i > 0 && double(arrivalNs[i] - arrivalNs[i - 1]) > 1.5 * kPeriodNs * double(seq[i] - seq[i - 1]))
            ++te.longIntervals;
    }
    const double period = (n * skt - sk * st) / (n * skk - sk * sk), a = (st - period * sk) / n;
    te.periodMs = period / 1e6;
    std::vector<double> absUs;
    for (size_t i = 0; i < te.n; ++i) {
        const double k = double(seq[i] - seq.front());
        absUs.push_back(std::abs(double(arrivalNs[i]) - t0 - a - period * k) / 1000);
    }
    double sum = 0;
    for (double e : absUs)
        sum += e;
    te.meanUs = sum / n;
    te.p50Us = core::percentile(absUs, 50);
    te.p99Us = core::percentile(absUs, 99);
    te.maxUs = *std::max_element(absUs.begin(), absUs.end());
    return te;
}

void reportTimer(const char *tool, const TimerError &te, bool withTarget)
{
    if (te.n < 3) {
        std::printf("  %-9s no echo requests in the log\n", tool);
        return;
    }
    std::printf(
        "  %-9s n=%4zu  period %9.4f ms  |actual − ideal| mean %7.1f µs  p50 %7.1f µs  p99 %7.1f µs  max %8.1f µs  "
        "missed slots %d (seq gaps %d, intervals > 1.5 periods %d)%s\n",
        tool, te.n, te.periodMs, te.meanUs, te.p50Us, te.p99Us, te.maxUs, te.missed(), te.seqGaps, te.longIntervals,
        withTarget ? (te.meanUs <= kTimerMeanTargetUs && te.missed() == 0 ? "  target met" : "  target MISSED") : "");
}

// Busy loops on every core for the loaded round; each stops by itself at its deadline (bounded even if we crash, as
// the threads die with this process).
class CpuLoad {
public:
    explicit CpuLoad(double seconds)
    {
        const qint64 until = monotonicNs() + qint64(seconds * 1e9);
        for (int i = 0; i < QThread::idealThreadCount(); ++i) {
            m_threads.emplace_back(QThread::create([this, until] {
                volatile unsigned long x = 0;
                while (!m_stop.load(std::memory_order_relaxed) && monotonicNs() < until)
                    x = x + 1;
            }));
            m_threads.back()->start();
        }
    }
    ~CpuLoad()
    {
        m_stop = true;
        for (auto &t : m_threads)
            t->wait();
    }
    int threads() const { return int(m_threads.size()); }

private:
    std::atomic<bool> m_stop{false};
    std::vector<std::unique_ptr<QThread>> m_threads;
};

bool runRound(const LabFixture &lab, const QString &target, int probes, bool loaded, const QString &dirPath)
{
    const QString cap = dirPath + (loaded ? QStringLiteral("/loaded.sqlite") : QStringLiteral("/idle.sqlite"));
    const double seconds = probes / 5.0 + 1.0;
    const int waitMs = int(seconds * 1000) + 30000;
    std::unique_ptr<CpuLoad> load;
    int loadThreads = 0;
    if (loaded) {
        load = std::make_unique<CpuLoad>(seconds + 3);
        loadThreads = load->threads();
        QThread::msleep(500);
    }
    const qint64 fromNs = monotonicNs();
    auto agent = lab.spawn("h1", {"env", "PATHLENS_TARGETS=" + target, kAgent, "run", "--collectors", "probes",
                                  "--probes", "icmp", "--target", target, "--duration", QString::number(seconds),
                                  "--capture", cap, "--log-level", "warn"});
    auto fping = lab.spawn("h1", {"fping", "-C", QString::number(probes), "-p", "200", "-b", "80", "-q", target});
    auto reference =
        lab.spawn("h1", {"python3", "-c", QString::fromLatin1(kReferenceSender), target, QString::number(probes)});
    const auto ping =
        lab.exec("h1", {"ping", "-n", "-c", QString::number(probes), "-i", "0.2", "-s", "64", target}, waitMs);
    agent->waitForFinished(waitMs);
    fping->waitForFinished(waitMs);
    reference->waitForFinished(waitMs);
    load.reset();
    const qint64 toNs = monotonicNs();
    if (agent->exitStatus() != QProcess::NormalExit || agent->exitCode() != 0) {
        std::printf("agent failed (exit %d): %s\n", agent->exitCode(), agent->readAllStandardError().constData());
        return false;
    }
    const QByteArray fpingOut = fping->readAllStandardError() + fping->readAllStandardOutput();
    lab.forwarderStats(); // SIGUSR1 flushes the forwarder's log
    QThread::msleep(1000);

    // Tool RTTs and (ours) ICMP sequence numbers in send order.
    std::vector<double> ours, pingRtt, fpingRtt;
    std::vector<qint64> oursSeq;
    {
        std::vector<core::ProbeSample> s;
        auto store = core::CaptureStore::open(cap, core::CaptureStore::Mode::ReadOnly);
        if (store)
            (void)(*store)->forEach(core::Table::ProbeSamples, [&](const core::Row &r) {
                s.push_back(core::probeSampleFromRow(r));
                return true;
            });
        std::sort(s.begin(), s.end(), [](const auto &a, const auto &b) { return a.seq < b.seq; });
        for (const auto &x : s) {
            oursSeq.push_back(x.seq);
            if (x.rttMs)
                ours.push_back(*x.rttMs);
        }
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
    const auto frames = readLog(logPath, QStringLiteral("fwd0"), fromNs, toNs);
    auto framesOf = [&](int ip) {
        auto it = frames.find(ip);
        return it == frames.end() ? Frames{} : it->second;
    };
    std::printf("\n%s round: %d probes per tool at 5/s, all at once (+ the reference sender)%s\n",
                loaded ? "loaded" : "idle", probes,
                loaded ? qPrintable(QStringLiteral(", %1 busy threads (one per core) beside them").arg(loadThreads))
                       : "");
    std::printf(" RTT error (tool − forwarder hold time):\n");
    double eOurs = 0, ePing = 0, eFping = 0;
    reportRtt("pathlens", ours, truthMs(framesOf(kOursIp)), &eOurs);
    reportRtt("ping", pingRtt, truthMs(framesOf(kPingIp)), &ePing);
    reportRtt("fping", fpingRtt, truthMs(framesOf(kFpingIp)), &eFping);
    if (ePing != 0 && eFping != 0)
        std::printf("  ratio of median error: pathlens/ping %.2f, pathlens/fping %.2f\n", eOurs / ePing,
                    eOurs / eFping);
    std::printf(
        " timer error (echo request arrival at the forwarder vs t0 + k·period; target mean ≤ %.0f µs, no missed "
        "slot):\n",
        kTimerMeanTargetUs);
    const Frames ourFrames = framesOf(kOursIp);
    if (oursSeq.size() != ourFrames.requestArrivalNs.size())
        std::printf("  (pathlens: %zu samples vs %zu request frames: k from the rank instead of the sequence)\n",
                    oursSeq.size(), ourFrames.requestArrivalNs.size());
    reportTimer("pathlens", timerError(ourFrames.requestArrivalNs, oursSeq), true);
    reportTimer("ping", timerError(framesOf(kPingIp).requestArrivalNs, {}), false);
    reportTimer("fping", timerError(framesOf(kFpingIp).requestArrivalNs, {}), false);
    reportTimer("reference", timerError(framesOf(kReferenceIp).requestArrivalNs, {}), false);
    return true;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int probes = 150;
    QStringList rounds{QStringLiteral("idle"), QStringLiteral("loaded")};
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--probes") && i + 1 < args.size())
            probes = args[++i].toInt();
        else if (args[i] == QLatin1String("--rounds") && i + 1 < args.size())
            rounds = args[++i].split(QLatin1Char(','));
        else {
            std::printf(
                "usage: bench_probe_accuracy [--probes N (default 150 per tool and round)] [--rounds idle,loaded]\n");
            return 2;
        }
    }
    if (probes < 10 || probes > 20000) {
        std::printf("--probes must be 10..20000\n");
        return 2;
    }
    if (const auto code = LabFixture::benchUnavailable())
        return *code;
    // calibration: the fwd0 link has a zero-delay forwarder, so RTTs are tens of µs and every
    // tool prints them with µs resolution; the forwarder's hold time is the only impairment.
    LabFixture lab(QStringLiteral("calibration"), true);
    if (!lab.upOrSay())
        return 1;
    const QString target = lab.address(QStringLiteral("h2"), Family::IPv4, QStringLiteral("fwd0"));
    lab.exec("h1", {"ping", "-n", "-c", "2", "-i", "0.2", target}, 5000); // ARP first (sizes differ from ours)
    QTemporaryDir dir;
    std::printf("bench_probe_accuracy: calibration/fwd0 %s; error = tool RTT − forwarder hold time (both directions), "
                "which leaves the veth and stack time common to all tools\n",
                qPrintable(target));
    for (const QString &r : rounds) {
        if (r != QLatin1String("idle") && r != QLatin1String("loaded")) {
            std::printf("unknown round '%s' (idle, loaded)\n", qPrintable(r));
            return 2;
        }
        if (!runRound(lab, target, probes, r == QLatin1String("loaded"), dir.path()))
            return 1;
        std::fflush(stdout);
    }
    std::printf("\nforwarder: %s\n", QJsonDocument(lab.forwarderStats()).toJson(QJsonDocument::Compact).constData());
    return 0;
}
