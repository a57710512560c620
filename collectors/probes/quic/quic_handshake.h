// SPDX-License-Identifier: GPL-3.0-or-later
// One QUIC v1 + TLS 1.3 client handshake (ngtcp2 0.12 + GnuTLS), datagrams in and out: no sockets, no clock.
#pragma once

#include "quic_outcome.h"
#include "quic_tls_context.h"

#include <QByteArray>
#include <QHostAddress>

#include <memory>
#include <vector>

namespace pathlens::collect {

// The longest datagram the probe reads whole; the transport parameters ask the server to stay at or
// under it (RFC 9000 §18.2 max_udp_payload_size; QUIC's own floor is 1200).
inline constexpr int kQuicMaxDatagramBytes = 1500;

struct QuicHandshakeParams {
    QString serverName; // SNI and the name the certificate must carry; empty for an address literal (no SNI: RFC 6066 §3)
    QHostAddress remote;
    QByteArray localSockaddr, remoteSockaddr; // the socket's own and its peer's sockaddr bytes (ngtcp2's path)
    std::shared_ptr<const QuicTlsContext> tls;
    qint64 timeoutNs = 0; // give up this long after start (ngtcp2's handshake_timeout)
    QByteArray alpn = QByteArrayLiteral("h3"); // SPEC §2: HTTP/3's ALPN, what a browser asks for
};

// Owned by the transport's pending probe, used on the probe thread only. The caller moves
// datagrams (write() → the socket, the socket → read()) and calls expire() when expiryNs() has
// passed; times are monotonic nanoseconds. It stops at the first of: handshake completed, a
// failure the server or the path caused, the timeout. It never opens a stream or sends application
// data: after completion close() gives the CONNECTION_CLOSE that ends it. What it saw is in
// observation(); the verdict and notes come from quic_outcome.h.
class QuicHandshake {
public:
    static core::Result<std::unique_ptr<QuicHandshake>> start(const QuicHandshakeParams &params, qint64 nowNs);
    ~QuicHandshake();
    QuicHandshake(const QuicHandshake &) = delete;
    QuicHandshake &operator=(const QuicHandshake &) = delete;

    // Packets due now: the first call gives the Initial (ClientHello, padded to 1200 bytes by ngtcp2),
    // later ones ACKs, retransmissions after expire(), and after completion the client's Finished.
    std::vector<QByteArray> write(qint64 nowNs);
    // A datagram from the server. completed() may turn true on it: that datagram ended the handshake.
    void read(const QByteArray &datagram, qint64 nowNs);
    void expire(qint64 nowNs);
    // The kernel reported an ICMP error for our socket: the attempt ends unless the server answered already.
    void unreachable(QuicIcmp icmp, const QString &from);
    // A local failure (the socket could not send): the attempt ends.
    void failLocally(const QString &text);

    qint64 expiryNs() const; // the next retransmission or the deadline, whichever is first
    bool finished() const { return m_observation.completed || m_failed; }
    bool completed() const { return m_observation.completed; }
    // CONNECTION_CLOSE (transport NO_ERROR) to send after completion; empty when there is nothing to close.
    QByteArray close(qint64 nowNs);
    const QuicObservation &observation() const { return m_observation; }

private:
    struct Native;
    QuicHandshake() = default;
    void fail();
    void readError(int liberr);
    void onCompleted();
    int verifyCertificate();

    std::unique_ptr<Native> d;
    QuicHandshakeParams m_params;
    QuicObservation m_observation;
    bool m_failed = false;
    qint64 m_deadlineNs = 0;
};

} // namespace pathlens::collect
