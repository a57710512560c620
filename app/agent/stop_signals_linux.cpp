// SPDX-License-Identifier: GPL-3.0-or-later
// Linux: the handler writes to a self-pipe that a QSocketNotifier watches, so nothing polls.
#include "stop_signals.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>

#include <fcntl.h>
#include <unistd.h>

namespace pathlens::agent {
namespace {
int g_pipe[2] = {-1, -1};

extern "C" void onStopSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(g_pipe[1], &byte, 1); // async-signal-safe; a full pipe is fine
}
} // namespace

void quitOnStopSignals(QObject *owner)
{
    if (g_pipe[0] < 0 && ::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        // Without a pipe the signals keep their default action (terminate): the capture writer
        // commits every 250 ms, so at most that much is lost.
        return;
    }
    auto *notifier = new QSocketNotifier(qintptr(g_pipe[0]), QSocketNotifier::Read, owner);
    QObject::connect(notifier, &QSocketNotifier::activated, [] { QCoreApplication::quit(); });
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
}

} // namespace pathlens::agent
