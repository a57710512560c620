// SPDX-License-Identifier: GPL-3.0-or-later
// Non-Linux: a precise QTimer (millisecond granularity, rounded up so it never fires early).
#include "deadline_timer.h"

#include <QTimer>

#include <algorithm>
#include <chrono>

namespace pathlens::collect {

struct DeadlineTimer::Impl {
    QTimer *timer = nullptr;
};

DeadlineTimer::DeadlineTimer(QObject *parent) : QObject(parent), d(std::make_unique<Impl>())
{
    d->timer = new QTimer(this);
    d->timer->setSingleShot(true);
    d->timer->setTimerType(Qt::PreciseTimer);
    connect(d->timer, &QTimer::timeout, this, &DeadlineTimer::expired);
}

DeadlineTimer::~DeadlineTimer() = default;

void DeadlineTimer::arm(qint64 deadlineNs)
{
    const qint64 nowNs =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
    d->timer->start(int((std::max<qint64>(0, deadlineNs - nowNs) + 999'999) / 1'000'000));
}

void DeadlineTimer::stop()
{
    d->timer->stop();
}

const char *DeadlineTimer::mechanism() const
{
    return "qtimer";
}

} // namespace pathlens::collect
