// SPDX-License-Identifier: GPL-3.0-or-later
// HTTP HEAD and system-DNS probes over loopback: real Qt HTTP/HTTPS servers in the test (keep-alive reuse counted by
// accepts, proxy headers, 404, refused, TLS trust by pin and CA file), getaddrinfo of localhost, a hung resolver, and
// the agent's flags and report.
#include "probe_collector_run.h"
#include "collectors/probes/dns/dns_system_transport.h"
#include "collectors/probes/http/http_head_transport.h"
#include "collectors/probes/probe_collector.h"
#include "core/store/capture_store.h"
#include "core/report/capture_summary.h"
#include "core/base/notes_codec.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <condition_variable>
#include <mutex>

using namespace pathlens;
using namespace pathlens::collect;

namespace {

// A tiny HTTP/1.1 server on the test's thread: answers every HEAD on a connection (keep-alive),
// with proxy-like headers on /ok, 404 on /missing, and "Connection: close" on /close.
class TinyHttpServer : public QObject {
public:
    explicit TinyHttpServer(QTcpServer *server) : m_server(server)
    {
        auto onConn = [this] {
            while (QTcpSocket *s = m_server->nextPendingConnection()) {
                ++accepts;
                connect(s, &QIODevice::readyRead, s, [this, s] { serve(s); });
                connect(s, &QAbstractSocket::disconnected, s, &QObject::deleteLater);
                // Forget it once gone (not on disconnected: serve() may still hold its buffer): a later
                // socket can get the same address and must not inherit this one's request count, which
                // made /drop-reuse close a fresh connection.
                connect(s, &QObject::destroyed, this, [this, s] {
                    m_buffers.erase(s);
                    m_served.erase(s);
                });
                serve(s); // a TLS socket may already hold the request
            }
        };
        // QSslServer hands sockets over after the handshake (pendingConnectionAvailable).
        connect(server, &QTcpServer::pendingConnectionAvailable, this, onConn);
        connect(server, &QTcpServer::newConnection, this, onConn);
    }
    int accepts = 0, requests = 0;
    QByteArray lastHost;

private:
    void serve(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        for (qsizetype end = buf.indexOf("\r\n\r\n"); end >= 0; end = buf.indexOf("\r\n\r\n")) {
            const QByteArray req = buf.left(end);
            buf.remove(0, end + 4);
            ++requests;
            const QByteArray path = req.split(' ').value(1);
            for (const QByteArray &line : req.split('\n'))
                if (line.toLower().startsWith("host:"))
                    lastHost = line.mid(5).trimmed();
            if (path == "/drop-reuse" && ++m_served[s] > 1) { // closes as a kept connection is reused
                s->disconnectFromHost();
                return;
            }
            QByteArray reply;
            if (path == "/missing")
                reply = "HTTP/1.1 404 Not Found\r\nServer: tiny\r\nContent-Length: 9\r\n\r\n";
            else if (path == "/close")
                reply = "HTTP/1.1 200 OK\r\nConnection: close\r\nServer: tiny\r\n\r\n";
            else
                reply = "HTTP/1.1 200 OK\r\nServer: tiny/1.0\r\nVia: 1.1 test-proxy (squid)\r\nX-Cache: HIT from "
                        "test-proxy\r\nX-Cache-Hits: 7\r\nX-Forwarded-For: 192.0.2.10\r\nContent-Length: 1234\r\n\r\n";
            s->write(reply);
            if (path == "/close")
                s->disconnectFromHost();
            if (path == "/idle-close") // a short keep-alive timeout: the server closes the idle connection
                QTimer::singleShot(150, s, [s] { s->disconnectFromHost(); });
        }
    }
    QTcpServer *m_server;
    std::map<QTcpSocket *, QByteArray> m_buffers;
    std::map<QTcpSocket *, int> m_served;
};

QString note(const core::ProbeSample &s, const QString &key)
{
    return core::Notes::parse(s.notes)->value(key).value_or(QString());
}

bool hasNote(const core::ProbeSample &s, const QString &key)
{
    return core::Notes::parse(s.notes)->value(key).has_value();
}

std::vector<core::ProbeSample> byTarget(const std::vector<core::ProbeSample> &all, const QString &target)
{
    std::vector<core::ProbeSample> out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const auto &s) { return s.target == target; });
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.seq < b.seq; });
    return out;
}

ProbeCollectorOptions httpOnly(double rateScale)
{
    ProbeCollectorOptions o;
    o.probes = {ProbeKind::HttpHead};
    o.rateScale = rateScale;
    return o;
}

} // namespace

class TestHttpProbe : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void keepAliveHeadersAndFailures();
    void httpsTrustByPinAndCaFile();
    void systemDnsOfLocalhost();
    void hungResolverIsBounded();
    void badUrlNamesTheFix();
    void configKeys();
    void ipv6LiteralUrl();
    void agentFlagsAndReport();
    void cleanup();

private:
    QTemporaryDir m_dir;
};

void TestHttpProbe::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv(core::kTargetsEnvVar, "127.0.0.1");
}

void TestHttpProbe::cleanup()
{
    qputenv(core::kTargetsEnvVar, "127.0.0.1");
}

void TestHttpProbe::keepAliveHeadersAndFailures()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TinyHttpServer http(&server);
    QTcpServer closed; // a port nobody listens on: connection refused
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 deadPort = closed.serverPort();
    closed.close();
    const QString base = QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort());
    const QString ok = base + "/ok", missing = base + "/missing", close = base + "/close",
                  idleClose = base + "/idle-close", dropReuse = base + "/drop-reuse",
                  refused = QStringLiteral("http://127.0.0.1:%1/").arg(deadPort);
    qputenv(core::kTargetsEnvVar, QStringList{ok, missing, close, idleClose, dropReuse, refused}.join(',').toUtf8());

    const auto samples = runCollector(httpOnly(10.0), 2800); // one HEAD per loop every 0.5 s
    const auto okS = byTarget(samples, ok), missingS = byTarget(samples, missing), closeS = byTarget(samples, close),
               refusedS = byTarget(samples, refused);
    qInfo("ok %zu, 404 %zu, close %zu, refused %zu probes; server: %d accepts, %d requests", okS.size(),
          missingS.size(), closeS.size(), refusedS.size(), http.accepts, http.requests);
    QVERIFY(okS.size() >= 4 && missingS.size() >= 4 && closeS.size() >= 4);
    for (const auto &s : samples)
        QCOMPARE(s.probe, QStringLiteral("http_head"));

    // Keep-alive: every /ok probe on connection 1; only the first one set it up.
    for (size_t i = 0; i < okS.size(); ++i) {
        const auto &s = okS[i];
        QVERIFY2(s.rttMs && *s.rttMs >= 0 && *s.rttMs < 100, qPrintable(s.notes));
        QCOMPARE(note(s, "conn"), QStringLiteral("1"));
        QCOMPARE(note(s, "reused"), i == 0 ? QStringLiteral("0") : QStringLiteral("1"));
        QCOMPARE(hasNote(s, "connect_ms"), i == 0);
        QCOMPARE(note(s, "mode"), QStringLiteral("http"));
        QCOMPARE(note(s, "status"), QStringLiteral("200"));
        QCOMPARE(note(s, "via"), QStringLiteral("1.1 test-proxy (squid)"));
        QCOMPARE(note(s, "x-cache"), QStringLiteral("HIT from test-proxy"));
        QCOMPARE(note(s, "x-cache-hits"), QStringLiteral("7"));
        QCOMPARE(note(s, "x-forwarded-for"), QStringLiteral("192.0.2.10"));
        QCOMPARE(note(s, "server"), QStringLiteral("tiny/1.0"));
        QVERIFY(std::abs(note(s, "first_byte_ms").toDouble() - *s.rttMs) < 0.001); // RTT = request → first byte
        QVERIFY(!s.dnsMs); // an address literal: nothing resolved
    }
    // 404: a failed probe with a clear error; the connection is still kept.
    for (const auto &s : missingS) {
        QVERIFY(!s.rttMs);
        QCOMPARE(note(s, "error"), QStringLiteral("http 404 Not Found"));
        QCOMPARE(note(s, "status"), QStringLiteral("404"));
        QCOMPARE(note(s, "conn"), QStringLiteral("1"));
        QVERIFY(hasNote(s, "first_byte_ms"));
    }
    // "Connection: close": answered, but every probe needs a new connection.
    for (size_t i = 0; i < closeS.size(); ++i) {
        QVERIFY(closeS[i].rttMs);
        QCOMPARE(note(closeS[i], "reused"), QStringLiteral("0"));
        QCOMPARE(note(closeS[i], "conn"), QString::number(i + 1));
    }
    // The server closed each idle connection before the next probe: noticed, and a new one opened.
    const auto idleS = byTarget(samples, idleClose);
    QVERIFY(idleS.size() >= 4);
    for (const auto &s : idleS) {
        QVERIFY2(s.rttMs, qPrintable(s.notes));
        QCOMPARE(note(s, "reused"), QStringLiteral("0"));
    }
    // Closed exactly as it was reused (the keep-alive race): retried once on a new connection.
    const auto dropS = byTarget(samples, dropReuse);
    QVERIFY(dropS.size() >= 4);
    for (size_t i = 0; i < dropS.size(); ++i) {
        QVERIFY2(dropS[i].rttMs, qPrintable(dropS[i].notes));
        QCOMPARE(note(dropS[i], "retried"), i == 0 ? QString() : QStringLiteral("1"));
        QCOMPARE(note(dropS[i], "reused"), QStringLiteral("0"));
    }
    for (const auto &s : refusedS) {
        QVERIFY(!s.rttMs);
        QCOMPARE(note(s, "error"), QStringLiteral("refused"));
    }
    QVERIFY(!refusedS.empty());
    // One TCP connection for all /ok probes, one for all /missing ones, one per /close probe.
    QCOMPARE(http.accepts, 2 + int(closeS.size()) + int(idleS.size()) + int(dropS.size()));
}

void TestHttpProbe::httpsTrustByPinAndCaFile()
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        QSKIP("openssl CLI not found: it makes the self-signed test certificate");
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS back end here");
    const QString cert = m_dir.filePath("cert.pem"), key = m_dir.filePath("key.pem");
    QProcess gen;
    gen.start(openssl, {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                        "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost", "-addext",
                        "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"});
    QVERIFY(gen.waitForFinished(30000));
    QCOMPARE(gen.exitCode(), 0);
    QFile cf(cert), kf(key);
    QVERIFY(cf.open(QIODevice::ReadOnly) && kf.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(cf.readAll(), QSsl::Pem);
    const QSslKey privateKey(kf.readAll(), QSsl::Ec, QSsl::Pem);
    QVERIFY(!certificate.isNull() && !privateKey.isNull());

    QSslServer server;
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setLocalCertificate(certificate);
    conf.setPrivateKey(privateKey);
    server.setSslConfiguration(conf);
    QVERIFY(server.listen(QHostAddress::Any, 0)); // dual-stack: "localhost" may resolve to ::1 first
    TinyHttpServer http(&server);
    // localhost: the probe resolves it (hosts file) and verifies the certificate against that name.
    const QString url = QStringLiteral("https://localhost:%1/ok").arg(server.serverPort());
    qputenv(core::kTargetsEnvVar, url.toUtf8());
    const QString pin = QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());

    // Verified normally: a self-signed certificate is refused, and the note says why.
    auto samples = runCollector(httpOnly(10.0), 1300);
    QVERIFY(!samples.empty());
    for (const auto &s : samples) {
        QVERIFY(!s.rttMs);
        QCOMPARE(note(s, "error"), QStringLiteral("tls"));
        QVERIFY2(note(s, "tls_error").contains("self-signed", Qt::CaseInsensitive), qPrintable(s.notes));
    }
    // A wrong pin trusts nothing.
    ProbeCollectorOptions wrong = httpOnly(10.0);
    wrong.targets.httpPinsSha256 = {QString(64, QLatin1Char('0'))};
    samples = runCollector(wrong, 1300);
    QVERIFY(!samples.empty());
    QVERIFY(std::none_of(samples.begin(), samples.end(), [](const auto &s) { return s.rttMs.has_value(); }));

    // Pinned: trusted, TLS timed, then the session is reused.
    const int acceptsBefore = http.accepts;
    ProbeCollectorOptions pinned = httpOnly(10.0);
    pinned.targets.httpPinsSha256 = {pin};
    samples = runCollector(pinned, 2800);
    QVERIFY(samples.size() >= 4);
    for (size_t i = 0; i < samples.size(); ++i) {
        const auto &s = samples[i];
        QVERIFY2(s.rttMs, qPrintable(s.notes));
        QCOMPARE(note(s, "mode"), QStringLiteral("https"));
        QCOMPARE(note(s, "x-cache"), QStringLiteral("HIT from test-proxy"));
        if (s.seq == 0) {
            QVERIFY(s.dnsMs && *s.dnsMs >= 0); // "localhost" was resolved for the new connection
            QVERIFY(hasNote(s, "connect_ms") && hasNote(s, "tls_ms"));
            QVERIFY(note(s, "tls").startsWith("TLSv1."));
            QCOMPARE(note(s, "reused"), QStringLiteral("0"));
        } else {
            QCOMPARE(note(s, "reused"), QStringLiteral("1"));
            QVERIFY(!hasNote(s, "tls_ms"));
        }
    }
    QCOMPARE(http.accepts - acceptsBefore, 1);

    // The same certificate as a CA file.
    ProbeCollectorOptions ca = httpOnly(10.0);
    ca.targets.httpCaFile = cert;
    samples = runCollector(ca, 1300);
    QVERIFY(!samples.empty());
    QVERIFY2(samples.front().rttMs, qPrintable(samples.front().notes));
    // An unreadable CA file leaves the loop out with an error that names the flag.
    auto bad = createHttpHeadTransport(url, HttpTlsTrust{m_dir.filePath("none.pem"), {}});
    QVERIFY(!bad);
    QVERIFY(bad.error().remedy.contains("--http-ca-file"));
}

void TestHttpProbe::systemDnsOfLocalhost()
{
    qputenv(core::kTargetsEnvVar, "loopback"); // → "localhost", answered from the hosts file
    ProbeCollectorOptions o;
    o.probes = {ProbeKind::DnsSystem};
    o.rateScale = 100.0; // every 0.3 s
    const auto samples = runCollector(o, 1500);
    QVERIFY(samples.size() >= 4);
    for (const auto &s : samples) {
        QCOMPARE(s.probe, QStringLiteral("dns_system"));
        QCOMPARE(s.target, QStringLiteral("localhost"));
        QVERIFY2(s.rttMs && *s.rttMs < 100, qPrintable(s.notes));
        QCOMPARE(s.dnsMs, s.rttMs);
        QVERIFY(note(s, "addresses").toInt() >= 1);
        QCOMPARE(note(s, "mode"), QStringLiteral("getaddrinfo"));
    }
}

void TestHttpProbe::hungResolverIsBounded()
{
    // A fake resolver (the OS one must not see these names): "fail.test" fails at once,
    // "hang.test" blocks until released. At most two lookups may hang; the rest fail at once.
    struct Gate {
        std::mutex m;
        std::condition_variable cv;
        bool open = false;
        int running = 0, maxRunning = 0;
    };
    auto gate = std::make_shared<Gate>();
    SystemLookupFn fake = [gate](const QString &name) {
        SystemLookupResult r;
        if (name == QLatin1String("fail.test")) {
            r.error = QStringLiteral("Name or service not known");
            return r;
        }
        std::unique_lock lock(gate->m);
        gate->maxRunning = std::max(gate->maxRunning, ++gate->running);
        gate->cv.wait_for(lock, std::chrono::seconds(20), [&] { return gate->open; });
        --gate->running;
        r.ok = true;
        r.addresses = {QHostAddress::LocalHost};
        return r;
    };
    for (const char *name : {"fail.test", "hang.test"}) {
        qputenv(core::kTargetsEnvVar, QByteArray("dns:") + name);
        ProbeCollectorOptions o;
        o.probes = {ProbeKind::DnsSystem};
        o.rateScale = 100.0; // every 0.3 s; the 5 s timeout is not scaled
        o.transportFactory = [fake](const ProbeEndpoint &e) { return createSystemDnsTransport(e.target, fake); };
        const auto samples = runCollector(o, QByteArray(name) == "fail.test" ? 1000 : 5800);
        QVERIFY(samples.size() >= 3);
        QVERIFY(std::none_of(samples.begin(), samples.end(), [](const auto &s) { return s.rttMs.has_value(); }));
        if (QByteArray(name) == "fail.test") {
            QCOMPARE(note(samples.front(), "error"), QStringLiteral("Name or service not known"));
            QVERIFY(hasNote(samples.front(), "fail_ms"));
            continue;
        }
        int refusedAtOnce = 0, timedOut = 0;
        for (const auto &s : samples) {
            refusedAtOnce += note(s, "error").contains("have not returned yet");
            timedOut += note(s, "timeout") == QLatin1String("1");
        }
        qInfo("hung resolver: %zu samples, %d refused at once, %d timed out, max %d running", samples.size(),
              refusedAtOnce, timedOut, gate->maxRunning);
        QVERIFY(refusedAtOnce >= 10);
        QVERIFY(timedOut >= 1 && timedOut <= 2); // the first lookups, 5 s after they started
        {
            std::lock_guard lock(gate->m);
            QCOMPARE(gate->maxRunning, 2);
            gate->open = true;
        }
        gate->cv.notify_all();
    }
}

void TestHttpProbe::badUrlNamesTheFix()
{
    for (const QString &url :
         {QStringLiteral("ftp://127.0.0.1/"), QStringLiteral("127.0.0.1"), QStringLiteral("http://")}) {
        auto t = createHttpHeadTransport(url, {});
        QVERIFY2(!t, qPrintable(url));
        QVERIFY(t.error().remedy.contains("--http-url"));
    }
}

void TestHttpProbe::configKeys()
{
    const QString path = m_dir.filePath("targets.json");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"http_urls": ["https://lab.test/", "http://10.0.0.2:8080/x"], "dns_name": "lab.test",
               "http_ca_file": "/etc/lab-ca.pem", "http_pin_sha256": ["ab:cd"]})");
    f.close();
    auto t = core::loadTargetsConfig(path);
    QVERIFY(t);
    QCOMPARE(t->httpUrls, (QStringList{"https://lab.test/", "http://10.0.0.2:8080/x"}));
    QCOMPARE(t->dnsName, QStringLiteral("lab.test"));
    QCOMPARE(t->httpCaFile, QStringLiteral("/etc/lab-ca.pem"));
    QCOMPARE(t->httpPinsSha256, QStringList{"ab:cd"});
    QVERIFY(t->all().contains("10.0.0.2")); // URLs count as their hosts
    // PATHLENS_TARGETS replaces the targets but keeps the trust settings.
    const auto o = core::applyTargetOverride(*t, QStringLiteral("loopback"));
    QCOMPARE(o.httpUrls, QStringList{"http://127.0.0.1/"});
    QCOMPARE(o.dnsName, QStringLiteral("localhost"));
    QCOMPARE(o.httpCaFile, QStringLiteral("/etc/lab-ca.pem"));
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(R"({"http_urls": "https://lab.test/"})");
    f.close();
    QVERIFY(!core::loadTargetsConfig(path)); // a string where a list belongs is refused
}

void TestHttpProbe::ipv6LiteralUrl()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHostIPv6, 0))
        QSKIP("no IPv6 loopback here");
    TinyHttpServer http(&server);
    const QString url = QStringLiteral("http://[::1]:%1/ok").arg(server.serverPort());
    qputenv(core::kTargetsEnvVar, url.toUtf8());
    const auto samples = runCollector(httpOnly(10.0), 1300);
    QVERIFY(!samples.empty());
    QVERIFY2(samples.front().rttMs, qPrintable(samples.front().notes));
    QCOMPARE(note(samples.front(), "addr"), QStringLiteral("::1"));
    QCOMPARE(http.lastHost, QByteArray("[::1]:") + QByteArray::number(server.serverPort())); // RFC 9110 §7.2
}

void TestHttpProbe::agentFlagsAndReport()
{
    const QString agent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
    auto run = [&](const QStringList &args, const QByteArray &targets) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PATHLENS_TARGETS"), QString::fromUtf8(targets));
        p.setProcessEnvironment(env);
        p.start(agent, args);
        QDeadlineTimer deadline(30000);
        // The servers live on this thread: keep its event loop turning while the agent runs.
        while (p.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(20);
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished();
        }
        return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardError() + p.readAllStandardOutput()));
    };
    const QString cap = m_dir.filePath("agent.sqlite");
    auto r = run({"run", "--collectors", "probes", "--http-url", "ftp://x/", "--capture", cap, "--duration", "1"},
                 "127.0.0.1");
    QCOMPARE(r.first, 2);
    QVERIFY(r.second.contains("--http-url"));
    r = run({"run", "--collectors", "probes", "--http-pin", "abc", "--capture", cap, "--duration", "1"}, "127.0.0.1");
    QCOMPARE(r.first, 2);
    QVERIFY(r.second.contains("--http-pin"));

    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TinyHttpServer http(&server);
    const QString url = QStringLiteral("http://127.0.0.1:%1/ok").arg(server.serverPort());
    r = run({"run", "--collectors", "probes", "--probes", "http,dns", "--rate-scale", "10", "--capture", cap,
             "--duration", "3", "--log-level", "warn"},
            (url + ",dns:localhost").toUtf8());
    QVERIFY2(r.first == 0, qPrintable(r.second));
    QCOMPARE(http.accepts, 1);
    auto store = core::CaptureStore::open(cap, core::CaptureStore::Mode::ReadOnly);
    QVERIFY(store);
    const QJsonObject summary = *core::summarizeCapture(**store);
    QJsonObject httpEntry, dnsEntry;
    for (const QJsonValue &v : summary.value("probes").toArray()) {
        if (v.toObject().value("type").toString() == "http_head")
            httpEntry = v.toObject();
        if (v.toObject().value("type").toString() == "dns_system")
            dnsEntry = v.toObject();
    }
    qInfo("%s", QJsonDocument(httpEntry).toJson(QJsonDocument::Compact).constData());
    QCOMPARE(httpEntry["target"].toString(), url);
    QVERIFY(httpEntry["sent"].toDouble() >= 5);
    QCOMPARE(httpEntry["connections"].toDouble(), 1.0);
    QCOMPARE(httpEntry["reused"].toDouble(), httpEntry["sent"].toDouble() - 1);
    QVERIFY(httpEntry["connect_ms"].isDouble() && httpEntry["first_byte_ms"].isDouble());
    QVERIFY(httpEntry["tls_ms"].isNull() && httpEntry["dns_ms"].isNull());
    QVERIFY(std::abs(httpEntry["rtt_p50_ms"].toDouble() - httpEntry["first_byte_ms"].toDouble()) < 0.001);
    const QJsonObject headers = httpEntry["headers"].toObject();
    QCOMPARE(headers["via"].toString(), QStringLiteral("1.1 test-proxy (squid)"));
    QCOMPARE(headers["status"].toString(), QStringLiteral("200"));
    QVERIFY(httpEntry["last_error"].isNull());
    QCOMPARE(dnsEntry["target"].toString(), QStringLiteral("localhost"));
    QVERIFY(dnsEntry["sent"].toDouble() >= 1);
    QCOMPARE(dnsEntry["lost"].toDouble(), 0.0);
}

QTEST_MAIN(TestHttpProbe)
#include "tst_http_probe.moc"
