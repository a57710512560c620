// SPDX-License-Identifier: GPL-3.0-or-later
// UDP DNS probes: a minimal A query over a connected UDP socket; only a response with our transaction id answers.
#include "collectors/os/unique_fd.h"
#include "collectors/probes/probe_socket_linux.h"
#include "collectors/probes/tx_stamp_matcher_linux.h"
#include "dns_query.h"

#include <QRandomGenerator>

#include <cerrno>
#include <map>

#include <netinet/in.h>

namespace pathlens::collect::probe_linux {

namespace {
constexpr int kMaxDrain = 1024;    // datagrams read per poll

// Owned by one probe loop. A connected socket: the kernel drops datagrams from other sources, and
// an ICMP port unreachable shows up as ECONNREFUSED (not tied to a probe: it times out).
class UdpDnsTransport final : public ProbeTransport {
public:
    UdpDnsTransport(UniqueFd fd, QString target, QString name)
        : m_fd(std::move(fd)), m_target(std::move(target)), m_name(std::move(name))
    {
        m_txStamps = enableTxRxTimestamps(m_fd.get());
        if (!m_txStamps)
            enableRxTimestamps(m_fd.get());
    }

    core::Result<void> send(quint64 token) override
    {
        quint16 id = 0;
        do { // a fresh random id per query (RFC 5452), never one still waiting for its answer
            id = quint16(QRandomGenerator::global()->generate());
        } while (m_pending.count(id));
        const QByteArray q = buildDnsQuery(id, m_name);
        if (q.isEmpty())
            return core::makeError(core::ErrorCode::InvalidInput,
                                   QStringLiteral("'%1' is not a valid DNS name").arg(m_name));
        const qint64 tx = realtimeNowNs();
        if (::send(m_fd.get(), q.constData(), size_t(q.size()), 0) < 0)
            return sysError(QStringLiteral("sending a DNS query to %1").arg(m_target), errno);
        m_pending[id] = {token, tx};
        if (m_txStamps) // the kernel numbers each send from 0; its stamp replaces ours when it comes
            m_stamps.sent(id);
        return {};
    }

    void poll(std::vector<ProbeCompletion> &out) override
    {
        // Send stamps first (error queue), so an answer already queued finds its query's kernel stamp.
        if (m_txStamps)
            m_stamps.drainInto(m_fd.get(), kMaxDrain, m_pending);
        for (int i = 0; i < kMaxDrain; ++i) {
            auto r = receiveDatagram(m_fd.get());
            if (!r)
                continue; // ECONNREFUSED from an earlier query: keep draining
            if (!r->has_value())
                return;
            const auto id = dnsResponseId((*r)->data);
            if (!id)
                continue;
            auto it = m_pending.find(*id);
            if (it == m_pending.end()) {
                ++m_wrongId; // a late answer, or a spoofed/mismatched id: not an answer
                continue;
            }
            ProbeCompletion c;
            c.token = it->second.token;
            c.ok = true;
            c.txNs = it->second.txNs;
            c.rxNs = (*r)->rxNs > 0 ? (*r)->rxNs : realtimeNowNs();
            m_pending.erase(it);
            out.push_back(c);
        }
    }

    void forget(quint64 token) override { erasePendingToken(m_pending, token); }

    int waitFd() const override { return m_fd.get(); }
    QString mode() const override { return QStringLiteral("udp"); }

private:
    struct Pending {
        quint64 token = 0;
        qint64 txNs = 0;
    };
    UniqueFd m_fd;
    QString m_target, m_name;
    std::map<quint16, Pending> m_pending; // by transaction id
    qint64 m_wrongId = 0;
    bool m_txStamps = false;
    TxStampMatcher m_stamps;
};

} // namespace

core::Result<std::unique_ptr<ProbeTransport>> createUdpDns(const QHostAddress &target, quint16 port,
                                                           const QString &name)
{
    const bool v6 = target.protocol() == QAbstractSocket::IPv6Protocol;
    UniqueFd fd(::socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP));
    if (!fd.valid())
        return sysError(QStringLiteral("cannot open a UDP socket for DNS probes"), errno);
    sockaddr_storage ss{};
    const socklen_t len = toSockaddr(target, port, ss);
    if (::connect(fd.get(), reinterpret_cast<sockaddr *>(&ss), len) != 0)
        return sysError(QStringLiteral("no route for DNS probes to %1").arg(target.toString()), errno,
                        QStringLiteral("check the network connection and the resolver address"));
    return std::unique_ptr<ProbeTransport>(std::make_unique<UdpDnsTransport>(std::move(fd), target.toString(), name));
}

} // namespace pathlens::collect::probe_linux
