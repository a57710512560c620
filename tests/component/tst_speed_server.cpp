// SPDX-License-Identifier: GPL-3.0-or-later
// The throughput endpoints over real loopback sockets with httplib's client: exact byte counts
// both ways against /stats, bad sizes, the budget and its Retry-After, the test mode, HTTPS with a
// certificate made by openssl, a port in use, and a stop that does not wait for its clients.
#include "collectors/load/speed_server.h"
#include "pathlens/version.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <httplib.h>

#include <thread>

using pathlens::collect::SpeedServer;
using pathlens::collect::SpeedServerOptions;

namespace {
constexpr qint64 kMB = 1'000'000;

SpeedServerOptions onLoopback()
{
    SpeedServerOptions o;
    o.bindAddress = QStringLiteral("127.0.0.1");
    o.port = 0;
    return o;
}

QJsonObject statsOf(httplib::Client &cli)
{
    auto r = cli.Get("/stats");
    return r && r->status == 200 ? QJsonDocument::fromJson(QByteArray::fromStdString(r->body)).object() : QJsonObject();
}

QJsonObject loopbackClient(httplib::Client &cli)
{
    return statsOf(cli)["clients"].toObject()["127.0.0.1"].toObject();
}

// Downloads /download?bytes=N, counting what arrives without keeping it.
struct Download {
    int status = 0;
    qint64 received = 0;
    std::string contentLength, server, cacheControl, contentEncoding;
};
Download download(httplib::Client &cli, const std::string &bytes)
{
    Download d;
    auto r = cli.Get(
        "/download?bytes=" + bytes,
        [&](const httplib::Response &res) {
            d.contentLength = res.get_header_value("Content-Length");
            d.server = res.get_header_value("Server");
            d.cacheControl = res.get_header_value("Cache-Control");
            d.contentEncoding = res.get_header_value("Content-Encoding");
            return true;
        },
        [&](const char *, size_t n) {
            d.received += qint64(n);
            return true;
        });
    d.status = r ? r->status : -1;
    return d;
}

// The head of the answer to an upload that announces `length` bytes and waits for 100 Continue
// (the request is written by hand: httplib's client never sends Expect).
QByteArray expectAnswer(quint16 port, qint64 length)
{
    QTcpSocket raw;
    raw.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!raw.waitForConnected(2000))
        return {};
    raw.write(QByteArray("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ") + QByteArray::number(length) +
              "\r\nExpect: 100-continue\r\n\r\n");
    QByteArray answer;
    for (int i = 0; i < 40 && !answer.contains("\r\n\r\n"); ++i) // bounded: 2 s
        if (raw.waitForReadyRead(50))
            answer += raw.readAll();
    return answer;
}

// Uploads n bytes from one small buffer (streamed; never n in memory).
httplib::Result upload(httplib::Client &cli, qint64 n)
{
    static const std::string chunk(256 * 1024, 'u');
    return cli.Post(
        "/upload", size_t(n),
        [](size_t offset, size_t length, httplib::DataSink &sink) {
            Q_UNUSED(offset);
            return sink.write(chunk.data(), std::min(length, chunk.size()));
        },
        "application/octet-stream");
}
} // namespace

class TstSpeedServer : public QObject {
    Q_OBJECT
private slots:
    void downloadsExactByteCounts()
    {
        SpeedServer server(onLoopback());
        QVERIFY(server.start().ok());
        httplib::Client cli("127.0.0.1", server.port());
        qint64 sent = 0;
        for (const qint64 n : {qint64(1), qint64(64 * 1024), 50 * kMB}) {
            const Download d = download(cli, std::to_string(n));
            QCOMPARE(d.status, 200);
            QCOMPARE(d.received, n);
            QCOMPARE(d.contentLength, std::to_string(n));
            QCOMPARE(d.server, std::string("pathlens-agent/") + pathlens::kVersion);
            QCOMPARE(d.cacheControl, std::string("no-store"));
            QVERIFY(d.contentEncoding.empty()); // never compressed, whatever the client accepts
            sent += n;
        }
        QJsonObject me = loopbackClient(cli);
        QCOMPARE(me["bytes_sent"].toInteger(), sent);
        QCOMPARE(me["transfers"].toInteger(), 3);
        QCOMPARE(me["bytes_received"].toInteger(), 0);
        QCOMPARE(server.totals().bytesSent, sent);

        // Sizes outside 1..1 GiB: 400 naming the limit, and not a byte more sent.
        for (const std::string bad : {"0", "-5", "abc", "1e6", "", "1073741825", "99999999999999999999"}) {
            auto r = cli.Get("/download?bytes=" + bad);
            QVERIFY(r);
            QCOMPARE(r->status, 400);
            QVERIFY2(QString::fromStdString(r->body).contains("1 to 1073741824 (1 GiB)"), r->body.c_str());
            QCOMPARE(r->get_header_value("Cache-Control"), std::string("no-store"));
        }
        QCOMPARE(cli.Get("/download")->status, 400);
        auto edge = cli.Head("/download?bytes=1073741824"); // exactly 1 GiB is allowed (HEAD: announced, not sent)
        QVERIFY(edge);
        QCOMPARE(edge->status, 200);
        QCOMPARE(edge->get_header_value("Content-Length"), std::string("1073741824"));
        auto missing = cli.Get("/nothing");
        QCOMPARE(missing->status, 404);
        QVERIFY(QString::fromStdString(missing->body).contains("/download?bytes=N"));
        QCOMPARE(missing->get_header_value("Server"), std::string("pathlens-agent/") + pathlens::kVersion);
        me = loopbackClient(cli);
        QCOMPARE(me["bytes_sent"].toInteger(), sent);
        QCOMPARE(me["transfers"].toInteger(), 3);
    }

    void uploadIsAcknowledgedWithTheExactCount()
    {
        SpeedServer server(onLoopback());
        QVERIFY(server.start().ok());
        httplib::Client cli("127.0.0.1", server.port());
        for (const qint64 n : {qint64(0), qint64(1), 10 * kMB + 7}) {
            auto r = upload(cli, n);
            QVERIFY(r);
            QCOMPARE(r->status, 200);
            QCOMPARE(r->get_header_value("Content-Type"), std::string("application/json"));
            QCOMPARE(QJsonDocument::fromJson(QByteArray::fromStdString(r->body)).object()["received"].toInteger(), n);
        }
        const QJsonObject me = loopbackClient(cli);
        QCOMPARE(me["bytes_received"].toInteger(), 10 * kMB + 8);
        QCOMPARE(me["transfers"].toInteger(), 3);
        QCOMPARE(me["incomplete"].toInteger(), 0);
        // No length up front, no budget decision: chunked bodies are refused before they are read.
        auto chunked = cli.Post(
            "/upload", [](size_t offset, httplib::DataSink &sink) {
                if (offset < 1000)
                    return sink.write("0123456789", 10);
                sink.done();
                return true;
            },
            "application/octet-stream");
        QVERIFY(chunked);
        QCOMPARE(chunked->status, 411);
        // Over 1 GiB: refused before the body, when the client waits for 100 Continue.
        QVERIFY(expectAnswer(server.port(), (qint64(1) << 30) + 1).startsWith("HTTP/1.1 413"));
        QVERIFY(expectAnswer(server.port(), 1000).startsWith("HTTP/1.1 100 Continue"));
        QCOMPARE(loopbackClient(cli)["bytes_received"].toInteger(), 10 * kMB + 8);
    }

    // 5 MB per 30 min on an injected clock: refusals say when to come back, and /stats never
    // shows a byte beyond the budget.
    void theBudgetIsNeverExceeded()
    {
        qint64 nowMs = 0;
        SpeedServerOptions o = onLoopback();
        o.budgetBytes = 5 * kMB;
        o.clockMs = [&nowMs] { return nowMs; };
        SpeedServer server(o);
        QVERIFY(server.start().ok());
        httplib::Client cli("127.0.0.1", server.port());
        QCOMPARE(download(cli, "3000000").received, 3 * kMB);                       // t = 0
        nowMs = 10 * 60'000;
        QCOMPARE(upload(cli, 2 * kMB)->status, 200);                                 // t = 10 min: 5 of 5 MB
        auto refused = cli.Get("/download?bytes=1");
        QVERIFY(refused);
        QCOMPARE(refused->status, 429);
        QCOMPARE(refused->get_header_value("Retry-After"), std::string("1200")); // the 3 MB leave at 30 min
        QVERIFY2(QString::fromStdString(refused->body).contains("5000000 of 5000000"), refused->body.c_str());
        // An upload sent without Expect: 100-continue: its body is read and dropped, so the client
        // reads the refusal (not a reset), and the connection stays usable.
        auto up = upload(cli, 3 * kMB);
        QVERIFY2(up, httplib::to_string(up.error()).c_str());
        QCOMPARE(up->status, 429);
        QCOMPARE(up->get_header_value("Retry-After"), std::string("1200"));
        // With Expect: 100-continue the refusal comes before a single body byte is sent.
        const QByteArray answer = expectAnswer(server.port(), 2000000);
        QVERIFY2(answer.startsWith("HTTP/1.1 429"), answer.constData());
        QVERIFY(answer.contains("Retry-After: 1200\r\n"));
        QVERIFY(answer.contains("Connection: close\r\n"));
        QVERIFY(answer.contains("Content-Length: "));
        // A transfer larger than the whole budget can never fit.
        auto huge = cli.Get("/download?bytes=5000001");
        QCOMPARE(huge->status, 429);
        QCOMPARE(huge->get_header_value("Retry-After"), std::string("1800"));

        QJsonObject me = loopbackClient(cli);
        QCOMPARE(me["bytes_sent"].toInteger(), 3 * kMB);
        QCOMPARE(me["bytes_received"].toInteger(), 2 * kMB);
        QVERIFY(me["bytes_sent"].toInteger() + me["bytes_received"].toInteger() <= o.budgetBytes);
        QCOMPARE(me["window_bytes"].toInteger(), 5 * kMB);
        QCOMPARE(me["budget_bytes"].toInteger(), 5 * kMB);
        QCOMPARE(me["rejections"].toInteger(), 4);
        QCOMPARE(me["discarded_bytes"].toInteger(), 3 * kMB);

        nowMs = 30 * 60'000; // the first 3 MB have left the window
        QCOMPARE(download(cli, "3000000").status, 200);
        QCOMPARE(cli.Get("/download?bytes=1")->status, 429);
        nowMs = 40 * 60'000; // and the 2 MB upload
        QCOMPARE(download(cli, "2000000").status, 200);
        me = loopbackClient(cli);
        QCOMPARE(me["bytes_sent"].toInteger(), 8 * kMB);
        QCOMPARE(me["window_bytes"].toInteger(), 5 * kMB);
    }

    void rejectFirstThenServe()
    {
        for (const int status : {429, 403}) {
            SpeedServerOptions o = onLoopback();
            o.rejectFirst = 3;
            o.rejectStatus = status;
            SpeedServer server(o);
            QVERIFY(server.start().ok());
            httplib::Client cli("127.0.0.1", server.port());
            QCOMPARE(statsOf(cli)["reject_first_left"].toInt(), 3); // /stats is not a transfer
            QCOMPARE(cli.Get("/download?bytes=1000")->status, status);
            auto up = upload(cli, 1000);
            QCOMPARE(up->status, status);
            QVERIFY(!up->has_header("Retry-After")); // the client's own backoff is under test
            QCOMPARE(cli.Get("/download?bytes=1000")->status, status);
            QCOMPARE(download(cli, "1000").received, qint64(1000));
            QCOMPARE(upload(cli, 1000)->status, 200);
            const QJsonObject stats = statsOf(cli);
            QCOMPARE(stats["reject_first_left"].toInt(), 0);
            const QJsonObject me = stats["clients"].toObject()["127.0.0.1"].toObject();
            QCOMPARE(me["rejections"].toInteger(), 3);
            QCOMPARE(me["transfers"].toInteger(), 2);
            QCOMPARE(me["bytes_sent"].toInteger(), 1000);
        }
    }

    void servesHttpsWithASelfSignedCertificate()
    {
        QTemporaryDir dir;
        const QString cert = dir.filePath("cert.pem"), key = dir.filePath("key.pem"), other = dir.filePath("other.pem");
        auto openssl = [](const QStringList &args) {
            QProcess p;
            p.start(QStringLiteral("openssl"), args);
            return p.waitForFinished(10000) && p.exitCode() == 0;
        };
        // EC P-256: a key in milliseconds (RSA 2048 takes up to a second on a busy CI machine).
        QVERIFY(openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out",
                         cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"}));
        QVERIFY(openssl({"genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", other}));

        SpeedServerOptions o = onLoopback();
        o.certificatePath = cert;
        o.keyPath = key;
        SpeedServer server(o);
        QVERIFY(server.start().ok());
        QVERIFY(server.tls() && server.url().startsWith("https://127.0.0.1:"));
        httplib::SSLClient tls("127.0.0.1", server.port());
        tls.set_ca_cert_path(cert.toStdString());
        tls.enable_server_certificate_verification(true); // the certificate is checked, not waved through
        qint64 received = 0;
        auto r = tls.Get("/download?bytes=5000000", [&](const char *, size_t n) {
            received += qint64(n);
            return true;
        });
        QVERIFY2(r, httplib::to_string(r.error()).c_str());
        QCOMPARE(r->status, 200);
        QCOMPARE(received, 5 * kMB);
        static const std::string body(3 * kMB, 'x');
        auto up = tls.Post("/upload", body, "application/octet-stream");
        QVERIFY(up);
        QCOMPARE(QJsonDocument::fromJson(QByteArray::fromStdString(up->body)).object()["received"].toInteger(), 3 * kMB);
        QCOMPARE(server.totals().bytesSent, 5 * kMB);
        QCOMPARE(server.totals().bytesReceived, 3 * kMB);
        httplib::Client plainHttp("127.0.0.1", server.port());
        plainHttp.set_read_timeout(2);
        auto refusedPlain = plainHttp.Get("/download?bytes=10");
        QVERIFY(!refusedPlain || refusedPlain->status != 200);

        // A key that is not the certificate's, and a file that is not there: errors naming the fix.
        SpeedServerOptions mismatched = o;
        mismatched.keyPath = other;
        const auto bad = SpeedServer(mismatched).start();
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains("do not load") && bad.error().remedy.contains("openssl"),
                 qPrintable(bad.error().toString()));
        SpeedServerOptions absent = o;
        absent.certificatePath = dir.filePath("absent.pem");
        const auto missing = SpeedServer(absent).start();
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains("cannot read") && missing.error().remedy.contains("openssl req -x509"),
                 qPrintable(missing.error().toString()));
    }

    // httplib's own default (SO_REUSEPORT) would let a second server share the port silently.
    void aPortInUseIsAClearError()
    {
        SpeedServer first(onLoopback());
        QVERIFY(first.start().ok());
        SpeedServerOptions o = onLoopback();
        o.port = first.port();
        SpeedServer second(o);
        const auto r = second.start();
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(QStringLiteral("port %1").arg(first.port())) && r.error().message.contains("already in use"),
                 qPrintable(r.error().toString()));
        QVERIFY(r.error().remedy.contains("--port"));
        QVERIFY(!second.running());
        SpeedServerOptions badBind = onLoopback();
        badBind.bindAddress = QStringLiteral("localhost");
        QVERIFY(!SpeedServer(badBind).start().ok()); // an address literal, not a name
    }

    // An idle keep-alive connection and a download in full flow both end when the server stops;
    // httplib alone would hold the idle one for its 5 s keep-alive.
    void stopDoesNotWaitForClients()
    {
        SpeedServer server(onLoopback());
        QVERIFY(server.start().ok());
        httplib::Client idle("127.0.0.1", server.port());
        idle.set_keep_alive(true);
        QCOMPARE(download(idle, "10").status, 200);
        httplib::Client busy("127.0.0.1", server.port());
        std::atomic<qint64> busyBytes{0};
        int busyStatus = 0;
        std::thread reader([&] {
            auto r = busy.Get("/download?bytes=1073741824", [&](const char *, size_t n) {
                busyBytes += qint64(n);
                std::this_thread::sleep_for(std::chrono::microseconds(50)); // a slow reader: the transfer lasts
                return true;
            });
            busyStatus = r ? r->status : -1;
        });
        for (int i = 0; i < 200 && busyBytes < 1 * kMB; ++i) // bounded: 2 s
            QTest::qWait(10);
        QVERIFY(busyBytes >= 1 * kMB);
        QElapsedTimer t;
        t.start();
        server.stop();
        const qint64 stopMs = t.elapsed();
        reader.join();
        qInfo("stop took %lld ms with an idle keep-alive and a running download (%lld bytes in)", stopMs, qint64(busyBytes));
        QVERIFY2(stopMs < 1000, qPrintable(QString::number(stopMs)));
        QVERIFY(busyBytes < (qint64(1) << 30)); // cut short
        QVERIFY(!server.running());
        QCOMPARE(server.totals().incomplete, qint64(1));
        // Counted as written, not as admitted (1 GiB): beyond what the client read, at most what the
        // two sockets' buffers held (tcp_wmem max 4 MiB + tcp_rmem max 32 MiB on these machines).
        QVERIFY(server.totals().bytesSent <= busyBytes + 10 + 36 * 1024 * 1024);
    }
};

QTEST_GUILESS_MAIN(TstSpeedServer)
#include "tst_speed_server.moc"
