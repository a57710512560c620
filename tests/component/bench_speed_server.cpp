// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (label bench): the throughput endpoints on loopback next to iperf3. It starts
// `pathlens-agent serve` on 127.0.0.1 (a child, so its CPU is its own) and moves --mib MiB (default
// 512) once each way over HTTP and once each way over HTTPS with httplib's client, then runs iperf3
// TCP for the same bytes each way (-n, -R for the download direction). Per transfer it prints
//   Gbit/s      payload bits over the wall time from request to the last byte (upload: to the
//               server's acknowledgement)
//   server CPU  the agent's user + system CPU seconds (/proc/PID/stat) during the transfer, and as
//               a share of one core
//   client CPU  this process's, likewise (getrusage)
// and the ratio to iperf3's receiver rate. Prints figures only; exits non-zero only when a tool or
// a transfer fails. bench_speed_server [--mib N]
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>

#include <httplib.h>

#include <cstdio>
#include <memory>

#include <sys/resource.h>
#include <unistd.h>

namespace {
const QString kAgent = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");

// User + system CPU seconds of process `pid` so far.
double processCpuS(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    // Fields after the command name (which may hold spaces) start at the last ')': utime and stime
    // are fields 14 and 15 of proc(5), i.e. the 12th and 13th after it.
    const QList<QByteArray> rest = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return rest.size() > 12 ? double(rest[11].toLongLong() + rest[12].toLongLong()) / double(sysconf(_SC_CLK_TCK)) : 0;
}

double selfCpuS()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

struct Figure {
    bool ok = false;
    double gbits = 0, serverCpuS = 0, clientCpuS = 0, wallS = 0;
};

// One transfer through `cli`, timed and costed; `download` false: upload.
Figure transfer(httplib::ClientImpl &cli, qint64 pid, qint64 bytes, bool download)
{
    static const std::string chunk(256 * 1024, 'u');
    Figure f;
    const double server0 = processCpuS(pid), client0 = selfCpuS();
    QElapsedTimer t;
    t.start();
    qint64 moved = 0;
    if (download) {
        auto r = cli.Get("/download?bytes=" + std::to_string(bytes), [&](const char *, size_t n) {
            moved += qint64(n);
            return true;
        });
        f.ok = r && r->status == 200 && moved == bytes;
    } else {
        auto r = cli.Post(
            "/upload", size_t(bytes),
            [](size_t, size_t length, httplib::DataSink &sink) { return sink.write(chunk.data(), std::min(length, chunk.size())); },
            "application/octet-stream");
        f.ok = r && r->status == 200 &&
               QJsonDocument::fromJson(QByteArray::fromStdString(r->body)).object()["received"].toInteger() == bytes;
    }
    f.wallS = double(t.nsecsElapsed()) / 1e9;
    QThread::msleep(50); // the server's last chunk accounted before its CPU is read
    f.serverCpuS = processCpuS(pid) - server0;
    f.clientCpuS = selfCpuS() - client0;
    f.gbits = double(bytes) * 8 / f.wallS / 1e9;
    return f;
}

// iperf3 TCP on loopback for `bytes`, the receiver's Gbit/s (0 on failure).
double iperf3Gbits(qint64 bytes, bool reverse)
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const QString port = QString::number(probe.serverPort());
    probe.close();
    QProcess server;
    server.start(QStringLiteral("iperf3"), {"-s", "-1", "-B", "127.0.0.1", "-p", port});
    if (!server.waitForStarted(3000))
        return 0;
    QThread::msleep(300); // iperf3 buffers its "listening" line on a pipe: give it the time to bind
    QProcess client;
    QStringList args{"-c", "127.0.0.1", "-p", port, "-n", QString::number(bytes), "-J"};
    if (reverse)
        args << "-R";
    client.start(QStringLiteral("iperf3"), args);
    client.waitForFinished(120000);
    server.waitForFinished(5000);
    if (server.state() != QProcess::NotRunning) {
        server.terminate(); // by its PID
        server.waitForFinished(2000);
    }
    const QJsonObject end = QJsonDocument::fromJson(client.readAllStandardOutput()).object()["end"].toObject();
    return end["sum_received"].toObject()["bits_per_second"].toDouble() / 1e9;
}

void print(const char *what, const Figure &f, double reference)
{
    std::printf("%-18s %7.2f Gbit/s  %6.2f s  server CPU %5.2f s (%3.0f %% of a core)  client CPU %5.2f s  ×%.2f of iperf3\n", what,
                f.gbits, f.wallS, f.serverCpuS, 100 * f.serverCpuS / f.wallS, f.clientCpuS, reference > 0 ? f.gbits / reference : 0);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int at = args.indexOf(QStringLiteral("--mib"));
    const qint64 bytes = (at > 0 && at + 1 < args.size() ? args[at + 1].toLongLong() : 512) * 1024 * 1024;

    QTemporaryDir dir;
    const QString cert = dir.filePath("cert.pem"), key = dir.filePath("key.pem");
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                              "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext",
                                              "subjectAltName=IP:127.0.0.1"});
    if (!openssl.waitForFinished(10000) || openssl.exitCode() != 0) {
        std::fprintf(stderr, "openssl failed\n");
        return 1;
    }
    struct Served {
        std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
        int port = 0;
    };
    auto serve = [&](const QStringList &extra) {
        Served s;
        s.process->start(kAgent, QStringList{"serve", "--bind", "127.0.0.1", "--port", "0", "--budget-mb", "100000"} + extra);
        for (int i = 0; i < 50 && s.process->waitForStarted(5000) && !s.process->canReadLine(); ++i)
            s.process->waitForReadyRead(100);
        const auto m = QRegularExpression(QStringLiteral("://127\\.0\\.0\\.1:(\\d+) ")).match(QString::fromUtf8(s.process->readLine()));
        s.port = m.hasMatch() ? m.captured(1).toInt() : 0;
        return s;
    };
    Served plain = serve({}), tls = serve({"--tls", cert, key});
    if (!plain.port || !tls.port) {
        std::fprintf(stderr, "pathlens-agent serve did not start\n");
        return 1;
    }
    httplib::ClientImpl http("127.0.0.1", plain.port);
    httplib::SSLClient https("127.0.0.1", tls.port);
    https.set_ca_cert_path(cert.toStdString());
    https.enable_server_certificate_verification(true);
    for (auto *c : std::initializer_list<httplib::ClientImpl *>{&http, &https}) {
        c->set_read_timeout(60);
        c->set_write_timeout(60);
        c->set_keep_alive(true);
    }
    std::printf("%lld MiB each way on loopback, %d CPUs; cpp-httplib %s\n", bytes >> 20, int(QThread::idealThreadCount()), CPPHTTPLIB_VERSION);
    const double iperfDown = iperf3Gbits(bytes, true), iperfUp = iperf3Gbits(bytes, false);
    bool ok = true;
    const struct {
        const char *what;
        httplib::ClientImpl *cli;
        qint64 pid;
        bool download;
        double reference;
    } runs[] = {{"HTTP download", &http, plain.process->processId(), true, iperfDown},
                {"HTTP upload", &http, plain.process->processId(), false, iperfUp},
                {"HTTPS download", &https, tls.process->processId(), true, iperfDown},
                {"HTTPS upload", &https, tls.process->processId(), false, iperfUp}};
    for (const auto &r : runs) {
        const Figure f = transfer(*r.cli, r.pid, bytes, r.download);
        ok = ok && f.ok;
        if (!f.ok)
            std::printf("%-18s FAILED\n", r.what);
        else
            print(r.what, f, r.reference);
    }
    std::printf("%-18s %7.2f Gbit/s (download direction, -R)\n%-18s %7.2f Gbit/s\n", "iperf3 TCP", iperfDown, "iperf3 TCP", iperfUp);
    for (Served *s : {&plain, &tls}) {
        s->process->terminate(); // SIGTERM to its PID
        s->process->waitForFinished(5000);
        std::printf("%s", s->process->readAllStandardOutput().constData());
    }
    return ok ? 0 : 1;
}
