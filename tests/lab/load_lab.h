// SPDX-License-Identifier: GPL-3.0-or-later
// The `load` scenario's shapers, standing queues and ground truth, and the agent's throughput commands run in it.
#pragma once

#include "lab_fixture.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>
#include <memory>
#include <optional>
#include <vector>

namespace pathlens::lab {

// A tbf that shapes one direction: the node and the interface it sits on (egress).
struct Shaper {
    QString node, dev;
};

// What the shaper delivered while iperf3 saturated it, next to iperf3's own figures.
struct DeliveredRate {
    double frameMbps = std::nan("");   // bytes tbf sent ÷ wall time in the saturated middle of the run (Ethernet frames)
    double goodputMbps = std::nan(""); // frameMbps × the TCP payload share of a frame: the truth for a goodput figure
    double iperfMbps = std::nan("");   // iperf3's receiver goodput, the first second omitted (-O 1)
    QString error;
    bool ok() const { return error.isEmpty() && std::isfinite(frameMbps) && std::isfinite(iperfMbps); }
};

// The throughput array of `pathlens-agent speed --json` (or of report --json).
struct SpeedRun {
    int exitCode = -1;
    QJsonArray results;
    QString error;   // could not run, or no JSON
    QByteArray err;  // its progress lines
    // Results of one direction ("download"/"upload"), calibration steps or the tests, in order.
    std::vector<QJsonObject> of(const QString &direction, bool calibration) const;
    // The (last) test figure of a direction, Mbit/s; none when it has none.
    std::optional<double> mbps(const QString &direction) const;
    double bytes() const; // payload bytes of every result, calibration included
};

// Borrowed by one test class or bench; knows the scenario's names (tests/lab/scenarios/load.json) and nothing
// of what is being asserted. Every command runs in a lab namespace; servers it starts are stopped by their PID.
class LoadLab {
public:
    explicit LoadLab(const LabFixture &lab) : m_lab(lab) {}

    // The neck (r2–r3) shapes upload at r2 (towards h2) and download at r3 (towards h1).
    static Shaper neckUp() { return {QStringLiteral("r2"), QStringLiteral("neck")}; }
    static Shaper neckDown() { return {QStringLiteral("r3"), QStringLiteral("neck")}; }
    // Before the gateway: download at r1's access egress (towards h1), upload at an IFB that takes r1's access ingress.
    static Shaper accessDown() { return {QStringLiteral("r1"), QStringLiteral("acc")}; }
    static Shaper accessUp() { return {QStringLiteral("r1"), QStringLiteral("ifbacc")}; }

    QString client() const { return m_lab.address(QStringLiteral("h1")); }
    QString server() const { return m_lab.address(QStringLiteral("h2")); }
    QString gateway() const { return m_lab.address(QStringLiteral("r1"), Family::IPv4, QStringLiteral("acc")); }

    // tbf at `mbit` with a 2-frame bucket on a shaper; queueBytes 0: tbf's own queue of 50 ms of the rate (as the
    // scenario builds it), else a bfifo child of that many bytes (a standing queue of queueBytes ÷ rate).
    bool shape(const Shaper &s, double mbit, qint64 queueBytes = 0) const;
    bool shapeNeck(double mbit, qint64 queueBytes = 0) const { return shape(neckUp(), mbit, queueBytes) && shape(neckDown(), mbit, queueBytes); }
    void unshape(const Shaper &s) const;
    // The IFB that queues what h1 sends before r1 routes it (made once; unshape(accessUp()) leaves it idle).
    bool ensureAccessIngress() const;
    void removeAccessIngress() const;
    // The TCP congestion control of h1 and h2 (the two senders; each namespace has its own).
    QString congestionControl() const;
    void setCongestionControl(const QString &name) const;
    qint64 tbfSentBytes(const Shaper &s) const;

    // iperf3 with `streams` streams from h2 to h1 (download) or back, its server one-off on h2: 1 s omitted from its
    // figure (-O 1 runs it on top), then `seconds` (≥ 3). The shaper's byte counter is read at 1.2 s and at `seconds`
    // − 0.5 s, both inside the saturated run.
    DeliveredRate delivered(const Shaper &s, bool download, int streams, double seconds) const;

    // `pathlens-agent serve` on h2's lab address; running and listening when this returns (else null).
    std::unique_ptr<QProcess> startServer(int port, const QStringList &extra = {}) const;
    QString serverUrl(int port) const { return QStringLiteral("http://%1:%2").arg(server()).arg(port); }
    // GET /stats of a server, fetched from h1; empty when it does not answer.
    QJsonObject serverStats(int port) const;
    // `pathlens-agent speed --server URL --json ARGS` in h1.
    SpeedRun speed(int port, const QStringList &args, int timeoutMs) const;

    static const QString &agent();

private:
    const LabFixture &m_lab;
};

// TCP payload per Ethernet frame that tbf counts: (1500 − 20 IPv4 − 32 TCP with timestamps) / (1500 + 14)
// (lablib/measure.py tcp_goodput_fraction; the lab's MTU is 1500).
inline constexpr double kTcpPayloadShare = 1448.0 / 1514.0;

// One client's bytes in a /stats document (sent + received by the server), 0 when absent.
double statsBytes(const QJsonObject &stats, const QString &client);
double statsCounter(const QJsonObject &stats, const QString &client, const char *key);

} // namespace pathlens::lab
