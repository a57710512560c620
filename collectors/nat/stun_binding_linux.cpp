// SPDX-License-Identifier: GPL-3.0-or-later
// STUN Binding requests built and checked by libnice's STUN library, sent from one QUdpSocket
// (Linux: the sockaddr conversions of libnice's API).
#include "collectors/nat/stun_binding.h"

#include <QElapsedTimer>
#include <QNetworkInterface>
#include <QNetworkDatagram>
#include <QUdpSocket>

#include <arpa/inet.h>
#include <netinet/in.h>

extern "C" {
#include <stun/stunagent.h>
#include <stun/usages/bind.h>
}

namespace pathlens::collect {

namespace {
// Reflected addresses come back as a sockaddr from libnice: turned into ours here.
core::ReflectedEndpoint fromSockaddr(const sockaddr_storage &sa)
{
    QHostAddress address(reinterpret_cast<const sockaddr *>(&sa));
    quint16 port = 0;
    if (sa.ss_family == AF_INET)
        port = ntohs(reinterpret_cast<const sockaddr_in *>(&sa)->sin_port);
    else if (sa.ss_family == AF_INET6)
        port = ntohs(reinterpret_cast<const sockaddr_in6 *>(&sa)->sin6_port);
    bool v4 = false;
    const quint32 ip4 = address.toIPv4Address(&v4);
    if (v4) // an IPv4-mapped IPv6 address reads as IPv4
        address = QHostAddress(ip4);
    return {address.toString(), port};
}
} // namespace

core::Result<StunBindingResult> stunBinding(const std::vector<StunServer> &servers, quint16 localPort, int attempts, int timeoutMs)
{
    if (servers.empty())
        return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("no STUN server given"),
                               QStringLiteral("name one, e.g. stun HOST:3478"));
    QUdpSocket socket;
    const bool v6 = servers.front().address.protocol() == QAbstractSocket::IPv6Protocol;
    if (!socket.bind(v6 ? QHostAddress::AnyIPv6 : QHostAddress::AnyIPv4, localPort))
        return core::makeError(core::ErrorCode::Io, QStringLiteral("STUN: cannot bind UDP port %1: %2").arg(localPort).arg(socket.errorString()));
    StunBindingResult result;
    static const uint16_t known[] = {STUN_ATTRIBUTE_MAPPED_ADDRESS, STUN_ATTRIBUTE_XOR_MAPPED_ADDRESS, STUN_ATTRIBUTE_SOFTWARE,
                                     STUN_ATTRIBUTE_FINGERPRINT, STUN_ATTRIBUTE_ALTERNATE_SERVER, 0};
    StunAgent agent;
    stun_agent_init(&agent, known, STUN_COMPATIBILITY_RFC5389, StunAgentUsageFlags(0));
    for (const StunServer &server : servers) {
        core::ReflectedEndpoint mapped;
        double rtt = 0;
        for (int attempt = 0; attempt < attempts && mapped.address.isEmpty(); ++attempt) {
            StunMessage request;
            uint8_t out[STUN_MAX_MESSAGE_SIZE_IPV4];
            const size_t len = stun_usage_bind_create(&agent, &request, out, sizeof out);
            QElapsedTimer clock;
            clock.start();
            if (socket.writeDatagram(reinterpret_cast<const char *>(out), qint64(len), server.address, server.port) != qint64(len))
                return core::makeError(core::ErrorCode::Io, QStringLiteral("STUN: cannot send to %1 port %2: %3")
                                                                .arg(server.address.toString())
                                                                .arg(server.port)
                                                                .arg(socket.errorString()));
            while (mapped.address.isEmpty() && clock.elapsed() < timeoutMs
                   && socket.waitForReadyRead(int(std::max<qint64>(1, timeoutMs - clock.elapsed())))) {
                while (socket.hasPendingDatagrams() && mapped.address.isEmpty()) {
                    const QNetworkDatagram d = socket.receiveDatagram(STUN_MAX_MESSAGE_SIZE_IPV4);
                    const QByteArray data = d.data();
                    StunMessage response;
                    // Only an answer to a request this agent sent validates (transaction id).
                    if (stun_agent_validate(&agent, &response, reinterpret_cast<const uint8_t *>(data.constData()), size_t(data.size()),
                                            nullptr, nullptr)
                        != STUN_VALIDATION_SUCCESS)
                        continue;
                    sockaddr_storage addr{}, alternate{};
                    socklen_t addrLen = sizeof addr, altLen = sizeof alternate;
                    if (stun_usage_bind_process(&response, reinterpret_cast<sockaddr *>(&addr), &addrLen,
                                                reinterpret_cast<sockaddr *>(&alternate), &altLen)
                        == STUN_USAGE_BIND_RETURN_SUCCESS) {
                        mapped = fromSockaddr(addr);
                        rtt = clock.nsecsElapsed() / 1e6;
                    }
                }
            }
        }
        result.mapped.push_back(mapped);
        result.rttMs.push_back(rtt);
    }
    result.local = {socket.localAddress().toString(), socket.localPort()};
    // The socket is bound to "any": it has no one address. No NAT when every server saw our own
    // port on one of this host's addresses.
    const auto own = QNetworkInterface::allAddresses();
    bool allOwn = !result.mapped.empty();
    for (const core::ReflectedEndpoint &m : result.mapped)
        allOwn = allOwn && !m.address.isEmpty() && m.port == result.local.port && own.contains(QHostAddress(m.address));
    if (allOwn) {
        result.mapping = core::NatMapping::None;
    } else if (result.mapped.size() >= 2) {
        const core::ReflectedEndpoint nowhere{QStringLiteral("-"), 0};
        result.mapping = core::classifyNatMapping(nowhere, result.mapped[0], result.mapped[1]);
    }
    return result;
}

} // namespace pathlens::collect
