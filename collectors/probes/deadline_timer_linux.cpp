// SPDX-License-Identifier: GPL-3.0-or-later
#include "deadline_timer.h"

#include <QSocketNotifier>
#include <QTimer>

#include <sys/prctl.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace pathlens::collect {

struct DeadlineTimer::Impl {
    int fd = -1;
    QSocketNotifier *notifier = nullptr;
};

DeadlineTimer::DeadlineTimer(QObject *parent) : QObject(parent), d(std::make_unique<Impl>())
{
    d->fd = ::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (d->fd >= 0) {
        d->notifier = new QSocketNotifier(qintptr(d->fd), QSocketNotifier::Read, this);
        connect(d->notifier, &QSocketNotifier::activated, this, [this] {
            std::uint64_t expirations = 0;
            if (::read(d->fd, &expirations, sizeof expirations) == sizeof expirations) // drain, else it stays readable
                emit expired();
        });
        // The thread's poll timeout slack (50 µs by default) is not needed: the timerfd carries the deadline.
        ::prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
    }
}

DeadlineTimer::~DeadlineTimer()
{
    delete d->notifier;
    if (d->fd >= 0)
        ::close(d->fd);
}

void DeadlineTimer::arm(qint64 deadlineNs)
{
    if (d->fd < 0) { // timerfd refused (e.g. a seccomp sandbox): a coarse wake-up beats none
        const qint64 nowNs = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                 std::chrono::steady_clock::now().time_since_epoch()).count();
        QTimer::singleShot(int((std::max<qint64>(0, deadlineNs - nowNs) + 999'999) / 1'000'000), Qt::PreciseTimer,
                           this, &DeadlineTimer::expired);
        return;
    }
    deadlineNs = std::max<qint64>(deadlineNs, 1); // an all-zero it_value would disarm instead
    itimerspec spec{};
    spec.it_value.tv_sec = time_t(deadlineNs / 1'000'000'000);
    spec.it_value.tv_nsec = long(deadlineNs % 1'000'000'000);
    ::timerfd_settime(d->fd, TFD_TIMER_ABSTIME, &spec, nullptr);
}

void DeadlineTimer::stop()
{
    if (d->fd < 0)
        return;
    const itimerspec off{};
    ::timerfd_settime(d->fd, 0, &off, nullptr);
    std::uint64_t stale = 0;
    (void)::read(d->fd, &stale, sizeof stale); // an expiry already pending must not fire after stop()
}

const char *DeadlineTimer::mechanism() const
{
    return d->fd < 0 ? "qtimer" : "timerfd";
}

} // namespace pathlens::collect
