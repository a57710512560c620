// SPDX-License-Identifier: GPL-3.0-or-later
// Capability interface of STAMP's UDP socket: dual-stack, kernel receive timestamps, the TTL a
// datagram arrived with (the reflector reports it), non-blocking send and receive.
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QHostAddress>

#include <memory>
#include <optional>

namespace pathlens::collect {

struct StampDatagram {
    QByteArray data;
    QHostAddress from; // IPv4 for v4 peers (not v4-mapped)
    quint16 port = 0;
    qint64 rxNs = 0;   // kernel receive stamp, CLOCK_REALTIME ns (user-space clock when the kernel gives none)
    int ttl = -1;
    bool truncated = false; // longer than any STAMP packet (kStampMaxSize): data holds its start only
};

// Owned and used by one thread. Implementations: stamp_socket_linux.cpp, stamp_socket_stub.cpp.
class StampSocket {
public:
    virtual ~StampSocket() = default;

    // Binds [::]:port (both families; port 0 = any free port). `what` names the user for errors.
    static core::Result<std::unique_ptr<StampSocket>> open(quint16 port, const QString &what);

    virtual int descriptor() const = 0; // for a socket notifier
    virtual quint16 localPort() const = 0;
    virtual core::Result<std::optional<StampDatagram>> receive() = 0; // nullopt: nothing queued
    virtual core::Result<void> send(const QByteArray &data, const QHostAddress &to, quint16 port) = 0;
    // One datagram with this TTL / hop limit (the socket's default again after it).
    virtual core::Result<void> sendWithTtl(const QByteArray &data, const QHostAddress &to, quint16 port, int ttl) = 0;
    // Blocks until a datagram is queued or `timeoutMs` passes (one-shot senders only).
    virtual bool waitReadable(int timeoutMs) = 0;
    virtual qint64 nowNs() const = 0; // the clock of rxNs
    virtual QString timestampMethod() const = 0;
};

} // namespace pathlens::collect
