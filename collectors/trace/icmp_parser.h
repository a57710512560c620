// SPDX-License-Identifier: GPL-3.0-or-later
// Pure parser of ICMP/ICMPv6 errors and echo replies, their quoted IP/UDP/TCP/ICMP headers and RFC 4950 MPLS labels.
#pragma once

#include "core/base/result.h"

#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace pathlens::collect {

// Wire constants written out here so the parser compiles on any OS without <netinet/...> headers.
// Sources: RFC 791 (IPv4), RFC 8200 (IPv6), RFC 792 / RFC 4443 (ICMP types), RFC 768, RFC 9293,
// RFC 4884 (extension structure), RFC 4950 (MPLS label stack object).
namespace icmp_abi {
inline constexpr int kIpv4MinHeader = 20;
inline constexpr int kIpv6Header = 40;
inline constexpr int kIcmpHeader = 8;
inline constexpr std::uint8_t kProtoIcmp = 1, kProtoTcp = 6, kProtoUdp = 17, kProtoIcmpv6 = 58;
// ICMPv4 types/codes
inline constexpr std::uint8_t kIcmpEchoReply = 0, kIcmpUnreachable = 3, kIcmpEchoRequest = 8,
                              kIcmpTimeExceeded = 11;
inline constexpr std::uint8_t kIcmpCodePortUnreachable = 3;
// ICMPv6 types/codes
inline constexpr std::uint8_t kIcmp6Unreachable = 1, kIcmp6TimeExceeded = 3, kIcmp6EchoRequest = 128,
                              kIcmp6EchoReply = 129;
inline constexpr std::uint8_t kIcmp6CodePortUnreachable = 4;
// RFC 4884: the original datagram is padded to at least 128 bytes when extensions follow;
// extension version 2; object class 1 / c-type 1 = MPLS incoming label stack (RFC 4950).
inline constexpr int kRfc4884MinOriginal = 128;
inline constexpr int kExtensionVersion = 2;
inline constexpr std::uint8_t kExtClassMpls = 1, kExtCtypeIncomingStack = 1;
} // namespace icmp_abi

enum class IcmpKind { TimeExceeded, Unreachable, EchoReply, Other };

// The start of our own probe as a hop quoted it back (RFC 792: IP header + at least 8 bytes).
struct QuotedProbe {
    bool ipv6 = false;
    QString src, dst;
    int ttl = 0;            // TTL / hop limit the probe had when it reached the hop
    int dscp = 0, ecn = 0;  // from TOS / traffic class
    int protocol = 0;       // IPv4 protocol / IPv6 next header
    quint16 ipId = 0;       // IPv4 only
    bool hasTransport = false; // first 8 bytes of the transport header were quoted
    quint16 srcPort = 0, dstPort = 0;        // UDP / TCP
    quint16 udpLength = 0, udpChecksum = 0;  // UDP
    quint32 tcpSeq = 0;                      // TCP
    quint8 icmpType = 0;                     // ICMP echo
    quint16 icmpId = 0, icmpSeq = 0, icmpChecksum = 0;
    QByteArrayView payload;  // quoted bytes after the 8-byte transport header (view into the input)
};

struct IcmpMessage {
    bool ipv6 = false;
    QString from;     // outer source (IPv4 with header only; IPv6 raw sockets give it separately)
    int outerTtl = 0; // IPv4 with header only
    quint8 type = 0, code = 0;
    IcmpKind kind = IcmpKind::Other;
    bool portUnreachable = false;
    quint16 echoId = 0, echoSeq = 0;     // echo replies
    std::optional<QuotedProbe> quoted;   // errors only
    std::vector<quint32> mplsLabels;     // 20-bit labels, top of stack first
};

// bytes: one ICMPv4 message (withIpHeader: preceded by its IPv4 header, as raw IPv4 sockets
// deliver it) or one ICMPv6 message (raw ICMPv6 sockets never include the IPv6 header).
core::Result<IcmpMessage> parseIcmp(QByteArrayView bytes, bool ipv6, bool withIpHeader);

// RFC 4884 extension structure (header + objects) → MPLS labels (RFC 4950); empty when none or malformed.
std::vector<quint32> parseMplsExtension(QByteArrayView ext);

// Quoted IP header + transport start (also usable on our own sent packets in tests).
std::optional<QuotedProbe> parseQuotedProbe(QByteArrayView bytes, bool ipv6);

// 16-bit one's-complement sum folded (RFC 1071), not inverted; for building and checking probes.
quint32 onesComplementAdd(quint32 sum, QByteArrayView bytes);
quint16 onesComplementFold(quint32 sum);

} // namespace pathlens::collect
