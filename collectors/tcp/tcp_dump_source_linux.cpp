// SPDX-License-Identifier: GPL-3.0-or-later
// Linux live source: NETLINK_SOCK_DIAG dumps of TCP sockets and the TCP destroy multicast groups.
#include "inet_diag_parser.h"
#include "collectors/os/errno_error.h"
#include "tcp_dump_source.h"
#include "collectors/os/unique_fd.h"
#include "core/base/logging.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <ctime>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace pathlens::collect {

namespace abi = inet_diag_abi;

// The pure parser spells the ABI out by hand; hold it to the real headers here.
static_assert(sizeof(nlmsghdr) == abi::kNlmsgHdrLen);
static_assert(NLMSG_DONE == abi::kNlmsgDone && NLMSG_ERROR == abi::kNlmsgError);
static_assert(SOCK_DIAG_BY_FAMILY == abi::kSockDiagByFamily);
static_assert(sizeof(inet_diag_msg) == abi::kDiagMsgLen);
static_assert(offsetof(inet_diag_msg, id) + offsetof(inet_diag_sockid, idiag_sport) == abi::kDiagSport);
static_assert(offsetof(inet_diag_msg, id) + offsetof(inet_diag_sockid, idiag_src) == abi::kDiagSrc);
static_assert(offsetof(inet_diag_msg, id) + offsetof(inet_diag_sockid, idiag_dst) == abi::kDiagDst);
static_assert(offsetof(inet_diag_msg, id) + offsetof(inet_diag_sockid, idiag_cookie) == abi::kDiagCookie);
static_assert(offsetof(inet_diag_msg, idiag_inode) == abi::kDiagInode);
static_assert(INET_DIAG_INFO == abi::kInetDiagInfo && AF_INET6 == abi::kAfInet6);
static_assert(TCPDIAG_GETSOCK == abi::kTcpDiagGetSock);
static_assert(offsetof(tcp_info, tcpi_rtt) == abi::kTcpiRtt);
static_assert(offsetof(tcp_info, tcpi_total_retrans) == abi::kTcpiTotalRetrans);
static_assert(offsetof(tcp_info, tcpi_bytes_acked) == abi::kTcpiBytesAcked);
static_assert(offsetof(tcp_info, tcpi_segs_out) == abi::kTcpiSegsOut);
static_assert(offsetof(tcp_info, tcpi_min_rtt) == abi::kTcpiMinRtt);
static_assert(offsetof(tcp_info, tcpi_delivery_rate) == abi::kTcpiDeliveryRate);

namespace {

// Kernel TCP state numbers (include/net/tcp_states.h).
constexpr unsigned kTcpTimeWait = 6, kTcpClose = 7, kTcpListen = 10, kTcpNewSynRecv = 12;
// Every state except LISTEN (not a connection), TIME_WAIT (no tcp_info, the socket is gone),
// CLOSE and NEW_SYN_RECV (request sockets: no tcp_info yet).
constexpr unsigned kStates = ((1u << 13) - 1) & ~((1u << kTcpTimeWait) | (1u << kTcpClose) | (1u << kTcpListen)
                                                   | (1u << kTcpNewSynRecv) | 1u);
// 32 KiB: the kernel caps one dump skb at SKB_WITH_OVERHEAD(32768); a larger buffer is never filled.
constexpr std::size_t kRecvBuf = 32768;
// 8 MiB destroy buffer: ~1 KiB truesize per event, so several thousand closes between ticks
// (the churn benchmark: 1,000/s) fit without ENOBUFS.
constexpr int kDestroyRcvBuf = 8 << 20;
// Bounded loops: one dump of 1 M sockets is ~10,000 receives; one tick drains at most this many events.
constexpr int kMaxDumpRecvs = 200000;
constexpr int kMaxDestroyRecvs = 100000;

qint64 monoNowUs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

core::Error diagError(const QString &what, int err, const QString &remedy = {})
{
    return collect::errnoError(what, err, remedy.isEmpty() ? QStringLiteral("check that the kernel has NETLINK_SOCK_DIAG (modprobe tcp_diag)") : remedy);
}

class LinuxTcpDumpSource final : public TcpDumpSource {
public:
    explicit LinuxTcpDumpSource(bool bothFamiliesAtOnce) : m_bothFamiliesAtOnce(bothFamiliesAtOnce) {}

    core::Result<void> open() override
    {
        m_dump.reset(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG));
        if (!m_dump.valid())
            return diagError(QStringLiteral("cannot open NETLINK_SOCK_DIAG"), errno);
        m_buf.resize(kRecvBuf);

        m_destroy.reset(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_SOCK_DIAG));
        if (!m_destroy.valid()) {
            m_destroyWhyNot = diagError(QStringLiteral("cannot open the destroy-event socket"), errno).toString();
            return {};
        }
        int size = kDestroyRcvBuf;
        if (::setsockopt(m_destroy.get(), SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0)
            ::setsockopt(m_destroy.get(), SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
        sockaddr_nl sa{};
        sa.nl_family = AF_NETLINK;
        sa.nl_groups = (1u << (SKNLGRP_INET_TCP_DESTROY - 1)) | (1u << (SKNLGRP_INET6_TCP_DESTROY - 1));
        if (::bind(m_destroy.get(), reinterpret_cast<sockaddr *>(&sa), sizeof sa) != 0) {
            const int err = errno;
            m_destroy.reset();
            m_destroyWhyNot = err == EPERM
                ? QStringLiteral("connections shorter than one poll are missed: destroy notifications need "
                                 "CAP_NET_ADMIN (run as root, or grant it: sudo setcap cap_net_admin+ep <program>)")
                : diagError(QStringLiteral("cannot join the TCP destroy groups"), err).toString();
        }
        return {};
    }

    core::Result<TcpRawBatch> dump() override
    {
        // One buffer for every dump, received into in place: a fresh 70 MB buffer per poll at
        // 200k sockets cost ~17k page faults and a copy of every byte. The caller's batch shares
        // it; once the caller has dropped it, truncating keeps the capacity.
        m_dumpBuf.truncate(0);
        // One walk for both families: the kernel keeps IPv4 and IPv6 connections in one hash, and
        // a per-family request walks all of it and skips the other family's sockets (half the
        // kernel's work at 2,000 sockets of one family). Only the older request type
        // (TCPDIAG_GETSOCK) takes "any family"; a kernel that refuses it gets one request per family.
        if (m_bothFamiliesAtOnce) {
            if (auto r = dumpRequest(compatRequest(), m_dumpBuf); !r)
                return r.error();
            // Only a kernel without the request type falls back; any other error (a dump that
            // failed on the way) goes to the parser, which reports it, and the collector restarts.
            const int err = refusal(m_dumpBuf);
            if (err != EINVAL && err != EOPNOTSUPP && err != ENOENT)
                return batchOf(m_dumpBuf);
            core::logger("tcp")->warn("the kernel refused the any-family dump (errno {}): one request per family from now on", err);
            m_bothFamiliesAtOnce = false;
            m_dumpBuf.truncate(0);
        }
        for (const unsigned char family : {AF_INET, AF_INET6}) {
            if (auto r = dumpRequest(familyRequest(family), m_dumpBuf); !r)
                return r.error();
        }
        return batchOf(m_dumpBuf);
    }

    static TcpRawBatch batchOf(const QByteArray &bytes)
    {
        TcpRawBatch batch;
        batch.monoUs = monoNowUs();
        batch.utcUs = core::nowUtcUs();
        batch.bytes = bytes;
        return batch;
    }

    core::Result<std::vector<TcpRawBatch>> drainDestroyed() override
    {
        std::vector<TcpRawBatch> out;
        if (!m_destroy.valid())
            return out;
        for (int i = 0; i < kMaxDestroyRecvs; ++i) {
            const ssize_t n = ::recv(m_destroy.get(), m_buf.data(), m_buf.size(), MSG_DONTWAIT);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == EAGAIN)
                    break;
                if (errno == ENOBUFS) { // overflow: some finals lost; count and carry on
                    ++m_destroyOverruns;
                    continue;
                }
                return diagError(QStringLiteral("destroy-event socket"), errno);
            }
            // One batch per receive moment: the events read in one drain share a timestamp.
            if (out.empty()) {
                out.push_back({monoNowUs(), core::nowUtcUs(), {}});
            }
            out.back().bytes.append(m_buf.constData(), n);
        }
        return out;
    }

    bool hasDestroyEvents(QString *whyNot) const override
    {
        if (whyNot)
            *whyNot = m_destroyWhyNot;
        return m_destroy.valid();
    }
    int destroyFd() const override { return m_destroy.get(); }
    QString describe() const override
    {
        return m_bothFamiliesAtOnce ? QStringLiteral("NETLINK_SOCK_DIAG") : QStringLiteral("NETLINK_SOCK_DIAG, one request per family");
    }

private:
    // One dump request: a netlink header of `type` and its body.
    template <typename Body>
    QByteArray dumpMessage(std::uint16_t type, const Body &body)
    {
        struct {
            nlmsghdr nlh;
            Body req;
        } msg{};
        msg.nlh.nlmsg_len = sizeof msg;
        msg.nlh.nlmsg_type = type;
        msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
        msg.nlh.nlmsg_seq = ++m_seq;
        msg.req = body;
        return QByteArray(reinterpret_cast<const char *>(&msg), sizeof msg);
    }

    // Every TCP connection of one family, with tcp_info.
    QByteArray familyRequest(unsigned char family)
    {
        inet_diag_req_v2 req{};
        req.sdiag_family = family;
        req.sdiag_protocol = IPPROTO_TCP;
        req.idiag_ext = 1u << (INET_DIAG_INFO - 1);
        req.idiag_states = kStates;
        return dumpMessage(SOCK_DIAG_BY_FAMILY, req);
    }

    // Every TCP connection of both families (the kernel's handler for this older request type
    // ignores idiag_family and dumps any; the protocol comes from the type), with tcp_info; the
    // answers are the same inet_diag messages, of type TCPDIAG_GETSOCK.
    QByteArray compatRequest()
    {
        inet_diag_req req{};
        req.idiag_ext = 1u << (INET_DIAG_INFO - 1);
        req.idiag_states = kStates;
        return dumpMessage(TCPDIAG_GETSOCK, req);
    }

    core::Result<void> dumpRequest(const QByteArray &request, QByteArray &out)
    {
        sockaddr_nl kernel{};
        kernel.nl_family = AF_NETLINK;
        if (::sendto(m_dump.get(), request.constData(), size_t(request.size()), 0, reinterpret_cast<sockaddr *>(&kernel), sizeof kernel) < 0)
            return diagError(QStringLiteral("inet_diag request"), errno);
        for (int i = 0; i < kMaxDumpRecvs; ++i) {
            const qsizetype used = out.size();
            if (out.capacity() < used + qsizetype(kRecvBuf))
                out.reserve(std::max(2 * out.capacity(), used + qsizetype(kRecvBuf))); // geometric growth
            out.resize(used + qsizetype(kRecvBuf));
            const ssize_t n = ::recv(m_dump.get(), out.data() + used, kRecvBuf, 0);
            if (n < 0) {
                out.resize(used);
                if (errno == EINTR)
                    continue;
                return diagError(QStringLiteral("inet_diag dump"), errno);
            }
            out.resize(used + qsizetype(n));
            // The dump ends with NLMSG_DONE (or an error) as the last message of a receive.
            if (lastIsTerminal(out.constData() + used, std::size_t(n)))
                return {};
        }
        return core::makeError(core::ErrorCode::Io, QStringLiteral("inet_diag dump did not end"),
                               QStringLiteral("too many sockets for one poll; report this"));
    }

    static bool lastIsTerminal(const char *data, std::size_t n)
    {
        std::size_t pos = 0;
        while (pos + sizeof(nlmsghdr) <= n) {
            nlmsghdr h;
            std::memcpy(&h, data + pos, sizeof h);
            if (h.nlmsg_type == NLMSG_DONE || h.nlmsg_type == NLMSG_ERROR)
                return true;
            if (h.nlmsg_len < sizeof(nlmsghdr))
                return true; // malformed: let the parser report it
            pos += NLMSG_ALIGN(h.nlmsg_len);
        }
        return false;
    }

    // A request the kernel refused answers with one NLMSG_ERROR and nothing else: its errno, else 0.
    static int refusal(const QByteArray &answer)
    {
        nlmsghdr h{};
        nlmsgerr e{};
        if (answer.size() < qsizetype(sizeof h + sizeof e))
            return 0;
        std::memcpy(&h, answer.constData(), sizeof h);
        if (h.nlmsg_type != NLMSG_ERROR)
            return 0;
        std::memcpy(&e, answer.constData() + sizeof h, sizeof e);
        return -e.error;
    }

    UniqueFd m_dump;
    UniqueFd m_destroy;
    QByteArray m_buf;      // destroy notifications
    QByteArray m_dumpBuf;  // every dump, reused
    QString m_destroyWhyNot;
    quint32 m_seq = 0;
    bool m_bothFamiliesAtOnce; // until the kernel refuses the older request type
    quint64 m_destroyOverruns = 0;
};

} // namespace

std::unique_ptr<TcpDumpSource> createLiveTcpDumpSource(TcpDumpWalk walk)
{
    return std::make_unique<LinuxTcpDumpSource>(walk == TcpDumpWalk::BothFamiliesAtOnce);
}
core::Result<void> liveTcpDumpSupported() { return {}; }

} // namespace pathlens::collect
