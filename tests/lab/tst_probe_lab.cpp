// SPDX-License-Identifier: GPL-3.0-or-later
// Probe collector against lab ground truth: RTT vs path delay and iputils ping, random loss, a scripted outage, a dead
// target. Runs `pathlens-agent run --collectors probes` inside the lab; PATHLENS_TARGETS names lab addresses only.
#include "lab_capture.h"
#include "lab_fixture.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace pathlens;
using namespace pathlens::lab;

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
// On h2: a TCP listener on 443 and a DNS echo "resolver" on 53, both dual-stack.
const QStringList kServers{QStringLiteral("python3"), QStringLiteral(PATHLENS_LAB_DIR "/lab_probe_servers.py"),
                           QStringLiteral("--tcp-port"), QStringLiteral("443"), QStringLiteral("--dns-port"),
                           QStringLiteral("53")};

// pathlens-agent run with probes only; PATHLENS_TARGETS names the lab targets (it wins over everything).
QStringList agentArgs(const QStringList &targets, double seconds, const QString &capture, double rateScale = 1.0,
                      const QString &probes = QStringLiteral("icmp"))
{
    QStringList argv{QStringLiteral("env"),
                     QStringLiteral("PATHLENS_TARGETS=") + targets.join(','),
                     kAgent,
                     QStringLiteral("run"),
                     QStringLiteral("--collectors"),
                     QStringLiteral("probes"),
                     QStringLiteral("--probes"),
                     probes,
                     QStringLiteral("--duration"),
                     QString::number(seconds),
                     QStringLiteral("--capture"),
                     capture,
                     QStringLiteral("--rate-scale"),
                     QString::number(rateScale),
                     QStringLiteral("--log-level"),
                     QStringLiteral("warn")};
    for (const QString &t : targets)
        argv << QStringLiteral("--target") << t;
    return argv;
}

std::vector<core::ProbeSample> only(const std::vector<core::ProbeSample> &all, const QString &probe)
{
    std::vector<core::ProbeSample> out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const auto &s) { return s.probe == probe; });
    return out;
}

double median(std::vector<double> v)
{
    return v.empty() ? -1 : core::percentile(std::move(v), 50);
}
} // namespace

class TestProbeLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void rttMatchesDelayAndPing();
    void lossInBinomialIntervalAndDeadTarget();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
};

void TestProbeLab::initTestCase()
{
    PATHLENS_LAB_REQUIRE();
    QVERIFY2(QFile::exists(kAgent), qPrintable(kAgent));
    QVERIFY(m_dir.isValid());
}

void TestProbeLab::rttMatchesDelayAndPing()
{
    LabFixture lab(QStringLiteral("two-hosts"));
    QVERIFY2(lab.isUp(), qPrintable(lab.error()));
    const QString v4 = lab.address("h2"), v6 = lab.address("h2", Family::IPv6);
    // Unprivileged ICMP sockets in h1's namespace (this sysctl is per namespace): the dgram path.
    QVERIFY(lab.exec("h1", {"sysctl", "-q", "-w", "net.ipv4.ping_group_range=0 2147483647"}).ok());
    lab.exec("h1", {"ping", "-n", "-c", "2", "-i", "0.2", v4}, 5000); // neighbour discovery out of the way
    lab.exec("h1", {"ping", "-n", "-c", "2", "-i", "0.2", v6}, 5000);
    auto servers = lab.spawn("h2", kServers);
    QVERIFY(servers->waitForStarted());
    QTest::qWait(500);

    // 14 s of probes; 3 s in, h2 drops exactly 10 echo requests (quota: 10 × 76-byte packets =
    // 20 IP + 8 ICMP + 48 payload); iputils ping runs side by side at the same rate for 8 s after it.
    const QString cap = m_dir.filePath("two-hosts.sqlite");
    auto agent = lab.spawn("h1", agentArgs({v4, v6}, 14, cap, 1.0, QStringLiteral("icmp,udp,tcp")));
    QVERIFY(agent->waitForStarted());
    QTest::qWait(3000);
    QVERIFY(lab.exec("h2", {"iptables", "-I", "INPUT", "-p", "icmp", "--icmp-type", "echo-request", "-m", "quota",
                            "--quota", "760", "-j", "DROP"})
                .ok());
    QTest::qWait(3000);
    const auto ping = lab.exec("h1", {"ping", "-n", "-c", "40", "-i", "0.2", v4}, 20000);
    QVERIFY(agent->waitForFinished(20000));
    QVERIFY2(ping.ok(), ping.err.constData());

    const Capture c = readCapture(cap);
    std::vector<double> pingRtts;
    static const QRegularExpression timeRe(QStringLiteral("time=([0-9.]+) ms"));
    for (auto it = timeRe.globalMatch(QString::fromUtf8(ping.out)); it.hasNext();)
        pingRtts.push_back(it.next().captured(1).toDouble());
    const double pingP50 = median(pingRtts);
    const core::ProbeStats s4 = stats(only(c.byTarget.at(v4), "icmp")), s6 = stats(only(c.byTarget.at(v6), "icmp"));
    const double truth = 20.0; // two-hosts.json: 10 ms each way
    qInfo("ICMP v4: %d sent, p50 %.3f ms (error %+.3f), ping p50 %.3f ms (error %+.3f) over %zu; v6 p50 %.3f ms",
          int(s4.sent), s4.p50Ms, s4.p50Ms - truth, pingP50, pingP50 - truth, pingRtts.size(), s6.p50Ms);
    QVERIFY(c.byTarget.at(v4).front().notes.contains("mode=dgram"));
    QVERIFY(s4.sent >= 60); // 14 s at 5/s = 70 (sequence span of the answered ones; slack for a busy VM)
    QVERIFY2(std::abs(s4.p50Ms - truth) <= 0.5, "ICMP p50 within ±0.5 ms of the path RTT");
    QVERIFY2(std::abs(s6.p50Ms - truth) <= 0.5, "ICMPv6 p50 within ±0.5 ms of the path RTT");
    QVERIFY(pingRtts.size() >= 35);
    QVERIFY2(std::abs(s4.p50Ms - truth) <= std::abs(pingP50 - truth) + 0.05,
             "no worse than iputils ping (50 µs slack)");
    // UDP DNS (5/s) and TCP connect (every 2 s) over the same 20 ms path, v4 and v6.
    for (const QString &t : {v4, v6}) {
        for (const char *probe : {"udp_dns", "tcp_connect"}) {
            const core::ProbeStats ps = stats(only(c.byTarget.at(t), probe));
            qInfo("%s %s: %d answered of %lld, p50 %.3f ms", probe, qPrintable(t), ps.received(), ps.sent, ps.p50Ms);
            QVERIFY(ps.received() >= (QLatin1String(probe) == "udp_dns" ? 55 : 5));
            QCOMPARE(ps.lost, 0);
            // TCP: the kernel's own SYN→SYN-ACK sample, ±0.5 ms. DNS: the answer comes from a Python
            // process, whose wake-up on this VM (~0.7 ms, MEASURED.md) is part of the true answer time.
            const double above = QLatin1String(probe) == "udp_dns" ? 1.5 : 0.5;
            QVERIFY2(ps.p50Ms >= truth - 0.5 && ps.p50Ms <= truth + above, probe);
        }
    }
    // The outage: exactly ten lost, one burst of ten, only on the IPv4 target.
    QCOMPARE(s4.lost, 10);
    QCOMPARE(s6.lost, 0);
    QCOMPARE(int(c.bursts.size()), 1);
    QCOMPARE(c.bursts[0].get("length").toInt(), 10);
    QCOMPARE(c.bursts[0].get("target").toString(), v4);
    QVERIFY(std::abs(c.bursts[0].get("duration_ms").toDouble() - 2000) < 50); // 10 × 200 ms
}

void TestProbeLab::lossInBinomialIntervalAndDeadTarget()
{
    LabFixture lab(QStringLiteral("lossy"));
    QVERIFY2(lab.isUp(), qPrintable(lab.error()));
    const QString lossy = lab.address("h2"), live = lab.address("h5"), dead = lab.address("h3");
    // Raw ICMP sockets here (root, datagram sockets refused by this namespace's sysctl): the raw path.
    QVERIFY(lab.exec("h1", {"sysctl", "-q", "-w", "net.ipv4.ping_group_range=1 0"}).ok());
    // h3 answers nothing at all (its Gilbert loss is irrelevant then).
    QVERIFY(lab.exec("h3", {"iptables", "-I", "INPUT", "-p", "icmp", "-j", "DROP"}).ok());
    for (const QString &t : {lossy, live})
        lab.exec("h1", {"ping", "-n", "-c", "1", "-W", "1", t}, 5000); // neighbour discovery

    // Dead vs live at the base rate, side by side with the loss run (raw sockets: default sysctl).
    const QString capDead = m_dir.filePath("dead.sqlite"), capLoss = m_dir.filePath("lossy.sqlite");
    auto deadRun = lab.spawn("h1", agentArgs({live, dead}, 20, capDead));
    QVERIFY(deadRun->waitForStarted());
    // 2 % random loss (lossy.json, r1→h2): ≥3000 probes at 25× (125/s) in 28 s.
    const auto lossRun = lab.exec("h1", agentArgs({lossy}, 28, capLoss, 25.0), 60000);
    QVERIFY2(lossRun.ok(), lossRun.err.constData());
    QVERIFY(deadRun->waitForFinished(30000));

    const Capture l = readCapture(capLoss);
    const core::ProbeStats s = stats(l.byTarget.at(lossy));
    const double p = 0.02, n = double(s.sent);
    const double half = 2.576 * std::sqrt(p * (1 - p) / n); // 99 % normal approximation of the binomial
    qInfo("loss: %lld of %lld = %.3f %% (99 %% interval %.3f–%.3f %%), mode %s", s.lost, s.sent, s.lossPct,
          100 * (p - half), 100 * (p + half), qPrintable(l.byTarget.at(lossy).front().notes));
    QVERIFY(s.sent >= 3000);
    QVERIFY(l.byTarget.at(lossy).front().notes.contains("mode=raw"));
    QVERIFY2(std::abs(s.lossPct / 100 - p) <= half, "loss inside the 99 % binomial interval");

    const Capture d = readCapture(capDead);
    const core::ProbeStats sl = stats(d.byTarget.at(live));
    const auto &deadSamples = d.byTarget.at(dead);
    qInfo("dead target: %zu probes in 20 s (live: %lld, lost %lld)", deadSamples.size(), sl.sent, sl.lost);
    QVERIFY2(sl.sent >= 88, "the live target keeps 5/s"); // 20 s × 5/s minus the last 2 s in flight
    QCOMPARE(sl.lost, 0);
    QVERIFY(std::none_of(deadSamples.begin(), deadSamples.end(), [](const auto &x) { return x.rttMs.has_value(); }));
    QVERIFY2(deadSamples.size() < 45, "the dead target backs off"); // 5/s would be ~90
    QVERIFY(!d.events.filter("backing off").isEmpty());
}

void TestProbeLab::cleanupTestCase() {}

QTEST_MAIN(TestProbeLab)
#include "tst_probe_lab.moc"
