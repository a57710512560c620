// SPDX-License-Identifier: GPL-3.0-or-later
// One captured TCP segment, decoded from a link-layer frame: the value the pcap flow analysis consumes.
#pragma once

#include <QtGlobal>

#include <array>

namespace pathlens::core {

// TCP header flag bits (RFC 9293 §3.1); our own names so callers never need OS headers.
enum TcpFlag : quint8 {
    TcpFin = 0x01,
    TcpSyn = 0x02,
    TcpRst = 0x04,
    TcpPsh = 0x08,
    TcpAck = 0x10,
    TcpUrg = 0x20,
    TcpEce = 0x40,
    TcpCwr = 0x80,
};

// One SACK block as sent on the wire (RFC 2018): [left, right) in the peer's sequence space.
struct SackBlock {
    quint32 left = 0, right = 0;
    bool operator==(const SackBlock &) const = default;
};

// The options the analysis uses (RFC 9293, RFC 7323, RFC 2018). Absent options stay at their
// "not present" value; a malformed option list ends parsing without losing what came before.
struct TcpOptions {
    quint16 mss = 0;              // 0: no MSS option
    bool sackPermitted = false;
    bool hasWindowScale = false;
    quint8 windowScale = 0;       // shift count as sent (RFC 7323 caps its use at 14; kept raw)
    bool hasTimestamps = false;
    quint32 tsVal = 0, tsEcr = 0;
    quint8 sackCount = 0;         // at most 4 blocks fit in 40 option bytes (RFC 2018 §3)
    std::array<SackBlock, 4> sack{};
    bool operator==(const TcpOptions &) const = default;
};

// Addresses are kept as 16 raw bytes (IPv4 in the first 4, the rest zero) rather than QHostAddress:
// core links QtCore only, and the flow table hashes these bytes at millions of packets a second.
struct TcpSegment {
    qint64 tsNs = 0;        // capture timestamp, ns since the Unix epoch (UTC)
    quint32 origLen = 0;    // frame length on the wire (pcap orig_len), not the captured length
    bool ipv6 = false;
    std::array<quint8, 16> srcIp{}, dstIp{};
    quint16 srcPort = 0, dstPort = 0;
    quint32 seq = 0, ack = 0;
    quint8 flags = 0;       // TcpFlag bits
    quint16 window = 0;     // as on the wire, unscaled
    quint32 payloadLen = 0; // from the IP length fields, so a short snaplen still counts every byte
    bool payloadTruncated = false; // the capture holds fewer payload bytes than payloadLen
    TcpOptions options;

    bool has(TcpFlag flag) const { return (flags & flag) != 0; }
    bool operator==(const TcpSegment &) const = default;
};

} // namespace pathlens::core
