// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper: hand-built link-layer frames carrying TCP (network byte order, as on the wire).
#pragma once

#include "core/pcap/tcp_segment.h"

#include <QByteArray>

#include <algorithm>
#include <array>
#include <vector>

namespace pathlens::test {

// Addresses as TcpSegment holds them (16 bytes; IPv4 in the first 4).
inline std::array<quint8, 16> v4(quint8 a, quint8 b, quint8 c, quint8 d) { return {a, b, c, d}; }
inline std::array<quint8, 16> v6(const char *hex)
{
    std::array<quint8, 16> ip{};
    const QByteArray raw = QByteArray::fromHex(hex);
    std::copy(raw.begin(), raw.begin() + std::min<qsizetype>(raw.size(), 16), ip.begin());
    return ip;
}

inline void appendBe16(QByteArray &b, quint16 v)
{
    b.append(char(v >> 8));
    b.append(char(v & 0xFF));
}

inline void appendBe32(QByteArray &b, quint32 v)
{
    appendBe16(b, quint16(v >> 16));
    appendBe16(b, quint16(v & 0xFFFF));
}

// A segment between two endpoints (no options): the fields every hand-built frame or flow sets.
inline core::TcpSegment tcpSegment(const std::array<quint8, 16> &srcIp, quint16 srcPort, const std::array<quint8, 16> &dstIp,
                                   quint16 dstPort, quint32 seq, quint32 ack, quint8 flags, quint16 window,
                                   quint32 payloadLen = 0, bool ipv6 = false)
{
    core::TcpSegment s;
    s.ipv6 = ipv6;
    s.srcIp = srcIp;
    s.dstIp = dstIp;
    s.srcPort = srcPort;
    s.dstPort = dstPort;
    s.seq = seq;
    s.ack = ack;
    s.flags = flags;
    s.window = window;
    s.payloadLen = payloadLen;
    return s;
}

// The options of a modern SYN: MSS, SACK permitted, window scale and timestamps.
inline void setSynOptions(core::TcpSegment &s, quint16 mss, quint8 windowScale, quint32 tsVal, quint32 tsEcr = 0)
{
    s.options.mss = mss;
    s.options.sackPermitted = true;
    s.options.hasWindowScale = true;
    s.options.windowScale = windowScale;
    s.options.hasTimestamps = true;
    s.options.tsVal = tsVal;
    s.options.tsEcr = tsEcr;
}

// The TCP header of `seg` with its options encoded (padded with NOPs to a 4-byte multiple).
inline QByteArray tcpHeader(const core::TcpSegment &seg)
{
    QByteArray opt;
    const core::TcpOptions &o = seg.options;
    if (o.mss) {
        opt.append(char(2)).append(char(4));
        appendBe16(opt, o.mss);
    }
    if (o.sackPermitted)
        opt.append(char(4)).append(char(2));
    if (o.hasWindowScale)
        opt.append(char(1)).append(char(3)).append(char(3)).append(char(o.windowScale));
    if (o.hasTimestamps) {
        opt.append(char(1)).append(char(1)).append(char(8)).append(char(10));
        appendBe32(opt, o.tsVal);
        appendBe32(opt, o.tsEcr);
    }
    if (o.sackCount) {
        opt.append(char(1)).append(char(1)).append(char(5)).append(char(2 + 8 * o.sackCount));
        for (int i = 0; i < o.sackCount; ++i) {
            appendBe32(opt, o.sack[i].left);
            appendBe32(opt, o.sack[i].right);
        }
    }
    while (opt.size() % 4)
        opt.append(char(1));
    QByteArray h;
    appendBe16(h, seg.srcPort);
    appendBe16(h, seg.dstPort);
    appendBe32(h, seg.seq);
    appendBe32(h, seg.ack);
    h.append(char(((20 + opt.size()) / 4) << 4));
    h.append(char(seg.flags));
    appendBe16(h, seg.window);
    appendBe16(h, 0); // checksum: not checked by the decoder
    appendBe16(h, 0); // urgent pointer
    return h + opt;
}

// IPv4 (+TCP) packet; the IP length counts seg.payloadLen bytes, of which `capturedPayload` are present.
inline QByteArray ipv4Packet(const core::TcpSegment &seg, int capturedPayload, quint16 fragmentField = 0x4000)
{
    const QByteArray tcp = tcpHeader(seg);
    QByteArray ip;
    ip.append(char(0x45)).append(char(0));
    appendBe16(ip, quint16(20 + tcp.size() + int(seg.payloadLen)));
    appendBe16(ip, 0x1234);        // identification
    appendBe16(ip, fragmentField); // DF by default
    ip.append(char(64)).append(char(6));
    appendBe16(ip, 0);
    ip.append(reinterpret_cast<const char *>(seg.srcIp.data()), 4);
    ip.append(reinterpret_cast<const char *>(seg.dstIp.data()), 4);
    return ip + tcp + QByteArray(capturedPayload, 'x');
}

// IPv6 (+TCP) packet, optionally with extension headers (each: next-header byte filled in here).
struct Ipv6Ext {
    quint8 type = 0; // 0 hop-by-hop, 43 routing, 60 destination options, 44 fragment
    QByteArray body; // the bytes after next-header (length byte included for 0/43/60)
};

inline QByteArray ipv6Packet(const core::TcpSegment &seg, int capturedPayload, const std::vector<Ipv6Ext> &ext = {})
{
    const QByteArray tcp = tcpHeader(seg);
    QByteArray chain;
    for (size_t i = 0; i < ext.size(); ++i) {
        chain.append(char(i + 1 < ext.size() ? ext[i + 1].type : 6));
        chain.append(ext[i].body);
    }
    QByteArray ip;
    appendBe32(ip, 0x60000000);
    appendBe16(ip, quint16(chain.size() + tcp.size() + int(seg.payloadLen)));
    ip.append(char(ext.empty() ? 6 : ext.front().type)).append(char(64));
    ip.append(reinterpret_cast<const char *>(seg.srcIp.data()), 16);
    ip.append(reinterpret_cast<const char *>(seg.dstIp.data()), 16);
    return ip + chain + tcp + QByteArray(capturedPayload, 'x');
}

inline QByteArray ethernet(const QByteArray &ipPacket, quint16 etherType, const std::vector<quint16> &tags = {})
{
    QByteArray f = QByteArray::fromHex("020000000002" "020000000001"); // dst, src MAC (locally administered)
    for (quint16 tpid : tags) {
        appendBe16(f, tpid);
        appendBe16(f, 0x0064); // TCI: VLAN 100
    }
    appendBe16(f, etherType);
    return f + ipPacket;
}

inline QByteArray linuxSll(const QByteArray &ipPacket, quint16 protocol)
{
    QByteArray f;
    appendBe16(f, 0);      // packet type: to us
    appendBe16(f, 1);      // ARPHRD_ETHER
    appendBe16(f, 6);      // address length
    f.append(QByteArray::fromHex("0200000000010000")); // address, padded to 8
    appendBe16(f, protocol);
    return f + ipPacket;
}

inline QByteArray linuxSll2(const QByteArray &ipPacket, quint16 protocol)
{
    QByteArray f;
    appendBe16(f, protocol);
    appendBe16(f, 0);      // reserved
    appendBe32(f, 3);      // interface index
    appendBe16(f, 1);      // ARPHRD_ETHER
    f.append(char(4));     // packet type: outgoing
    f.append(char(6));     // address length
    f.append(QByteArray::fromHex("0200000000010000"));
    return f + ipPacket;
}

// BSD loopback header: the address family as a 32-bit word in the given byte order.
inline QByteArray nullLoopback(const QByteArray &ipPacket, quint32 family, bool bigEndian)
{
    QByteArray f;
    if (bigEndian) {
        appendBe32(f, family);
    } else {
        for (int i = 0; i < 4; ++i)
            f.append(char((family >> (8 * i)) & 0xFF));
    }
    return f + ipPacket;
}

// One record of a classic pcap file: when it was captured and the frame's bytes (all captured).
struct PcapRecord {
    qint64 tsUs = 0; // µs since the Unix epoch
    QByteArray frame;
};

// A classic little-endian pcap file (µs stamps) of `records` on `linkType` (1 Ethernet, 101 raw IP).
inline QByteArray pcapFileBytes(quint32 linkType, const std::vector<PcapRecord> &records)
{
    QByteArray f;
    auto le = [&f](quint32 v, int bytes) {
        for (int i = 0; i < bytes; ++i)
            f.append(char((v >> (8 * i)) & 0xFF));
    };
    le(0xa1b2c3d4u, 4); // magic
    le(2, 2);           // version 2.4
    le(4, 2);
    le(0, 4); // thiszone
    le(0, 4); // sigfigs
    le(65535, 4);
    le(linkType, 4);
    for (const PcapRecord &r : records) {
        le(quint32(r.tsUs / 1000000), 4);
        le(quint32(r.tsUs % 1000000), 4);
        le(quint32(r.frame.size()), 4);
        le(quint32(r.frame.size()), 4);
        f += r.frame;
    }
    return f;
}

} // namespace pathlens::test
