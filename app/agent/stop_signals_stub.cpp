// SPDX-License-Identifier: GPL-3.0-or-later
// Other systems: the handler sets a flag that a 100 ms timer polls.
#include "stop_signals.h"

#include <QCoreApplication>
#include <QTimer>

#include <atomic>
#include <csignal>

namespace pathlens::agent {
namespace {
std::atomic<int> g_stopSignal{0};

extern "C" void onStopSignal(int sig)
{
    g_stopSignal.store(sig);
}
} // namespace

void quitOnStopSignals(QObject *owner)
{
    auto *poll = new QTimer(owner);
    QObject::connect(poll, &QTimer::timeout, [] {
        if (g_stopSignal.load())
            QCoreApplication::quit();
    });
    poll->start(100);
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
}

} // namespace pathlens::agent
