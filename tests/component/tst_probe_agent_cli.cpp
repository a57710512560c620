// SPDX-License-Identifier: GPL-3.0-or-later
// `pathlens-agent run --collectors probes` flags over loopback: probes, targets, rate scale, config, and the CI
// refusal.
#include "core/store/probe_rows.h"
#include "core/store/capture_store.h"
#include "core/active/probe_sample.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace pathlens;

namespace {
struct Run {
    int code = -1;
    QString err;
};

Run agent(const QStringList &args, const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent"), args);
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, QString::fromUtf8(p.readAllStandardError())};
}

QProcessEnvironment loopbackEnv()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATHLENS_TARGETS"), QStringLiteral("127.0.0.1"));
    return env;
}
} // namespace

class TestProbeAgentCli : public QObject {
    Q_OBJECT
private slots:
    void badFlags();
    void refusesPublicDefaultsOnCi();
    void probesLoopback();
    void icmpWithoutPermissionNamesRemedies();
    void traceTargetFromConfig();

private:
    QTemporaryDir m_dir;
};

void TestProbeAgentCli::badFlags()
{
    const QString cap = m_dir.filePath("bad.sqlite");
    Run r = agent({"run", "--collectors", "probes", "--probes", "icmp,smtp", "--capture", cap, "--duration", "1"},
                  loopbackEnv());
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("smtp")); // quic is a probe kind now (issue 14): an unknown word still is not
    r = agent({"run", "--collectors", "probes", "--quic-host", "host:99999", "--capture", cap, "--duration", "1"},
              loopbackEnv());
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("--quic-host"));
    r = agent({"run", "--collectors", "probes", "--rate-scale", "1000", "--capture", cap, "--duration", "1"},
              loopbackEnv());
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("--rate-scale"));
    r = agent({"run", "--collectors", "probes", "--config", m_dir.filePath("missing.json"), "--capture", cap,
               "--duration", "1"},
              loopbackEnv());
    QCOMPARE(r.code, 3);
}

void TestProbeAgentCli::refusesPublicDefaultsOnCi()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PATHLENS_TARGETS"));
    env.insert(QStringLiteral("CI"), QStringLiteral("true"));
    const QString cap = m_dir.filePath("ci.sqlite");
    const Run r = agent({"run", "--collectors", "probes", "--capture", cap, "--duration", "1"}, env);
    QCOMPARE(r.code, 3);
    QVERIFY(r.err.contains("PATHLENS_TARGETS"));
}

void TestProbeAgentCli::probesLoopback()
{
    // --target and --config are replaced by PATHLENS_TARGETS (it always wins): every sample goes to 127.0.0.1.
    const QString config = m_dir.filePath("targets.json");
    QFile f(config);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"internet": ["127.0.0.2"], "gateway": "off"})");
    f.close();
    const QString cap = m_dir.filePath("loop.sqlite");
    const Run r = agent({"run", "--collectors", "probes", "--probes", "icmp,tcp", "--config", config, "--target",
                         "127.0.0.3", "--gateway", "127.0.0.4", "--rate-scale", "5", "--capture", cap, "--duration",
                         "2", "--log-level", "warn"},
                        loopbackEnv());
    QVERIFY2(r.code == 0, qPrintable(r.err));
    auto store = core::CaptureStore::open(cap, core::CaptureStore::Mode::ReadOnly);
    QVERIFY(store);
    int icmp = 0, tcp = 0;
    QVERIFY((*store)
                ->forEach(core::Table::ProbeSamples,
                          [&](const core::Row &row) {
                              const auto s = core::probeSampleFromRow(row);
                              if (s.target != "127.0.0.1")
                                  return false;
                              (s.probe == "icmp" ? icmp : tcp)++;
                              return true;
                          })
                .ok());
    if (icmp == 0)
        QSKIP("ICMP sockets not allowed here (ping_group_range / CAP_NET_RAW)");
    QVERIFY2(icmp >= 40, qPrintable(QString::number(icmp))); // 25/s for 2 s
    QVERIFY(tcp >= 3);
}

void TestProbeAgentCli::icmpWithoutPermissionNamesRemedies()
{
    // Without CAP_NET_RAW (setpriv drops it) and outside ping_group_range, ICMP cannot run: the
    // collector is unsupported and the message names both fixes.
    QProcess p;
    p.setProcessEnvironment(loopbackEnv());
    p.start(QStringLiteral("setpriv"), {"--inh-caps=-net_raw", "--bounding-set=-net_raw",
                                        QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent"), "run", "--collectors",
                                        "probes", "--probes", "icmp", "--duration", "1", "--capture",
                                        m_dir.filePath("noperm.sqlite"), "--log-level", "info"});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        QSKIP("setpriv not usable here");
    const QString err = QString::fromUtf8(p.readAllStandardError());
    if (!err.contains("unsupported"))
        QSKIP("ICMP datagram sockets are allowed here (ping_group_range), nothing to refuse");
    QVERIFY2(err.contains("net.ipv4.ping_group_range") && err.contains("setcap cap_net_raw"), qPrintable(err));
}


void TestProbeAgentCli::traceTargetFromConfig()
{
    // The trace collector reads --config like the probes do. No PATHLENS_TARGETS and no CI here (either
    // would replace the config), so the config names a loopback address only.
    const QString config = m_dir.filePath("trace.json");
    QFile f(config);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"trace_target": "127.0.0.2", "internet": ["127.0.0.2"], "gateway": "off"})");
    f.close();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PATHLENS_TARGETS"));
    env.remove(QStringLiteral("CI"));
    const QString cap = m_dir.filePath("trace.sqlite");
    // Without the switch a broken config would fall back to the public default target, so the agent
    // runs in a fresh network namespace that has only loopback: nothing can leave the machine.
    if (::geteuid() != 0)
        QSKIP("needs root for a private network namespace (unshare -n)");
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("unshare"),
            {"-n", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\"", QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent"),
             "run", "--collectors", "trace", "--config", config, "--capture", cap, "--duration", "3"});
    QVERIFY(p.waitForFinished(30000));
    const Run r{p.exitCode(), QString::fromUtf8(p.readAllStandardError())};
    QVERIFY2(r.code == 0, qPrintable(r.err));
    auto store = core::CaptureStore::open(cap, core::CaptureStore::Mode::ReadOnly);
    QVERIFY(store);
    QStringList targets;
    QVERIFY((*store)->forEach(core::Table::Traces, [&](const core::Row &row) {
        targets << row.get("target").toString();
        return true;
    }));
    QVERIFY2(!targets.isEmpty(), qPrintable(r.err));
    QCOMPARE(targets.front(), QString("127.0.0.2"));
}

QTEST_MAIN(TestProbeAgentCli)
#include "tst_probe_agent_cli.moc"
