// SPDX-License-Identifier: GPL-3.0-or-later
// Quits the Qt event loop on SIGINT/SIGTERM. On Linux the handler writes to a self-pipe watched by a
// QSocketNotifier, so an idle agent has no timer waking it (bench_probe_overhead: the former 100 ms
// poll was 10 of its ~47 wake-ups a second); elsewhere a flag is polled every 100 ms.
#pragma once

class QObject;

namespace pathlens::agent {

void quitOnStopSignals(QObject *owner); // owner: parent of the notifier/timer it creates

} // namespace pathlens::agent
