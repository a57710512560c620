// SPDX-License-Identifier: GPL-3.0-or-later
// ProbeCollector over loopback only: real ICMP, UDP DNS (a local fake resolver) and TCP connect sockets, and the CI
// guard.
#include "collectors/probes/default_gateway.h"
#include "collectors/probes/dns/dns_query.h"
#include "collectors/probes/probe_collector.h"
#include "collectors/probes/probe_scheduler.h"
#include "collectors/probes/route_watch.h"
#include "auto_gateway_environment.h"
#include "core/stats/statistics.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUdpSocket>

#include <cstdlib>
#include <thread>


using namespace pathlens;
using namespace pathlens::collect;



class TestProbeCollector : public QObject {
    Q_OBJECT
private slots:
    void init();
    void refusesEmbeddedTargetsOnCi();
    void overrideWins();
    void dnsQueryCodec();
    void loopbackProbes();
    void gatewayRedetected();
};

void TestProbeCollector::init()
{
    // Only loopback, whatever the caller's environment says.
    qputenv(core::kTargetsEnvVar, "127.0.0.1");
}

void TestProbeCollector::refusesEmbeddedTargetsOnCi()
{
    const QByteArray savedCi = qgetenv("CI");
    qunsetenv(core::kTargetsEnvVar);
    qputenv("CI", "true");
    ProbeCollectorOptions o; // embedded defaults
    // On CI without the switch the defaults never reach a socket: they become loopback...
    const core::ProbeTargets effective = core::targetsFromEnvironment(o.targets);
    for (const QString &host : core::embeddedTargets().all())
        QVERIFY2(!effective.all().contains(host), qPrintable(host));
    QCOMPARE(effective.gateway, QString("off"));
    // ...and asking for them explicitly is refused, naming the switch.
    const auto r = checkProbeTargetsAllowed(core::embeddedTargets());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, core::ErrorCode::Unsupported);
    QVERIFY(r.error().remedy.contains("PATHLENS_TARGETS"));
    // Only the roles of the selected probes count: lab addresses for ICMP pass, while the default
    // HTTP URLs and system-DNS name are refused once those probes are selected.
    core::ProbeTargets lab = core::embeddedTargets();
    lab.internet = lab.resolvers = {QStringLiteral("10.1.1.2")};
    QVERIFY(checkProbeTargetsAllowed(lab, {ProbeKind::Icmp, ProbeKind::UdpDns, ProbeKind::TcpConnect}).ok());
    const auto http = checkProbeTargetsAllowed(lab, {ProbeKind::Icmp, ProbeKind::HttpHead});
    QVERIFY(!http.ok());
    QVERIFY2(http.error().message.contains("www.cloudflare.com"), qPrintable(http.error().message));
    QVERIFY(!checkProbeTargetsAllowed(lab, {ProbeKind::DnsSystem}).ok());
    if (savedCi.isNull())
        qunsetenv("CI");
    else
        qputenv("CI", savedCi);
    qputenv(core::kTargetsEnvVar, "127.0.0.1");
}

void TestProbeCollector::overrideWins()
{
    ProbeCollectorOptions o;
    o.targets.internet = {QStringLiteral("1.1.1.1")};
    o.targets.gateway = QStringLiteral("10.0.0.1");
    ProbeCollector c(o);
    QCOMPARE(c.targets().internet, QStringList{QStringLiteral("127.0.0.1")});
    QCOMPARE(c.targets().resolvers, QStringList{QStringLiteral("127.0.0.1")});
    QCOMPARE(c.targets().gateway, QStringLiteral("off"));
    QCOMPARE(c.targets().httpUrls, QStringList{QStringLiteral("http://127.0.0.1/")});
    QCOMPARE(c.targets().dnsName, QStringLiteral("localhost"));
    // URLs and a dns: entry take only their own roles.
    const auto t = core::applyTargetOverride({}, QStringLiteral("::1, https://localhost:8443/x,dns:lab.test"));
    QCOMPARE(t.internet, QStringList{QStringLiteral("::1")});
    QCOMPARE(t.httpUrls, QStringList{QStringLiteral("https://localhost:8443/x")});
    QCOMPARE(t.dnsName, QStringLiteral("lab.test"));
    QCOMPARE(core::applyTargetOverride({}, QStringLiteral("::1")).httpUrls,
             QStringList{QStringLiteral("http://[::1]/")});
}

void TestProbeCollector::dnsQueryCodec()
{
    const QByteArray q = buildDnsQuery(0xbeef, QStringLiteral("example.com"));
    QCOMPARE(q.size(), 12 + 13 + 4);
    QCOMPARE(quint8(q[0]), 0xbe);
    QVERIFY(!dnsResponseId(q)); // a query is not a response
    QByteArray resp = q;
    resp[2] = char(quint8(resp[2]) | 0x80);
    QCOMPARE(*dnsResponseId(resp), quint16(0xbeef));
    QVERIFY(!dnsResponseId(QByteArray(5, '\0')));
    QVERIFY(buildDnsQuery(1, QString(70, 'a') + ".com").isEmpty());
}

void TestProbeCollector::loopbackProbes()
{
    // A fake resolver: answers every query twice, first with a wrong id (must be ignored).
    QUdpSocket dns;
    QVERIFY(dns.bind(QHostAddress::LocalHost, 0));
    int queries = 0;
    connect(&dns, &QUdpSocket::readyRead, [&] {
        while (dns.hasPendingDatagrams()) {
            QHostAddress from;
            quint16 port = 0;
            QByteArray d(int(dns.pendingDatagramSize()), '\0');
            dns.readDatagram(d.data(), d.size(), &from, &port);
            ++queries;
            QByteArray wrong = d;
            wrong[2] = char(quint8(wrong[2]) | 0x80);
            wrong[0] = char(quint8(wrong[0]) ^ 0x5a);
            dns.writeDatagram(wrong, from, port);
            QByteArray right = d;
            right[2] = char(quint8(right[2]) | 0x80);
            if (queries % 2 == 0) // every other query gets only the wrong id: lost
                continue;
            dns.writeDatagram(right, from, port);
        }
    });
    QTcpServer tcp;
    QVERIFY(tcp.listen(QHostAddress::LocalHost, 0));
    connect(&tcp, &QTcpServer::newConnection, [&] {
        while (auto *s = tcp.nextPendingConnection())
            s->deleteLater();
    });

    ProbeCollectorOptions o;
    o.probes = {ProbeKind::Icmp, ProbeKind::UdpDns, ProbeKind::TcpConnect}; // HTTP and system DNS: tst_http_probe
    o.dnsPort = dns.localPort();
    o.tcpPort = tcp.serverPort();
    o.rateScale = 4.0; // ICMP/UDP 20/s, TCP 2/s
    ProbeCollector c(o);
    if (auto ok = c.checkSupported(); !ok)
        QSKIP(qPrintable(ok.error().toString())); // ICMP needs ping_group_range or CAP_NET_RAW
    std::vector<core::Row> rows;
    c.attach(1, std::make_shared<std::atomic<quint64>>(1),
             [&rows](std::vector<core::Row> r) { rows.insert(rows.end(), r.begin(), r.end()); });
    QSignalSpy batches(&c, &ProbeCollector::samplesReady);
    c.start();
    QTest::qWait(3000);
    c.stop();

    std::map<QString, int> answered, lost;
    std::vector<double> rtts;
    for (const QVariantList &args : batches) {
        for (const core::ProbeSample &s : args.at(1).value<std::vector<core::ProbeSample>>()) {
            QCOMPARE(s.target, QStringLiteral("127.0.0.1"));
            (s.rttMs ? answered : lost)[s.probe]++;
            // A single reply can wait behind a stalled CPU on a shared CI machine (one read 1.3 s
            // there), but never past the probe timeout: then it is lost, not answered.
            if (s.rttMs) {
                QVERIFY2(*s.rttMs >= 0 && *s.rttMs < kProbeTimeoutNs / 1e6, qPrintable(QString::number(*s.rttMs)));
                rtts.push_back(*s.rttMs);
            }
            if (s.probe == "icmp")
                QVERIFY(s.notes.contains("mode=dgram") || s.notes.contains("mode=raw"));
        }
    }
    QVERIFY(!rtts.empty());
    const double medianMs = core::median(rtts);
    QVERIFY2(medianMs < 5, qPrintable(QString::number(medianMs))); // loopback: well under a ms
    QVERIFY2(batches.size() <= 3000 / 250 + 2, "at most 4 batches a second");
    QVERIFY2(answered["icmp"] >= 50, qPrintable(QString::number(answered["icmp"])));
    QCOMPARE(lost["icmp"], 0);
    QVERIFY(answered["tcp_connect"] >= 5);
    QCOMPARE(lost["tcp_connect"], 0);
    // Half the DNS queries got only a wrong-id reply: those are not answers (lost once they time out).
    QVERIFY(answered["udp_dns"] >= 25);
    QVERIFY2(answered["udp_dns"] <= queries / 2 + 1,
             qPrintable(QStringLiteral("%1 of %2").arg(answered["udp_dns"]).arg(queries)));
    QVERIFY(lost["udp_dns"] >= 1);
    const auto probeRows = std::count_if(rows.begin(), rows.end(),
                                         [](const core::Row &r) { return r.table == core::Table::ProbeSamples; });
    int samples = 0;
    for (auto &[k, v] : answered)
        samples += v;
    for (auto &[k, v] : lost)
        samples += v;
    QCOMPARE(int(probeRows), samples);
}

namespace {
// A fake <procRoot>/net/route: a default route via `gateway` (empty: no default route).
bool writeRoute(const QString &procRoot, const QString &gateway)
{
    QByteArray text = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                      "lo\t0000007F\t00000000\t0001\t0\t0\t0\t000000FF\t0\t0\t0\n";
    if (!gateway.isEmpty()) {
        const quint32 a = QHostAddress(gateway).toIPv4Address();
        // The kernel prints network-order bytes as a host-order (little-endian) integer.
        const quint32 printed = ((a & 0xff) << 24) | ((a & 0xff00) << 8) | ((a >> 8) & 0xff00) | (a >> 24);
        text += QStringLiteral("lo\t00000000\t%1\t0003\t0\t0\t100\t00000000\t0\t0\t0\n")
                    .arg(printed, 8, 16, QLatin1Char('0'))
                    .toUpper()
                    .toLatin1();
    }
    QFile f(procRoot + "/net/route");
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}
} // namespace

void TestProbeCollector::gatewayRedetected()
{
    // Gateway "auto" must reach the collector: PATHLENS_TARGETS (any value) and CI (without it)
    // both turn the gateway off, so both are unset here; every target is still on loopback, and the
    // gateway comes from a fixture procRoot, which the CI guard allows.
    const AutoGatewayEnvironment env;
    QTemporaryDir proc;
    QVERIFY(proc.isValid());
    QVERIFY(QDir(proc.path()).mkdir("net"));
    QVERIFY(writeRoute(proc.path(), "127.0.0.2"));

    ProbeCollectorOptions o;
    o.probes = {ProbeKind::Icmp};
    o.targets = core::ProbeTargets{};
    o.targets.gateway = QStringLiteral("auto");
    o.targets.internet = {QStringLiteral("127.0.0.1")};
    o.procRoot = proc.path();
    o.rateScale = 4.0; // 20 probes/s per loop
    ProbeCollector c(o);
    QCOMPARE(c.targets().gateway, QStringLiteral("auto"));
    QCOMPARE(c.targets().internet, QStringList{QStringLiteral("127.0.0.1")});
    if (auto ok = c.checkSupported(); !ok)
        QSKIP(qPrintable(ok.error().toString())); // ICMP needs ping_group_range or CAP_NET_RAW
    // From here on this is a CI machine (the targets were already chosen): the real gateway from
    // /proc is never probed there, a fixture's is.
    qputenv("CI", "true");
    {
        ProbeCollectorOptions real = o;
        real.procRoot = QStringLiteral("/proc");
        // No sockets at all here, so even a broken guard sends nothing to the real gateway.
        real.transportFactory = [](const ProbeEndpoint &) -> core::Result<std::unique_ptr<ProbeTransport>> {
            return core::makeError(core::ErrorCode::Unsupported, QStringLiteral("no sockets in this check"));
        };
        qunsetenv("CI");
        ProbeCollector r(real);
        qputenv("CI", "true");
        r.start();
        QCOMPARE(r.currentGateway(), QString());
        r.stop();
    }
    std::vector<core::Row> rows;
    c.attach(1, std::make_shared<std::atomic<quint64>>(1),
             [&rows](std::vector<core::Row> r) { rows.insert(rows.end(), r.begin(), r.end()); });
    QSignalSpy batches(&c, &ProbeCollector::samplesReady);
    c.start();
    QCOMPARE(c.currentGateway(), QStringLiteral("127.0.0.2"));
    QTest::qWait(1000);

    // The route now names another gateway. No kernel event comes for a fake file, so the test does
    // what the route notifier does.
    QVERIFY(writeRoute(proc.path(), "127.0.0.3"));
    const qint64 changedUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    c.recheckGateway();
    QCOMPARE(c.currentGateway(), QStringLiteral("127.0.0.3"));
    c.recheckGateway(); // unchanged: no second event, the loop keeps running
    QTest::qWait(1000);
    // No default route at all: the gateway ping stops.
    QVERIFY(writeRoute(proc.path(), QString()));
    const qint64 goneUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    c.recheckGateway();
    QCOMPARE(c.currentGateway(), QString());
    QTest::qWait(500);
    c.stop();

    std::map<QString, int> answered;
    qint64 lastSeqLocal = -1;
    for (const QVariantList &args : batches) {
        for (const core::ProbeSample &s : args.at(1).value<std::vector<core::ProbeSample>>()) {
            QVERIFY2(s.target.startsWith("127.0.0."), qPrintable(s.target));
            const bool gw = s.notes.contains("gateway=1");
            QCOMPARE(gw, s.target != "127.0.0.1");
            if (s.target == "127.0.0.2")
                QVERIFY2(s.utcUs <= changedUs, "the old gateway is not probed after the change");
            if (s.target == "127.0.0.3") {
                QVERIFY2(s.utcUs >= changedUs - 1000 && s.utcUs <= goneUs,
                         "the new gateway only while it is the gateway");
            }
            if (s.target == "127.0.0.1") {
                QVERIFY2(s.seq > lastSeqLocal, "the other loop keeps its sequence through the changes");
                lastSeqLocal = s.seq;
            }
            if (s.rttMs)
                answered[s.target]++;
        }
    }
    QVERIFY2(answered["127.0.0.2"] >= 10, qPrintable(QString::number(answered["127.0.0.2"])));
    QVERIFY2(answered["127.0.0.3"] >= 10, qPrintable(QString::number(answered["127.0.0.3"])));
    QVERIFY2(answered["127.0.0.1"] >= 40, qPrintable(QString::number(answered["127.0.0.1"])));
    QStringList changes;
    for (const core::Row &r : rows)
        if (r.table == core::Table::Events && r.get("message").toString().startsWith("gateway changed"))
            changes << r.get("message").toString();
    QCOMPARE(changes, (QStringList{QStringLiteral("gateway changed from 127.0.0.2 to 127.0.0.3"),
                                   QStringLiteral("gateway changed from 127.0.0.3 to none")}));
}

QTEST_MAIN(TestProbeCollector)
#include "tst_probe_collector.moc"
