// SPDX-License-Identifier: GPL-3.0-or-later
// Bounds-checked walk over netlink/inet_diag messages and struct tcp_info, no OS headers.
#include "inet_diag_parser.h"

#include <cstring>

namespace pathlens::collect {

namespace abi = inet_diag_abi;

namespace {

// Netlink is host-endian; addresses and ports are network order.
template <typename T>
T loadHost(const std::uint8_t *p)
{
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

std::uint16_t loadBe16(const std::uint8_t *p) { return std::uint16_t((p[0] << 8) | p[1]); }

constexpr std::size_t align4(std::size_t n) { return (n + 3) & ~std::size_t(3); }

void appendDec(char *&out, unsigned v)
{
    char tmp[10];
    int n = 0;
    do {
        tmp[n++] = char('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *out++ = tmp[--n];
}

void appendHex(char *&out, unsigned v)
{
    static const char digits[] = "0123456789abcdef";
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
        const unsigned d = (v >> shift) & 0xf;
        if (d || started || shift == 0) {
            *out++ = digits[d];
            started = true;
        }
    }
}

void appendV4(char *&out, const std::uint8_t *a)
{
    for (int i = 0; i < 4; ++i) {
        if (i)
            *out++ = '.';
        appendDec(out, a[i]);
    }
}

// RFC 5952 text: lower-case hex, the longest run (≥ 2) of zero groups as "::", IPv4-mapped
// addresses (::ffff:0:0/96) with a dotted tail.
void appendV6(char *&out, const std::uint8_t *a)
{
    static const std::uint8_t mappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(a, mappedPrefix, 12) == 0) {
        std::memcpy(out, "::ffff:", 7);
        out += 7;
        appendV4(out, a + 12);
        return;
    }
    unsigned g[8];
    for (int i = 0; i < 8; ++i)
        g[i] = unsigned(a[2 * i] << 8 | a[2 * i + 1]);
    int bestStart = -1, bestLen = 1;
    for (int i = 0; i < 8;) {
        if (g[i]) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && !g[j])
            ++j;
        if (j - i > bestLen) {
            bestStart = i;
            bestLen = j - i;
        }
        i = j;
    }
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            *out++ = ':';
            *out++ = ':';
            i += bestLen - 1;
            continue;
        }
        if (i && i != bestStart + bestLen)
            *out++ = ':';
        appendHex(out, g[i]);
    }
}

core::Error malformed(const char *what, std::size_t offset)
{
    return core::makeError(core::ErrorCode::InvalidInput,
                           QStringLiteral("inet_diag reply: %1 at byte %2").arg(QLatin1String(what)).arg(offset),
                           QStringLiteral("the kernel reply was cut short or is not inet_diag; if it came from a "
                                          "recording, the file is damaged"));
}

// The raw form of TcpSessionTracker::isLoopback(): 127/8, ::1 and IPv4-mapped 127/8.
bool isLoopbackRaw(bool ipv6, const std::uint8_t *a)
{
    if (!ipv6)
        return a[0] == 127;
    static const std::uint8_t v6Loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    static const std::uint8_t mappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return std::memcmp(a, v6Loopback, 16) == 0 || (std::memcmp(a, mappedPrefix, 12) == 0 && a[12] == 127);
}

void readTcpInfo(const std::uint8_t *info, std::size_t len, core::TcpSocketReading &r)
{
    r.rttUs = loadHost<std::uint32_t>(info + abi::kTcpiRtt);
    r.rttVarUs = loadHost<std::uint32_t>(info + abi::kTcpiRttVar);
    r.totalRetrans = loadHost<std::uint32_t>(info + abi::kTcpiTotalRetrans);
    if (len >= abi::kTcpiBytesReceived + 8) {
        r.bytesAcked = loadHost<std::uint64_t>(info + abi::kTcpiBytesAcked);
        r.bytesReceived = loadHost<std::uint64_t>(info + abi::kTcpiBytesReceived);
    }
    if (len >= abi::kTcpiSegsOut + 4)
        r.segsOut = loadHost<std::uint32_t>(info + abi::kTcpiSegsOut);
    if (len >= abi::kTcpiMinRtt + 4) {
        const auto minRtt = loadHost<std::uint32_t>(info + abi::kTcpiMinRtt);
        if (minRtt != ~0u) // ~0U: no RTT sample yet (tcp_sock.rtt_min initialised to ~0U)
            r.minRttUs = minRtt;
    }
    if (len >= abi::kTcpiDeliveryRate + 8)
        r.deliveryRateBps = loadHost<std::uint64_t>(info + abi::kTcpiDeliveryRate);
}

} // namespace

QString formatEndpoint(bool ipv6, const std::uint8_t *addr, std::uint16_t port)
{
    char buf[64]; // worst case "[ffff:…:ffff]:65535" = 47 characters
    char *out = buf;
    if (ipv6) {
        *out++ = '[';
        appendV6(out, addr);
        *out++ = ']';
    } else {
        appendV4(out, addr);
    }
    *out++ = ':';
    appendDec(out, port);
    return QString::fromLatin1(buf, out - buf);
}

core::Result<InetDiagParse> parseInetDiag(QByteArrayView bytes)
{
    InetDiagParse result;
    if (auto r = parseInetDiagInto(bytes, result, true); !r)
        return r.error();
    return result;
}

void formatEndpoints(core::TcpSocketReading &r)
{
    if (!r.haveRaw)
        return;
    if (r.localAddr.isEmpty())
        r.localAddr = formatEndpoint(r.ipv6, r.localIp.data(), r.localPort);
    if (r.remoteAddr.isEmpty())
        r.remoteAddr = formatEndpoint(r.ipv6, r.remoteIp.data(), r.remotePort);
}

core::Result<void> parseInetDiagInto(QByteArrayView bytes, InetDiagParse &result, bool formatAddresses)
{
    result.readings.clear(); // keeps the capacity: no reallocation in a steady poll
    result.doneCount = 0;
    result.withoutInfo = 0;
    const auto *base = reinterpret_cast<const std::uint8_t *>(bytes.data());
    const std::size_t size = std::size_t(bytes.size());
    std::size_t pos = 0;
    // ~324 bytes per socket on Linux 6.x (header 16 + inet_diag_msg 72 + rtattr 4 + tcp_info 232).
    result.readings.reserve(size / 324 + 1);
    while (pos < size) {
        if (size - pos < abi::kNlmsgHdrLen)
            return malformed("truncated netlink header", pos);
        const std::uint8_t *msg = base + pos;
        const auto len = loadHost<std::uint32_t>(msg);
        const auto type = loadHost<std::uint16_t>(msg + 4);
        if (len < abi::kNlmsgHdrLen || len > size - pos)
            return malformed("netlink length out of range", pos);
        const std::uint8_t *payload = msg + abi::kNlmsgHdrLen;
        const std::size_t payloadLen = len - abi::kNlmsgHdrLen;
        const std::size_t next = pos + align4(len);

        switch (type) {
        case abi::kNlmsgNoop:
            break;
        case abi::kNlmsgDone:
            // The payload is an int: 0, or -errno when the dump itself failed.
            if (payloadLen >= 4 && loadHost<std::int32_t>(payload) < 0)
                return core::makeError(core::ErrorCode::Io,
                                       QStringLiteral("inet_diag dump ended with kernel error %1")
                                           .arg(-qint64(loadHost<std::int32_t>(payload))), // INT_MIN from a bad message
                                       QStringLiteral("retry; if it persists the kernel cannot dump TCP sockets"));
            ++result.doneCount;
            break;
        case abi::kNlmsgError: {
            if (payloadLen < 4)
                return malformed("truncated NLMSG_ERROR", pos);
            const auto err = loadHost<std::int32_t>(payload);
            if (err != 0) // 0 is an acknowledgement
                return core::makeError(err == -1 || err == -13 ? core::ErrorCode::PermissionDenied : core::ErrorCode::Io,
                                       QStringLiteral("inet_diag request refused by the kernel (errno %1)").arg(-qint64(err)),
                                       err == -2 ? QStringLiteral("load the tcp_diag/inet_diag kernel modules (modprobe tcp_diag)")
                                                 : QStringLiteral("check that NETLINK_SOCK_DIAG is available"));
            break;
        }
        case abi::kNlmsgOverrun:
            return malformed("netlink overrun", pos);
        case abi::kSockDiagByFamily:
        case abi::kTcpDiagGetSock: {
            if (payloadLen < abi::kDiagMsgLen)
                return malformed("truncated inet_diag_msg", pos);
            const std::uint8_t family = payload[abi::kDiagFamily];
            if (family != abi::kAfInet && family != abi::kAfInet6)
                return malformed("unknown address family", pos);
            core::TcpSocketReading &r = result.readings.emplace_back(); // dropped again below without INET_DIAG_INFO
            r.ipv6 = family == abi::kAfInet6;
            r.state = payload[abi::kDiagState];
            r.haveRaw = true;
            r.localPort = loadBe16(payload + abi::kDiagSport);
            r.remotePort = loadBe16(payload + abi::kDiagDport);
            std::memcpy(r.localIp.data(), payload + abi::kDiagSrc, 16);
            std::memcpy(r.remoteIp.data(), payload + abi::kDiagDst, 16);
            r.loopback = isLoopbackRaw(r.ipv6, r.localIp.data()) || isLoopbackRaw(r.ipv6, r.remoteIp.data());
            if (formatAddresses)
                formatEndpoints(r);
            r.cookie = quint64(loadHost<std::uint32_t>(payload + abi::kDiagCookie))
                | quint64(loadHost<std::uint32_t>(payload + abi::kDiagCookie + 4)) << 32;
            r.inode = loadHost<std::uint32_t>(payload + abi::kDiagInode);

            bool haveInfo = false;
            std::size_t a = align4(abi::kDiagMsgLen);
            while (a + abi::kRtaHdrLen <= payloadLen) {
                const auto rtaLen = loadHost<std::uint16_t>(payload + a);
                const auto rtaType = loadHost<std::uint16_t>(payload + a + 2);
                if (rtaLen < abi::kRtaHdrLen || rtaLen > payloadLen - a) {
                    result.readings.pop_back();
                    return malformed("attribute length out of range", pos + abi::kNlmsgHdrLen + a);
                }
                const std::size_t dataLen = rtaLen - abi::kRtaHdrLen;
                if ((rtaType & 0x3fff) == abi::kInetDiagInfo) { // mask NLA_F_NESTED/NET_BYTEORDER flag bits
                    if (dataLen < abi::kTcpiMinLen) {
                        result.readings.pop_back();
                        return malformed("tcp_info shorter than the 2.6 layout", pos + abi::kNlmsgHdrLen + a);
                    }
                    readTcpInfo(payload + a + abi::kRtaHdrLen, dataLen, r);
                    haveInfo = true;
                }
                a += align4(rtaLen);
            }
            if (!haveInfo) {
                result.readings.pop_back();
                ++result.withoutInfo;
            }
            break;
        }
        default:
            return malformed("unexpected netlink message type", pos);
        }
        pos = next;
    }
    return {};
}

} // namespace pathlens::collect
