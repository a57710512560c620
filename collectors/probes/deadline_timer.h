// SPDX-License-Identifier: GPL-3.0-or-later
// A single-shot wake-up at an absolute monotonic deadline, for the probe loop. QTimer counts whole
// milliseconds and rounds up, which made every 5/s probe leave 0–1 ms late (bench_probe_accuracy:
// mean 258 µs); on Linux this is a timerfd armed with the deadline in nanoseconds (TFD_TIMER_ABSTIME),
// so it never fires early and is late only by the wake-up itself. Elsewhere it falls back to QTimer.
#pragma once

#include <QObject>

#include <memory>

namespace pathlens::collect {

class DeadlineTimer : public QObject {
    Q_OBJECT
public:
    explicit DeadlineTimer(QObject *parent = nullptr);
    ~DeadlineTimer() override;

    // Fires expired() once at `deadlineNs` on std::chrono::steady_clock (CLOCK_MONOTONIC), at once
    // when it has passed. Re-arming replaces the previous deadline.
    void arm(qint64 deadlineNs);
    void stop();
    // How the deadline is kept: "timerfd" or "qtimer" (for the status line and tests).
    const char *mechanism() const;

signals:
    void expired();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace pathlens::collect
