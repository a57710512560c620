// SPDX-License-Identifier: GPL-3.0-or-later
// Pure ICMP/ICMPv6 parser: bounds-checked reads over a byte view, no OS headers, never trusts a length field.
#include "icmp_parser.h"

#include <QHostAddress>

namespace pathlens::collect {

namespace abi = icmp_abi;

namespace {
quint8 u8(QByteArrayView b, qsizetype at) { return quint8(b[at]); }
quint16 be16(QByteArrayView b, qsizetype at) { return quint16(u8(b, at) << 8 | u8(b, at + 1)); }
quint32 be32(QByteArrayView b, qsizetype at) { return quint32(be16(b, at)) << 16 | be16(b, at + 2); }

QString ipv4At(QByteArrayView b, qsizetype at) { return QHostAddress(be32(b, at)).toString(); }
QString ipv6At(QByteArrayView b, qsizetype at)
{
    return QHostAddress(reinterpret_cast<const quint8 *>(b.data() + at)).toString();
}

core::Error malformed(const QString &what)
{
    return core::makeError(core::ErrorCode::InvalidInput, QStringLiteral("malformed ICMP message: %1").arg(what),
                           QStringLiteral("ignored; a router or middlebox sent a damaged reply"));
}

bool isError(bool ipv6, quint8 type)
{
    return ipv6 ? (type == abi::kIcmp6Unreachable || type == abi::kIcmp6TimeExceeded)
                : (type == abi::kIcmpUnreachable || type == abi::kIcmpTimeExceeded);
}
} // namespace

quint32 onesComplementAdd(quint32 sum, QByteArrayView bytes)
{
    qsizetype i = 0;
    for (; i + 1 < bytes.size(); i += 2)
        sum += be16(bytes, i);
    if (i < bytes.size())
        sum += quint32(u8(bytes, i)) << 8; // odd length: pad with a zero byte (RFC 1071)
    return sum;
}

quint16 onesComplementFold(quint32 sum)
{
    for (int i = 0; i < 3 && (sum >> 16); ++i) // three folds always suffice for a 32-bit sum
        sum = (sum & 0xffff) + (sum >> 16);
    return quint16(sum);
}

std::optional<QuotedProbe> parseQuotedProbe(QByteArrayView b, bool ipv6)
{
    QuotedProbe q;
    q.ipv6 = ipv6;
    qsizetype transport = 0;
    if (ipv6) {
        if (b.size() < abi::kIpv6Header || (u8(b, 0) >> 4) != 6)
            return std::nullopt;
        const int tclass = (be16(b, 0) >> 4) & 0xff; // version(4) | traffic class(8) | flow label(20)
        q.dscp = tclass >> 2;
        q.ecn = tclass & 3;
        q.protocol = u8(b, 6); // next header (extension headers are not followed: probes carry none)
        q.ttl = u8(b, 7);
        q.src = ipv6At(b, 8);
        q.dst = ipv6At(b, 24);
        transport = abi::kIpv6Header;
    } else {
        if (b.size() < abi::kIpv4MinHeader || (u8(b, 0) >> 4) != 4)
            return std::nullopt;
        const int ihl = (u8(b, 0) & 0x0f) * 4;
        if (ihl < abi::kIpv4MinHeader || ihl > b.size())
            return std::nullopt;
        q.dscp = u8(b, 1) >> 2;
        q.ecn = u8(b, 1) & 3;
        q.ipId = be16(b, 4);
        q.ttl = u8(b, 8);
        q.protocol = u8(b, 9);
        q.src = ipv4At(b, 12);
        q.dst = ipv4At(b, 16);
        transport = ihl;
    }
    if (b.size() - transport < 8) // RFC 792: 8 bytes of the transport header; some routers quote fewer
        return q;
    q.hasTransport = true;
    const QByteArrayView t = b.sliced(transport);
    if (q.protocol == abi::kProtoUdp || q.protocol == abi::kProtoTcp) {
        q.srcPort = be16(t, 0);
        q.dstPort = be16(t, 2);
        if (q.protocol == abi::kProtoUdp) {
            q.udpLength = be16(t, 4);
            q.udpChecksum = be16(t, 6);
        } else {
            q.tcpSeq = be32(t, 4);
        }
    } else if (q.protocol == abi::kProtoIcmp || q.protocol == abi::kProtoIcmpv6) {
        q.icmpType = u8(t, 0);
        q.icmpChecksum = be16(t, 2);
        q.icmpId = be16(t, 4);
        q.icmpSeq = be16(t, 6);
    }
    q.payload = t.sliced(8);
    return q;
}

std::vector<quint32> parseMplsExtension(QByteArrayView ext)
{
    std::vector<quint32> labels;
    if (ext.size() < 4 || (u8(ext, 0) >> 4) != abi::kExtensionVersion)
        return labels;
    // RFC 4884 §7: the checksum covers the whole extension structure; 0 = not computed (tolerated).
    if (be16(ext, 2) != 0 && onesComplementFold(onesComplementAdd(0, ext)) != 0xffff)
        return labels;
    qsizetype at = 4;
    for (int objects = 0; objects < 64 && at + 4 <= ext.size(); ++objects) { // bounded: 64 objects
        const quint16 len = be16(ext, at);
        if (len < 4 || at + len > ext.size())
            break;
        if (u8(ext, at + 2) == abi::kExtClassMpls && u8(ext, at + 3) == abi::kExtCtypeIncomingStack) {
            for (qsizetype e = at + 4; e + 4 <= at + len; e += 4)
                labels.push_back(be32(ext, e) >> 12); // label(20) | TC(3) | S(1) | TTL(8)
        }
        at += len;
    }
    return labels;
}

core::Result<IcmpMessage> parseIcmp(QByteArrayView bytes, bool ipv6, bool withIpHeader)
{
    IcmpMessage m;
    m.ipv6 = ipv6;
    QByteArrayView icmp = bytes;
    if (withIpHeader) {
        if (ipv6) {
            if (bytes.size() < abi::kIpv6Header || (u8(bytes, 0) >> 4) != 6)
                return malformed(QStringLiteral("short or wrong IPv6 header"));
            if (u8(bytes, 6) != abi::kProtoIcmpv6)
                return malformed(QStringLiteral("not ICMPv6"));
            m.from = ipv6At(bytes, 8);
            m.outerTtl = u8(bytes, 7);
            icmp = bytes.sliced(abi::kIpv6Header);
        } else {
            if (bytes.size() < abi::kIpv4MinHeader || (u8(bytes, 0) >> 4) != 4)
                return malformed(QStringLiteral("short or wrong IPv4 header"));
            const int ihl = (u8(bytes, 0) & 0x0f) * 4;
            if (ihl < abi::kIpv4MinHeader || ihl > bytes.size())
                return malformed(QStringLiteral("IPv4 header length %1").arg(ihl));
            if (u8(bytes, 9) != abi::kProtoIcmp)
                return malformed(QStringLiteral("not ICMP"));
            m.from = ipv4At(bytes, 12);
            m.outerTtl = u8(bytes, 8);
            icmp = bytes.sliced(ihl);
        }
    }
    if (icmp.size() < abi::kIcmpHeader)
        return malformed(QStringLiteral("%1 bytes, less than an ICMP header").arg(icmp.size()));
    m.type = u8(icmp, 0);
    m.code = u8(icmp, 1);

    if ((!ipv6 && m.type == abi::kIcmpEchoReply) || (ipv6 && m.type == abi::kIcmp6EchoReply)) {
        m.kind = IcmpKind::EchoReply;
        m.echoId = be16(icmp, 4);
        m.echoSeq = be16(icmp, 6);
        return m;
    }
    if (!isError(ipv6, m.type))
        return m; // Other: echo requests, neighbour discovery, ... (the caller ignores them)

    const bool timeExceeded = ipv6 ? m.type == abi::kIcmp6TimeExceeded : m.type == abi::kIcmpTimeExceeded;
    m.kind = timeExceeded ? IcmpKind::TimeExceeded : IcmpKind::Unreachable;
    m.portUnreachable = !timeExceeded
        && m.code == (ipv6 ? abi::kIcmp6CodePortUnreachable : abi::kIcmpCodePortUnreachable);

    const QByteArrayView body = icmp.sliced(abi::kIcmpHeader);
    // RFC 4884 length of the original datagram: byte 5 in 32-bit words (ICMPv4), byte 4 in 64-bit words (ICMPv6).
    const qsizetype declared = ipv6 ? qsizetype(u8(icmp, 4)) * 8 : qsizetype(u8(icmp, 5)) * 4;
    QByteArrayView original = body;
    if (declared > 0) {
        if (declared >= abi::kRfc4884MinOriginal && declared < body.size()) {
            original = body.first(declared);
            m.mplsLabels = parseMplsExtension(body.sliced(declared));
        }
    } else if (body.size() > abi::kRfc4884MinOriginal + 4) {
        // RFC 4884 §5.5: non-compliant senders put the extension after exactly 128 bytes without a
        // length; accept it only when it carries a valid version and object (else it is payload).
        auto labels = parseMplsExtension(body.sliced(abi::kRfc4884MinOriginal));
        if (!labels.empty()) {
            m.mplsLabels = std::move(labels);
            original = body.first(abi::kRfc4884MinOriginal);
        }
    }
    m.quoted = parseQuotedProbe(original, ipv6);
    if (!m.quoted)
        return malformed(QStringLiteral("error without a quoted IP header"));
    return m;
}

} // namespace pathlens::collect
