// SPDX-License-Identifier: GPL-3.0-or-later
// One kernel reading of one TCP socket, as the TCP collector hands it to the session tracker.
#pragma once

#include "core/base/time_utc.h"

#include <QMetaType>
#include <QString>

#include <array>
#include <optional>
#include <vector>

namespace pathlens::core {

// Who owns a socket. `OtherUser` means the owner exists but its /proc entry could not be read
// (no permission): shown as "other users" with a hint about the helper/capabilities.
enum class Attribution { Process, OtherUser, Unknown };

struct TcpSocketReading {
    // Identity: the kernel's socket cookie is unique for the socket's lifetime (never reused
    // while the socket exists), unlike the inode which is 0 for sockets being torn down.
    quint64 cookie = 0;
    quint64 inode = 0;
    bool ipv6 = false;
    QString localAddr;  // "192.0.2.10:50000" or "[2001:db8::1]:50000"
    QString remoteAddr;
    // The same endpoints as the kernel gave them (network order), when the reading came from a
    // kernel reply. The live poll leaves localAddr/remoteAddr empty for sockets it already knows and
    // formats text only for new ones (collect::formatEndpoints): at 100k sockets that is 200k
    // strings a second saved.
    bool haveRaw = false;
    bool loopback = false; // raw endpoints only: 127/8, ::1 or ::ffff:127/104 on either side
    quint16 localPort = 0, remotePort = 0;
    std::array<quint8, 16> localIp{}, remoteIp{};
    int state = 0;      // our own enum-free copy of the kernel TCP state number (1 = ESTABLISHED)

    // When the reading was taken: UTC for storage, monotonic for rates.
    TimestampUs utcUs = 0;
    qint64 monoUs = 0;

    // Owner
    Attribution attribution = Attribution::Unknown;
    qint64 pid = 0;
    QString exeName; // "firefox"
    QString exePath; // "/usr/lib/firefox/firefox"

    // tcp_info (cumulative counters; RTTs in microseconds). Fields a short tcp_info from an older
    // kernel lacks stay nullopt.
    quint32 rttUs = 0;
    quint32 rttVarUs = 0;
    std::optional<quint32> minRttUs;
    quint32 totalRetrans = 0;
    std::optional<quint32> segsOut;
    std::optional<quint64> bytesAcked;    // sent and acknowledged (up)
    std::optional<quint64> bytesReceived; // down
    std::optional<quint64> deliveryRateBps; // bytes per second, as the kernel reports it

    // Lifecycle
    bool final = false;                   // from a destroy notification: the socket is gone
    std::optional<qint64> startMonoUs;    // exact start when a start-time source knows it
};

using TcpSnapshot = std::vector<TcpSocketReading>;

} // namespace pathlens::core

Q_DECLARE_METATYPE(pathlens::core::TcpSnapshot)
