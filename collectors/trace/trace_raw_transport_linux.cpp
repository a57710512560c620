// SPDX-License-Identifier: GPL-3.0-or-later
// Linux raw-socket trace transports (ICMP echo, TCP SYN): quoted headers and MPLS labels. Raw
// sockets come from this process (CAP_NET_RAW) or from pathlens-helper (collectors/privilege).
#include "collectors/privilege/helper_client.h"
#include "icmp_parser.h"
#include "probe_packet.h"
#include "trace_socket_linux.h"

#include <QRandomGenerator>

#include <cerrno>
#include <cstring>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

namespace pathlens::collect::trace_linux {

namespace {
constexpr int kMaxDrain = 512; // messages read per socket per wait(): bounded
// IPV6_CHECKSUM offset of the TCP checksum (RFC 9293 header layout): the kernel fills it for IPv6.
constexpr int kTcpChecksumOffset = 16;

// The default opener: socket() here, else pathlens-helper; the error adds the UDP alternative.
core::Result<RawSocket> openRawDefault(int family, int protocol)
{
    auto s = openRawSocket(family, protocol);
    if (!s) {
        core::Error e = s.error();
        e.remedy += QStringLiteral("; or trace with UDP, which needs no privilege");
        return e;
    }
    return s;
}

sockaddr_storage toSockaddr(const QHostAddress &a, quint16 port, socklen_t *len)
{
    sockaddr_storage ss{};
    if (a.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *s = reinterpret_cast<sockaddr_in6 *>(&ss);
        s->sin6_family = AF_INET6;
        s->sin6_port = htons(port);
        const Q_IPV6ADDR b = a.toIPv6Address();
        std::memcpy(&s->sin6_addr, &b, 16);
        *len = sizeof *s;
    } else {
        auto *s = reinterpret_cast<sockaddr_in *>(&ss);
        s->sin_family = AF_INET;
        s->sin_port = htons(port);
        s->sin_addr.s_addr = htonl(a.toIPv4Address());
        *len = sizeof *s;
    }
    return ss;
}

QByteArray addressBytes(const QHostAddress &a)
{
    if (a.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR b = a.toIPv6Address();
        return QByteArray(reinterpret_cast<const char *>(b.c), 16);
    }
    const quint32 v = a.toIPv4Address();
    const char b[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    return QByteArray(b, 4);
}

// Owned by one run; sockets are opened in open() and closed by the destructor. ICMP mode sends and
// receives on one raw ICMP socket; TCP mode sends SYNs on a raw TCP socket (which also sees the
// SYN-ACK/RST), hears time-exceeded on a raw ICMP socket, and holds an ordinary TCP socket bound
// to its source port so no other program gets that port while the run lasts.
class RawTransport final : public TraceTransport {
public:
    RawTransport(TraceProto proto, RawSocketOpener opener) : m_proto(proto), m_opener(std::move(opener)) {}

    core::Result<void> open(const TraceEndpoint &target) override
    {
        m_target = target;
        m_ipv6 = target.ipv6();
        const int family = m_ipv6 ? AF_INET6 : AF_INET;
        // Local source address and (TCP) source port: what the routing table picks for the target.
        m_portHolder.reset(::socket(family, (m_proto == TraceProto::Tcp ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC, 0));
        if (!m_portHolder.valid())
            return sysError(QStringLiteral("cannot open a socket to find the source address"), errno);
        socklen_t len = 0;
        sockaddr_storage dst = toSockaddr(target.addr, target.port, &len);
        sockaddr_storage local{};
        socklen_t localLen = sizeof local;
        if (m_proto == TraceProto::Tcp) {
            // Bind to the route's source address with an ephemeral port, then keep the socket (not listening).
            UniqueFd probe(::socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0));
            if (!probe.valid() || ::connect(probe.get(), reinterpret_cast<sockaddr *>(&dst), len) != 0
                || getsockname(probe.get(), reinterpret_cast<sockaddr *>(&local), &localLen) != 0)
                return sysError(QStringLiteral("no route to %1").arg(target.addr.toString()), errno);
            m_local = addressOf(reinterpret_cast<sockaddr *>(&local));
            socklen_t bl = 0;
            sockaddr_storage bindAddr = toSockaddr(m_local, 0, &bl);
            if (::bind(m_portHolder.get(), reinterpret_cast<sockaddr *>(&bindAddr), bl) != 0)
                return sysError(QStringLiteral("cannot reserve a TCP source port"), errno);
            localLen = sizeof local;
            getsockname(m_portHolder.get(), reinterpret_cast<sockaddr *>(&local), &localLen);
            m_srcPort = m_ipv6 ? ntohs(reinterpret_cast<sockaddr_in6 *>(&local)->sin6_port)
                               : ntohs(reinterpret_cast<sockaddr_in *>(&local)->sin_port);
        } else {
            if (::connect(m_portHolder.get(), reinterpret_cast<sockaddr *>(&dst), len) != 0
                || getsockname(m_portHolder.get(), reinterpret_cast<sockaddr *>(&local), &localLen) != 0)
                return sysError(QStringLiteral("no route to %1").arg(target.addr.toString()), errno);
            m_local = addressOf(reinterpret_cast<sockaddr *>(&local));
        }

        auto icmp = openRaw(family, m_ipv6 ? int(IPPROTO_ICMPV6) : int(IPPROTO_ICMP));
        if (!icmp)
            return icmp.error();
        m_icmp.reset(*icmp);
        if (m_proto == TraceProto::Tcp) {
            auto tcp = openRaw(family, IPPROTO_TCP);
            if (!tcp)
                return tcp.error();
            m_tcp.reset(*tcp);
            if (m_ipv6) {
                const int off = kTcpChecksumOffset;
                if (setsockopt(m_tcp.get(), IPPROTO_IPV6, IPV6_CHECKSUM, &off, sizeof off) != 0)
                    return sysError(QStringLiteral("cannot enable IPv6 TCP checksums on the raw socket"), errno);
            }
        }
        const int sender = sendFd();
        m_stamps = enableTimestamps(sender, true);
        if (m_tcp.valid())
            enableTimestamps(m_icmp.get(), false);
        if (target.dscp)
            if (auto r = setDscp(sender, m_ipv6, target.dscp); !r)
                return r;
        m_echoId = quint16(QRandomGenerator::global()->bounded(65536)); // tells our echoes from other pings'
        m_seqSalt = quint16(QRandomGenerator::global()->bounded(65536));
        return {};
    }

    core::Result<void> send(int ttl, quint16 probeId) override
    {
        if (auto r = setTtl(sendFd(), m_ipv6, ttl); !r)
            return r;
        QByteArray packet;
        if (m_proto == TraceProto::Icmp) {
            packet = buildIcmpEcho(m_ipv6, m_echoId, probeId);
        } else {
            // Probe id in the upper half of the sequence number; SYN-ACK/RST acknowledge seq + 1.
            const quint32 seq = quint32(probeId) << 16 | m_seqSalt;
            packet = m_ipv6 ? buildTcpSyn(m_srcPort, m_target.port, seq, {}, {})
                            : buildTcpSyn(m_srcPort, m_target.port, seq, addressBytes(m_local), addressBytes(m_target.addr));
        }
        socklen_t len = 0;
        // Raw IPv6 sockets reject a non-zero port in the destination (EINVAL on some kernels): port 0.
        sockaddr_storage dst = toSockaddr(m_target.addr, 0, &len);
        if (::sendto(sendFd(), packet.constData(), size_t(packet.size()), 0, reinterpret_cast<sockaddr *>(&dst), len) < 0)
            return sysError(QStringLiteral("cannot send a trace probe to %1").arg(m_target.addr.toString()), errno);
        return {};
    }

    core::Result<void> wait(int timeoutMs, std::vector<TransportReply> &replies, std::vector<qint64> &txStamps) override
    {
        pollfd p[2] = {{m_icmp.get(), POLLIN, 0}, {m_tcp.valid() ? m_tcp.get() : -1, POLLIN, 0}};
        if (::poll(p, 2, timeoutMs) < 0 && errno != EINTR)
            return sysError(QStringLiteral("waiting for trace replies failed"), errno);
        for (int i = 0; i < kMaxDrain; ++i) { // kernel send stamps of the sending socket
            auto got = receiveOne(sendFd(), true);
            if (!got)
                return got.error();
            if (!*got)
                break;
            if ((*got)->isTxStamp && (*got)->rxNs)
                txStamps.push_back((*got)->rxNs);
        }
        if (auto r = drainIcmp(replies); !r)
            return r;
        if (m_tcp.valid())
            return drainTcp(replies);
        return {};
    }

    QString localAddress() const override { return m_local.toString(); }
    bool quotesHeaders() const override { return true; }
    QString describe() const override
    {
        return QStringLiteral("%1 over raw sockets%2, %3")
            .arg(m_proto == TraceProto::Icmp ? "ICMP echo" : "TCP SYN",
                 m_opener      ? QStringLiteral(" (injected opener)")
                 : m_viaHelper ? QStringLiteral(" from pathlens-helper")
                               : QString(),
                 m_stamps);
    }

private:
    core::Result<int> openRaw(int family, int protocol)
    {
        if (m_opener)
            return m_opener(family, protocol);
        auto s = openRawDefault(family, protocol);
        if (!s)
            return s.error();
        m_viaHelper = m_viaHelper || s->source == RawSocketSource::Helper;
        return s->fd;
    }

    int sendFd() const { return m_proto == TraceProto::Tcp ? m_tcp.get() : m_icmp.get(); }

    core::Result<void> drainIcmp(std::vector<TransportReply> &replies)
    {
        for (int i = 0; i < kMaxDrain; ++i) {
            auto got = receiveOne(m_icmp.get(), false);
            if (!got)
                return got.error();
            if (!*got)
                break;
            const Received &r = **got;
            auto msg = parseIcmp(r.data, m_ipv6, !m_ipv6); // raw IPv4 sockets include the IP header
            if (!msg)
                continue;
            TransportReply reply;
            reply.from = m_ipv6 ? r.from.toString() : msg->from;
            reply.rxNs = r.rxNs ? r.rxNs : realtimeNowNs();
            reply.kernelStamp = r.rxNs != 0;
            reply.icmpType = msg->type;
            reply.icmpCode = msg->code;
            if (msg->kind == IcmpKind::EchoReply) {
                if (m_proto != TraceProto::Icmp || msg->echoId != m_echoId || reply.from != m_target.addr.toString())
                    continue;
                reply.kind = TransportReply::Kind::Destination;
                reply.probeId = msg->echoSeq;
            } else if (msg->quoted && (msg->kind == IcmpKind::TimeExceeded || msg->kind == IcmpKind::Unreachable)) {
                const QuotedProbe &q = *msg->quoted;
                if (q.dst != m_target.addr.toString() || !q.hasTransport || !ours(q))
                    continue;
                reply.probeId = m_proto == TraceProto::Icmp ? q.icmpSeq : quint16(q.tcpSeq >> 16);
                reply.quotedTtl = q.ttl;
                reply.quotedDscp = q.dscp;
                reply.quotedEcn = q.ecn;
                reply.mplsLabels = msg->mplsLabels;
                reply.kind = msg->kind == IcmpKind::TimeExceeded ? TransportReply::Kind::TimeExceeded
                                                                 : TransportReply::Kind::Unreachable;
            } else {
                continue;
            }
            replies.push_back(std::move(reply));
        }
        return {};
    }

    bool ours(const QuotedProbe &q) const
    {
        if (m_proto == TraceProto::Icmp)
            return (q.protocol == icmp_abi::kProtoIcmp || q.protocol == icmp_abi::kProtoIcmpv6) && q.icmpId == m_echoId;
        return q.protocol == icmp_abi::kProtoTcp && q.srcPort == m_srcPort && q.dstPort == m_target.port
            && quint16(q.tcpSeq & 0xffff) == m_seqSalt;
    }

    core::Result<void> drainTcp(std::vector<TransportReply> &replies)
    {
        for (int i = 0; i < kMaxDrain; ++i) {
            auto got = receiveOne(m_tcp.get(), false);
            if (!got)
                return got.error();
            if (!*got)
                break;
            const Received &r = **got;
            auto seg = parseTcpSegment(r.data, m_ipv6, !m_ipv6);
            if (!seg || seg->dstPort != m_srcPort || seg->srcPort != m_target.port || !(seg->rst || (seg->syn && seg->hasAck)))
                continue;
            const quint32 acked = seg->ack - 1;
            if (quint16(acked & 0xffff) != m_seqSalt)
                continue;
            TransportReply reply;
            reply.from = m_ipv6 ? r.from.toString() : seg->src;
            if (reply.from != m_target.addr.toString())
                continue;
            reply.kind = TransportReply::Kind::Destination; // SYN-ACK (open) or RST (closed): the host answered
            reply.probeId = quint16(acked >> 16);
            reply.rxNs = r.rxNs ? r.rxNs : realtimeNowNs();
            reply.kernelStamp = r.rxNs != 0;
            replies.push_back(std::move(reply));
        }
        return {};
    }

    TraceProto m_proto;
    RawSocketOpener m_opener;
    TraceEndpoint m_target;
    bool m_ipv6 = false;
    UniqueFd m_icmp, m_tcp, m_portHolder;
    QHostAddress m_local;
    quint16 m_srcPort = 0, m_echoId = 0, m_seqSalt = 0;
    QString m_stamps;
    bool m_viaHelper = false;
};
} // namespace

std::unique_ptr<TraceTransport> createRawTransport(TraceProto proto, RawSocketOpener opener)
{
    return std::make_unique<RawTransport>(proto, std::move(opener));
}

core::Result<QString> rawSocketMode(const RawSocketOpener &opener)
{
    if (opener) {
        auto fd = opener(AF_INET, IPPROTO_ICMP);
        if (!fd)
            return fd.error();
        UniqueFd owner(*fd); // only a check: closed here
        return QStringLiteral("injected");
    }
    auto s = openRawDefault(AF_INET, IPPROTO_ICMP);
    if (!s)
        return s.error();
    UniqueFd owner(s->fd);
    return s->source == RawSocketSource::Helper ? QStringLiteral("helper") : QStringLiteral("raw");
}

} // namespace pathlens::collect::trace_linux
