// SPDX-License-Identifier: GPL-3.0-or-later
// Linux packet trains over a raw ICMP socket (this process or pathlens-helper): echo requests back
// to back with kernel receive stamps; time-exceeded answers tied to our packets by the quoted echo.
#include "collectors/trains/train_transport.h"

#include "collectors/os/socket_io_linux.h"
#include "collectors/os/unique_fd.h"
#include "collectors/privilege/helper_client.h"
#include "collectors/trace/icmp_parser.h"

#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <map>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>

namespace pathlens::collect {

namespace {
using net::realtimeNowNs;
using net::sysError;

constexpr int kEchoHeader = 8;          // type, code, checksum, id, sequence (RFC 792 / RFC 4443)
constexpr int kIpv4Header = 20, kIpv6Header = 40;
constexpr int kMaxDrain = 4096;         // datagrams read per wake-up: bounded
constexpr int kDefaultTtl = 64;
constexpr quint8 kIcmpFragNeeded = 4;    // RFC 792 destination unreachable code: fragmentation needed and DF set
constexpr quint8 kIcmp6PacketTooBig = 2; // RFC 4443         // what the kernel would use (net.ipv4.ip_default_ttl)
// Steps tried when big echoes go unanswered and nobody says why (a PMTU black hole): common
// tunnel and link MTUs (PPPoE 1492, IPsec/GRE ~1400, IPv6 minimum 1280, IPv4 minimum 576).
constexpr int kMtuSteps[] = {1500, 1492, 1480, 1460, 1400, 1280, 1000, 576};

quint16 inetChecksum(const QByteArray &b)
{
    quint32 sum = onesComplementAdd(0, QByteArrayView(b));
    return quint16(~onesComplementFold(sum));
}

socklen_t toSockaddr(const QHostAddress &a, sockaddr_storage &ss)
{
    std::memset(&ss, 0, sizeof ss);
    if (a.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *s = reinterpret_cast<sockaddr_in6 *>(&ss);
        s->sin6_family = AF_INET6;
        const Q_IPV6ADDR b = a.toIPv6Address();
        std::memcpy(&s->sin6_addr, &b, 16);
        return sizeof *s;
    }
    auto *s = reinterpret_cast<sockaddr_in *>(&ss);
    s->sin_family = AF_INET;
    s->sin_addr.s_addr = htonl(a.toIPv4Address());
    return sizeof *s;
}

// Scheduling runs on CLOCK_MONOTONIC (a wall-clock step must not stretch a train or a wait);
// packets are still stamped on CLOCK_REALTIME, the clock of the kernel's receive stamps.
qint64 monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

void sleepUntil(qint64 monotonic)
{
    timespec ts{time_t(monotonic / 1'000'000'000), long(monotonic % 1'000'000'000)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
    }
}

constexpr int kMaxPacket = 9216;          // jumbo frames: the largest echo we send or read back
constexpr int kSendBlockedMs = 100;       // a full send buffer that does not drain in this long fails the train

class IcmpTrainTransport final : public TrainTransport {
public:
    IcmpTrainTransport(UniqueFd fd, QString mode, QHostAddress target)
        : m_fd(std::move(fd)), m_mode(std::move(mode)), m_target(std::move(target)),
          m_ipv6(m_target.protocol() == QAbstractSocket::IPv6Protocol),
          m_id(quint16(QRandomGenerator::global()->bounded(1, 0x10000))),
          m_seq(quint16(QRandomGenerator::global()->bounded(0, 0x10000)))
    {
        m_len = toSockaddr(m_target, m_addr);
        m_stampMethod = net::enableTimestamps(m_fd.get(), false);
        // DF on, the PMTU cache ignored: our own discovery decides sizes (IP_PMTUDISC_PROBE).
        const int probe = m_ipv6 ? IPV6_PMTUDISC_PROBE : IP_PMTUDISC_PROBE;
        if (m_ipv6)
            setsockopt(m_fd.get(), IPPROTO_IPV6, IPV6_MTU_DISCOVER, &probe, sizeof probe);
        else
            setsockopt(m_fd.get(), IPPROTO_IP, IP_MTU_DISCOVER, &probe, sizeof probe);
        const int buf = 1 << 20; // 50 answers (or sends) of up to 9 KB and whatever else ICMP the host gets meanwhile
        setsockopt(m_fd.get(), SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
        setsockopt(m_fd.get(), SOL_SOCKET, SO_SNDBUF, &buf, sizeof buf);
    }

    core::Result<void> mark(int dscp) { return net::setDscp(m_fd.get(), m_ipv6, dscp); }

    int headerBytes() const override { return (m_ipv6 ? kIpv6Header : kIpv4Header) + kEchoHeader; }
    QString timestampMethod() const override { return m_stampMethod; }
    QString socketMode() const override { return m_mode; }

    core::Result<TrainRun> run(const TrainSend &send) override
    {
        if (send.count < 1 || send.packetBytes < headerBytes())
            return core::makeError(core::ErrorCode::InvalidInput,
                                   QStringLiteral("a train needs at least one packet of %1 bytes or more").arg(headerBytes()));
        if (auto r = net::setTtl(m_fd.get(), m_ipv6, send.ttl > 0 ? send.ttl : kDefaultTtl); !r)
            return r.error();
        drain(nullptr); // answers of an earlier run that came too late
        m_lastTooBig.reset();
        const int paced = send.pacedSpacingNs > 0 ? std::max(0, send.pacedCount) : 0;
        const int total = send.count + paced;
        const quint16 base = m_seq;
        m_seq = quint16(m_seq + total);
        TrainRun out;
        out.train.packetBytes = send.packetBytes;
        out.train.packets.resize(size_t(total));
        out.train.pacedFrom = paced > 0 ? send.count : 0;
        Pending pending{base, total, &out, {}};
        const qint64 start = monotonicNs();
        qint64 headEnd = start;
        for (int i = 0; i < total; ++i) {
            if (send.spacingNs > 0 && i > 0) {
                sleepUntil(start + send.spacingNs * i);
                drain(&pending); // voice trains: take answers as they come, keeping the socket short
            } else if (i >= send.count) {
                sleepUntil(headEnd + send.pacedSpacingNs * (i - send.count + 1));
            }
            const QByteArray pkt = echo(quint16(base + i), send.packetBytes - headerBytes());
            out.train.packets[size_t(i)].txNs = realtimeNowNs();
            if (auto r = sendOne(pkt, send.packetBytes); !r)
                return r.error();
            if (i == send.count - 1)
                headEnd = monotonicNs();
        }
        const qint64 deadline = monotonicNs() + qint64(send.waitMs) * 1'000'000;
        while (pending.answered < total) {
            const qint64 left = deadline - monotonicNs();
            if (left <= 0)
                break;
            pollfd p{m_fd.get(), POLLIN, 0};
            ::poll(&p, 1, int(std::max<qint64>(1, left / 1'000'000)));
            drain(&pending);
        }
        int most = 0;
        for (const auto &[from, n] : pending.by)
            if (n > most) {
                most = n;
                out.answeredBy = from;
            }
        return out;
    }

    core::Result<int> discoverPathMtu() override
    {
        int size = routeMtu();
        for (int attempt = 0; attempt < 8; ++attempt) {
            auto r = run({size, 2, 0, 0, 700});
            if (!r && r.error().code != core::ErrorCode::InvalidInput)
                return r.error();
            if (r && r->train.received() > 0 && r->reachedTarget)
                return size;
            int next = 0;
            if (m_lastTooBig && *m_lastTooBig < size && *m_lastTooBig >= headerBytes())
                next = *m_lastTooBig; // a router said how big
            else
                for (int step : kMtuSteps)
                    if (step < size && (!m_ipv6 || step >= 1280)) {
                        next = step;
                        break;
                    }
            if (next == 0)
                break;
            size = next;
        }
        return core::makeError(core::ErrorCode::NotFound,
                               QStringLiteral("%1 answered no echo request, not even %2 bytes").arg(m_target.toString()).arg(size),
                               QStringLiteral("check that the target answers ping (ICMP echo) and no firewall drops it"));
    }

private:
    // One packet out; a full send buffer (non-blocking socket) is waited out for a moment.
    core::Result<void> sendOne(const QByteArray &pkt, int packetBytes)
    {
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (::sendto(m_fd.get(), pkt.constData(), size_t(pkt.size()), 0, reinterpret_cast<sockaddr *>(&m_addr), m_len) >= 0)
                return {};
            const int err = errno;
            if (err == EMSGSIZE)
                return core::makeError(core::ErrorCode::InvalidInput,
                                       QStringLiteral("a %1-byte packet is larger than the interface towards %2 allows")
                                           .arg(packetBytes)
                                           .arg(m_target.toString()),
                                       QStringLiteral("discover the path MTU again"));
            if ((err != EAGAIN && err != ENOBUFS) || attempt > 0)
                return sysError(QStringLiteral("sending a train packet to %1").arg(m_target.toString()), err);
            pollfd p{m_fd.get(), POLLOUT, 0};
            ::poll(&p, 1, kSendBlockedMs);
        }
        return {};
    }

    struct Pending {
        quint16 base;
        int count;
        TrainRun *out;
        std::map<QString, int> by;
        int answered = 0;
    };

    // The route's MTU as the kernel knows it (interface MTU, or a cached path MTU).
    int routeMtu() const
    {
        UniqueFd udp(::socket(m_ipv6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        sockaddr_storage ss;
        socklen_t len = toSockaddr(m_target, ss);
        reinterpret_cast<sockaddr_in *>(&ss)->sin_port = htons(9); // discard: never sent to
        int mtu = 1500;
        socklen_t ml = sizeof mtu;
        if (udp.valid() && ::connect(udp.get(), reinterpret_cast<sockaddr *>(&ss), len) == 0 &&
            getsockopt(udp.get(), m_ipv6 ? IPPROTO_IPV6 : IPPROTO_IP, m_ipv6 ? IPV6_MTU : IP_MTU, &mtu, &ml) == 0)
            return std::clamp(mtu, m_ipv6 ? 1280 : 576, 9000);
        return 1500;
    }

    QByteArray echo(quint16 seq, int payload) const
    {
        QByteArray pkt(kEchoHeader + payload, '\0');
        pkt[0] = char(m_ipv6 ? icmp_abi::kIcmp6EchoRequest : icmp_abi::kIcmpEchoRequest);
        pkt[4] = char(m_id >> 8);
        pkt[5] = char(m_id & 0xff);
        pkt[6] = char(seq >> 8);
        pkt[7] = char(seq & 0xff);
        for (int i = 0; i < payload; ++i)
            pkt[kEchoHeader + i] = char(0x20 + i % 64);
        if (!m_ipv6) { // ICMPv6 raw sockets checksum in the kernel (RFC 3542)
            const quint16 sum = inetChecksum(pkt);
            pkt[2] = char(sum >> 8);
            pkt[3] = char(sum & 0xff);
        }
        return pkt;
    }

    // Reads what is queued; answers to `p` land in its train (nullptr: discard everything).
    void drain(Pending *p)
    {
        for (int i = 0; i < kMaxDrain; ++i) {
            auto r = net::receiveDatagram(m_fd.get(), false, QStringLiteral("receiving train answers failed"), kMaxPacket);
            if (!r || !r->has_value())
                return;
            if (p)
                take(**r, *p);
        }
    }

    void take(const net::Datagram &d, Pending &p)
    {
        if (m_ipv6 && d.data.size() >= 8 && quint8(d.data[0]) == kIcmp6PacketTooBig) {
            // RFC 4443 §3.2: MTU in bytes 4–7, then as much of our packet as fits (not RFC 4884).
            const auto quoted = parseQuotedProbe(QByteArrayView(d.data).sliced(8), true);
            if (quoted && quoted->icmpId == m_id)
                m_lastTooBig = int((quint32(quint8(d.data[4])) << 24) | (quint32(quint8(d.data[5])) << 16) |
                                   (quint32(quint8(d.data[6])) << 8) | quint32(quint8(d.data[7])));
            return;
        }
        auto m = parseIcmp(QByteArrayView(d.data), m_ipv6, !m_ipv6);
        if (!m)
            return;
        const QString from = m_ipv6 || m->from.isEmpty() ? d.from.toString() : m->from;
        std::optional<quint16> seq;
        bool fromTarget = false;
        if (m->kind == IcmpKind::EchoReply && m->echoId == m_id) {
            if (!QHostAddress(from).isEqual(m_target, QHostAddress::TolerantConversion))
                return;
            seq = m->echoSeq;
            fromTarget = true;
        } else if (m->quoted && m->quoted->icmpId == m_id &&
                   m->quoted->icmpType == (m_ipv6 ? icmp_abi::kIcmp6EchoRequest : icmp_abi::kIcmpEchoRequest)) {
            seq = m->quoted->icmpSeq;
            if (!m_ipv6 && m->type == icmp_abi::kIcmpUnreachable && m->code == kIcmpFragNeeded) { // RFC 1191: next-hop MTU in bytes 6–7
                const QByteArrayView icmp = QByteArrayView(d.data).sliced((quint8(d.data[0]) & 0x0f) * 4);
                if (icmp.size() >= 8)
                    m_lastTooBig = int((quint8(icmp[6]) << 8) | quint8(icmp[7]));
                return;
            }
            if (m->kind != IcmpKind::TimeExceeded)
                return;
            p.out->quotedDscp = m->quoted->dscp;
        }
        if (!seq)
            return;
        const quint16 index = quint16(*seq - p.base);
        if (index >= p.count)
            return;
        core::TrainPacket &pkt = p.out->train.packets[index];
        if (pkt.rxNs)
            return; // a duplicate
        pkt.rxNs = d.rxNs > 0 ? d.rxNs : realtimeNowNs();
        p.out->reachedTarget = p.out->reachedTarget || fromTarget;
        ++p.by[from];
        ++p.answered;
    }

    UniqueFd m_fd;
    QString m_mode;
    QHostAddress m_target;
    bool m_ipv6 = false;
    quint16 m_id = 0, m_seq = 0;
    sockaddr_storage m_addr{};
    socklen_t m_len = 0;
    QString m_stampMethod;
    std::optional<int> m_lastTooBig;
};
} // namespace

core::Result<void> TrainTransport::supported(const RawSocketOpener &opener)
{
    if (opener) {
        auto fd = opener(AF_INET, IPPROTO_ICMP);
        if (!fd)
            return fd.error();
        UniqueFd close(*fd);
        return {};
    }
    auto s = openRawSocket(AF_INET, IPPROTO_ICMP);
    if (!s)
        return s.error();
    UniqueFd close(s->fd);
    return {};
}

core::Result<std::unique_ptr<TrainTransport>> TrainTransport::open(const QHostAddress &target, int dscp,
                                                                   const RawSocketOpener &opener)
{
    const bool v6 = target.protocol() == QAbstractSocket::IPv6Protocol;
    const int family = v6 ? AF_INET6 : AF_INET, proto = v6 ? int(IPPROTO_ICMPV6) : int(IPPROTO_ICMP);
    UniqueFd fd;
    QString mode;
    if (opener) {
        auto s = opener(family, proto);
        if (!s)
            return s.error();
        fd.reset(*s);
        mode = QStringLiteral("injected");
    } else {
        auto s = openRawSocket(family, proto);
        if (!s)
            return s.error();
        fd.reset(s->fd);
        mode = s->source == RawSocketSource::Helper ? QStringLiteral("helper") : QStringLiteral("raw");
    }
    auto t = std::make_unique<IcmpTrainTransport>(std::move(fd), mode, target);
    if (dscp)
        if (auto r = t->mark(dscp); !r)
            return r.error();
    return std::unique_ptr<TrainTransport>(std::move(t));
}

} // namespace pathlens::collect
