// SPDX-License-Identifier: GPL-3.0-or-later
// tc, iperf3, curl and pathlens-agent in the `load` scenario's namespaces.
#include "load_lab.h"

#include <QJsonDocument>
#include <QThread>

#include <algorithm>

namespace pathlens::lab {

namespace {
constexpr int kFrame = 1514;                 // what tbf counts per 1500-byte IP packet
constexpr int kBurst = 2 * kFrame;           // MEASURED.md: tbf needs a bucket of ≥ 2 frames
constexpr int kIperfPort = 5301;
constexpr double kFirstSampleS = 1.2;        // after iperf3's omitted second (-O 1) has filled the queue
constexpr double kLastSampleBeforeEndS = 0.5; // before the streams stop

// Waits (bounded: 60 × 50 ms) until something in `host` listens on TCP `port`.
bool waitListening(const LabFixture &lab, const QString &host, int port, const QProcess *process)
{
    for (int i = 0; i < 60 && process->state() == QProcess::Running; ++i) {
        if (!lab.exec(host, {"ss", "-Hltn", QStringLiteral("sport = :%1").arg(port)}).out.trimmed().isEmpty())
            return true;
        QThread::msleep(50);
    }
    return false;
}

// The tbf's byte counter in one `tc -s -j qdisc show` line; -1 when there is none.
qint64 tbfBytes(const QByteArray &json)
{
    for (const QJsonValue &q : QJsonDocument::fromJson(json).array())
        if (q.toObject().value("kind").toString() == QLatin1String("tbf"))
            return q.toObject().value("bytes").toInteger(-1);
    return -1;
}
} // namespace

const QString &LoadLab::agent()
{
    static const QString path = QStringLiteral(PATHLENS_BINARY_DIR "/app/agent/pathlens-agent");
    return path;
}

std::vector<QJsonObject> SpeedRun::of(const QString &direction, bool calibration) const
{
    std::vector<QJsonObject> v;
    for (const QJsonValue &r : results)
        if (r.toObject().value("direction").toString() == direction && r.toObject().value("calibration").toBool() == calibration)
            v.push_back(r.toObject());
    return v;
}

std::optional<double> SpeedRun::mbps(const QString &direction) const
{
    std::optional<double> last;
    for (const QJsonObject &r : of(direction, false))
        if (r.value("mbps").isDouble())
            last = r.value("mbps").toDouble();
    return last;
}

double SpeedRun::bytes() const
{
    double sum = 0;
    for (const QJsonValue &r : results)
        sum += r.toObject().value("bytes").toDouble();
    return sum;
}

bool LoadLab::shape(const Shaper &s, double mbit, qint64 queueBytes) const
{
    const qint64 rateBit = qint64(mbit * 1e6);
    // As lablib builds a link's tbf: limit = 50 ms of the rate, at least 4 frames.
    const qint64 limit = std::max<qint64>(rateBit / 8 * 50 / 1000, 4 * kFrame);
    unshape(s); // `replace` would keep an earlier bfifo child
    ExecResult r = m_lab.exec(s.node, {"tc", "qdisc", "add", "dev", s.dev, "root", "handle", "1:", "tbf", "rate",
                                       QString::number(rateBit) + "bit", "burst", QString::number(kBurst), "limit",
                                       QString::number(limit)});
    if (r.ok() && queueBytes > 0)
        r = m_lab.exec(s.node, {"tc", "qdisc", "add", "dev", s.dev, "parent", "1:1", "handle", "10:", "bfifo", "limit",
                                QString::number(queueBytes)});
    if (!r.ok())
        qWarning("tc on %s %s: %s", qPrintable(s.node), qPrintable(s.dev), r.err.constData());
    return r.ok();
}

void LoadLab::unshape(const Shaper &s) const
{
    m_lab.exec(s.node, {"tc", "qdisc", "del", "dev", s.dev, "root"}); // fails harmlessly when there is none
}

bool LoadLab::ensureAccessIngress() const
{
    const Shaper up = accessUp();
    if (m_lab.exec(up.node, {"ip", "link", "show", up.dev}).ok())
        return true;
    // Every frame arriving on r1's access link goes through the IFB's egress queue before r1 routes it. The access
    // link runs through the forwarder, which frees h1's frames: otherwise TCP small queues, which hold a frame's
    // socket across veths until the frame is freed, keep h1's TCP from ever filling this queue (measured: 7 ms of
    // a 50 ms bfifo, no drop).
    const QList<QStringList> steps{
        {"ip", "link", "add", up.dev, "type", "ifb"},
        {"ip", "link", "set", up.dev, "up"},
        {"tc", "qdisc", "add", "dev", accessDown().dev, "handle", "ffff:", "ingress"},
        {"tc", "filter", "add", "dev", accessDown().dev, "parent", "ffff:", "protocol", "all", "u32", "match", "u32", "0", "0",
         "action", "mirred", "egress", "redirect", "dev", up.dev}};
    for (const QStringList &step : steps) {
        const ExecResult r = m_lab.exec(up.node, step);
        if (!r.ok()) {
            qWarning("%s: %s", qPrintable(step.join(' ')), r.err.constData());
            return false;
        }
    }
    return true;
}

void LoadLab::removeAccessIngress() const
{
    m_lab.exec(accessDown().node, {"tc", "qdisc", "del", "dev", accessDown().dev, "ingress"});
    m_lab.exec(accessUp().node, {"ip", "link", "del", accessUp().dev});
}

QString LoadLab::congestionControl() const
{
    return QString::fromUtf8(m_lab.exec(QStringLiteral("h1"), {"sysctl", "-n", "net.ipv4.tcp_congestion_control"}).out).trimmed();
}

void LoadLab::setCongestionControl(const QString &name) const
{
    for (const QString &host : {QStringLiteral("h1"), QStringLiteral("h2")})
        m_lab.exec(host, {"sysctl", "-q", "-w", "net.ipv4.tcp_congestion_control=" + name});
}

qint64 LoadLab::tbfSentBytes(const Shaper &s) const
{
    return tbfBytes(m_lab.exec(s.node, {"tc", "-s", "-j", "qdisc", "show", "dev", s.dev}).out);
}

DeliveredRate LoadLab::delivered(const Shaper &s, bool download, int streams, double seconds) const
{
    DeliveredRate d;
    std::unique_ptr<QProcess> server = m_lab.spawn(QStringLiteral("h2"), {"iperf3", "-s", "-1", "-p", QString::number(kIperfPort),
                                                                          "-B", this->server()});
    if (!server || !waitListening(m_lab, QStringLiteral("h2"), kIperfPort, server.get())) {
        LabFixture::stopByPid(server.get());
        d.error = QStringLiteral("iperf3 server did not start");
        return d;
    }
    QStringList args{"iperf3", "-c", this->server(), "-p", QString::number(kIperfPort), "-P", QString::number(streams), "-t",
                     QString::number(seconds), "-O", "1", "--json"};
    if (download)
        args << "-R";
    std::unique_ptr<QProcess> client = m_lab.spawn(QStringLiteral("h1"), args);
    // Both counter readings in one shell in the shaper's namespace, each right after its own clock reading.
    const QString read = QStringLiteral("date +%s%N; tc -s -j qdisc show dev %1; echo").arg(s.dev);
    const ExecResult sample = m_lab.exec(
        s.node,
        {"sh", "-c",
         QStringLiteral("sleep %1; %2; sleep %3; %2").arg(kFirstSampleS).arg(read).arg(seconds - kFirstSampleS - kLastSampleBeforeEndS)},
        int(seconds * 1000) + 5000);
    const bool finished = client && client->waitForFinished(int(seconds * 1000) + 15000);
    const QByteArray out = client ? client->readAllStandardOutput() : QByteArray();
    LabFixture::stopByPid(client.get());
    LabFixture::stopByPid(server.get());

    std::vector<qint64> stamps, bytes;
    for (const QByteArray &line : sample.out.split('\n')) {
        const QByteArray l = line.trimmed();
        if (l.startsWith('['))
            bytes.push_back(tbfBytes(l));
        else if (!l.isEmpty())
            stamps.push_back(l.toLongLong());
    }
    if (!sample.ok() || stamps.size() != 2 || bytes.size() != 2 || bytes[0] < 0 || stamps[1] <= stamps[0]) {
        d.error = QStringLiteral("tc sampling on %1 %2 failed: %3").arg(s.node, s.dev, QString::fromUtf8(sample.out + sample.err));
        return d;
    }
    d.frameMbps = double(bytes[1] - bytes[0]) * 8 / (double(stamps[1] - stamps[0]) / 1e9) / 1e6;
    d.goodputMbps = d.frameMbps * kTcpPayloadShare;
    const QJsonObject end = QJsonDocument::fromJson(out).object().value("end").toObject();
    if (!finished || !end.value("sum_received").toObject().contains("bits_per_second")) {
        d.error = QStringLiteral("iperf3 failed: ") + QString::fromUtf8(out.left(300));
        return d;
    }
    d.iperfMbps = end.value("sum_received").toObject().value("bits_per_second").toDouble() / 1e6;
    return d;
}

std::unique_ptr<QProcess> LoadLab::startServer(int port, const QStringList &extra) const
{
    std::unique_ptr<QProcess> p = m_lab.spawn(QStringLiteral("h2"), QStringList{agent(), "serve", "--bind", server(), "--port",
                                                                               QString::number(port)} + extra);
    if (!p || !waitListening(m_lab, QStringLiteral("h2"), port, p.get())) {
        if (p)
            qWarning("serve did not start: %s", p->readAllStandardError().constData());
        LabFixture::stopByPid(p.get());
        return nullptr;
    }
    return p;
}

QJsonObject LoadLab::serverStats(int port) const
{
    const ExecResult r = m_lab.exec(QStringLiteral("h1"), {"curl", "-s", "-m", "5", serverUrl(port) + "/stats"}, 10000);
    return r.ok() ? QJsonDocument::fromJson(r.out).object() : QJsonObject();
}

SpeedRun LoadLab::speed(int port, const QStringList &args, int timeoutMs) const
{
    SpeedRun run;
    const ExecResult r =
        m_lab.exec(QStringLiteral("h1"), QStringList{agent(), "speed", "--server", serverUrl(port), "--json"} + args, timeoutMs);
    run.exitCode = r.exitCode;
    run.err = r.err;
    QJsonParseError pe{};
    const QJsonObject doc = QJsonDocument::fromJson(r.out, &pe).object();
    if (!r.error.isEmpty() || r.timedOut)
        run.error = r.timedOut ? QStringLiteral("speed timed out") : r.error;
    else if (pe.error != QJsonParseError::NoError || !doc.value("throughput").isArray())
        run.error = QStringLiteral("speed printed no JSON (exit %1): %2").arg(r.exitCode).arg(QString::fromUtf8(r.err.right(500)));
    run.results = doc.value("throughput").toArray();
    return run;
}

double statsCounter(const QJsonObject &stats, const QString &client, const char *key)
{
    return stats.value("clients").toObject().value(client).toObject().value(QLatin1String(key)).toDouble();
}

double statsBytes(const QJsonObject &stats, const QString &client)
{
    return statsCounter(stats, client, "bytes_sent") + statsCounter(stats, client, "bytes_received");
}

} // namespace pathlens::lab
