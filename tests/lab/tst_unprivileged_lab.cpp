// SPDX-License-Identifier: GPL-3.0-or-later
// Raw modes without privilege (issues 5 §3, 6 §1), in chain-6, with pathlens-agent running as
// user nobody (setpriv inside the lab namespace) and a copy of pathlens-helper given
// `setcap cap_net_raw+ep`: (a) ping_group_range open → ICMP probes in mode=dgram; (b) closed →
// mode=helper, RTT within ±0.5 ms of the 17 ms path, and the trace collector traces with mode=helper;
// (c) `trace --proto icmp|tcp --json` finds the scenario's hops through the helper; (d) a helper
// without the capability gives errors that name setcap. Lab IP literals only.
#include "lab_capture.h"
#include "lab_fixture.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>

#include <sys/statvfs.h>

using namespace pathlens;
using namespace pathlens::lab;

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
const QString kHelper = QStringLiteral(PATHLENS_BINARY_DIR "/app/helper/pathlens-helper");
constexpr double kPathRttMs = 17.0; // chain-6.json: one-way 0.5+1+2+1.5+0+3+0.5 ms
// chain-6: the router each TTL reaches and the link it is reached over; r3 never answers.
const QStringList kNodes = {"r1", "r2", "r3", "r4", "r5", "r6", "h2"};
const QStringList kInLinks = {"l1", "l2", "l3", "l4", "l5", "l6", "l7"};
constexpr int kSilentTtl = 3;

const QFile::Permissions kWorldRx = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                    QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;

// argv that runs the agent as nobody (no capabilities, no groups) with this helper.
// HOME points at a directory nobody may write (the agent's log file goes there).
QStringList asNobody(const QString &helper, const QStringList &targets, const QStringList &agentArgs,
                     const QString &home)
{
    return QStringList{"setpriv",
                       "--reuid=65534",
                       "--regid=65534",
                       "--clear-groups",
                       "--inh-caps=-all",
                       "env",
                       "HOME=" + home,
                       "PATHLENS_TARGETS=" + targets.join(','),
                       "PATHLENS_HELPER=" + helper,
                       kAgent} +
           agentArgs;
}

QStringList probeRun(const QStringList &targets, double seconds, const QString &capture, const QStringList &extra = {})
{
    QStringList a{
        "run",       "--collectors", "probes",    "--probes", "icmp",        "--duration", QString::number(seconds),
        "--capture", capture,        "--gateway", "off",      "--log-level", "info"};
    for (const QString &t : targets)
        a << "--target" << t;
    return a + extra;
}
} // namespace

class TestUnprivilegedLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void probesDgramThenHelper();
    void tracesThroughHelper_data();
    void tracesThroughHelper();
    void withoutCapabilityNamesSetcap();
    void cleanupTestCase();

private:
    std::unique_ptr<LabFixture> m_lab;
    QTemporaryDir m_dir;
    QString m_helper, m_noCapHelper, m_out, m_v4, m_v6;
};

void TestUnprivilegedLab::initTestCase()
{
    PATHLENS_LAB_REQUIRE();
    QVERIFY2(QFile::exists(kAgent), qPrintable(kAgent));
    QVERIFY2(QFile::exists(kHelper), qPrintable(kHelper));
    QVERIFY(m_dir.isValid());
    // A temp dir nobody can enter; file capabilities need a file system with xattrs, not nosuid.
    QVERIFY(QFile::setPermissions(m_dir.path(), kWorldRx));
    struct statvfs fs {};
    QVERIFY(::statvfs(QFile::encodeName(m_dir.path()).constData(), &fs) == 0);
    QVERIFY2(!(fs.f_flag & ST_NOSUID), "the temp dir is on a nosuid mount: file capabilities would be ignored");
    m_helper = m_dir.filePath("pathlens-helper");
    QVERIFY(QDir(m_dir.path()).mkdir("nocap"));
    QVERIFY(QFile::setPermissions(m_dir.filePath("nocap"), kWorldRx));
    m_noCapHelper = m_dir.filePath("nocap/pathlens-helper");
    QVERIFY(QFile::copy(kHelper, m_helper) && QFile::copy(kHelper, m_noCapHelper));
    QVERIFY(QFile::setPermissions(m_helper, kWorldRx) && QFile::setPermissions(m_noCapHelper, kWorldRx));
    QProcess setcap;
    setcap.start("setcap", {"cap_net_raw+ep", m_helper});
    QVERIFY2(setcap.waitForFinished(10000) && setcap.exitCode() == 0, setcap.readAllStandardError().constData());
    QProcess getcap;
    getcap.start("getcap", {m_helper});
    QVERIFY(getcap.waitForFinished(10000));
    QVERIFY2(getcap.readAllStandardOutput().contains("cap_net_raw=ep"), "setcap did not stick on this file system");
    m_out = m_dir.filePath("out"); // captures, written by nobody
    QVERIFY(QDir(m_dir.path()).mkdir("out"));
    QVERIFY(QFile::setPermissions(m_out, kWorldRx | QFile::WriteGroup | QFile::WriteOther));

    m_lab = std::make_unique<LabFixture>(QStringLiteral("chain-6"));
    QVERIFY2(m_lab->isUp(), qPrintable(m_lab->error()));
    m_v4 = m_lab->address("h2");
    m_v6 = m_lab->address("h2", Family::IPv6);
    for (const QString &t : {m_v4, m_v6}) // neighbour discovery out of the way
        m_lab->exec("h1", {"ping", "-n", "-c", "2", "-i", "0.2", "-W", "2", t}, 10000);
}

void TestUnprivilegedLab::probesDgramThenHelper()
{
    // (a) nobody's group inside ping_group_range: datagram ICMP, no helper needed.
    QVERIFY(m_lab->exec("h1", {"sysctl", "-q", "-w", "net.ipv4.ping_group_range=0 2147483647"}).ok());
    const QString capA = m_out + "/dgram.sqlite";
    const auto a = m_lab->exec("h1", asNobody(m_helper, {m_v4, m_v6}, probeRun({m_v4, m_v6}, 3, capA), m_out), 30000);
    QVERIFY2(a.ok(), a.err.constData());
    const Capture ca = readCapture(capA);
    for (const QString &t : {m_v4, m_v6}) {
        QVERIFY2(ca.byTarget.count(t) && !ca.byTarget.at(t).empty(), qPrintable(t));
        QVERIFY2(ca.byTarget.at(t).front().notes.contains("mode=dgram"), qPrintable(ca.byTarget.at(t).front().notes));
        const core::ProbeStats s = stats(ca.byTarget.at(t));
        qInfo("dgram mode %s: %lld sent, p50 %.3f ms (error %+.3f ms)", qPrintable(t), s.sent, s.p50Ms, s.p50Ms - kPathRttMs);
    }

    // (b) range closed ("1 0"): nobody has no raw sockets of its own, so the helper's are used.
    // 15 s at 2× (10/s) per family, and the trace collector (ICMP) alongside; its first trace is
    // published after reverse DNS of the hops, which times out in the lab (no resolver): ~10 s.
    QVERIFY(m_lab->exec("h1", {"sysctl", "-q", "-w", "net.ipv4.ping_group_range=1 0"}).ok());
    const QString capB = m_out + "/helper.sqlite";
    const auto b = m_lab->exec("h1",
                               asNobody(m_helper, {m_v4, m_v6},
                                        probeRun({m_v4, m_v6}, 15, capB,
                                                 {"--rate-scale", "2", "--collectors", "probes,trace", "--trace-target",
                                                  m_v4, "--trace-proto", "icmp"}),
                                        m_out),
                               45000);
    QVERIFY2(b.ok(), b.err.constData());
    const Capture cb = readCapture(capB);
    for (const QString &t : {m_v4, m_v6}) {
        QVERIFY2(cb.byTarget.count(t), qPrintable(t));
        const auto &samples = cb.byTarget.at(t);
        const core::ProbeStats s = stats(samples);
        qInfo("helper mode %s: %lld sent, %lld lost, p50 %.3f ms (path %.1f ms, error %+.3f ms), min %.3f ms; %s",
              qPrintable(t), s.sent, s.lost, s.p50Ms, kPathRttMs, s.p50Ms - kPathRttMs, s.minMs,
              qPrintable(samples.front().notes));
        QVERIFY2(samples.front().notes.contains("mode=helper"), qPrintable(samples.front().notes));
        QVERIFY2(s.sent >= 130, qPrintable(QString::number(s.sent))); // 15 s × 10/s minus the tail in flight
        QCOMPARE(s.lost, 0);
        QVERIFY2(std::abs(s.p50Ms - kPathRttMs) <= 0.5, "helper-mode RTT within ±0.5 ms of the path");
    }
    QVERIFY2(!cb.events.filter("mode=helper").isEmpty(), qPrintable(cb.events.join('\n')));
    QVERIFY2(cb.traces >= 1, qPrintable("no trace through the helper; events: " + cb.events.join(" | ")));
}

void TestUnprivilegedLab::tracesThroughHelper_data()
{
    QTest::addColumn<QString>("proto");
    QTest::addColumn<bool>("ipv6");
    QTest::newRow("icmp-v4") << "icmp" << false;
    QTest::newRow("tcp-v4") << "tcp" << false;
    QTest::newRow("icmp-v6") << "icmp" << true;
}

void TestUnprivilegedLab::tracesThroughHelper()
{
    QFETCH(QString, proto);
    QFETCH(bool, ipv6);
    const Family f = ipv6 ? Family::IPv6 : Family::IPv4;
    const QString target = ipv6 ? m_v6 : m_v4;
    const auto run = m_lab->exec(
        "h1", asNobody(m_helper, {target}, {"trace", target, "--proto", proto, "--json", "--max-ttl", "10"}, m_out),
        30000);
    QVERIFY2(run.ok(), run.err.constData());
    const QJsonObject t = QJsonDocument::fromJson(run.out).object();
    QVERIFY2(t.value("reached").toBool(), run.out.constData());
    const QJsonArray hops = t.value("hops").toArray();
    QCOMPARE(hops.size(), kNodes.size());
    QStringList path;
    for (int i = 0; i < hops.size(); ++i) {
        const QJsonObject h = hops[i].toObject();
        const QString expected = m_lab->address(kNodes[i], f, kInLinks[i]);
        path << (h.value("addr").toString().isEmpty() ? "*" : h.value("addr").toString());
        if (i + 1 == kSilentTtl)
            QVERIFY2(h.value("addr").toString().isEmpty(), "r3 is silent");
        else
            QCOMPARE(h.value("addr").toString(), expected);
    }
    // nobody has no raw socket of its own (and ICMP/TCP traces have no datagram mode): the path
    // was traced with the helper's sockets. Destination RTT within issue 6's ±1 ms.
    const double destRtt = hops.last().toObject().value("rtt_ms").toDouble();
    qInfo("%s %s as nobody via the helper: %s, destination %.3f ms (path %.1f ms)", qPrintable(proto),
          ipv6 ? "v6" : "v4", qPrintable(path.join(' ')), destRtt, kPathRttMs);
    QVERIFY(std::abs(destRtt - kPathRttMs) <= 1.0);
}

void TestUnprivilegedLab::withoutCapabilityNamesSetcap()
{
    // (d) the helper copy without the capability: traces and probes fail with the setcap fix.
    const auto trace =
        m_lab->exec("h1", asNobody(m_noCapHelper, {m_v4}, {"trace", m_v4, "--proto", "icmp", "--json"}, m_out), 30000);
    QVERIFY(!trace.ok());
    const QString err = QString::fromUtf8(trace.err);
    qInfo("trace error: %s", qPrintable(err.trimmed()));
    QVERIFY2(err.contains("sudo setcap cap_net_raw+ep " + m_noCapHelper), qPrintable(err));
    QVERIFY(m_lab->exec("h1", {"sysctl", "-q", "-w", "net.ipv4.ping_group_range=1 0"}).ok());
    const auto probes =
        m_lab->exec("h1", asNobody(m_noCapHelper, {m_v4}, probeRun({m_v4}, 1, m_out + "/nocap.sqlite"), m_out), 30000);
    const QString perr = QString::fromUtf8(probes.err);
    QVERIFY2(perr.contains("unsupported"), qPrintable(perr));
    QVERIFY2(perr.contains("net.ipv4.ping_group_range") && perr.contains("sudo setcap cap_net_raw+ep " + m_noCapHelper),
             qPrintable(perr));
}

void TestUnprivilegedLab::cleanupTestCase()
{
    m_lab.reset();
}

QTEST_MAIN(TestUnprivilegedLab)
#include "tst_unprivileged_lab.moc"
