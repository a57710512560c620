// SPDX-License-Identifier: GPL-3.0-or-later
// QUIC handshake probes on Linux: one connected UDP socket per probe, kernel send/receive stamps, ICMP errors.
#include "quic_transport.h"

#include "collectors/os/errno_error.h"
#include "collectors/os/socket_io_linux.h"
#include "collectors/os/unique_fd.h"
#include "core/active/probe_targets.h"
#include "core/base/notes_codec.h"
#include "quic_handshake.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>
#include <map>

#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/timerfd.h>

namespace pathlens::collect {

namespace {
constexpr int kMaxDrain = 256; // datagrams or queued errors read per socket per poll: a handshake has a handful

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QByteArray sockaddrBytes(const QHostAddress &addr, quint16 port)
{
    sockaddr_storage ss{};
    socklen_t len = 0;
    if (addr.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&ss);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        const Q_IPV6ADDR b = addr.toIPv6Address();
        std::memcpy(&a->sin6_addr, &b, 16);
        a->sin6_scope_id = addr.scopeId().toUInt();
        len = sizeof *a;
    } else {
        auto *a = reinterpret_cast<sockaddr_in *>(&ss);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        a->sin_addr.s_addr = htonl(addr.toIPv4Address());
        len = sizeof *a;
    }
    return QByteArray(reinterpret_cast<const char *>(&ss), int(len));
}

// Owned by one probe loop on the probe thread. Every probe opens its own connected UDP socket (a
// new QUIC connection each time, as a browser's first visit makes), watched by one epoll
// descriptor together with a timerfd armed at the earliest handshake expiry (retransmissions, the
// deadline): waitFd() becomes readable for datagrams, ICMP errors and timers alike. The time is
// the kernel's send stamp of the first Initial to the kernel's receive stamp of the datagram that
// completed the handshake: one round trip plus the server's handshake work (key exchange,
// signature), plus what the network added (a retransmitted Initial, a Retry, a second flight when
// the server's certificates exceed the anti-amplification limit). Not in it: the name lookup (its
// own dnsMs), our work before the first send and after the last receive. User-space clocks only
// where the kernel gave no stamp (rtt_src says which). Knows nothing of schedules: the scheduler's
// timeout calls forget().
class QuicTransport final : public ProbeTransport {
public:
    QuicTransport(core::HostPort target, std::shared_ptr<QuicTlsContext> tls, SystemLookupFn lookup, UniqueFd epoll,
                  UniqueFd timer)
        : m_target(std::move(target)), m_tls(std::move(tls)), m_lookup(std::move(lookup)), m_epoll(std::move(epoll)),
          m_timer(std::move(timer))
    {
        m_literal.setAddress(m_target.host);
    }

    ~QuicTransport() override
    {
        for (auto &[token, p] : m_pending)
            unwatch(p);
    }

    core::Result<void> send(quint64 token) override
    {
        if (int(m_pending.size()) >= kMaxQuicInFlight)
            return core::makeError(core::ErrorCode::Io, QStringLiteral("%1 QUIC handshakes to %2 are still open")
                                                            .arg(kMaxQuicInFlight)
                                                            .arg(m_target.host));
        Pending &p = m_pending[token];
        p.token = token;
        p.sentNs = monotonicNs();
        if (!m_literal.isNull()) {
            open(p, m_literal);
            wakeOwner(); // an attempt that ended at once (no route) is reported on the next tick
            return {};
        }
        auto started = m_lookup.start(token, m_target.host, [this](quint64 id, const SystemLookupResult &r, double ms) {
            auto it = m_pending.find(id);
            if (it == m_pending.end())
                return;
            Pending &q = it->second;
            q.dnsMs = ms;
            if (!r.ok) {
                core::Notes n;
                n.set(QStringLiteral("error"), QStringLiteral("dns: ") + r.error);
                n.set(QStringLiteral("dns_ms"), QString::number(ms, 'f', 3));
                finishWith(q, n.toString(), false);
            } else {
                open(q, r.addresses.front()); // the resolver's first choice (RFC 6724 order), as most apps do
            }
            wakeOwner();
        });
        if (!started) {
            m_pending.erase(token);
            return started.error();
        }
        return {};
    }

    void poll(std::vector<ProbeCompletion> &out) override
    {
        std::uint64_t expirations = 0;
        (void)::read(m_timer.get(), &expirations, sizeof expirations); // drained, else the epoll stays readable
        for (auto &[token, p] : m_pending)
            if (p.handshake && !p.done)
                service(p);
        for (auto it = m_pending.begin(); it != m_pending.end();) {
            if (it->second.done) {
                unwatch(it->second);
                it = m_pending.erase(it);
            } else {
                ++it;
            }
        }
        out.insert(out.end(), m_done.begin(), m_done.end());
        m_done.clear();
        rearm();
    }

    void forget(quint64 token) override
    {
        m_lookup.cancel(token);
        auto it = m_pending.find(token);
        if (it == m_pending.end())
            return;
        unwatch(it->second);
        m_pending.erase(it);
        rearm();
    }

    int waitFd() const override { return m_epoll.get(); }
    QString mode() const override { return QStringLiteral("udp"); }
    void setWakeUp(std::function<void()> wake) override { m_wake = std::move(wake); }

private:
    struct Pending {
        quint64 token = 0;
        qint64 sentNs = 0; // monotonic, when the scheduler sent the probe (the lookup starts here)
        std::optional<double> dnsMs;
        QString address;
        bool v6 = false;
        UniqueFd fd;
        std::unique_ptr<QuicHandshake> handshake;
        int datagramsSent = 0;
        qint64 userTxNs = 0, kernelTxNs = 0; // CLOCK_REALTIME, the clock of kernel software stamps
        qint64 userRxNs = 0, kernelRxNs = 0;
        bool txStamps = false;
        bool done = false;
    };

    void open(Pending &p, const QHostAddress &addr)
    {
        p.address = addr.toString();
        p.v6 = addr.protocol() == QAbstractSocket::IPv6Protocol;
        QuicObservation early; // what to report when the attempt ends before a handshake exists
        p.fd = UniqueFd(::socket(p.v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_UDP));
        if (!p.fd.valid()) {
            early.localError = QStringLiteral("cannot open a UDP socket: ") + errnoText(errno);
            return finishEarly(p, early);
        }
        // ICMP errors with their type and code on the error queue: port unreachable (refused) is
        // told apart from a filter's "administratively prohibited" (blocked) and a missing route.
        const int on = 1;
        if (p.v6)
            setsockopt(p.fd.get(), IPPROTO_IPV6, IPV6_RECVERR, &on, sizeof on);
        else
            setsockopt(p.fd.get(), IPPROTO_IP, IP_RECVERR, &on, sizeof on);
        net::enableTimestamps(p.fd.get(), true, true, &p.txStamps);
        const QByteArray remote = sockaddrBytes(addr, m_target.port);
        if (::connect(p.fd.get(), reinterpret_cast<const sockaddr *>(remote.constData()), socklen_t(remote.size())) != 0) {
            const int err = errno;
            if (err == ENETUNREACH || err == EHOSTUNREACH) {
                early.icmp = QuicIcmp::Unreachable; // no route: the path, not this machine
            } else {
                early.localError = QStringLiteral("connecting a UDP socket to %1: %2").arg(p.address, errnoText(err));
            }
            return finishEarly(p, early);
        }
        sockaddr_storage local{};
        socklen_t localLen = sizeof local;
        getsockname(p.fd.get(), reinterpret_cast<sockaddr *>(&local), &localLen);

        QuicHandshakeParams params;
        params.serverName = m_literal.isNull() ? m_target.host : QString(); // SNI needs a name (RFC 6066 §3)
        params.remote = addr;
        params.localSockaddr = QByteArray(reinterpret_cast<const char *>(&local), int(localLen));
        params.remoteSockaddr = remote;
        params.tls = m_tls;
        // What is left of the probe's 9 s after the lookup, never less than 1 s.
        params.timeoutNs = std::max(kQuicMinHandshakeNs, kQuicHandshakeDeadlineNs - (monotonicNs() - p.sentNs));
        auto hs = QuicHandshake::start(params, monotonicNs());
        if (!hs) {
            early.localError = hs.error().message;
            return finishEarly(p, early);
        }
        p.handshake = std::move(*hs);
        epoll_event ev{};
        ev.events = EPOLLIN; // EPOLLERR (the error queue) is always reported
        ev.data.u64 = p.token;
        if (epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, p.fd.get(), &ev) != 0) {
            p.handshake->failLocally(QStringLiteral("cannot watch a QUIC probe socket: ") + errnoText(errno));
            return settle(p);
        }
        transmit(p);
        settle(p); // a send that failed at once ends it here
        rearm();
    }

    // Moves what the socket holds into the handshake, then what the handshake has to say out.
    void service(Pending &p)
    {
        QuicHandshake &hs = *p.handshake;
        // The error queue first: the first Initial's send stamp (OPT_ID 0) and ICMP errors.
        for (int i = 0; i < kMaxDrain; ++i) {
            auto r = net::receiveDatagram(p.fd.get(), true, QStringLiteral("QUIC probe error queue"));
            if (!r || !r->has_value())
                break;
            const net::Datagram &d = **r;
            if (d.isTxStamp && d.txId == 0 && d.rxNs > 0)
                p.kernelTxNs = d.rxNs;
            else if (d.isIcmpError)
                hs.unreachable(classifyIcmp(p.v6, d.icmpType, d.icmpCode), d.offender.toString());
        }
        // The socket's pending error: an ICMP message whose details the error queue did not carry.
        int err = 0;
        socklen_t errLen = sizeof err;
        if (getsockopt(p.fd.get(), SOL_SOCKET, SO_ERROR, &err, &errLen) == 0 && err != 0) {
            if (err == ECONNREFUSED)
                hs.unreachable(QuicIcmp::PortUnreachable, QString());
            else if (err == EHOSTUNREACH || err == ENETUNREACH)
                hs.unreachable(QuicIcmp::Unreachable, QString());
        }
        for (int i = 0; i < kMaxDrain && !hs.finished(); ++i) {
            // One byte over the largest datagram we accept: a longer one reads as truncated and fails to decrypt.
            auto r = net::receiveDatagram(p.fd.get(), false, QStringLiteral("QUIC probe"), kQuicMaxDatagramBytes + 1);
            if (!r || !r->has_value())
                break;
            const net::Datagram &d = **r;
            const qint64 userRx = net::realtimeNowNs();
            const bool before = hs.completed();
            hs.read(d.data, monotonicNs());
            if (!before && hs.completed()) { // this datagram carried the server's Finished
                p.kernelRxNs = d.rxNs;
                p.userRxNs = userRx;
            }
        }
        const qint64 now = monotonicNs();
        if (!hs.finished() && now >= hs.expiryNs())
            hs.expire(now);
        transmit(p);
        settle(p);
    }

    void transmit(Pending &p)
    {
        QuicHandshake &hs = *p.handshake;
        for (const QByteArray &pkt : hs.write(monotonicNs())) {
            if (p.datagramsSent == 0)
                p.userTxNs = net::realtimeNowNs();
            if (::send(p.fd.get(), pkt.constData(), size_t(pkt.size()), 0) < 0) {
                const int err = errno;
                if (err == EAGAIN || err == ENOBUFS)
                    continue; // lost on our side: QUIC retransmits as for any loss
                if (err == ECONNREFUSED)
                    hs.unreachable(QuicIcmp::PortUnreachable, QString());
                else if (err == ENETUNREACH || err == EHOSTUNREACH)
                    hs.unreachable(QuicIcmp::Unreachable, QString());
                else
                    hs.failLocally(QStringLiteral("sending to %1: %2").arg(p.address, errnoText(err)));
                return;
            }
            ++p.datagramsSent;
        }
    }

    // A finished handshake becomes the probe's completion; a completed one is closed first.
    void settle(Pending &p)
    {
        if (p.done || !p.handshake || !p.handshake->finished())
            return;
        QuicHandshake &hs = *p.handshake;
        std::optional<double> rttMs;
        QString source;
        if (hs.completed()) {
            // The client's Finished, then CONNECTION_CLOSE: the server learns at once that we are gone.
            transmit(p);
            const QByteArray close = hs.close(monotonicNs());
            if (!close.isEmpty())
                (void)::send(p.fd.get(), close.constData(), size_t(close.size()), 0);
            if (p.txStamps && p.kernelTxNs == 0) // a stamp queued after our last look
                for (int i = 0; i < kMaxDrain && p.kernelTxNs == 0; ++i) {
                    auto r = net::receiveDatagram(p.fd.get(), true, QStringLiteral("QUIC probe error queue"));
                    if (!r || !r->has_value())
                        break;
                    if ((*r)->isTxStamp && (*r)->txId == 0 && (*r)->rxNs > 0)
                        p.kernelTxNs = (*r)->rxNs;
                }
            const bool kernel = p.kernelTxNs > 0 && p.kernelRxNs > 0;
            const qint64 tx = kernel ? p.kernelTxNs : p.userTxNs;
            const qint64 rx = kernel ? p.kernelRxNs : p.userRxNs;
            rttMs = std::max(0.0, double(rx - tx) / 1e6);
            source = kernel ? QStringLiteral("kernel") : QStringLiteral("user");
        }
        finishWith(p, quicNotes(hs.observation(), {{QStringLiteral("addr"), p.address}, {QStringLiteral("rtt_src"), source}}),
                   hs.completed(), rttMs);
    }

    void finishEarly(Pending &p, const QuicObservation &o)
    {
        finishWith(p, quicNotes(o, {{QStringLiteral("addr"), p.address}}), false);
    }

    void finishWith(Pending &p, const QString &notes, bool ok, std::optional<double> rttMs = std::nullopt)
    {
        ProbeCompletion c;
        c.token = p.token;
        c.ok = ok;
        c.rttMs = rttMs;
        c.dnsMs = p.dnsMs;
        c.note = notes;
        m_done.push_back(c);
        p.done = true;
    }

    void unwatch(Pending &p)
    {
        if (p.fd.valid())
            epoll_ctl(m_epoll.get(), EPOLL_CTL_DEL, p.fd.get(), nullptr);
    }

    void rearm()
    {
        qint64 next = std::numeric_limits<qint64>::max();
        for (const auto &[token, p] : m_pending)
            if (p.handshake && !p.done)
                next = std::min(next, p.handshake->expiryNs());
        itimerspec spec{};
        if (next != std::numeric_limits<qint64>::max()) {
            next = std::max<qint64>(next, 1); // an all-zero it_value would disarm instead
            spec.it_value.tv_sec = time_t(next / 1'000'000'000);
            spec.it_value.tv_nsec = long(next % 1'000'000'000);
        }
        timerfd_settime(m_timer.get(), TFD_TIMER_ABSTIME, &spec, nullptr);
    }

    void wakeOwner()
    {
        if (!m_done.empty() && m_wake)
            m_wake();
    }

    core::HostPort m_target;
    QHostAddress m_literal; // null when the target names a host (resolved per probe)
    std::shared_ptr<QuicTlsContext> m_tls;
    AsyncLookup m_lookup;
    UniqueFd m_epoll, m_timer;
    std::map<quint64, Pending> m_pending; // by the scheduler's token
    std::vector<ProbeCompletion> m_done;
    std::function<void()> m_wake;
};

} // namespace

core::Result<std::unique_ptr<ProbeTransport>> createQuicTransport(const QString &target, quint16 defaultPort,
                                                                  const HttpTlsTrust &trust, SystemLookupFn lookup)
{
    const auto hp = core::splitHostPort(target, defaultPort);
    if (!hp)
        return core::makeError(core::ErrorCode::InvalidInput,
                               QStringLiteral("QUIC probe target '%1' is not HOST[:PORT]").arg(target),
                               QStringLiteral("give a host name (port 443 by default), e.g. --quic-host example.org:443"));
    auto tls = QuicTlsContext::create(trust);
    if (!tls)
        return tls.error();
    UniqueFd epoll(epoll_create1(EPOLL_CLOEXEC));
    if (!epoll.valid())
        return errnoError(QStringLiteral("cannot create an epoll descriptor for QUIC probes"), errno);
    UniqueFd timer(timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC));
    if (!timer.valid())
        return errnoError(QStringLiteral("cannot create a timer for QUIC probes"), errno);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = 0; // tokens start at 1: 0 is the timer
    if (epoll_ctl(epoll.get(), EPOLL_CTL_ADD, timer.get(), &ev) != 0)
        return errnoError(QStringLiteral("cannot watch the QUIC probe timer"), errno);
    return std::unique_ptr<ProbeTransport>(
        std::make_unique<QuicTransport>(*hp, std::move(*tls), std::move(lookup), std::move(epoll), std::move(timer)));
}

} // namespace pathlens::collect
