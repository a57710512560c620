// SPDX-License-Identifier: GPL-3.0-or-later
// StunWire over libnice's STUN library (Linux: the sockaddr conversions its API needs).
#include "collectors/nat/stun_wire.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>

extern "C" {
#include <stun/stunagent.h>
#include <stun/usages/bind.h>
#include <stun/usages/turn.h>
}

namespace pathlens::collect {

namespace {
constexpr size_t kBufferSize = 2048; // a 1500-byte datagram in a Send indication fits

sockaddr_storage toSockaddr(const QHostAddress &address, quint16 port, socklen_t *len)
{
    sockaddr_storage ss{};
    bool v4 = false;
    const quint32 a4 = address.toIPv4Address(&v4);
    if (v4) {
        auto *sa = reinterpret_cast<sockaddr_in *>(&ss);
        sa->sin_family = AF_INET;
        sa->sin_port = htons(port);
        sa->sin_addr.s_addr = htonl(a4);
        *len = sizeof(sockaddr_in);
    } else {
        auto *sa = reinterpret_cast<sockaddr_in6 *>(&ss);
        sa->sin6_family = AF_INET6;
        sa->sin6_port = htons(port);
        const Q_IPV6ADDR a6 = address.toIPv6Address();
        std::memcpy(&sa->sin6_addr, &a6, 16);
        *len = sizeof(sockaddr_in6);
    }
    return ss;
}

StunEndpoint fromSockaddr(const sockaddr_storage &ss)
{
    QHostAddress address(reinterpret_cast<const sockaddr *>(&ss));
    quint16 port = 0;
    if (ss.ss_family == AF_INET)
        port = ntohs(reinterpret_cast<const sockaddr_in *>(&ss)->sin_port);
    else if (ss.ss_family == AF_INET6)
        port = ntohs(reinterpret_cast<const sockaddr_in6 *>(&ss)->sin6_port);
    bool v4 = false;
    const quint32 ip4 = address.toIPv4Address(&v4);
    if (v4)
        address = QHostAddress(ip4);
    return {address, port};
}

StunMessage over(StunAgent *agent, const QByteArray &bytes)
{
    StunMessage m{};
    m.agent = agent;
    m.buffer = reinterpret_cast<uint8_t *>(const_cast<char *>(bytes.constData()));
    m.buffer_len = size_t(bytes.size());
    return m;
}

void copyRealmAndNonce(StunMessage *to, const StunMessage *previous)
{
    for (StunAttribute a : {STUN_ATTRIBUTE_REALM, STUN_ATTRIBUTE_NONCE}) {
        uint16_t len = 0;
        if (const void *v = stun_message_find(previous, a, &len))
            stun_message_append_bytes(to, a, v, len);
    }
}
} // namespace

struct StunWire::Agent {
    StunAgent agent{};
    uint8_t buffer[kBufferSize]{};
};

StunWire::StunWire() : m_agent(std::make_unique<Agent>())
{
    // Long-term credentials sign our TURN requests; answers are matched by transaction, their
    // integrity not re-checked (a forged answer could only misreport our own address).
    stun_agent_init(&m_agent->agent, STUN_ALL_KNOWN_ATTRIBUTES, STUN_COMPATIBILITY_RFC5389,
                    StunAgentUsageFlags(STUN_AGENT_USAGE_LONG_TERM_CREDENTIALS | STUN_AGENT_USAGE_IGNORE_CREDENTIALS));
}

StunWire::~StunWire() = default;

bool StunWire::looksLikeStun(QByteArrayView d)
{
    return d.size() >= 20 && (quint8(d[0]) & 0xC0) == 0 && quint8(d[4]) == 0x21 && quint8(d[5]) == 0x12 && quint8(d[6]) == 0xA4
           && quint8(d[7]) == 0x42;
}

QByteArray StunWire::transactionOf(QByteArrayView message)
{
    return message.size() >= 20 ? message.sliced(8, 12).toByteArray() : QByteArray();
}

namespace {
QByteArray finished(StunMessage *msg, size_t len)
{
    if (!len)
        return {};
    if (stun_message_get_class(msg) == STUN_REQUEST) { // its slot in the library's table is not needed (see parse())
        StunTransactionId id;
        stun_message_id(msg, id);
        stun_agent_forget_transaction(msg->agent, id);
    }
    return QByteArray(reinterpret_cast<const char *>(msg->buffer), qsizetype(len));
}
} // namespace

QByteArray StunWire::bindingRequest(const QString &software)
{
    StunMessage msg;
    if (!stun_agent_init_request(&m_agent->agent, &msg, m_agent->buffer, kBufferSize, STUN_BINDING))
        return {};
    if (!software.isEmpty())
        stun_message_append_string(&msg, STUN_ATTRIBUTE_SOFTWARE, software.toUtf8().constData());
    return finished(&msg, stun_agent_finish_message(&m_agent->agent, &msg, nullptr, 0));
}

QByteArray StunWire::bindingAnswer(const StunMessageInfo &request, const StunEndpoint &seenFrom, const QString &software)
{
    StunMessage req = over(&m_agent->agent, request.raw);
    StunMessage msg;
    if (!stun_agent_init_response(&m_agent->agent, &msg, m_agent->buffer, kBufferSize, &req))
        return {};
    socklen_t len = 0;
    const sockaddr_storage ss = toSockaddr(seenFrom.address, seenFrom.port, &len);
    stun_message_append_xor_addr(&msg, STUN_ATTRIBUTE_XOR_MAPPED_ADDRESS, &ss, len);
    if (!software.isEmpty())
        stun_message_append_string(&msg, STUN_ATTRIBUTE_SOFTWARE, software.toUtf8().constData());
    return finished(&msg, stun_agent_finish_message(&m_agent->agent, &msg, nullptr, 0));
}

QByteArray StunWire::allocate(const QByteArray &previous, const QString &user, const QString &password, int lifetimeS)
{
    StunMessage prev = over(&m_agent->agent, previous);
    QByteArray u = user.toUtf8(), p = password.toUtf8();
    StunMessage msg;
    const size_t len = stun_usage_turn_create(&m_agent->agent, &msg, m_agent->buffer, kBufferSize, previous.isEmpty() ? nullptr : &prev,
                                              STUN_USAGE_TURN_REQUEST_PORT_NORMAL, -1, lifetimeS,
                                              reinterpret_cast<uint8_t *>(u.data()), size_t(u.size()),
                                              reinterpret_cast<uint8_t *>(p.data()), size_t(p.size()), STUN_USAGE_TURN_COMPATIBILITY_RFC5766);
    return finished(&msg, len);
}

QByteArray StunWire::refresh(const QByteArray &previous, const QString &user, const QString &password, int lifetimeS)
{
    StunMessage prev = over(&m_agent->agent, previous);
    QByteArray u = user.toUtf8(), p = password.toUtf8();
    StunMessage msg;
    const size_t len = stun_usage_turn_create_refresh(&m_agent->agent, &msg, m_agent->buffer, kBufferSize, previous.isEmpty() ? nullptr : &prev,
                                                      lifetimeS, reinterpret_cast<uint8_t *>(u.data()), size_t(u.size()),
                                                      reinterpret_cast<uint8_t *>(p.data()), size_t(p.size()),
                                                      STUN_USAGE_TURN_COMPATIBILITY_RFC5766);
    return finished(&msg, len);
}

QByteArray StunWire::createPermission(const QByteArray &previous, const std::vector<QHostAddress> &peers, const QString &user,
                                      const QString &password)
{
    StunMessage prev = over(&m_agent->agent, previous);
    StunMessage msg;
    if (peers.empty() || !stun_agent_init_request(&m_agent->agent, &msg, m_agent->buffer, kBufferSize, STUN_CREATEPERMISSION))
        return {};
    for (const QHostAddress &peer : peers) { // a permission is per IP address (RFC 5766 §8): the port is ignored
        socklen_t len = 0;
        const sockaddr_storage ss = toSockaddr(peer, 0, &len);
        stun_message_append_xor_addr(&msg, STUN_ATTRIBUTE_XOR_PEER_ADDRESS, &ss, len);
    }
    if (!previous.isEmpty()) // a server that granted without a challenge gave no realm or nonce
        copyRealmAndNonce(&msg, &prev);
    const QByteArray u = user.toUtf8(), p = password.toUtf8();
    stun_message_append_bytes(&msg, STUN_ATTRIBUTE_USERNAME, u.constData(), size_t(u.size()));
    return finished(&msg, stun_agent_finish_message(&m_agent->agent, &msg, reinterpret_cast<const uint8_t *>(p.constData()), size_t(p.size())));
}

QByteArray StunWire::sendIndication(const StunEndpoint &peer, QByteArrayView data)
{
    StunMessage msg;
    if (!stun_agent_init_indication(&m_agent->agent, &msg, m_agent->buffer, kBufferSize, STUN_IND_SEND))
        return {};
    socklen_t len = 0;
    const sockaddr_storage ss = toSockaddr(peer.address, peer.port, &len);
    if (stun_message_append_xor_addr(&msg, STUN_ATTRIBUTE_XOR_PEER_ADDRESS, &ss, len) != STUN_MESSAGE_RETURN_SUCCESS
        || stun_message_append_bytes(&msg, STUN_ATTRIBUTE_DATA, data.data(), size_t(data.size())) != STUN_MESSAGE_RETURN_SUCCESS)
        return {};
    return finished(&msg, stun_agent_finish_message(&m_agent->agent, &msg, nullptr, 0));
}

std::optional<StunMessageInfo> StunWire::parse(QByteArrayView datagram)
{
    if (!looksLikeStun(datagram) || datagram.size() > qsizetype(kBufferSize))
        return std::nullopt;
    StunMessageInfo info;
    info.raw = datagram.toByteArray();
    StunMessage msg;
    const StunValidationStatus status = stun_agent_validate(&m_agent->agent, &msg, reinterpret_cast<const uint8_t *>(info.raw.constData()),
                                                            size_t(info.raw.size()), nullptr, nullptr);
    // Answers are matched to requests by the endpoint, not by the library's table of 200 ids
    // (a punch alone sends 320): an "unmatched" answer is still a well-formed one.
    if (status != STUN_VALIDATION_SUCCESS && status != STUN_VALIDATION_UNMATCHED_RESPONSE)
        return std::nullopt;
    // msg points into info.raw, which lives until we return.
    info.transaction = transactionOf(info.raw);
    const StunClass cls = stun_message_get_class(&msg);
    // As a number: a message may carry any 12-bit method, most outside the library's enum (reading
    // such a value as StunMethod is undefined behaviour; fuzz_stun found it).
    const unsigned method = unsigned(stun_message_get_method(&msg));
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (stun_message_find_xor_addr(&msg, STUN_ATTRIBUTE_XOR_MAPPED_ADDRESS, &ss, &len) == STUN_MESSAGE_RETURN_SUCCESS)
        info.mapped = fromSockaddr(ss);
    char software[256] = {};
    if (stun_message_find_string(&msg, STUN_ATTRIBUTE_SOFTWARE, software, sizeof software - 1) == STUN_MESSAGE_RETURN_SUCCESS)
        info.software = QString::fromUtf8(software);
    if (cls == STUN_ERROR)
        stun_message_find_error(&msg, &info.errorCode);
    uint32_t lifetime = 0;
    if (stun_message_find32(&msg, STUN_ATTRIBUTE_LIFETIME, &lifetime) == STUN_MESSAGE_RETURN_SUCCESS)
        info.lifetimeS = lifetime;
    switch (method) {
    case STUN_BINDING:
        info.kind = cls == STUN_REQUEST ? StunKind::BindingRequest : cls == STUN_RESPONSE ? StunKind::BindingSuccess : StunKind::Other;
        break;
    case STUN_ALLOCATE:
        if (cls == STUN_RESPONSE) {
            len = sizeof ss;
            if (stun_message_find_xor_addr(&msg, STUN_ATTRIBUTE_XOR_RELAYED_ADDRESS, &ss, &len) == STUN_MESSAGE_RETURN_SUCCESS)
                info.relay = fromSockaddr(ss);
            info.kind = StunKind::AllocateSuccess;
        } else if (cls == STUN_ERROR) {
            info.kind = StunKind::AllocateError;
        }
        break;
    case STUN_REFRESH:
        info.kind = cls == STUN_RESPONSE ? StunKind::RefreshSuccess : cls == STUN_ERROR ? StunKind::RefreshError : StunKind::Other;
        break;
    case STUN_CREATEPERMISSION:
        info.kind = cls == STUN_RESPONSE ? StunKind::PermissionSuccess : cls == STUN_ERROR ? StunKind::PermissionError : StunKind::Other;
        break;
    case STUN_IND_DATA:
        if (cls == STUN_INDICATION) {
            len = sizeof ss;
            uint16_t dlen = 0;
            const void *data = stun_message_find(&msg, STUN_ATTRIBUTE_DATA, &dlen);
            if (data && stun_message_find_xor_addr(&msg, STUN_ATTRIBUTE_XOR_PEER_ADDRESS, &ss, &len) == STUN_MESSAGE_RETURN_SUCCESS) {
                info.peer = fromSockaddr(ss);
                info.data = QByteArray(static_cast<const char *>(data), dlen);
                info.kind = StunKind::DataIndication;
            }
        }
        break;
    default:
        break;
    }
    return info;
}

} // namespace pathlens::collect
