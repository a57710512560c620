// SPDX-License-Identifier: GPL-3.0-or-later
// HTTP HEAD and system-DNS probes against lab ground truth (two-hosts, 20 ms RTT): connect ≈ 1 RTT, first byte ≈ 1
// RTT, one TCP connection per loop (keep-alive), proxy headers captured; getaddrinfo through a lab DNS responder
// (/etc/netns/<ns>/resolv.conf) ≈ 1 RTT. Runs `pathlens-agent run --probes http,dns` in h1; no real name is resolved.
#include "core/store/probe_rows.h"
#include "lab_fixture.h"

#include "core/store/capture_store.h"
#include "core/base/notes_codec.h"
#include "core/active/probe_analysis.h"
#include "core/active/probe_sample.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace pathlens;
using namespace pathlens::lab;

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
const QString kLabDir = QStringLiteral(PATHLENS_TEST_DATA_DIR "/../lab");
const QString kName = QStringLiteral("probe.pathlens.test"); // reserved TLD (RFC 6761): never a real name

std::vector<core::ProbeSample> readSamples(const QString &path)
{
    std::vector<core::ProbeSample> out;
    auto store = core::CaptureStore::open(path, core::CaptureStore::Mode::ReadOnly);
    if (!store)
        return out;
    (void)(*store)->forEach(core::Table::ProbeSamples, [&](const core::Row &r) {
        out.push_back(core::probeSampleFromRow(r));
        return true;
    });
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.seq < b.seq; });
    return out;
}

std::optional<double> noteMs(const core::ProbeSample &s, const char *key)
{
    bool ok = false;
    const double v = core::Notes::parse(s.notes)->value(QString::fromLatin1(key)).value_or(QString()).toDouble(&ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

QString note(const core::ProbeSample &s, const char *key)
{
    return core::Notes::parse(s.notes)->value(QString::fromLatin1(key)).value_or(QString());
}

double median(std::vector<double> v)
{
    return v.empty() ? -1 : core::percentile(std::move(v), 50);
}
} // namespace

class TestHttpProbeLab : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void phasesMatchThePath();

private:
    QTemporaryDir m_dir;
};

void TestHttpProbeLab::initTestCase()
{
    PATHLENS_LAB_REQUIRE();
    QVERIFY2(QFile::exists(kAgent), qPrintable(kAgent));
    QVERIFY(m_dir.isValid());
}

void TestHttpProbeLab::phasesMatchThePath()
{
    LabFixture lab(QStringLiteral("two-hosts"));
    QVERIFY2(lab.isUp(), qPrintable(lab.error()));
    const QString h2 = lab.address("h2");
    // h1's resolver is the lab responder on h2 (ip netns exec bind-mounts this over /etc/resolv.conf).
    const QString ns = lab.state().value("nodes").toObject().value("h1").toObject().value("netns").toString();
    QVERIFY(!ns.isEmpty());
    const QString netnsDir = QStringLiteral("/etc/netns/") + ns;
    QVERIFY(QDir().mkpath(netnsDir));
    struct Cleanup {
        QString dir;
        ~Cleanup() { QDir(dir).removeRecursively(); }
    } cleanup{netnsDir};
    {
        QFile rc(netnsDir + "/resolv.conf");
        QVERIFY(rc.open(QIODevice::WriteOnly));
        rc.write(QStringLiteral("nameserver %1\noptions timeout:2 attempts:1\n").arg(h2).toUtf8());
    }
    // HTTPS: a self-signed certificate for the lab name, trusted by the agent as a CA file.
    const QString cert = m_dir.filePath("lab-cert.pem"), key = m_dir.filePath("lab-key.pem");
    QProcess openssl;
    openssl.start("openssl",
                  {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                   key, "-out", cert, "-days", "2", "-subj", "/CN=" + kName, "-addext", "subjectAltName=DNS:" + kName});
    QVERIFY2(openssl.waitForFinished(30000) && openssl.exitCode() == 0, "openssl CLI makes the lab certificate");
    auto web = lab.spawn("h2", {"python3", kLabDir + "/lab_http_server.py", "8080"});
    auto tls = lab.spawn("h2", {"python3", kLabDir + "/lab_http_server.py", "8443", cert, key});
    auto dns = lab.spawn("h2", {"python3", kLabDir + "/lab_dns_responder.py", kName, h2});
    QVERIFY(web->waitForStarted() && dns->waitForStarted() && tls->waitForStarted());
    QVERIFY(web->waitForReadyRead(5000) && dns->waitForReadyRead(5000) && tls->waitForReadyRead(5000)); // "listening"
    web->readAllStandardOutput();
    tls->readAllStandardOutput();
    dns->readAllStandardOutput();
    lab.exec("h1", {"ping", "-n", "-c", "2", "-i", "0.2", h2}, 5000); // neighbour discovery out of the way

    // One URL by address, one by name (its new connection resolves through the lab responder too).
    const QString byAddr = QStringLiteral("http://%1:8080/").arg(h2),
                  byName = QStringLiteral("http://%1:8080/x").arg(kName),
                  https = QStringLiteral("https://%1:8443/").arg(kName);
    const QString cap = m_dir.filePath("http.sqlite");
    const auto run =
        lab.exec("h1",
                 {"env", QStringLiteral("PATHLENS_TARGETS=%1,%2,%3,dns:%4").arg(byAddr, byName, https, kName), kAgent,
                  "run", "--collectors", "probes", "--probes", "http,dns", "--rate-scale", "20", "--http-ca-file", cert,
                  "--duration", "12", "--capture", cap, "--log-level", "warn"},
                 40000);
    QVERIFY2(run.ok(), run.err.constData());
    web->waitForReadyRead(2000); // the servers' logs: this thread ran no event loop while the agent ran
    dns->waitForReadyRead(2000);
    tls->waitForReadyRead(2000);
    const QString tlsLog = QString::fromUtf8(tls->readAllStandardOutput());
    const QString webLog = QString::fromUtf8(web->readAllStandardOutput());
    const QString dnsLog = QString::fromUtf8(dns->readAllStandardOutput());

    const auto all = readSamples(cap);
    std::map<QString, std::vector<core::ProbeSample>> by;
    for (const auto &s : all)
        by[s.target].push_back(s);
    const double truth = 20.0; // two-hosts.json: 10 ms each way

    int connections = 0;
    for (const QString &url : {byAddr, byName}) {
        const auto &ss = by[url];
        std::vector<double> firstByte;
        for (const auto &s : ss) {
            QVERIFY2(s.rttMs, qPrintable(s.notes));
            firstByte.push_back(*s.rttMs);
            QCOMPARE(note(s, "x-cache"), QStringLiteral("HIT from lab-cache"));
            QCOMPARE(note(s, "via"), QStringLiteral("1.1 lab-cache (squid/5.7)"));
            QCOMPARE(note(s, "conn"), QStringLiteral("1")); // keep-alive: one connection for every probe
            QCOMPARE(note(s, "reused"), s.seq == 0 ? QStringLiteral("0") : QStringLiteral("1"));
        }
        connections += ss.empty() ? 0 : 1;
        const auto &first = ss.front();
        const double connect = noteMs(first, "connect_ms").value_or(-1);
        const double fb = median(firstByte);
        qInfo("%s: %zu probes, connect %.3f ms, first byte p50 %.3f ms (min %.3f, max %.3f), dns %s ms, total %.3f ms",
              qPrintable(url), ss.size(), connect, fb, *std::min_element(firstByte.begin(), firstByte.end()),
              *std::max_element(firstByte.begin(), firstByte.end()),
              first.dnsMs ? qPrintable(QString::number(*first.dnsMs, 'f', 3)) : "-",
              noteMs(first, "total_ms").value_or(-1));
        QVERIFY(ss.size() >= 40); // 12 s at one every 250 ms = 48
        QVERIFY2(connect >= truth - 0.1 && connect <= truth + 1.0, "TCP connect ≈ 1 RTT (±1 ms)");
        QVERIFY2(fb >= truth - 0.1 && fb <= truth + 2.0, "request → first byte ≈ 1 RTT (±2 ms)");
        if (url == byName) {
            QVERIFY(first.dnsMs);
            // +5 ms: at start three lookups (two URLs, the DNS probe) hit the one-threaded Python
            // responder at once, six questions answered one after another.
            QVERIFY2(*first.dnsMs >= truth - 0.1 && *first.dnsMs <= truth + 5.0, "name resolved over the 20 ms link");
        } else {
            QVERIFY(!first.dnsMs);
        }
    }
    QCOMPARE(connections, 2);

    // HTTPS: TLS 1.3 needs one round trip (ClientHello → server Finished) plus the handshake's
    // crypto on both ends; the session is then reused like the plain one.
    const auto &tlsS = by[https];
    std::vector<double> tlsFirstByte;
    for (const auto &s : tlsS) {
        QVERIFY2(s.rttMs, qPrintable(s.notes));
        tlsFirstByte.push_back(*s.rttMs);
        QCOMPARE(note(s, "conn"), QStringLiteral("1"));
    }
    QVERIFY(tlsS.size() >= 40);
    const double tlsMs = noteMs(tlsS.front(), "tls_ms").value_or(-1);
    qInfo("%s: %zu probes, dns %.3f, connect %.3f, TLS %.3f ms (%s), first byte p50 %.3f ms", qPrintable(https),
          tlsS.size(), tlsS.front().dnsMs.value_or(-1), noteMs(tlsS.front(), "connect_ms").value_or(-1), tlsMs,
          qPrintable(note(tlsS.front(), "tls")), median(tlsFirstByte));
    QCOMPARE(note(tlsS.front(), "tls"), QStringLiteral("TLSv1.3"));
    // The bound is structural: at least the one round trip, and less than two (a second round trip —
    // a TLS 1.2-style handshake, or connect counted in — would pass 2 RTT). The crypto on top is CPU
    // time of both ends, not ours to bound: 5 ms on a quiet 2-vCPU VM, 12.5 ms measured during a CI
    // run next to a compile, which failed the former "+10 ms" limit.
    QVERIFY2(tlsMs >= truth - 0.1 && tlsMs < 2 * truth, "TLS 1.3 handshake: one round trip plus crypto, not two");
    QVERIFY2(median(tlsFirstByte) >= truth - 0.1 && median(tlsFirstByte) <= truth + 2.0, "first byte ≈ 1 RTT");
    QCOMPARE(tlsLog.count(QStringLiteral("accept ")), 1);
    QCOMPARE(webLog.count(QStringLiteral("accept ")), 2); // the server saw exactly one connection per loop

    // System resolver: A and AAAA go out together, so one lookup ≈ one round trip.
    std::vector<double> lookups;
    for (const auto &s : by[kName]) {
        QCOMPARE(s.probe, QStringLiteral("dns_system"));
        QVERIFY2(s.rttMs, qPrintable(s.notes));
        QCOMPARE(note(s, "addresses"), QStringLiteral("1"));
        lookups.push_back(*s.rttMs);
    }
    const double dnsP50 = median(lookups);
    qInfo("system DNS: %zu lookups, p50 %.3f ms; responder saw %lld questions", lookups.size(), dnsP50,
          qlonglong(dnsLog.count(QStringLiteral("query "))));
    QVERIFY(lookups.size() >= 7); // 12 s at one every 1.5 s = 8
    QVERIFY2(dnsP50 >= truth - 0.1 && dnsP50 <= truth + 3.0, "system DNS ≈ 1 RTT (+3 ms: a Python responder)");
    QVERIFY(dnsLog.contains(QStringLiteral("query 1 ") + kName));
}

QTEST_MAIN(TestHttpProbeLab)
#include "tst_http_probe_lab.moc"
