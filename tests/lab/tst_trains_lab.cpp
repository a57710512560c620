// SPDX-License-Identifier: GPL-3.0-or-later
// `pathlens-agent capacity` against ground truth in the trains scenario (h1 – r1 – r2 – r3 – h2; r1–r2
// 2 ms each way through the forwarder, r2–r3 the tbf bottleneck, changed here with `tc qdisc replace`).
//
// Ground truth for capacity is what the shaper *delivers* at IP level (MEASURED.md: not the configured
// rate), measured in the same run with iperf3 UDP at 1.5 × the rate, 1472-byte datagrams (1500-byte IP
// packets like our trains), the receiver's bitrate × 1500/1472. The iperf3 server runs in h2 on its lab
// address and is stopped by its PID; all traffic stays between lab namespaces.
//
// CPUs. The lab's forwarder (r1–r2) runs SCHED_FIFO 10 and spins 0.3 ms after each frame. Wherever it
// shared a CPU with a process under test, it corrupted the measurement, not the path (2-vCPU VM, idle):
// - a plain agent was preempted mid-train: the train left h1 as ~307 µs gaps with a 2.3–4.3 ms hole
//   (tcpdump on h1) and read 12.5 instead of 19.8 Mbit/s single-ended, 14.6–15.0 dual-ended (since
//   8a446f8 such trains are left out and the estimate is doubtful);
// - a plain reflector was preempted mid-train: its answers left h2 with a 3.4 ms hole, and at forward
//   20 / reverse 15 Mbit/s 4 reverse lines in 5 were (rightly) refused as "at least 13.4";
// - a SCHED_FIFO 20 reflector on the forwarder's CPU delayed the forwarder instead: the trains reached h2
//   with gaps jittered by ±300 µs, and 3 forward estimates in 8 read 22.1 for 19.8.
// So the forwarder is pinned to the last CPU and the agent and reflector run SCHED_FIFO 20 on CPU 0
// (`taskset -c 0 chrt -f 20`): with that, 32 of 32 forward and 32 of 32 reverse estimates at 20/15 were
// figures within 2 % of iperf3's. iperf3 (the ground truth) runs as a plain process.

#include "lab_fixture.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <vector>

using namespace pathlens::lab;

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
const QString kNeck = QStringLiteral("neck");   // the r2–r3 link (trains.json)
constexpr int kFrame = 1514;                     // what tbf counts per 1500-byte IP packet
constexpr int kBurst = 2 * kFrame;               // MEASURED.md: tbf needs a bucket of ≥ 2 frames
constexpr int kDefaultMbit = 20;                 // trains.json
constexpr double kIpPerPayload = 1500.0 / 1472.0; // iperf3 -l 1472: UDP payload → IP packet
constexpr int kIperfPort = 5231;
constexpr int kStampPort = 18640;
constexpr double kCapacityTolerance = 0.05;  // ±5 % of the delivered rate
constexpr int kDualEstimates = 9, kDualFigures = 7; // dual-ended: one line in five may be refused (see there)
constexpr double kUtilisedTolerance = 0.15;  // ±15 % of the cross traffic's delivered rate
constexpr qint64 kMaxBytesPerEstimate = 15000; // ≤ 15 KB per estimate in the continuous mode's configuration

QString list(const std::vector<double> &v)
{
    QStringList s;
    for (double x : v)
        s << QString::number(x, 'f', 2);
    return s.join(QLatin1Char(' '));
}

// The objects under `key` ("capacity" or "diagnosis") of the agent's --json lines.
std::vector<QJsonObject> objects(const QByteArray &out, const char *key)
{
    std::vector<QJsonObject> v;
    for (const QByteArray &line : out.split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.contains(QLatin1String(key)))
            v.push_back(o.value(QLatin1String(key)).toObject());
    }
    return v;
}

qint64 utcMs(const QJsonObject &o)
{
    return QDateTime::fromString(o.value("utc").toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

// A background tool (server, reflector, cross traffic), stopped by its PID when the slot ends, also on a failure.
struct Background {
    std::unique_ptr<QProcess> p;
    Background() = default;
    explicit Background(std::unique_ptr<QProcess> process) : p(std::move(process)) {}
    Background(Background &&) = default;
    Background &operator=(Background &&) = default;
    ~Background() { LabFixture::stopByPid(p.get()); }
    QProcess *operator->() const { return p.get(); }
    explicit operator bool() const { return p && p->state() == QProcess::Running; }
};

} // namespace

class TstTrainsLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void totalCapacityWithinFivePercent_data();
    void totalCapacityWithinFivePercent();
    void largeBurstIsDoubtful();
    void crossTrafficIsUtilised();
    void dscpRewriteIsNamed();
    void lossIsPlacedAtItsHop();
    void dualEndedSeesEachDirection_data();
    void dualEndedSeesEachDirection();
    void cleanupTestCase();

private:
    bool shape(double forwardMbit, double reverseMbit, int burstBytes = kBurst);
    double deliveredMbps(double rateMbit, bool reverse);
    double iperfDeliveredMbps(double rateMbit, bool reverse);
    Background iperfServer();
    ExecResult capacity(const QStringList &args, int timeoutMs);

    std::unique_ptr<LabFixture> m_lab;
    QString m_h2;
    QElapsedTimer m_clock;
};

void TstTrainsLab::initTestCase()
{
    m_clock.start();
    PATHLENS_LAB_REQUIRE();
    QVERIFY2(QFile::exists(kAgent), qPrintable(kAgent));
    m_lab = std::make_unique<LabFixture>(QStringLiteral("trains"));
    QVERIFY2(m_lab->isUp(), qPrintable(m_lab->error()));
    m_h2 = m_lab->address(QStringLiteral("h2"));
    QCOMPARE(m_h2, QStringLiteral("10.90.4.2"));
    // The forwarder on the last CPU, away from the agent and the reflector (CPU 0; see the top of the file).
    QVERIFY(m_lab->pinForwarder());
    // Neighbour discovery out of the way on every link (a cold ARP entry delays a train's first packet).
    QVERIFY(m_lab->exec("h1", {"ping", "-n", "-c", "2", "-i", "0.2", "-W", "2", m_h2}, 5000).ok());
}

// Back to the scenario's shaper and no iptables rules of ours, whatever the slot did or where it failed.
void TstTrainsLab::cleanup()
{
    if (!m_lab || !m_lab->isUp())
        return;
    m_lab->exec("r3", {"iptables", "-t", "mangle", "-D", "PREROUTING", "-i", kNeck, "-j", "DSCP", "--set-dscp", "0"});
    m_lab->exec("r2", {"iptables", "-D", "FORWARD", "-o", kNeck, "-m", "statistic", "--mode", "random", "--probability", "0.1",
                       "-j", "DROP"});
    QVERIFY(shape(kDefaultMbit, kDefaultMbit));
}

void TstTrainsLab::cleanupTestCase()
{
    m_lab.reset();
    qInfo("whole test case: %.1f s", m_clock.elapsed() / 1000.0);
}

// tbf on r2 → r3 (forward, the direction of h1's packets) and r3 → r2 (reverse), as lablib builds it:
// limit = 50 ms of the rate, at least 4 frames.
bool TstTrainsLab::shape(double forwardMbit, double reverseMbit, int burstBytes)
{
    for (const auto &[node, mbit] : {std::pair{QStringLiteral("r2"), forwardMbit}, std::pair{QStringLiteral("r3"), reverseMbit}}) {
        const qint64 rateBit = qint64(mbit * 1e6);
        const qint64 limit = std::max<qint64>(rateBit / 8 * 50 / 1000, 4 * kFrame);
        const ExecResult r = m_lab->exec(node, {"tc", "qdisc", "replace", "dev", kNeck, "root", "tbf", "rate",
                                                QString::number(rateBit) + "bit", "burst", QString::number(burstBytes), "limit",
                                                QString::number(limit)});
        if (!r.ok()) {
            qWarning("tc on %s: %s", qPrintable(node), r.err.constData());
            return false;
        }
    }
    return true;
}

// A one-off iperf3 server on h2's lab address, listening when this returns (iperf3 buffers its "Server
// listening" line when stdout is a pipe, so the socket is asked for instead).
Background TstTrainsLab::iperfServer()
{
    Background server{m_lab->spawn("h2", {"iperf3", "-s", "-1", "-p", QString::number(kIperfPort), "-B", m_h2})};
    for (int i = 0; i < 60 && server; ++i) {
        if (!m_lab->exec("h2", {"ss", "-Hltn", QStringLiteral("sport = :%1").arg(kIperfPort)}).out.trimmed().isEmpty())
            return server;
        QThread::msleep(50);
    }
    LabFixture::stopByPid(server.p.get());
    return {};
}

// What the bottleneck delivers in one direction, Mbit/s at IP level: iperf3 UDP at 1.5 × the rate for
// 3 s after 1 s of filling the queue (-O 1), h1 → h2 (forward) or h2 → h1 (reverse, -R); the receiver's
// bitrate × 1500/1472. NaN on failure. The receiver's socket gets 2 MB (-w): with the default 208 KB its
// buffer overflowed (UdpRcvbufErrors 76–133 in a 3 s run at 50 Mbit/s) and one run's truth read 45.0
// instead of 49.5; with 2 MB, none in six runs at 50 and 100 Mbit/s.
// A stall of the machine can only lower what a saturated shaper delivers, never raise it (a run with
// the CPUs held awake still read 4.50 for a 5 Mbit/s tbf whose nominal IP rate is 4.95, while our 9
// estimates read 4.95 each). So a reading under 97 % of the nominal rate is measured once more and the
// higher of the two is the truth; both are printed.
double TstTrainsLab::deliveredMbps(double rateMbit, bool reverse)
{
    const double nominal = rateMbit * 1500.0 / kFrame;
    double best = std::nan("");
    for (int attempt = 0; attempt < 2; ++attempt) {
        const double once = iperfDeliveredMbps(rateMbit, reverse);
        if (!std::isfinite(once))
            return std::isfinite(best) ? best : once; // a failed second run keeps the first reading
        if (attempt > 0)
            qInfo("%s truth at %.0f Mbit/s re-measured: %.2f, then %.2f (nominal IP rate %.2f)", reverse ? "reverse" : "forward",
                  rateMbit, best, once, nominal);
        best = std::isfinite(best) ? std::max(best, once) : once;
        if (best >= 0.97 * nominal)
            break;
    }
    return best;
}

double TstTrainsLab::iperfDeliveredMbps(double rateMbit, bool reverse)
{
    auto server = iperfServer();
    if (!server)
        return std::nan("");
    QStringList args{"iperf3", "-c", m_h2, "-p", QString::number(kIperfPort), "-u", "-b", QString::number(qint64(rateMbit * 1.5e6)),
                     "-l", "1472", "-w", "2M", "-t", "3", "-O", "1", "--json"};
    if (reverse)
        args << "-R";
    const ExecResult r = m_lab->exec("h1", args, 20000);
    const QJsonObject received = QJsonDocument::fromJson(r.out).object()["end"].toObject()["sum_received"].toObject();
    if (!r.ok() || !received.contains("bits_per_second")) {
        qWarning("iperf3 failed: %s %s", r.out.left(300).constData(), r.err.constData());
        return std::nan("");
    }
    return received["bits_per_second"].toDouble() * kIpPerPayload / 1e6;
}

ExecResult TstTrainsLab::capacity(const QStringList &args, int timeoutMs)
{
    return m_lab->exec("h1", LabFixture::timed(QStringList{kAgent, "capacity"} + args + QStringList{"--json"}), timeoutMs);
}

void TstTrainsLab::totalCapacityWithinFivePercent_data()
{
    QTest::addColumn<int>("mbit");
    for (int mbit : {10, 20, 50, 100})
        QTest::addRow("%d Mbit/s", mbit) << mbit;
}

// The continuous mode's configuration (one 10-packet train, no voice train) against the delivered rate
// of the slower direction (single-ended: the echo replies cross the reverse shaper too).
void TstTrainsLab::totalCapacityWithinFivePercent()
{
    QFETCH(int, mbit);
    QVERIFY(shape(mbit, mbit));
    const double forward = deliveredMbps(mbit, false), reverse = deliveredMbps(mbit, true);
    QVERIFY2(std::isfinite(forward) && std::isfinite(reverse), "iperf3 ground truth");
    const double truth = std::min(forward, reverse);

    const ExecResult run = capacity({m_h2, "--trains", "10", "--codec", "none", "--count", "10", "--interval-s", "1"}, 60000);
    QVERIFY2(run.ok(), run.err.constData());
    const auto estimates = objects(run.out, "capacity");
    QCOMPARE(int(estimates.size()), 10);
    std::vector<double> measured;
    int doubtful = 0;
    for (const QJsonObject &e : estimates) {
        QVERIFY2(e["bytes"].toDouble() <= kMaxBytesPerEstimate, qPrintable(QString::number(e["bytes"].toDouble())));
        if (e["doubtful"].toBool())
            qInfo("doubtful (%d): %s", ++doubtful, qPrintable(e["reason"].toString()));
        else
            measured.push_back(e["measured_mbps"].toDouble());
    }
    const double ours = LabFixture::median(measured), error = (ours - truth) / truth;
    qInfo("tbf %d Mbit/s (nominal IP rate %.2f): delivered %.2f forward, %.2f reverse -> truth %.2f; ours median %.2f "
          "(%+.2f %%) over %zu estimates [%s], %d doubtful, series total %.2f, %.0f bytes per estimate",
          mbit, mbit * 1500.0 / kFrame, forward, reverse, truth, ours, 100 * error, measured.size(), qPrintable(list(measured)),
          doubtful, estimates.back()["total_mbps"].toDouble(), estimates.back()["bytes"].toDouble());
    QVERIFY2(measured.size() >= 8, "at least 8 of the 10 estimates carry a figure");
    QVERIFY2(std::abs(error) <= kCapacityTolerance, "median within ±5 % of the delivered rate");
}

// A 64 KB bucket at 100 Mbit/s lets a whole 10-packet train (15 KB) through unspaced: there is nothing
// to time, and MEASURED.md saw ×10.6 when it was reported anyway. Every estimate must say so.
void TstTrainsLab::largeBurstIsDoubtful()
{
    QVERIFY(shape(100, 100, 64 * 1024));
    const ExecResult run = capacity({m_h2, "--trains", "10", "--codec", "none", "--count", "5", "--interval-s", "1"}, 40000);
    QVERIFY2(run.ok(), run.err.constData());
    const auto estimates = objects(run.out, "capacity");
    QCOMPARE(int(estimates.size()), 5);
    for (const QJsonObject &e : estimates) {
        qInfo("64 KB burst at 100 Mbit/s: doubtful %d, total %s, measured %s, reason: %s", e["doubtful"].toBool(),
              e["total_mbps"].isNull() ? "null" : qPrintable(QString::number(e["total_mbps"].toDouble(), 'f', 2)),
              e["measured_mbps"].isNull() ? "null" : qPrintable(QString::number(e["measured_mbps"].toDouble(), 'f', 2)),
              qPrintable(e["reason"].toString()));
        QVERIFY(e["doubtful"].toBool());
        QVERIFY(e["total_mbps"].isNull());
        QVERIFY(!e["reason"].toString().isEmpty());
    }
}

// 20 Mbit/s; after the 5th estimate, 8 Mbit/s of UDP h1 → h2 through the same shaper as the echo
// requests. utilised = total (the series' peak) − available must show the cross traffic's delivered rate.
void TstTrainsLab::crossTrafficIsUtilised()
{
    constexpr int kEstimates = 16, kCrossAfter = 5, kCrossSeconds = 12;
    constexpr double kCrossMbit = 8;
    auto server = iperfServer();
    QVERIFY(server);
    // --paced 20: from the second estimate on, 20 packets paced behind the train (1.25× the last
    // capacity) keep the bottleneck's queue standing, so the cross traffic shows between them. A
    // tail counts whole cross packets: a 10-packet tail (4.3 ms at 25 Mbit/s) reads the cross traffic
    // in steps of 2.8 Mbit/s, a third of these 8, and its median swung from −8 % to +27 % between
    // runs (a run read [7.8 10.3 12.7 …]); 20 packets halve the step. (The collector's continuous
    // mode keeps 10 within its byte budget: its figure is a trend, not this ±15 % check.)
    Background agent{m_lab->spawn("h1", LabFixture::timed({kAgent, "capacity", m_h2, "--trains", "10", "--codec", "none", "--count",
                                              QString::number(kEstimates), "--interval-s", "1", "--paced", "20", "--json"}))};
    QVERIFY(agent);
    std::vector<QJsonObject> estimates;
    Background cross;
    qint64 crossStartMs = 0;
    const QDeadlineTimer deadline(60000);
    while (int(estimates.size()) < kEstimates && !deadline.hasExpired()) {
        if (!agent->canReadLine() && !agent->waitForReadyRead(2000) && agent->state() == QProcess::NotRunning)
            break;
        while (agent->canReadLine()) {
            const QJsonObject o = QJsonDocument::fromJson(agent->readLine()).object();
            if (!o.contains("capacity"))
                continue;
            estimates.push_back(o["capacity"].toObject());
            if (int(estimates.size()) == kCrossAfter && !cross.p) {
                cross.p = m_lab->spawn("h1", {"iperf3", "-c", m_h2, "-p", QString::number(kIperfPort), "-u", "-b",
                                            QString::number(qint64(kCrossMbit * 1e6)), "-l", "1472", "-w", "2M", "-t",
                                            QString::number(kCrossSeconds), "--json"});
                crossStartMs = QDateTime::currentMSecsSinceEpoch();
            }
        }
    }
    QVERIFY(agent->waitForFinished(10000));
    QVERIFY2(agent->exitCode() == 0, agent->readAllStandardError().constData());
    QVERIFY(cross.p);
    QVERIFY(cross->waitForFinished((kCrossSeconds + 10) * 1000));
    QCOMPARE(int(estimates.size()), kEstimates);
    const QJsonObject received =
        QJsonDocument::fromJson(cross->readAllStandardOutput()).object()["end"].toObject()["sum_received"].toObject();
    QVERIFY2(received.contains("bits_per_second"), "iperf3 cross traffic report");
    const double crossMbps = received["bits_per_second"].toDouble() * kIpPerPayload / 1e6;

    // The estimates taken while the cross traffic ran (its control handshake takes a few ms: 300 ms margin).
    std::vector<double> before, during, available;
    for (const QJsonObject &e : estimates) {
        const qint64 t = utcMs(e);
        if (t < crossStartMs)
            before.push_back(e["utilised_mbps"].toDouble());
        else if (t >= crossStartMs + 300 && t <= crossStartMs + kCrossSeconds * 1000 - 300 && !e["utilised_mbps"].isNull()) {
            during.push_back(e["utilised_mbps"].toDouble());
            available.push_back(e["available_mbps"].toDouble());
        }
    }
    const double utilised = LabFixture::median(during);
    qInfo("cross traffic delivered %.2f Mbit/s (IP level); utilised before [%s], during [%s] -> median %.2f (%+.1f %%); "
          "available during [%s]; total %.2f",
          crossMbps, qPrintable(list(before)), qPrintable(list(during)), utilised, 100 * (utilised - crossMbps) / crossMbps,
          qPrintable(list(available)), estimates.back()["total_mbps"].toDouble());
    // The load was real: the shaper delivered the cross traffic whole.
    QVERIFY(std::abs(crossMbps - kCrossMbit * kIpPerPayload) <= 0.05 * kCrossMbit * kIpPerPayload);
    QVERIFY2(during.size() >= 5, "estimates while the cross traffic ran");
    QVERIFY2(std::abs(utilised - crossMbps) <= kUtilisedTolerance * crossMbps, "median utilised within ±15 % of the cross traffic");
}

// r3 rewrites DSCP to 0 on everything arriving from r2. Hops 1–2 (r1, r2) quote our EF packets in their
// time-exceeded messages as sent; r3 (hop 3) quotes them after its mangle PREROUTING rule.
void TstTrainsLab::dscpRewriteIsNamed()
{
    QVERIFY(m_lab->exec("r3", {"iptables", "-t", "mangle", "-A", "PREROUTING", "-i", kNeck, "-j", "DSCP", "--set-dscp", "0"}).ok());
    const ExecResult run = capacity({m_h2, "--dscp", "EF", "--trains", "5", "--codec", "none", "--diagnose", "loss"}, 90000);
    QVERIFY2(run.ok(), run.err.constData());
    const auto diagnoses = objects(run.out, "diagnosis");
    QCOMPARE(int(diagnoses.size()), 1);
    const QJsonObject d = diagnoses.front();
    const QJsonArray hops = d["hops"].toArray();
    const ExecResult counted = m_lab->exec("r3", {"iptables", "-t", "mangle", "-L", "PREROUTING", "-v", "-x", "-n"});
    QStringList seen;
    for (const QJsonValue &h : hops)
        seen << QStringLiteral("%1:%2").arg(h["ttl"].toInt()).arg(h["dscp"].isNull() ? QStringLiteral("-")
                                                                                     : QString::number(h["dscp"].toInt()));
    qInfo("DSCP note: \"%s\"; sent %d; per hop (ttl:dscp) %s; %d packets, %.0f bytes in %.1f s; r3's rule:\n%s",
          qPrintable(d["dscp_note"].toString()), d["sent_dscp"].toInt(), qPrintable(seen.join(' ')), d["packets"].toInt(),
          d["bytes"].toDouble(), d["duration_s"].toDouble(), counted.out.constData());
    QCOMPARE(d["sent_dscp"].toInt(), 46);
    QCOMPARE(d["dscp_note"].toString(), QStringLiteral("hop 3 rewrites EF → CS0"));
    QVERIFY(hops.size() >= 3);
    for (int ttl : {1, 2}) {
        const QJsonObject h = hops[ttl - 1].toObject();
        QCOMPARE(h["ttl"].toInt(), ttl);
        QVERIFY2(!h["dscp"].isNull() && h["dscp"].toInt() == 46, qPrintable(QStringLiteral("hop %1 saw EF").arg(ttl)));
    }
    QCOMPARE(hops[2].toObject()["dscp"].toInt(), 0);
}

// r2 drops 10 % at random of what it forwards towards r3. Hops 1–2 answer before that rule (their
// time-exceeded messages are generated, not forwarded to r3); r3 (hop 3) and h2 carry the loss.
void TstTrainsLab::lossIsPlacedAtItsHop()
{
    QVERIFY(m_lab->exec("r2", {"iptables", "-A", "FORWARD", "-o", kNeck, "-m", "statistic", "--mode", "random", "--probability", "0.1",
                               "-j", "DROP"})
                .ok());
    const ExecResult run = capacity({m_h2, "--trains", "5", "--codec", "none", "--diagnose", "loss"}, 90000);
    QVERIFY2(run.ok(), run.err.constData());
    const auto diagnoses = objects(run.out, "diagnosis");
    QCOMPARE(int(diagnoses.size()), 1);
    const QJsonObject d = diagnoses.front();
    const QJsonArray hops = d["hops"].toArray();
    const ExecResult counted = m_lab->exec("r2", {"iptables", "-L", "FORWARD", "-v", "-x", "-n"});
    QStringList seen;
    for (const QJsonValue &h : hops)
        seen << QStringLiteral("%1:%2/%3 (%4 %%5)")
                    .arg(h["ttl"].toInt())
                    .arg(h["sent"].toInt() - h["received"].toInt())
                    .arg(h["sent"].toInt())
                    .arg(h["loss_pct"].toDouble(), 0, 'f', 1)
                    .arg(h["rate_limited"].toBool() ? ", rate limited" : "");
    qInfo("verdict \"%s\", culprit ttl %s; lost/sent per hop %s; r2's rule:\n%s", qPrintable(d["verdict"].toString()),
          d["culprit_ttl"].isNull() ? "null" : qPrintable(QString::number(d["culprit_ttl"].toInt())), qPrintable(seen.join(", ")),
          counted.out.constData());
    QVERIFY(hops.size() >= 3);
    for (int ttl : {1, 2}) {
        const QJsonObject h = hops[ttl - 1].toObject();
        QCOMPARE(h["ttl"].toInt(), ttl);
        QVERIFY2(h["received"].toInt() > 0 && h["loss_pct"].toDouble() < 2.0, qPrintable(QStringLiteral("hop %1 below 2 %").arg(ttl)));
    }
    QCOMPARE(d["culprit_ttl"].toInt(-1), 3);
}

void TstTrainsLab::dualEndedSeesEachDirection_data()
{
    QTest::addColumn<int>("forwardMbit");
    QTest::addColumn<int>("reverseMbit");
    QTest::newRow("forward 20, reverse 5") << 20 << 5;
    QTest::newRow("forward 5, reverse 20") << 5 << 20;
    // Reverse slower, but by less than 2×: the answers still leave h2 more than half as spread as they arrive.
    QTest::newRow("forward 20, reverse 15") << 20 << 15;
}

// Dual-ended over STAMP to our reflector in h2. Forward (h1 → h2) is timed by the reflector's receive
// stamps, reverse by ours. Reverse slower than forward: the reverse shaper re-spaces the answers, so both
// directions are measured. Reverse faster: the answers leave h2 at the forward pace and the reverse path
// cannot spread them: that line must be doubtful, with a reason and no total. Truth per direction: iperf3.
void TstTrainsLab::dualEndedSeesEachDirection()
{
    QFETCH(int, forwardMbit);
    QFETCH(int, reverseMbit);
    QVERIFY(shape(forwardMbit, reverseMbit));
    const double forwardTruth = deliveredMbps(forwardMbit, false), reverseTruth = deliveredMbps(reverseMbit, true);
    QVERIFY2(std::isfinite(forwardTruth) && std::isfinite(reverseTruth), "iperf3 ground truth");
    Background reflector{m_lab->spawn("h2", LabFixture::timed({kAgent, "reflect", "--port", QString::number(kStampPort), "--duration", "30"}))};
    QVERIFY(reflector && reflector->waitForReadyRead(5000));
    // Nine one-train estimates, judged by their median. Each is a single 10-packet train, which a stall
    // longer than the shaper's bucket repays (> 0.6 ms at 20 Mbit/s) reads up to 9 % low: CI once read
    // 3 of 5 forward estimates at 18.1–18.5 for 19.8 (the two others 19.9). Nine need five stalls.
    const ExecResult run = capacity({m_h2 + ':' + QString::number(kStampPort), "--dual", "--trains", "10", "--codec", "none", "--count",
                                     QString::number(kDualEstimates), "--interval-s", "1"},
                                    60000);
    QVERIFY2(run.ok(), run.err.constData());
    std::vector<double> forward, reverse;
    std::vector<QJsonObject> reverseLines;
    int forwardLines = 0;
    for (const QJsonObject &e : objects(run.out, "capacity")) {
        QCOMPARE(e["mode"].toString(), QStringLiteral("dual"));
        if (e["direction"].toString() == QLatin1String("forward")) {
            ++forwardLines;
            if (!e["doubtful"].toBool())
                forward.push_back(e["measured_mbps"].toDouble());
        } else {
            QCOMPARE(e["direction"].toString(), QStringLiteral("reverse"));
            reverseLines.push_back(e);
            if (!e["doubtful"].toBool())
                reverse.push_back(e["measured_mbps"].toDouble());
        }
    }
    const double fwd = LabFixture::median(forward), rev = LabFixture::median(reverse);
    QStringList reasons;
    for (const QJsonObject &e : reverseLines)
        if (e["doubtful"].toBool() && !reasons.contains(e["reason"].toString()))
            reasons << e["reason"].toString();
    qInfo("dual, forward %d / reverse %d Mbit/s: delivered %.2f / %.2f; forward median %.2f (%+.2f %%) [%s]; reverse measured "
          "median %.2f (%+.2f %%) [%s], doubtful %d of %zu: %s",
          forwardMbit, reverseMbit, forwardTruth, reverseTruth, fwd, 100 * (fwd - forwardTruth) / forwardTruth, qPrintable(list(forward)),
          rev, 100 * (rev - reverseTruth) / reverseTruth, qPrintable(list(reverse)),
          int(std::count_if(reverseLines.begin(), reverseLines.end(), [](const QJsonObject &e) { return e["doubtful"].toBool(); })),
          reverseLines.size(), qPrintable(reasons.join(QLatin1String(" | "))));
    QCOMPARE(forwardLines, kDualEstimates);
    QCOMPARE(int(reverseLines.size()), kDualEstimates);
    QVERIFY2(int(forward.size()) >= kDualFigures, "forward estimates with a figure");
    QVERIFY2(std::abs(fwd - forwardTruth) <= kCapacityTolerance * forwardTruth, "forward within ±5 % of the delivered rate");
    if (reverseMbit < forwardMbit) { // the slower reverse path re-spaced the answers: measured
        // As for the forward lines, one line in five may be refused: a reflector descheduled mid-train
        // (a capture on h2 showed answers leaving with a 3.4 ms hole) sends its answers no less spread
        // than they arrive, and the line then honestly says "at least …".
        for (const QJsonObject &e : reverseLines)
            if (e["doubtful"].toBool())
                QVERIFY2(e["total_mbps"].isNull() && !e["reason"].toString().isEmpty(), "a refused line says why, without a total");
        QVERIFY2(int(reverse.size()) >= kDualFigures, "reverse estimates with a figure");
        QVERIFY2(std::abs(rev - reverseTruth) <= kCapacityTolerance * reverseTruth, "reverse within ±5 % of the delivered rate");
    } else { // faster: only a lower bound, said as such
        for (const QJsonObject &e : reverseLines) {
            QVERIFY(e["doubtful"].toBool());
            QVERIFY(e["total_mbps"].isNull());
            QVERIFY(!e["reason"].toString().isEmpty());
            // a figure it still carries can only be a lower bound: no more than the reverse path delivers
            QVERIFY(e["measured_mbps"].isNull() || e["measured_mbps"].toDouble() <= reverseTruth * (1 + kCapacityTolerance));
        }
    }
}

QTEST_GUILESS_MAIN(TstTrainsLab)
#include "tst_trains_lab.moc"
