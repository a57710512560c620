// SPDX-License-Identifier: GPL-3.0-or-later
// STUN and TURN messages (RFC 5389, RFC 5766) built and checked by libnice's STUN library: Binding
// requests and answers (the ladder's probes and punches), Allocate, Refresh and CreatePermission
// with long-term credentials, Send and Data indications. The transport (one UDP socket shared with
// STAMP) is the caller's; this class only encodes and decodes.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace pathlens::collect {

struct StunEndpoint {
    QHostAddress address;
    quint16 port = 0;
    bool operator==(const StunEndpoint &) const = default;
};

enum class StunKind {
    BindingRequest,
    BindingSuccess,
    AllocateSuccess,
    AllocateError, // also the answer to a Refresh (RFC 5766 Refresh shares Allocate's credentials)
    RefreshSuccess,
    RefreshError,
    PermissionSuccess,
    PermissionError,
    DataIndication,
    Other
};

struct StunMessageInfo {
    StunKind kind = StunKind::Other;
    QByteArray transaction; // 12 bytes
    StunEndpoint mapped;    // Binding or Allocate success: where the server saw us
    StunEndpoint relay;     // Allocate success: the relayed address
    StunEndpoint peer;      // Data indication: who sent it to our relay
    QByteArray data;        // Data indication: the payload
    quint32 lifetimeS = 0;
    int errorCode = 0;
    QString software;
    QByteArray raw;         // the message itself (its REALM and NONCE sign the next request)
};

class StunWire {
public:
    StunWire();
    ~StunWire();
    StunWire(const StunWire &) = delete;
    StunWire &operator=(const StunWire &) = delete;

    // STUN's first two bits are zero and bytes 4..7 carry the magic cookie; a STAMP packet there
    // has its timestamp's seconds (never 0x2112A442 after 1917).
    static bool looksLikeStun(QByteArrayView datagram);
    static QByteArray transactionOf(QByteArrayView message);

    // Requests are not remembered by the library (its table holds 200, a punch sends 320): the
    // caller matches answers by transaction id.
    QByteArray bindingRequest(const QString &software);
    QByteArray bindingAnswer(const StunMessageInfo &request, const StunEndpoint &seenFrom, const QString &software);
    QByteArray allocate(const QByteArray &previous, const QString &user, const QString &password, int lifetimeS);
    QByteArray refresh(const QByteArray &previous, const QString &user, const QString &password, int lifetimeS);
    QByteArray createPermission(const QByteArray &previous, const std::vector<QHostAddress> &peers, const QString &user,
                                const QString &password);
    QByteArray sendIndication(const StunEndpoint &peer, QByteArrayView data);

    // nullopt: not STUN, malformed, or an answer to nothing we asked.
    std::optional<StunMessageInfo> parse(QByteArrayView datagram);

    // Bytes a Send or Data indication adds around a payload (header, peer address, DATA header).
    static int indicationOverhead(const QHostAddress &peer) { return 20 + (peer.protocol() == QAbstractSocket::IPv6Protocol ? 24 : 12) + 4; }

private:
    struct Agent;
    std::unique_ptr<Agent> m_agent;
};

} // namespace pathlens::collect
