// SPDX-License-Identifier: GPL-3.0-or-later
// Linux UDP trace transport without privilege: one connected UDP socket, TTL per probe, ICMP errors from IP_RECVERR.
#include "probe_packet.h"
#include "trace_socket_linux.h"
#include "trace_transport.h"

#include <cerrno>
#include <cstring>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

namespace pathlens::collect {

using namespace trace_linux;

namespace {
// ICMP types as IP_RECVERR reports them (RFC 792 / RFC 4443).
constexpr quint8 kIcmpTimeExceeded = 11, kIcmp6TimeExceeded = 3;
constexpr quint8 kIcmpUnreach = 3, kIcmpPortUnreach = 3, kIcmp6Unreach = 1, kIcmp6PortUnreach = 4;
constexpr int kMaxDrain = 512;  // messages read per wait(): bounded, far above one window of probes
constexpr int kSendRetries = 3; // a pending ICMP error fails the next send once (sk_err); retry

// One socket for the whole run, connected, so the 5-tuple (addresses, UDP, source port chosen at
// connect, destination port) never changes: Paris-style, every probe follows one ECMP path.
// The probe id travels in the payload. IP_RECVERR returns the quoted UDP payload, not the quoted
// IP/UDP headers, so quotedTtl/Dscp/Ecn and MPLS labels stay unknown here, and a router quoting
// only the 8 bytes of the UDP header (RFC 792's minimum) gives a reply that cannot be tied to a
// probe (counted as unmatched, the hop looks silent). Raw mode does not have these limits.
class UdpRecvErrTransport final : public TraceTransport {
public:
    core::Result<void> open(const TraceEndpoint &target) override
    {
        m_ipv6 = target.ipv6();
        m_target = target.addr;
        m_fd.reset(::socket(m_ipv6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP));
        if (!m_fd.valid())
            return sysError(QStringLiteral("cannot open a UDP socket for tracing"), errno);
        const int on = 1;
        if (setsockopt(m_fd.get(), m_ipv6 ? IPPROTO_IPV6 : IPPROTO_IP, m_ipv6 ? IPV6_RECVERR : IP_RECVERR, &on, sizeof on) != 0)
            return sysError(QStringLiteral("cannot enable IP_RECVERR on the trace socket"), errno);
        m_stamps = enableTimestamps(m_fd.get(), true);
        if (target.dscp)
            if (auto r = setDscp(m_fd.get(), m_ipv6, target.dscp); !r)
                return r;
        sockaddr_storage ss{};
        socklen_t len = 0;
        if (m_ipv6) {
            auto *a = reinterpret_cast<sockaddr_in6 *>(&ss);
            a->sin6_family = AF_INET6;
            a->sin6_port = htons(target.port);
            const Q_IPV6ADDR b = target.addr.toIPv6Address();
            std::memcpy(&a->sin6_addr, &b, 16);
            len = sizeof *a;
        } else {
            auto *a = reinterpret_cast<sockaddr_in *>(&ss);
            a->sin_family = AF_INET;
            a->sin_port = htons(target.port);
            a->sin_addr.s_addr = htonl(target.addr.toIPv4Address());
            len = sizeof *a;
        }
        if (::connect(m_fd.get(), reinterpret_cast<sockaddr *>(&ss), len) != 0)
            return sysError(QStringLiteral("no route to %1").arg(target.addr.toString()), errno,
                            QStringLiteral("check that this machine has a route (and an address) of that family"));
        sockaddr_storage local{};
        socklen_t localLen = sizeof local;
        if (getsockname(m_fd.get(), reinterpret_cast<sockaddr *>(&local), &localLen) == 0)
            m_local = addressOf(reinterpret_cast<sockaddr *>(&local));
        return {};
    }

    core::Result<void> send(int ttl, quint16 probeId) override
    {
        if (auto r = setTtl(m_fd.get(), m_ipv6, ttl); !r)
            return r;
        const QByteArray payload = buildUdpProbePayload(probeId);
        for (int attempt = 0; attempt < kSendRetries; ++attempt) {
            if (::send(m_fd.get(), payload.constData(), size_t(payload.size()), 0) >= 0)
                return {};
            // A queued ICMP error is also reported once as the socket error (sk_err): try again.
            if (errno != ECONNREFUSED && errno != EHOSTUNREACH && errno != ENETUNREACH && errno != EPROTO
                && errno != EHOSTDOWN && errno != EAGAIN)
                break;
        }
        return sysError(QStringLiteral("cannot send a trace probe to %1").arg(m_target.toString()), errno);
    }

    core::Result<void> wait(int timeoutMs, std::vector<TransportReply> &replies, std::vector<qint64> &txStamps) override
    {
        pollfd p{m_fd.get(), POLLIN, 0}; // POLLERR (error queue) is always reported
        if (::poll(&p, 1, timeoutMs) < 0 && errno != EINTR)
            return sysError(QStringLiteral("waiting for trace replies failed"), errno);
        for (int i = 0; i < kMaxDrain; ++i) {
            auto got = receiveOne(m_fd.get(), true);
            if (!got)
                return got.error();
            if (!*got)
                break;
            Received &r = **got;
            if (r.isTxStamp) {
                if (r.rxNs)
                    txStamps.push_back(r.rxNs);
                continue;
            }
            if (!r.isIcmpError)
                continue; // local errors (e.g. EMSGSIZE) carry no hop
            TransportReply reply;
            reply.from = r.offender.toString();
            reply.kernelStamp = r.rxNs != 0;
            reply.rxNs = r.rxNs ? r.rxNs : realtimeNowNs();
            reply.icmpType = r.icmpType;
            reply.icmpCode = r.icmpCode;
            reply.probeId = udpProbeIdFromPayload(r.data);
            const bool timeExceeded = r.icmpType == (m_ipv6 ? kIcmp6TimeExceeded : kIcmpTimeExceeded);
            const bool portUnreach = r.icmpType == (m_ipv6 ? kIcmp6Unreach : kIcmpUnreach)
                && r.icmpCode == (m_ipv6 ? kIcmp6PortUnreach : kIcmpPortUnreach);
            reply.kind = timeExceeded ? TransportReply::Kind::TimeExceeded
                : (portUnreach && r.offender == m_target) ? TransportReply::Kind::Destination
                                                           : TransportReply::Kind::Unreachable;
            replies.push_back(std::move(reply));
        }
        // Anything on the normal queue (a UDP answer from the target) is read and dropped.
        char sink[64];
        for (int i = 0; i < kMaxDrain && ::recv(m_fd.get(), sink, sizeof sink, MSG_DONTWAIT) >= 0; ++i) {
        }
        return {};
    }

    QString localAddress() const override { return m_local.toString(); }
    bool quotesHeaders() const override { return false; }
    QString describe() const override
    {
        return QStringLiteral("UDP via IP_RECVERR (unprivileged; quoted headers not visible), %1").arg(m_stamps);
    }

private:
    UniqueFd m_fd;
    bool m_ipv6 = false;
    QHostAddress m_target, m_local;
    QString m_stamps;
};
} // namespace

std::unique_ptr<TraceTransport> createTraceTransport(TraceProto proto, RawSocketOpener rawOpener)
{
    if (proto == TraceProto::Udp)
        return std::make_unique<UdpRecvErrTransport>();
    return createRawTransport(proto, std::move(rawOpener));
}

core::Result<QString> traceTransportMode(TraceProto proto, const RawSocketOpener &rawOpener)
{
    if (proto == TraceProto::Udp)
        return QStringLiteral("recverr"); // IP_RECVERR needs no privilege
    auto mode = rawSocketMode(rawOpener);
    if (!mode) {
        core::Error e = mode.error();
        e.message = QStringLiteral("%1 tracing needs raw sockets: %2")
                        .arg(proto == TraceProto::Icmp ? "ICMP" : "TCP", e.message);
        return e;
    }
    return mode;
}

core::Result<void> traceTransportSupported(TraceProto proto, const RawSocketOpener &rawOpener)
{
    auto mode = traceTransportMode(proto, rawOpener);
    if (!mode)
        return mode.error();
    return {};
}

} // namespace pathlens::collect
