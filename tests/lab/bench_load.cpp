// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (label bench): throughput tests next to iperf3 and a single-stream test, in the load scenario (20 ms RTT)
// with the neck's tbf at 10, 50 and 100 Mbit/s (both directions, 2-frame bucket). Per rate and direction it prints
//   truth     what tbf delivered while iperf3 saturated it (its byte counter over wall time in the middle of the
//             run) × 1448/1514, the TCP payload of a frame: the goodput a perfect test would read (as tst_load_lab)
//   ours      `pathlens-agent speed` (4 streams, calibration, the 4 s test): its figure ÷ truth
//   single    the same with --streams 1
//   iperf3    4 streams, 1 + 5 s (-O 1 runs the omitted second on top): its receiver goodput ÷ truth
// and the bytes each put through the bottleneck in that direction (tbf's counter around the run: frames, headers and
// calibration included), with the ratios ours/iperf3 and single/iperf3. The server (`pathlens-agent serve`) runs in
// h2 and is stopped by its PID. Prints figures only; exits non-zero only when the lab cannot be built or a tool fails;
// 77 without root.
// bench_load [--rates 10,50,100]
#include "lab_fixture.h"
#include "load_lab.h"

#include <QCoreApplication>
#include <QThread>

#include <cmath>
#include <cstdio>
#include <vector>

using namespace pathlens::lab;

namespace {
constexpr int kPort = 8090;

struct Figures {
    double truth = NAN, ours = NAN, single = NAN, iperf = NAN;
    double oursBytes = 0, singleBytes = 0, iperfBytes = 0;
};

// One direction's speed run (its calibration and test) and the frames it put through that direction's shaper.
struct Measured {
    SpeedRun run;
    double mbps = NAN, bytes = 0;
};

Measured measure(const LoadLab &load, bool download, const QStringList &args)
{
    Measured m;
    const Shaper s = download ? LoadLab::neckDown() : LoadLab::neckUp();
    const qint64 before = load.tbfSentBytes(s);
    m.run = load.speed(kPort, args + QStringList{download ? "--download-only" : "--upload-only"}, 180000);
    m.bytes = double(load.tbfSentBytes(s) - before);
    m.mbps = m.run.mbps(download ? "download" : "upload").value_or(NAN);
    return m;
}

double mb(double bytes)
{
    return bytes / 1e6;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QList<int> rates = LabFixture::ratesOption(app.arguments(), {10, 50, 100});
    if (rates.isEmpty()) {
        std::printf("usage: bench_load [--rates 10,50,100]\n");
        return 2;
    }
    if (const auto code = LabFixture::benchUnavailable())
        return *code;
    LabFixture lab(QStringLiteral("load"));
    if (!lab.upOrSay())
        return 1;
    LoadLab load(lab);
    lab.pinForwarder(); // as in tst_load_lab: the forwarder on the last CPU
    lab.exec("h1", {"ping", "-n", "-c", "2", "-i", "0.2", load.server()}, 5000);
    std::unique_ptr<QProcess> server = load.startServer(kPort);
    if (!server) {
        std::printf("pathlens-agent serve did not start\n");
        return 1;
    }
    std::printf("bench_load: load scenario (20 ms RTT), tbf both ways with a 2-frame bucket, TCP %s\n",
                qPrintable(load.congestionControl()));

    std::vector<std::pair<int, Figures>> down, up;
    for (int mbit : rates) {
        if (!load.shapeNeck(mbit)) {
            std::printf("tc failed at %d Mbit/s\n", mbit);
            return 1;
        }
        const Measured ours[2] = {measure(load, true, {}), measure(load, false, {})};
        const Measured single[2] = {measure(load, true, {"--streams", "1"}), measure(load, false, {"--streams", "1"})};
        const qint64 d0 = load.tbfSentBytes(LoadLab::neckDown());
        const DeliveredRate dTruth = load.delivered(LoadLab::neckDown(), true, 4, 5);
        const qint64 d1 = load.tbfSentBytes(LoadLab::neckDown()), u0 = load.tbfSentBytes(LoadLab::neckUp());
        const DeliveredRate uTruth = load.delivered(LoadLab::neckUp(), false, 4, 5);
        const qint64 u1 = load.tbfSentBytes(LoadLab::neckUp());
        for (const Measured *m : {&ours[0], &ours[1], &single[0], &single[1]})
            if (!m->run.error.isEmpty()) {
                std::printf("speed failed at %d Mbit/s: %s\n", mbit, qPrintable(m->run.error));
                return 1;
            }
        if (!dTruth.ok() || !uTruth.ok()) {
            std::printf("iperf3/tc failed at %d Mbit/s: %s %s\n", mbit, qPrintable(dTruth.error), qPrintable(uTruth.error));
            return 1;
        }
        const Figures d{dTruth.goodputMbps, ours[0].mbps, single[0].mbps, dTruth.iperfMbps, ours[0].bytes, single[0].bytes, double(d1 - d0)};
        const Figures u{uTruth.goodputMbps, ours[1].mbps, single[1].mbps, uTruth.iperfMbps, ours[1].bytes, single[1].bytes, double(u1 - u0)};
        down.emplace_back(mbit, d);
        up.emplace_back(mbit, u);
        std::fflush(stdout);
    }
    LabFixture::stopByPid(server.get());

    std::printf("\n%-5s %-8s %8s | %8s %7s | %8s %7s | %8s %7s | %9s %9s %9s | %11s %11s\n", "Mbit", "dir", "truth", "ours",
                "÷truth", "single", "÷truth", "iperf3", "÷truth", "ours MB", "single MB", "iperf3 MB", "ours/iperf3",
                "single/iperf");
    for (const auto *table : {&down, &up})
        for (const auto &[mbit, f] : *table)
            std::printf("%-5d %-8s %8.2f | %8.2f %7.3f | %8.2f %7.3f | %8.2f %7.3f | %9.1f %9.1f %9.1f | %11.2f %11.2f\n", mbit,
                        table == &down ? "download" : "upload", f.truth, f.ours, f.ours / f.truth, f.single, f.single / f.truth,
                        f.iperf, f.iperf / f.truth, mb(f.oursBytes), mb(f.singleBytes), mb(f.iperfBytes),
                        f.oursBytes / f.iperfBytes, f.singleBytes / f.iperfBytes);
    std::printf("\n(÷truth: figure over what tbf delivered as TCP payload; MB: frames through the bottleneck in that direction,\n"
                " calibration and headers included; iperf3 ran 1 + 5 s, its figure omits the first second)\n");
    return 0;
}
