// SPDX-License-Identifier: GPL-3.0-or-later
// What a process costs, read from /proc: CPU seconds, peak and current RSS, threads and wake-ups
// (benchmarks measure the agent from outside, as a user's tools would).
#pragma once

#include <QProcess>
#include <QString>

#include <map>

namespace pathlens::lab {

struct ProcSample {
    double cpuS = 0;                            // utime + stime
    qint64 switches = 0;                        // voluntary + nonvoluntary over all threads alive now
    std::map<QString, qint64> switchesByThread; // "tid name" → switches, to say who wakes up
    int threads = 0;
    int openFds = 0; // entries in /proc/PID/fd
    double hwmMb = 0, rssMb = 0;
    bool alive = false;
};

ProcSample readProc(qint64 pid);

// The agent's pid: `ip netns exec` and `env` exec in place, so normally the spawned pid itself; else its child.
qint64 agentPid(qint64 spawned);

// The pid of an agent just spawned, once it runs; 0, with the reason printed, if it did not start.
qint64 startedAgentPid(QProcess &agent);

} // namespace pathlens::lab
