// SPDX-License-Identifier: GPL-3.0-or-later
// Capability interface: which process owns a socket (inode → pid, executable name and path).
#pragma once

#include "core/passive/tcp_socket_reading.h"

#include <QString>

#include <memory>
#include <vector>

namespace pathlens::collect {

// Owned by the TCP collector on its worker thread; not thread-safe. Keeps an inode → owner cache
// and scans the process table (/proc/*/fd on Linux) only when a reading carries an inode it has
// never seen, at most once per attribute() call, so a socket is attributed at first sight.
// It knows nothing of sessions: the tracker keeps a session's owner once attributed.
class ProcessAttribution {
public:
    struct Stats {
        quint64 scans = 0;          // full or early-stopped process-table walks
        quint64 processesRead = 0;  // fd directories opened, all scans together
        quint64 deniedDirs = 0;     // fd directories refused (EACCES) in the last scan
        int cachedInodes = 0;
        double lastScanMs = 0;
    };

    virtual ~ProcessAttribution() = default;

    // Fills attribution/pid/exeName/exePath of every reading. `completePoll`: the readings are every
    // live socket, so cache entries of inodes that are gone can be dropped.
    virtual void attribute(std::vector<core::TcpSocketReading> &readings, bool completePoll) = 0;
    // The live poll's split form of attribute(readings, true): owners for the sockets new since the
    // last poll only (a known socket keeps its first-sight owner, and the cache would answer the
    // same), then forget cached inodes the complete poll `live` no longer lists.
    virtual void attributeNew(const std::vector<core::TcpSocketReading *> &fresh) = 0;
    virtual void retainLive(const std::vector<core::TcpSocketReading> &live) = 0;
    // For readings without an inode (destroyed before the first poll) whose connecting pid is known
    // from a start-time source.
    virtual void attributePid(core::TcpSocketReading &reading, qint64 pid) = 0;
    virtual Stats stats() const = 0;

    static QString otherUsersName() { return QStringLiteral("other users"); }
    static QString otherUsersHint()
    {
        return QStringLiteral("sockets of other users' processes cannot be attributed without privilege: "
                              "run Pathlens as root, or grant it: sudo setcap cap_sys_ptrace,cap_dac_read_search+ep <program>");
    }
    static QString unknownName() { return QStringLiteral("unknown"); }
};

// procRoot is "/proc" in production and a fixture tree in tests. The stub (non-Linux) marks every
// reading Unknown.
std::unique_ptr<ProcessAttribution> createProcessAttribution(const QString &procRoot = QStringLiteral("/proc"));

} // namespace pathlens::collect
