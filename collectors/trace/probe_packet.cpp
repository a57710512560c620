// SPDX-License-Identifier: GPL-3.0-or-later
// Pure probe packet builders/readers: big-endian byte assembly and bounds-checked reads, no OS headers.
#include "probe_packet.h"

#include "icmp_parser.h"

#include <QHostAddress>

namespace pathlens::collect {

namespace {
void put16(QByteArray &b, int at, quint16 v)
{
    b[at] = char(v >> 8);
    b[at + 1] = char(v & 0xff);
}
void put32(QByteArray &b, int at, quint32 v)
{
    put16(b, at, quint16(v >> 16));
    put16(b, at + 2, quint16(v & 0xffff));
}
quint16 get16(QByteArrayView b, qsizetype at) { return quint16(quint8(b[at]) << 8 | quint8(b[at + 1])); }
quint32 get32(QByteArrayView b, qsizetype at) { return quint32(get16(b, at)) << 16 | get16(b, at + 2); }

constexpr int kIcmpEchoPayload = 8; // compensation word + 6 bytes of padding
constexpr int kTcpHeader = 20;      // RFC 9293 header without options
constexpr quint8 kTcpFin = 0x01, kTcpSyn = 0x02, kTcpRst = 0x04, kTcpAck = 0x10;
} // namespace

QByteArray buildUdpProbePayload(quint16 probeId)
{
    QByteArray b(kUdpProbePayload, '\0');
    put32(b, 0, kUdpProbeMagic);
    put16(b, 4, probeId);
    return b;
}

std::optional<quint16> udpProbeIdFromPayload(QByteArrayView payload)
{
    if (payload.size() < 6 || get32(payload, 0) != kUdpProbeMagic)
        return std::nullopt;
    return get16(payload, 4);
}

QByteArray buildIcmpEcho(bool ipv6, quint16 id, quint16 seq)
{
    QByteArray b(icmp_abi::kIcmpHeader + kIcmpEchoPayload, '\0');
    b[0] = char(ipv6 ? icmp_abi::kIcmp6EchoRequest : icmp_abi::kIcmpEchoRequest);
    put16(b, 4, id);
    put16(b, 6, seq);
    put16(b, 8, quint16(~seq)); // seq + ~seq = 0xffff: the checksum is the same for every probe
    if (!ipv6)
        put16(b, 2, quint16(~onesComplementFold(onesComplementAdd(0, b))));
    return b;
}

QByteArray buildTcpSyn(quint16 srcPort, quint16 dstPort, quint32 seq, QByteArrayView srcAddr, QByteArrayView dstAddr)
{
    QByteArray b(kTcpHeader, '\0');
    put16(b, 0, srcPort);
    put16(b, 2, dstPort);
    put32(b, 4, seq);
    b[12] = char((kTcpHeader / 4) << 4); // data offset in 32-bit words
    b[13] = char(kTcpSyn);
    put16(b, 14, 65535); // window: what a fresh connection offers (RFC 9293 §3.1, unscaled)
    if (!srcAddr.isEmpty() && srcAddr.size() == dstAddr.size()) {
        quint32 sum = onesComplementAdd(0, srcAddr);
        sum = onesComplementAdd(sum, dstAddr);
        sum += icmp_abi::kProtoTcp + kTcpHeader; // pseudo-header: zero, protocol, TCP length
        sum = onesComplementAdd(sum, b);
        put16(b, 16, quint16(~onesComplementFold(sum)));
    }
    return b;
}

std::optional<TcpSegment> parseTcpSegment(QByteArrayView bytes, bool ipv6, bool withIpHeader)
{
    TcpSegment s;
    QByteArrayView t = bytes;
    if (withIpHeader) {
        auto ip = parseQuotedProbe(bytes, ipv6);
        if (!ip || ip->protocol != icmp_abi::kProtoTcp)
            return std::nullopt;
        s.src = ip->src;
        s.dst = ip->dst;
        const qsizetype hdr = ipv6 ? icmp_abi::kIpv6Header : (quint8(bytes[0]) & 0x0f) * 4;
        t = bytes.sliced(hdr);
    }
    if (t.size() < kTcpHeader)
        return std::nullopt;
    s.srcPort = get16(t, 0);
    s.dstPort = get16(t, 2);
    s.seq = get32(t, 4);
    s.ack = get32(t, 8);
    const quint8 flags = quint8(t[13]);
    s.syn = flags & kTcpSyn;
    s.hasAck = flags & kTcpAck;
    s.rst = flags & kTcpRst;
    (void)kTcpFin;
    return s;
}

} // namespace pathlens::collect
