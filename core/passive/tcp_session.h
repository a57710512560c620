// SPDX-License-Identifier: GPL-3.0-or-later
// One TCP connection from first to last sight: the value the passive analysis grades and rolls up.
#pragma once

#include "core/base/time_utc.h"
#include "core/passive/grading.h"
#include "core/passive/tcp_socket_reading.h"

#include <QMetaType>
#include <QString>

#include <algorithm>
#include <vector>

namespace pathlens::core {

// One TCP connection from first to last sight (SPEC §1).
struct TcpSession {
    qint64 id = 0;          // capture row id (tcp_sessions.id)
    quint64 cookie = 0;
    QString app, appPath;   // "other users" / "unknown" when not attributable
    qint64 pid = 0;
    Attribution attribution = Attribution::Unknown;
    QString localAddr, remoteAddr;
    TimestampUs firstUtcUs = 0, lastUtcUs = 0;
    qint64 firstMonoUs = 0, lastMonoUs = 0;
    bool startExact = false; // first* come from a start-time source, not from first sight
    quint64 bytesDown = 0, bytesUp = 0;
    quint32 segsOut = 0, retransSegs = 0;
    double medianRttMs = 0;  // median of the smoothed-RTT readings
    double minRttMs = 0;     // kernel min_rtt (0 when the kernel does not report it)
    int readings = 0;
    bool closed = false;
    Grade grade = Grade::Ungraded;

    double durationS() const { return double(lastMonoUs - firstMonoUs) / 1e6; }
    double retransPct() const { return segsOut ? 100.0 * retransSegs / segsOut : 0.0; }
    double queueMs() const { return minRttMs > 0 ? std::max(0.0, medianRttMs - minRttMs) : 0.0; }
    double downMbps() const { return durationS() > 0 ? bytesDown * 8.0 / durationS() / 1e6 : 0.0; }
    double upMbps() const { return durationS() > 0 ? bytesUp * 8.0 / durationS() / 1e6 : 0.0; }
    bool qualifies(double minSeconds) const { return durationS() >= minSeconds && readings > 0; }
};

} // namespace pathlens::core

Q_DECLARE_METATYPE(std::vector<pathlens::core::TcpSession>)
