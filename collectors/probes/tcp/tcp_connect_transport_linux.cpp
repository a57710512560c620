// SPDX-License-Identifier: GPL-3.0-or-later
// TCP connect probes: non-blocking connect, SYN→SYN-ACK time from the kernel's first RTT sample, then close.
#include "collectors/os/unique_fd.h"
#include "collectors/os/errno_error.h"
#include "collectors/probes/probe_socket_linux.h"

#include <cerrno>
#include <map>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>

namespace pathlens::collect::probe_linux {

namespace {
constexpr int kMaxEvents = 64;

// Owned by one probe loop. One socket per probe (a connect every 2 s), all watched by one epoll
// descriptor, which is what waitFd() returns. The RTT is tcpi_rtt right after the handshake: the
// kernel's first sample is the SYN→SYN-ACK time measured in softirq, free of our wake-up delay;
// when it is missing, connect completion as we saw it.
class TcpConnectTransport final : public ProbeTransport {
public:
    TcpConnectTransport(UniqueFd epoll, QHostAddress target, quint16 port)
        : m_epoll(std::move(epoll)), m_target(std::move(target)), m_port(port)
    {
    }

    core::Result<void> send(quint64 token) override
    {
        const bool v6 = m_target.protocol() == QAbstractSocket::IPv6Protocol;
        UniqueFd fd(::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP));
        if (!fd.valid())
            return sysError(QStringLiteral("cannot open a TCP socket"), errno);
        sockaddr_storage ss{};
        const socklen_t len = toSockaddr(m_target, m_port, ss);
        const qint64 tx = realtimeNowNs();
        if (::connect(fd.get(), reinterpret_cast<sockaddr *>(&ss), len) != 0 && errno != EINPROGRESS)
            return sysError(QStringLiteral("connecting to %1 port %2").arg(m_target.toString()).arg(m_port), errno);
        epoll_event ev{};
        ev.events = EPOLLOUT;
        ev.data.u64 = token;
        if (epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, fd.get(), &ev) != 0)
            return sysError(QStringLiteral("cannot watch a TCP probe"), errno);
        m_pending.emplace(token, Pending{std::move(fd), tx});
        return {};
    }

    void poll(std::vector<ProbeCompletion> &out) override
    {
        epoll_event events[kMaxEvents];
        const int n = epoll_wait(m_epoll.get(), events, kMaxEvents, 0);
        const qint64 now = realtimeNowNs();
        for (int i = 0; i < n; ++i) {
            auto it = m_pending.find(events[i].data.u64);
            if (it == m_pending.end())
                continue;
            const int fd = it->second.fd.get();
            int err = 0;
            socklen_t errLen = sizeof err;
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &errLen);
            ProbeCompletion c;
            c.token = it->first;
            c.txNs = it->second.txNs;
            c.rxNs = now;
            if (err == 0) {
                c.ok = true;
                tcp_info info{};
                socklen_t infoLen = sizeof info;
                if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &infoLen) == 0 && info.tcpi_rtt > 0) {
                    c.rttMs = info.tcpi_rtt / 1000.0; // µs
                    c.note = QStringLiteral("rtt_src=tcp_info");
                } else {
                    c.note = QStringLiteral("rtt_src=user");
                }
            } else {
                c.note =
                    QStringLiteral("error=%1")
                        .arg(err == ECONNREFUSED ? QStringLiteral("refused") : errnoText(err));
            }
            epoll_ctl(m_epoll.get(), EPOLL_CTL_DEL, fd, nullptr);
            m_pending.erase(it); // closes: FIN after the handshake (refused sockets are already reset)
            out.push_back(c);
        }
    }

    void forget(quint64 token) override
    {
        auto it = m_pending.find(token);
        if (it == m_pending.end())
            return;
        epoll_ctl(m_epoll.get(), EPOLL_CTL_DEL, it->second.fd.get(), nullptr);
        m_pending.erase(it);
    }

    int waitFd() const override { return m_epoll.get(); }
    QString mode() const override { return QStringLiteral("connect"); }

private:
    struct Pending {
        UniqueFd fd;
        qint64 txNs = 0;
    };
    UniqueFd m_epoll;
    QHostAddress m_target;
    quint16 m_port = 0;
    std::map<quint64, Pending> m_pending;
};

} // namespace

core::Result<std::unique_ptr<ProbeTransport>> createTcpConnect(const QHostAddress &target, quint16 port)
{
    UniqueFd ep(epoll_create1(EPOLL_CLOEXEC));
    if (!ep.valid())
        return sysError(QStringLiteral("cannot create an epoll descriptor for TCP probes"), errno);
    return std::unique_ptr<ProbeTransport>(std::make_unique<TcpConnectTransport>(std::move(ep), target, port));
}

} // namespace pathlens::collect::probe_linux
