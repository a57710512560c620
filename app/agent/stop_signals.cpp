// SPDX-License-Identifier: GPL-3.0-or-later
#include "stop_signals.h"

#include <QCoreApplication>
#include <QTimer>

#include <atomic>
#include <csignal>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>

#include <fcntl.h>
#include <unistd.h>
#endif

namespace pathlens::agent {
namespace {
std::atomic<int> g_stopSignal{0};
#ifdef Q_OS_UNIX
int g_pipe[2] = {-1, -1};
#endif

extern "C" void onStopSignal(int sig)
{
    g_stopSignal.store(sig);
#ifdef Q_OS_UNIX
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(g_pipe[1], &byte, 1); // async-signal-safe; a full pipe is fine
#endif
}
} // namespace

void quitOnStopSignals(QObject *owner)
{
#ifdef Q_OS_UNIX
    if (g_pipe[0] < 0 && ::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) == 0) {
        auto *notifier = new QSocketNotifier(qintptr(g_pipe[0]), QSocketNotifier::Read, owner);
        QObject::connect(notifier, &QSocketNotifier::activated, [] { QCoreApplication::quit(); });
    }
    if (g_pipe[0] < 0) // no pipe: fall back to polling below
#endif
    {
        auto *poll = new QTimer(owner);
        QObject::connect(poll, &QTimer::timeout, [] {
            if (g_stopSignal.load())
                QCoreApplication::quit();
        });
        poll->start(100);
    }
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
}

} // namespace pathlens::agent
