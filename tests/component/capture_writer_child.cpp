// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper process: writes probe rows through CaptureWriter at a fixed rate until killed.
// Usage: capture_writer_child FILE ROWS_PER_SECOND
#include "core/store/capture_writer.h"

#include <QCoreApplication>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace pathlens::core;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 3)
        return 2;
    const int rate = atoi(argv[2]);
    auto writer = CaptureWriter::open(QString::fromLocal8Bit(argv[1]), {});
    if (!writer || rate <= 0) {
        fprintf(stderr, "cannot open: %s\n", writer ? "bad rate" : qPrintable(writer.error().toString()));
        return 3;
    }
    printf("ready\n");
    fflush(stdout);
    // Absolute schedule: row n is due at start + n/rate, so the rate holds whatever the jitter.
    const auto start = std::chrono::steady_clock::now();
    for (qint64 n = 0; n < 3600LL * rate; ++n) { // bounded: at most an hour even if never killed
        std::this_thread::sleep_until(start + std::chrono::microseconds(n * 1000000 / rate));
        Row row = Row::blank(Table::ProbeSamples);
        row.set("ts_us", nowUtcUs());
        row.set("probe", QStringLiteral("icmp"));
        row.set("target", QStringLiteral("127.0.0.1"));
        row.set("seq", n);
        row.set("rtt_ms", 0.05);
        row.set("lost", 0);
        (*writer)->enqueue(std::move(row));
    }
    return 0;
}
