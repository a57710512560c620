// SPDX-License-Identifier: GPL-3.0-or-later
// STUN Binding requests built and checked by libnice's STUN library (through StunWire), sent from
// one QUdpSocket.
#include "collectors/nat/stun_binding.h"

#include "collectors/nat/stun_wire.h"

#include <QElapsedTimer>
#include <QNetworkInterface>
#include <QNetworkDatagram>
#include <QUdpSocket>

namespace pathlens::collect {

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
    StunWire wire;
    for (const StunServer &server : servers) {
        core::ReflectedEndpoint mapped;
        double rtt = 0;
        for (int attempt = 0; attempt < attempts && mapped.address.isEmpty(); ++attempt) {
            const QByteArray request = wire.bindingRequest({});
            const QByteArray id = StunWire::transactionOf(request);
            QElapsedTimer clock;
            clock.start();
            if (socket.writeDatagram(request, server.address, server.port) != request.size())
                return core::makeError(core::ErrorCode::Io, QStringLiteral("STUN: cannot send to %1 port %2: %3")
                                                                .arg(server.address.toString())
                                                                .arg(server.port)
                                                                .arg(socket.errorString()));
            while (mapped.address.isEmpty() && clock.elapsed() < timeoutMs
                   && socket.waitForReadyRead(int(std::max<qint64>(1, timeoutMs - clock.elapsed())))) {
                while (socket.hasPendingDatagrams() && mapped.address.isEmpty()) {
                    const QNetworkDatagram d = socket.receiveDatagram(2048);
                    // Only the answer to this request counts (its transaction id).
                    const auto answer = wire.parse(d.data());
                    if (!answer || answer->kind != StunKind::BindingSuccess || answer->transaction != id || answer->mapped.address.isNull())
                        continue;
                    mapped = {answer->mapped.address.toString(), answer->mapped.port};
                    rtt = clock.nsecsElapsed() / 1e6;
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
