// SPDX-License-Identifier: GPL-3.0-or-later
// STAMP's UDP socket on Linux: AF_INET6 with IPV6_V6ONLY off, SO_TIMESTAMPING, IP_RECVTTL and
// IPV6_RECVHOPLIMIT.
#include "collectors/mesh/stamp_socket.h"

#include "collectors/os/errno_error.h"
#include "collectors/os/socket_io_linux.h"
#include "collectors/os/unique_fd.h"
#include "core/mesh/stamp_packet.h"

#include <cerrno>
#include <cstring>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

namespace pathlens::collect {

namespace {

class LinuxStampSocket final : public StampSocket {
public:
    explicit LinuxStampSocket(UniqueFd fd, quint16 port, QString method) : m_fd(std::move(fd)), m_port(port), m_method(std::move(method)) {}

    int descriptor() const override { return m_fd.get(); }
    quint16 localPort() const override { return m_port; }
    qint64 nowNs() const override { return net::realtimeNowNs(); }
    QString timestampMethod() const override { return m_method; }

    core::Result<std::optional<StampDatagram>> receive() override
    {
        // One byte beyond the longest STAMP packet: anything that fills it is too long, not truncated silently.
        auto r = net::receiveDatagram(m_fd.get(), false, QStringLiteral("STAMP receive"), core::kStampMaxSize + 1);
        if (!r)
            return r.error();
        if (!r->has_value())
            return std::optional<StampDatagram>();
        net::Datagram &d = **r;
        return std::optional<StampDatagram>(
            StampDatagram{std::move(d.data), d.from, d.fromPort, d.rxNs ? d.rxNs : nowNs(), d.ttl, d.truncated});
    }

    core::Result<void> send(const QByteArray &data, const QHostAddress &to, quint16 port) override
    {
        sockaddr_in6 sa{};
        sa.sin6_family = AF_INET6;
        sa.sin6_port = htons(port);
        bool v4 = false;
        const quint32 a4 = to.toIPv4Address(&v4);
        if (v4) { // v4-mapped on the dual-stack socket
            sa.sin6_addr.s6_addr[10] = 0xff;
            sa.sin6_addr.s6_addr[11] = 0xff;
            const quint32 be = htonl(a4);
            std::memcpy(&sa.sin6_addr.s6_addr[12], &be, 4);
        } else {
            const Q_IPV6ADDR a6 = to.toIPv6Address();
            std::memcpy(&sa.sin6_addr, &a6, 16);
        }
        if (::sendto(m_fd.get(), data.constData(), size_t(data.size()), MSG_DONTWAIT, reinterpret_cast<sockaddr *>(&sa), sizeof sa) < 0)
            return errnoError(QStringLiteral("STAMP send to %1 port %2").arg(to.toString()).arg(port), errno);
        return {};
    }

    core::Result<void> sendWithTtl(const QByteArray &data, const QHostAddress &to, quint16 port, int ttl) override
    {
        bool v4 = false;
        to.toIPv4Address(&v4);
        const bool ipv6 = !v4; // a v4-mapped destination takes the IPv4 TTL, set on the dual-stack socket as well
        if (auto ok = net::setTtl(m_fd.get(), ipv6, ttl); !ok)
            return ok;
        auto sent = send(data, to, port);
        (void)net::setTtl(m_fd.get(), ipv6, -1); // -1: the route's default again
        return sent;
    }

    bool waitReadable(int timeoutMs) override
    {
        pollfd p{m_fd.get(), POLLIN, 0};
        return ::poll(&p, 1, std::max(0, timeoutMs)) > 0;
    }

private:
    UniqueFd m_fd;
    quint16 m_port;
    QString m_method;
};

} // namespace

core::Result<std::unique_ptr<StampSocket>> StampSocket::open(quint16 port, const QString &what)
{
    UniqueFd fd(::socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP));
    if (!fd.valid())
        return errnoError(QStringLiteral("%1: cannot open a UDP socket").arg(what), errno);
    const int off = 0, on = 1;
    (void)setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    (void)setsockopt(fd.get(), IPPROTO_IP, IP_RECVTTL, &on, sizeof on);
    (void)setsockopt(fd.get(), IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &on, sizeof on);
    sockaddr_in6 sa{};
    sa.sin6_family = AF_INET6;
    sa.sin6_port = htons(port);
    sa.sin6_addr = in6addr_any;
    if (::bind(fd.get(), reinterpret_cast<sockaddr *>(&sa), sizeof sa) < 0) {
        const int err = errno;
        return errnoError(QStringLiteral("%1: cannot listen on UDP port %2").arg(what).arg(port), err,
                          err == EACCES ? QStringLiteral("ports below 1024 (STAMP's 862) need root or CAP_NET_BIND_SERVICE; "
                                                         "choose a port ≥ 1024 with --port")
                          : err == EADDRINUSE ? QStringLiteral("another program (or reflector) uses that port; choose another with --port")
                                              : QString());
    }
    socklen_t len = sizeof sa;
    (void)getsockname(fd.get(), reinterpret_cast<sockaddr *>(&sa), &len);
    const QString method = net::enableTimestamps(fd.get(), false);
    return std::unique_ptr<StampSocket>(new LinuxStampSocket(std::move(fd), ntohs(sa.sin6_port), method));
}

} // namespace pathlens::collect
