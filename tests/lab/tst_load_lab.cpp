// SPDX-License-Identifier: GPL-3.0-or-later
// Throughput tests and loaded latency against ground truth in the load scenario (h1 – r1 – r2 – r3 – h2; r1 is h1's
// gateway, r1–r2 10 ms each way, r2–r3 the shaped neck; `pathlens-agent serve` on h2, the client on h1).
//
// - Throughput: `speed` (4 streams, the default 4 s test after calibration) at 20 and 100 Mbit/s, each direction,
//   against what tbf delivers — its byte counter over wall time while iperf3 (4 streams) saturates it, times the TCP
//   payload share of a frame — with iperf3's own figure side by side. ±5 %.
// - Bufferbloat: a standing queue (tbf R + bfifo B) beyond the gateway (the neck) and before it (r1's access link:
//   its egress for download, an IFB on its ingress for upload). `run` pings the gateway and h2 by ICMP at 5/s while a
//   quick-schedule round loads the link; iputils ping runs next to it to both. The agent's bufferbloat (loaded p50 −
//   idle p50 per leg, from report --json) must be within ±15 % of what ping measures in the same windows, and the
//   gateway's near 0 when the queue is beyond it. The senders use reno: BBR (this VM's default) keeps queues short.
// - 429 mode: `serve --reject-first 1` → the refusal is recorded (rate_limited), the client waits ≥ 30 s and
//   retries the first calibration step at half its size.
// - Budget: `speed --budget-mb N` → tests skipped (data_budget); the server's byte counters for the client never
//   exceed N.

#include "lab_fixture.h"
#include "load_lab.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace pathlens::lab;

namespace {
constexpr int kPort = 8080;           // the server every slot shares
constexpr int kRejectPort = 8081;     // the test-mode server of the 429 slot
constexpr int kScenarioMbit = 20;     // load.json's neck
constexpr double kThroughputTolerance = 0.05; // ±5 % of the delivered goodput (issue 14)
constexpr double kBloatTolerance = 0.15;      // ±15 % of ping's queueing delay (issue 14)
// Gateway bufferbloat "near 0" with the queue beyond it: the access link runs through the forwarder, which serialises
// the gateway's pings with the data frames (µs each), and a loaded 2-vCPU VM wakes late; 1.5 ms is 3 % of the queue.
constexpr double kCleanGatewayMs = 1.5;
// The standing queue: 20 Mbit/s with a 125 kB bfifo, B/R = 50 ms. The queue must stand: ping's delay under load at
// least 60 % of B/R (reno's sawtooth settles ~15 % below it on this VM), never above it (+ 1 ms of wake-ups).
constexpr double kBloatMbit = 20;
constexpr qint64 kBloatQueueBytes = 125000;
constexpr double kQueueMs = kBloatQueueBytes * 8.0 / (kBloatMbit * 1e6) * 1000;
// The classes of ping, as documented (docs/methodology.md "Under load"): the guard bands around a window.
constexpr qint64 kGuardBeforeMs = 500, kGuardAfterMs = 2000;
// Idle pings after the round: past the 2 s guard band, 5 s more at 5/s gives ~25 per target.
constexpr int kIdleTailMs = 7000;
constexpr int kRoundTimeoutMs = 90000;
constexpr qint64 kFirstStepBytes = 5000000; // core/load/throughput_calibration.h: the first calibration step
constexpr double kBackoffS = 30;            // SPEC §2: the first backoff

qint64 utcMs(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs).toMSecsSinceEpoch();
}

// A background tool stopped by its PID when the slot ends, also on a failure.
struct Background {
    std::unique_ptr<QProcess> p;
    ~Background() { LabFixture::stopByPid(p.get()); }
    QProcess *operator->() const { return p.get(); }
    explicit operator bool() const { return p && p->state() == QProcess::Running; }
};

struct Window {
    qint64 startMs = 0, endMs = 0;
    bool download = true;
};

// iputils ping -D lines: [epoch.us] … time=X ms. The sample is placed at its send time (reply time − RTT), as the
// agent places its own.
struct PingSample {
    qint64 sentMs = 0;
    double rttMs = 0;
};
std::vector<PingSample> parsePing(const QByteArray &out)
{
    static const QRegularExpression line(QStringLiteral(R"(^\[(\d+\.\d+)\].* time=([\d.]+) ms)"));
    std::vector<PingSample> v;
    for (const QByteArray &l : out.split('\n')) {
        const auto m = line.match(QString::fromUtf8(l));
        if (m.hasMatch())
            v.push_back({qint64(m.captured(1).toDouble() * 1000 - m.captured(2).toDouble()), m.captured(2).toDouble()});
    }
    return v;
}

// Ping's own queueing delay per direction: p50 inside the windows of that direction − p50 outside every window and
// its guard band.
struct PingBloat {
    double idleMs = std::nan(""), downloadMs = std::nan(""), uploadMs = std::nan("");
    int idle = 0, download = 0, upload = 0;
    double downloadDelta() const { return downloadMs - idleMs; }
    double uploadDelta() const { return uploadMs - idleMs; }
};
PingBloat classify(const std::vector<PingSample> &pings, const std::vector<Window> &windows)
{
    std::vector<double> idle, down, up;
    for (const PingSample &p : pings) {
        const Window *in = nullptr;
        bool guarded = false;
        for (const Window &w : windows) {
            if (p.sentMs >= w.startMs && p.sentMs <= w.endMs)
                in = &w;
            else if (p.sentMs >= w.startMs - kGuardBeforeMs && p.sentMs <= w.endMs + kGuardAfterMs)
                guarded = true;
        }
        if (in)
            (in->download ? down : up).push_back(p.rttMs);
        else if (!guarded)
            idle.push_back(p.rttMs);
    }
    PingBloat b;
    b.idle = int(idle.size()), b.download = int(down.size()), b.upload = int(up.size());
    b.idleMs = LabFixture::median(idle);
    b.downloadMs = LabFixture::median(down);
    b.uploadMs = LabFixture::median(up);
    return b;
}

// What one loaded round gave: the report's bufferbloat and throughput, and ping's view of the same windows.
struct LoadedRound {
    QJsonObject bufferbloat;
    std::vector<Window> windows;
    PingBloat gateway, internet;
    QString error;
};

double num(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).isDouble() ? o.value(QLatin1String(key)).toDouble() : std::nan("");
}

bool within(double value, double truth, double tolerance)
{
    return std::isfinite(value) && std::isfinite(truth) && std::abs(value - truth) <= tolerance * std::abs(truth);
}
} // namespace

class TstLoadLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void throughputMatchesDeliveredRate_data();
    void throughputMatchesDeliveredRate();
    void queueBeyondGatewayBloatsInternetOnly();
    void queueBeforeGatewayBloatsBoth();
    void refusalBacksOffAndHalves();
    void budgetIsNeverExceeded_data();
    void budgetIsNeverExceeded();
    void cleanupTestCase();

private:
    LoadedRound loadedRound(const QString &name);

    std::unique_ptr<LabFixture> m_lab;
    std::unique_ptr<LoadLab> m_load;
    std::unique_ptr<QProcess> m_server;
    QTemporaryDir m_dir;
    QString m_congestionControl;
    QElapsedTimer m_clock;
};

void TstLoadLab::initTestCase()
{
    m_clock.start();
    PATHLENS_LAB_REQUIRE();
    QVERIFY2(QFile::exists(LoadLab::agent()), qPrintable(LoadLab::agent()));
    QVERIFY(m_dir.isValid());
    m_lab = std::make_unique<LabFixture>(QStringLiteral("load"));
    QVERIFY2(m_lab->isUp(), qPrintable(m_lab->error()));
    m_load = std::make_unique<LoadLab>(*m_lab);
    QCOMPARE(m_load->server(), QStringLiteral("10.91.4.2"));
    // The forwarder (access link and wan) on the last CPU, so it never preempts the transfers' ends mid-stream.
    QVERIFY(m_lab->pinForwarder());
    m_congestionControl = m_load->congestionControl(); // the bufferbloat slots switch to reno, cleanup() back
    QVERIFY(!m_congestionControl.isEmpty());
    QVERIFY(m_lab->exec("h1", {"ping", "-n", "-c", "2", "-i", "0.2", "-W", "2", m_load->server()}, 5000).ok());
    m_server = m_load->startServer(kPort);
    QVERIFY2(m_server, "pathlens-agent serve on h2");
}

// Back to the scenario's neck, no queue before the gateway and the machine's congestion control, whatever the slot
// did or where it failed.
void TstLoadLab::cleanup()
{
    if (!m_lab || !m_lab->isUp())
        return;
    m_load->unshape(LoadLab::accessDown());
    m_load->removeAccessIngress();
    if (!m_congestionControl.isEmpty())
        m_load->setCongestionControl(m_congestionControl);
    QVERIFY(m_load->shapeNeck(kScenarioMbit));
}

void TstLoadLab::cleanupTestCase()
{
    LabFixture::stopByPid(m_server.get());
    m_load.reset();
    m_lab.reset();
    qInfo("whole test case: %.1f s", m_clock.elapsed() / 1000.0);
}

void TstLoadLab::throughputMatchesDeliveredRate_data()
{
    QTest::addColumn<int>("mbit");
    for (int mbit : {20, 100})
        QTest::addRow("%d Mbit/s", mbit) << mbit;
}

void TstLoadLab::throughputMatchesDeliveredRate()
{
    QFETCH(int, mbit);
    QVERIFY(m_load->shapeNeck(mbit));
    const SpeedRun ours = m_load->speed(kPort, {}, 120000);
    QVERIFY2(ours.error.isEmpty(), qPrintable(ours.error));
    const DeliveredRate down = m_load->delivered(LoadLab::neckDown(), true, 4, 5);
    const DeliveredRate up = m_load->delivered(LoadLab::neckUp(), false, 4, 5);
    QVERIFY2(down.ok() && up.ok(), qPrintable(down.error + up.error));
    for (const auto &[direction, truth] : {std::pair{QStringLiteral("download"), down}, std::pair{QStringLiteral("upload"), up}}) {
        const std::optional<double> mbps = ours.mbps(direction);
        const auto steps = ours.of(direction, true);
        QStringList calibration;
        for (const QJsonObject &s : steps)
            calibration << QStringLiteral("%1 MB→%2").arg(s.value("bytes").toDouble() / 1e6, 0, 'f', 1).arg(num(s, "mbps"), 0, 'f', 1);
        qInfo("tbf %d Mbit/s %s: delivered %.2f Mbit/s of frames → %.2f goodput; ours %.2f (%+.2f %%), iperf3 %.2f (%+.2f %%), "
              "ours/iperf3 %.3f; calibration [%s]",
              mbit, qPrintable(direction), truth.frameMbps, truth.goodputMbps, mbps.value_or(NAN),
              100 * (mbps.value_or(NAN) / truth.goodputMbps - 1), truth.iperfMbps, 100 * (truth.iperfMbps / truth.goodputMbps - 1),
              mbps.value_or(NAN) / truth.iperfMbps, qPrintable(calibration.join(", ")));
        QVERIFY2(mbps, qPrintable(direction + ": no test figure; " + QString::fromUtf8(ours.err.right(500))));
        QVERIFY2(within(truth.iperfMbps, truth.goodputMbps, kThroughputTolerance), "iperf3 (ground-truth check) within ±5 %");
        QVERIFY2(within(*mbps, truth.goodputMbps, kThroughputTolerance), qPrintable(direction + " within ±5 % of the delivered rate"));
    }
}

// One quick-schedule round (calibration and a test each way) with the agent pinging the gateway and h2, iputils ping
// next to it; the agent stopped once the upload test is in and the idle tail has been pinged.
LoadedRound TstLoadLab::loadedRound(const QString &name)
{
    LoadedRound round;
    const QString capture = m_dir.filePath(name + QStringLiteral(".plcap"));
    Background pingGateway{m_lab->spawn("h1", {"ping", "-D", "-n", "-i", "0.2", "-w", "120", m_load->gateway()})};
    Background pingInternet{m_lab->spawn("h1", {"ping", "-D", "-n", "-i", "0.2", "-w", "120", m_load->server()})};
    // The gateway ping needs --gateway: PATHLENS_TARGETS (and CI, which maps to loopback) would switch it off.
    // Every target is named here and is a lab address; h1 reaches nothing else.
    Background agent{m_lab->spawn("h1", {"env", "-u", "PATHLENS_TARGETS", "-u", "CI", LoadLab::agent(), "run", "--collectors",
                                         "probes,speed", "--probes", "icmp", "--target", m_load->server(), "--gateway",
                                         m_load->gateway(), "--speed-server", m_load->serverUrl(kPort), "--speed-schedule", "quick",
                                         "--json-events", "--capture", capture, "--duration", "120", "--log-level", "warn"})};
    if (!agent || !pingGateway || !pingInternet) {
        round.error = QStringLiteral("could not start the agent or ping");
        return round;
    }
    QElapsedTimer t;
    t.start();
    bool uploadDone = false;
    QByteArray pending;
    while (!uploadDone && t.elapsed() < kRoundTimeoutMs && agent->state() == QProcess::Running) {
        agent->waitForReadyRead(500);
        pending += agent->readAllStandardOutput();
        qsizetype nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
            const QJsonObject e = QJsonDocument::fromJson(pending.left(nl)).object();
            pending.remove(0, nl + 1);
            if (e.value("event") == QLatin1String("result") && e.value("direction") == QLatin1String("upload") &&
                !e.value("calibration").toBool())
                uploadDone = true;
        }
    }
    if (!uploadDone) {
        round.error = QStringLiteral("no upload test within %1 s: %2").arg(kRoundTimeoutMs / 1000).arg(QString::fromUtf8(agent->readAllStandardError().right(800)));
        return round;
    }
    QTest::qWait(kIdleTailMs);
    LabFixture::stopByPid(agent.p.get());
    LabFixture::stopByPid(pingGateway.p.get());
    LabFixture::stopByPid(pingInternet.p.get());
    qInfo("%s: round and idle tail took %.1f s", qPrintable(name), t.elapsed() / 1000.0);

    QProcess report;
    report.start(LoadLab::agent(), {"report", capture, "--json"});
    report.waitForFinished(30000);
    const QJsonObject doc = QJsonDocument::fromJson(report.readAllStandardOutput()).object();
    round.bufferbloat = doc.value("bufferbloat").toObject();
    for (const QJsonValue &v : doc.value("throughput").toArray()) {
        const QJsonObject r = v.toObject();
        const qint64 start = utcMs(r.value("utc")), end = utcMs(r.value("end_utc"));
        if (r.value("bytes").toDouble() > 0 && end > start)
            round.windows.push_back({start, end, r.value("direction") == QLatin1String("download")});
    }
    if (round.bufferbloat.isEmpty() || round.windows.empty())
        round.error = QStringLiteral("report --json has no bufferbloat or no load window");
    round.gateway = classify(parsePing(pingGateway->readAllStandardOutput()), round.windows);
    round.internet = classify(parsePing(pingInternet->readAllStandardOutput()), round.windows);
    for (const auto &[leg, ping] : {std::pair{"gateway", round.gateway}, std::pair{"internet", round.internet}}) {
        const QJsonObject o = round.bufferbloat.value(QLatin1String(leg)).toObject();
        qInfo("%s %-8s agent: idle %.2f (n %d), dl %.2f (n %d) → %+.2f ms, ul %.2f (n %d) → %+.2f ms, rating %s, rpm %.0f | "
              "ping: idle %.2f (n %d), dl %.2f (n %d) → %+.2f ms, ul %.2f (n %d) → %+.2f ms | B/R %.1f ms",
              qPrintable(name), leg, num(o, "idle_p50"), o.value("idle_n").toInt(), num(o, "dl_p50"), o.value("dl_n").toInt(),
              num(o, "dl_delta_ms"), num(o, "ul_p50"), o.value("ul_n").toInt(), num(o, "ul_delta_ms"),
              qPrintable(o.value("rating").toString()), num(o, "rpm"), ping.idleMs, ping.idle, ping.downloadMs, ping.download,
              ping.downloadDelta(), ping.uploadMs, ping.upload, ping.uploadDelta(), kQueueMs);
    }
    return round;
}

namespace {
// The agent's leg against ping's queueing delay to the same node, both directions.
void expectBloat(const QJsonObject &leg, const PingBloat &ping, const char *what)
{
    for (const auto &[key, truth] : {std::pair{"dl_delta_ms", ping.downloadDelta()}, std::pair{"ul_delta_ms", ping.uploadDelta()}}) {
        QVERIFY2(truth >= 0.6 * kQueueMs && truth <= kQueueMs + 1,
                 qPrintable(QStringLiteral("%1 %2: ping's delay %3 ms is not a standing queue of B/R %4 ms")
                                .arg(what, key).arg(truth).arg(kQueueMs)));
        QVERIFY2(within(num(leg, key), truth, kBloatTolerance),
                 qPrintable(QStringLiteral("%1 %2 %3 ms, ping %4 ms: not within ±15 %").arg(what, key).arg(num(leg, key)).arg(truth)));
    }
}
} // namespace

void TstLoadLab::queueBeyondGatewayBloatsInternetOnly()
{
    QVERIFY(m_load->shapeNeck(kBloatMbit, kBloatQueueBytes));
    m_load->setCongestionControl(QStringLiteral("reno"));
    const LoadedRound round = loadedRound(QStringLiteral("beyond"));
    QVERIFY2(round.error.isEmpty(), qPrintable(round.error));
    const QJsonObject internet = round.bufferbloat.value("internet").toObject(), gateway = round.bufferbloat.value("gateway").toObject();
    expectBloat(internet, round.internet, "internet");
    if (QTest::currentTestFailed())
        return;
    for (const char *key : {"dl_delta_ms", "ul_delta_ms"})
        QVERIFY2(std::abs(num(gateway, key)) <= kCleanGatewayMs,
                 qPrintable(QStringLiteral("gateway %1 %2 ms, expected 0 ± %3").arg(key).arg(num(gateway, key)).arg(kCleanGatewayMs)));
    // RPM: 60000 over the internet's higher loaded p50.
    const double worstLoaded = std::max(num(internet, "dl_p50"), num(internet, "ul_p50"));
    QVERIFY(within(num(round.bufferbloat, "rpm"), 60000 / worstLoaded, 1e-6));
}

void TstLoadLab::queueBeforeGatewayBloatsBoth()
{
    // The neck out of the way (unshaped veth), the same queue at r1 in both directions.
    m_load->unshape(LoadLab::neckUp());
    m_load->unshape(LoadLab::neckDown());
    QVERIFY(m_load->ensureAccessIngress());
    QVERIFY(m_load->shape(LoadLab::accessDown(), kBloatMbit, kBloatQueueBytes));
    QVERIFY(m_load->shape(LoadLab::accessUp(), kBloatMbit, kBloatQueueBytes));
    m_load->setCongestionControl(QStringLiteral("reno"));
    const LoadedRound round = loadedRound(QStringLiteral("before"));
    QVERIFY2(round.error.isEmpty(), qPrintable(round.error));
    expectBloat(round.bufferbloat.value("gateway").toObject(), round.gateway, "gateway");
    if (QTest::currentTestFailed())
        return;
    expectBloat(round.bufferbloat.value("internet").toObject(), round.internet, "internet");
}

// --reject-first 1: the client's first request (whichever it is) is refused with 429.
void TstLoadLab::refusalBacksOffAndHalves()
{
    QVERIFY(m_load->shapeNeck(100));
    Background server{m_load->startServer(kRejectPort, {"--reject-first", "1"})};
    QVERIFY2(server, "serve --reject-first 1");
    // One direction and 1 s tests: what is checked is the order and size of the transfers, not their speed.
    const SpeedRun run = m_load->speed(kRejectPort, {"--download-only", "--duration", "1"}, 90000);
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    const auto steps = run.of(QStringLiteral("download"), true);
    QStringList seen;
    for (const QJsonObject &s : steps)
        seen << QStringLiteral("%1 %2 B %3").arg(s.value("utc").toString()).arg(s.value("bytes").toDouble()).arg(s.value("skipped").toString(QStringLiteral("measured")));
    qInfo("calibration: %s", qPrintable(seen.join(QStringLiteral("; "))));
    QVERIFY2(steps.size() >= 3, "the refusal, the retry and the next step");
    QCOMPARE(steps[0].value("skipped").toString(), QStringLiteral("rate_limited"));
    QVERIFY2(steps[0].value("error").toString().contains(QLatin1String("429")), qPrintable(steps[0].value("error").toString()));
    QVERIFY2(steps[1].value("mbps").isDouble(), "the retry is measured");
    QCOMPARE(steps[1].value("bytes").toDouble(), double(kFirstStepBytes / 2));
    const double waitedS = (utcMs(steps[1].value("utc")) - utcMs(steps[0].value("end_utc"))) / 1000.0;
    qInfo("waited %.2f s between the refusal and the retry", waitedS);
    QVERIFY2(waitedS >= kBackoffS && waitedS < kBackoffS + 5, qPrintable(QString::number(waitedS)));
    // A success doubles the size back: the second step is whole again.
    QCOMPARE(steps[2].value("bytes").toDouble(), double(2 * kFirstStepBytes));
    const QJsonObject stats = m_load->serverStats(kRejectPort);
    QCOMPARE(statsCounter(stats, m_load->client(), "rejections"), 1.0);
}

void TstLoadLab::budgetIsNeverExceeded_data()
{
    QTest::addColumn<double>("budgetMb");
    QTest::addRow("12 MB: one step each way") << 12.0;
    QTest::addRow("5 MB: the first step's own size") << 5.0;
}

void TstLoadLab::budgetIsNeverExceeded()
{
    QFETCH(double, budgetMb);
    QVERIFY(m_load->shapeNeck(100));
    const QJsonObject before = m_load->serverStats(kPort);
    QVERIFY2(!before.isEmpty(), "GET /stats");
    const SpeedRun run = m_load->speed(kPort, {"--budget-mb", QString::number(budgetMb)}, 60000);
    QVERIFY2(run.error.isEmpty(), qPrintable(run.error));
    const QJsonObject after = m_load->serverStats(kPort);
    const double served = statsBytes(after, m_load->client()) - statsBytes(before, m_load->client());
    int skipped = 0;
    for (const QJsonValue &v : run.results)
        skipped += v.toObject().value("skipped") == QLatin1String("data_budget");
    qInfo("budget %.1f MB: the server counted %.0f bytes for the client, results report %.0f; %d skipped for the budget",
          budgetMb, served, run.bytes(), skipped);
    QVERIFY2(skipped >= 1, "a test skipped with data_budget");
    QVERIFY2(served <= budgetMb * 1e6, "the server's byte counters stay within the client's budget");
    QVERIFY2(served >= run.bytes(), "the server counted at least what the client reports");
}

QTEST_GUILESS_MAIN(TstLoadLab)
#include "tst_load_lab.moc"
