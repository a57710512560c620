// SPDX-License-Identifier: GPL-3.0-or-later
// ICMP/ICMPv6 echo probes: unprivileged datagram sockets where ping_group_range allows, else raw
// sockets of this process (CAP_NET_RAW), else raw sockets from pathlens-helper.
#include "collectors/os/unique_fd.h"
#include "collectors/os/errno_error.h"
#include "collectors/privilege/helper_client.h"
#include "collectors/probes/probe_socket_linux.h"
#include "collectors/probes/tx_stamp_matcher_linux.h"

#include <QRandomGenerator>

#include <cerrno>
#include <map>

#include <netinet/in.h>

namespace pathlens::collect::probe_linux {

namespace {
// RFC 792 / RFC 4443 echo types; 8-byte echo header (type, code, checksum, id, seq).
constexpr quint8 kEchoRequest4 = 8, kEchoReply4 = 0, kEchoRequest6 = 128, kEchoReply6 = 129;
constexpr int kEchoHeader = 8;
constexpr int kPayloadBytes =
    48; // 56-byte ICMP payload like iputils ping minus our 8-byte header: same wire size class
constexpr int kMaxDrain = 1024; // replies read per poll: far above what 2 s of probes at 100× can queue

const QString kSysctlRemedy =
    QStringLiteral("allow unprivileged ICMP sockets: sudo sysctl -w net.ipv4.ping_group_range=\"0 2147483647\" "
                   "(persist it in /etc/sysctl.d/)");

quint16 inetChecksum(const QByteArray &b)
{
    quint32 sum = 0; // RFC 1071
    for (qsizetype i = 0; i + 1 < b.size(); i += 2)
        sum += (quint8(b[i]) << 8) | quint8(b[i + 1]);
    if (b.size() % 2)
        sum += quint8(b[b.size() - 1]) << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(~sum);
}

struct Opened {
    UniqueFd fd;
    bool raw = false;
    QString mode; // the sample notes' mode=: dgram, raw (this process) or helper (pathlens-helper)
};

// Datagram socket (ping_group_range), else a raw one here (CAP_NET_RAW), else a raw one from
// pathlens-helper. Both raw kinds behave the same once open.
core::Result<Opened> openSocket(bool ipv6)
{
    const int family = ipv6 ? AF_INET6 : AF_INET;
    const int proto = ipv6 ? int(IPPROTO_ICMPV6) : int(IPPROTO_ICMP);
    Opened o;
    o.fd.reset(::socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, proto));
    if (o.fd.valid()) {
        o.mode = QStringLiteral("dgram");
        return o;
    }
    const int dgramErr = errno;
    auto raw = openRawSocket(family, proto); // here first, then the helper
    if (raw) {
        o.fd.reset(raw->fd);
        o.raw = true;
        o.mode = raw->source == RawSocketSource::Helper ? QStringLiteral("helper") : QStringLiteral("raw");
        return o;
    }
    return core::makeError(core::ErrorCode::Unsupported,
                           QStringLiteral("cannot open an ICMP%1 socket: datagram socket refused (%2); %3")
                               .arg(ipv6 ? QStringLiteral("v6") : QString(), errnoText(dgramErr),
                                    raw.error().message),
                           QStringLiteral("%1, or %2").arg(kSysctlRemedy, raw.error().remedy));
}

// Owned by one probe loop; one socket per target. In datagram mode the kernel picks the echo id
// (the socket's "port") and delivers only our replies; in raw mode (own or the helper's socket)
// we pick a random id and filter every ICMP message the host receives by id, type and source.
class IcmpEchoTransport final : public ProbeTransport {
public:
    IcmpEchoTransport(Opened s, QHostAddress target)
        : m_fd(std::move(s.fd)), m_raw(s.raw), m_mode(std::move(s.mode)), m_target(std::move(target)),
          m_ipv6(m_target.protocol() == QAbstractSocket::IPv6Protocol),
          m_id(quint16(QRandomGenerator::global()->bounded(1, 0x10000)))
    {
        m_len = toSockaddr(m_target, 0, m_addr);
        m_txStamps = enableTxRxTimestamps(m_fd.get());
        if (!m_txStamps)
            enableRxTimestamps(m_fd.get());
    }

    core::Result<void> send(quint64 token) override
    {
        const quint16 seq = m_seq++;
        QByteArray pkt(kEchoHeader + kPayloadBytes, '\0');
        pkt[0] = char(m_ipv6 ? quint8(kEchoRequest6) : quint8(kEchoRequest4));
        pkt[4] = char(m_id >> 8);
        pkt[5] = char(m_id & 0xff);
        pkt[6] = char(seq >> 8);
        pkt[7] = char(seq & 0xff);
        for (int i = 0; i < kPayloadBytes; ++i)
            pkt[kEchoHeader + i] = char(0x10 + i); // a recognisable pattern, like ping's
        if (m_raw && !m_ipv6) {                    // datagram sockets and ICMPv6 raw sockets checksum in the kernel
            const quint16 sum = inetChecksum(pkt);
            pkt[2] = char(sum >> 8);
            pkt[3] = char(sum & 0xff);
        }
        const qint64 tx = realtimeNowNs();
        if (::sendto(m_fd.get(), pkt.constData(), size_t(pkt.size()), 0, reinterpret_cast<sockaddr *>(&m_addr), m_len) <
            0)
            return sysError(QStringLiteral("sending an echo request to %1").arg(m_target.toString()), errno);
        m_pending[seq] = {token, tx};
        if (m_txStamps) // the kernel numbers each send from 0; its stamp replaces ours when it comes
            m_stamps.sent(seq);
        return {};
    }

    void poll(std::vector<ProbeCompletion> &out) override
    {
        // Send stamps first (error queue), so a reply already queued finds its probe's kernel stamp.
        if (m_txStamps)
            m_stamps.drainInto(m_fd.get(), kMaxDrain, m_pending);
        for (int i = 0; i < kMaxDrain; ++i) {
            auto r = receiveDatagram(m_fd.get());
            if (!r || !r->has_value())
                return;
            const Datagram &msg = **r;
            QByteArrayView icmp(msg.data);
            if (m_raw && !m_ipv6) { // IPv4 raw sockets deliver the IP header too
                if (icmp.size() < 20)
                    continue;
                icmp = icmp.sliced((quint8(icmp[0]) & 0x0f) * 4);
            }
            if (icmp.size() < kEchoHeader || quint8(icmp[0]) != (m_ipv6 ? quint8(kEchoReply6) : quint8(kEchoReply4)))
                continue;
            if (!msg.from.isEqual(m_target, QHostAddress::TolerantConversion))
                continue;
            const quint16 id = quint16((quint8(icmp[4]) << 8) | quint8(icmp[5]));
            if (m_raw && id != m_id)
                continue; // another pinger on this host
            const quint16 seq = quint16((quint8(icmp[6]) << 8) | quint8(icmp[7]));
            auto it = m_pending.find(seq);
            if (it == m_pending.end())
                continue; // a duplicate, or a probe the scheduler already gave up on
            ProbeCompletion c;
            c.token = it->second.token;
            c.ok = true;
            c.txNs = it->second.txNs;
            c.rxNs = msg.rxNs > 0 ? msg.rxNs : realtimeNowNs();
            m_pending.erase(it);
            out.push_back(c);
        }
    }

    void forget(quint64 token) override { erasePendingToken(m_pending, token); }

    int waitFd() const override { return m_fd.get(); }
    QString mode() const override { return m_mode; }

private:
    struct Pending {
        quint64 token = 0;
        qint64 txNs = 0;
    };
    UniqueFd m_fd;
    bool m_raw = false;
    QString m_mode;
    QHostAddress m_target;
    bool m_ipv6 = false;
    quint16 m_id = 0;
    quint16 m_seq = 0;
    sockaddr_storage m_addr{};
    socklen_t m_len = 0;
    bool m_txStamps = false;
    TxStampMatcher m_stamps;
    std::map<quint16, Pending> m_pending;   // by echo sequence (16 bits wrap after 65536 probes)
};

} // namespace

core::Result<std::unique_ptr<ProbeTransport>> createIcmpEcho(const QHostAddress &target)
{
    auto s = openSocket(target.protocol() == QAbstractSocket::IPv6Protocol);
    if (!s)
        return s.error();
    return std::unique_ptr<ProbeTransport>(std::make_unique<IcmpEchoTransport>(std::move(*s), target));
}

core::Result<void> icmpSupported()
{
    auto s = openSocket(false);
    if (!s)
        return s.error();
    return {};
}

} // namespace pathlens::collect::probe_linux
