// SPDX-License-Identifier: GPL-3.0-or-later
// Soak: `pathlens-agent run` for --minutes (default 30) in two-hosts with the link, TCP, probe, trace and capacity
// collectors, the probes at --rate-scale (default 10: 30 minutes carry about five hours of probes), while h1's link
// goes down for --flap-down seconds every --flap-every seconds. Measured from outside every 10 s: RSS, open file
// descriptors, threads, CPU. Afterwards, from the capture: how long each probe series took to answer again after
// every flap. Prints the RSS slope (MB/h after warm-up), the fd and thread counts at start and end, and the
// recovery per flap. Exits 1 if the agent crashed or a series never answered again after a flap (a stalled
// collector); figures are printed, never asserted (DESIGN "Tests"). Needs root; label bench.
#include "bench_lab_targets.h"
#include "lab_capture.h"
#include "lab_fixture.h"
#include "proc_sample.h"

#include "core/base/time_utc.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <map>
#include <cstdio>
#include <vector>

using namespace pathlens::lab;

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
constexpr int kWarmupS = 60;     // start-up allocations (caches, first trace, SQLite pages) are not growth
constexpr int kSampleEveryS = 10;
constexpr int kRecoveryLimitS = 30; // a series silent this long after the link is back has stalled
constexpr double kRssSlopeMaxMbPerH = 2.0;

struct Point {
    double tS = 0;
    ProcSample proc;
};

// Least-squares slope of RSS (MB) against time (h) over the points from `fromS` on.
double rssSlopeMbPerHour(const std::vector<Point> &points, double fromS)
{
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (const Point &p : points) {
        if (p.tS < fromS)
            continue;
        const double x = p.tS / 3600.0, y = p.proc.rssMb;
        n += 1;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    const double den = n * sxx - sx * sx;
    return n >= 3 && den > 0 ? (n * sxy - sx * sy) / den : 0.0;
}

const char *verdict(bool met)
{
    return met ? "met" : "MISSED";
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int minutes = 30, flapEveryS = 60, flapDownS = 5;
    double rateScale = 10;
    QString keepCapture; // where to copy the capture for a closer look (the run's own is temporary)
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const bool hasValue = i + 1 < args.size();
        if (args[i] == QLatin1String("--minutes") && hasValue)
            minutes = args[++i].toInt();
        else if (args[i] == QLatin1String("--flap-every") && hasValue)
            flapEveryS = args[++i].toInt();
        else if (args[i] == QLatin1String("--flap-down") && hasValue)
            flapDownS = args[++i].toInt();
        else if (args[i] == QLatin1String("--rate-scale") && hasValue)
            rateScale = args[++i].toDouble();
        else if (args[i] == QLatin1String("--keep-capture") && hasValue)
            keepCapture = args[++i];
        else {
            std::printf("usage: bench_soak [--minutes N (30)] [--flap-every S (60)] [--flap-down S (5)] "
                        "[--rate-scale X (10)] [--keep-capture FILE]\n");
            return 2;
        }
    }
    if (minutes < 3 || flapEveryS < flapDownS + kRecoveryLimitS || flapDownS < 1 || rateScale <= 0) {
        std::printf("need --minutes ≥ 3, --flap-down ≥ 1 and --flap-every ≥ flap-down + %d s\n", kRecoveryLimitS);
        return 2;
    }
    if (const auto code = agentBenchUnavailable(kAgent))
        return *code;
    QTemporaryDir dir;
    LabFixture lab(QStringLiteral("two-hosts"));
    if (!lab.upOrSay())
        return 1;
    const auto targets = setUpBenchTargets(lab, dir.filePath(QStringLiteral("targets.json")));
    if (!targets)
        return 1;

    const int windowS = minutes * 60;
    const QString cap = dir.filePath(QStringLiteral("soak.plcap"));
    auto agent = lab.spawn(QStringLiteral("h1"),
                           {"env", "-u", "PATHLENS_TARGETS", "-u", "CI", kAgent, "run", "--collectors",
                            "link,tcp,probes,trace,capacity", "--probes", "icmp,udp,tcp,http,dns", "--config",
                            targets->config, "--rate-scale", QString::number(rateScale), "--capacity-target",
                            targets->internet1, "--capacity-interval", "20", "--duration",
                            QString::number(windowS + 20), "--capture", cap, "--log-level", "warn"});
    const qint64 pid = startedAgentPid(*agent);
    if (!pid)
        return 1;
    std::printf("bench_soak: two-hosts, %d min, probes at rate scale %.1f, h1's link down %d s every %d s\n", minutes,
                rateScale, flapDownS, flapEveryS);
    std::fflush(stdout);

    std::vector<Point> points;
    std::vector<qint64> linkBackUs; // when the link came back after each flap (UTC µs)
    QElapsedTimer wall;
    wall.start();
    qint64 nextSampleMs = 0, nextFlapMs = qint64(flapEveryS) * 1000;
    while (wall.elapsed() < qint64(windowS) * 1000 && agent->state() != QProcess::NotRunning) {
        if (wall.elapsed() >= nextSampleMs) {
            const ProcSample s = readProc(pid);
            if (!s.alive)
                break;
            points.push_back({wall.elapsed() / 1000.0, s});
            if (points.size() % (60 / kSampleEveryS) == 1)
                std::printf("  %4.0f s: rss %6.1f MB, %3d fds, %2d threads, cpu %.2f s\n", points.back().tS, s.rssMb,
                            s.openFds, s.threads, s.cpuS);
            std::fflush(stdout);
            nextSampleMs += kSampleEveryS * 1000;
        }
        if (wall.elapsed() >= nextFlapMs && wall.elapsed() + (flapDownS + kRecoveryLimitS) * 1000LL < windowS * 1000LL) {
            lab.exec(QStringLiteral("h1"), {"ip", "link", "set", "l1", "down"});
            QThread::sleep(flapDownS);
            lab.exec(QStringLiteral("h1"), {"ip", "link", "set", "l1", "up"});
            linkBackUs.push_back(pathlens::core::nowUtcUs());
            nextFlapMs += qint64(flapEveryS) * 1000;
        }
        agent->waitForFinished(200);
    }
    const bool diedEarly = agent->state() == QProcess::NotRunning;
    agent->waitForFinished(60000);
    const bool crashed = diedEarly || agent->exitStatus() != QProcess::NormalExit || agent->exitCode() != 0;
    targets->servers->kill();
    targets->servers->waitForFinished(3000);
    if (crashed || points.size() < 3) {
        std::printf("agent crashed or failed: exit status %d code %d%s\n%s\n", int(agent->exitStatus()),
                    agent->exitCode(), diedEarly ? " (before the window ended)" : "",
                    agent->readAllStandardError().constData());
        return 1;
    }

    // The process over the soak.
    auto firstIt = std::find_if(points.begin(), points.end(), [](const Point &p) { return p.tS >= kWarmupS; });
    if (firstIt == points.end())
        firstIt = points.begin();
    const Point *first = &*firstIt;
    const Point &last = points.back();
    // Short-lived probe connections come and go: compare the least of three readings at each end.
    const std::ptrdiff_t edge = std::min<std::ptrdiff_t>(3, points.end() - firstIt);
    auto leastFds = [](auto from, auto to) {
        return std::min_element(from, to, [](const Point &a, const Point &b) { return a.proc.openFds < b.proc.openFds; })
            ->proc.openFds;
    };
    const int fdsStart = leastFds(firstIt, firstIt + edge);
    const int fdsEnd = leastFds(points.end() - edge, points.end());
    int maxFds = 0, maxThreads = 0;
    double maxRss = 0;
    for (const Point &p : points) {
        maxFds = std::max(maxFds, p.proc.openFds);
        maxThreads = std::max(maxThreads, p.proc.threads);
        maxRss = std::max(maxRss, p.proc.rssMb);
    }
    // Caches fill for a while (SQLite's page cache, malloc arenas): the verdict is on the second half.
    const double slope = rssSlopeMbPerHour(points, kWarmupS);
    const double halfFromS = (first->tS + last.tS) / 2;
    const double steadySlope = rssSlopeMbPerHour(points, halfFromS);
    std::printf("\nprocess (from %.0f s to %.0f s):\n", first->tS, last.tS);
    std::printf("  RSS          %.1f → %.1f MB (max %.1f), slope %+.2f MB/h; from %.0f s on %+.2f MB/h   target ≤ %.1f "
                "MB/h  %s\n",
                first->proc.rssMb, last.proc.rssMb, maxRss, slope, halfFromS, steadySlope, kRssSlopeMaxMbPerH,
                verdict(steadySlope <= kRssSlopeMaxMbPerH));
    std::printf("  open fds     %d → %d (least of 3 readings at each end; max %d)   target: no growth  %s\n", fdsStart,
                fdsEnd, maxFds, verdict(fdsEnd <= fdsStart));
    std::printf("  threads      %d → %d (max %d)\n", first->proc.threads, last.proc.threads, maxThreads);
    std::printf("  CPU          %.1f %% of one core\n",
                100.0 * (last.proc.cpuS - first->proc.cpuS) / std::max(1.0, last.tS - first->tS));

    if (!keepCapture.isEmpty()) {
        QFile::remove(keepCapture); // QFile::copy does not overwrite
        if (!QFile::copy(cap, keepCapture))
            std::printf("could not copy the capture to %s\n", qPrintable(keepCapture));
    }
    // Recovery after each flap, per probe series: the first answered sample sent after the link came back.
    const Capture capture = readCapture(cap);
    if (!capture.opened) {
        std::printf("capture %s could not be read\n", qPrintable(cap));
        return 1;
    }
    std::printf("\nrecovery after %zu flaps (first answered probe sent after the link came back):\n", linkBackUs.size());
    // One series per probe kind and target (ICMP, UDP DNS and TCP to one address are separate loops).
    std::map<QString, std::vector<pathlens::core::ProbeSample>> series;
    for (const auto &[target, samples] : capture.byTarget)
        for (const auto &s : samples)
            series[s.probe + QLatin1Char(' ') + target].push_back(s);
    int stalled = 0;
    for (auto &[name, samples] : series) {
        std::sort(samples.begin(), samples.end(), [](const auto &a, const auto &b) { return a.utcUs < b.utcUs; });
        std::vector<double> recoveries; // seconds, for the flaps after which the series answered
        for (const qint64 up : linkBackUs) {
            const auto from = std::lower_bound(samples.begin(), samples.end(), up,
                                               [](const auto &s, qint64 t) { return s.utcUs < t; });
            const auto answer = std::find_if(from, samples.end(), [](const auto &s) { return s.rttMs.has_value(); });
            if (answer != samples.end() && answer->utcUs - up <= qint64(kRecoveryLimitS) * 1000000)
                recoveries.push_back((answer->utcUs - up) / 1e6);
        }
        stalled += int(linkBackUs.size() - recoveries.size());
        std::sort(recoveries.begin(), recoveries.end());
        std::printf("  %-34s %6zu samples, answered again after %zu of %zu flaps; median %.2f s, max %.2f s\n",
                    qPrintable(name), samples.size(), recoveries.size(), linkBackUs.size(),
                    recoveries.empty() ? -1.0 : recoveries[recoveries.size() / 2], recoveries.empty() ? -1.0 : recoveries.back());
    }
    std::printf("  traces in the capture: %d; loss bursts: %zu; events: %lld\n", capture.traces, capture.bursts.size(),
                static_cast<long long>(capture.events.size()));
    if (stalled) {
        std::printf("STALLED: %d series × flap pairs never answered within %d s of the link coming back\n", stalled,
                    kRecoveryLimitS);
        return 1;
    }
    return 0;
}
