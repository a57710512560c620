// SPDX-License-Identifier: GPL-3.0-or-later
// Pure builders and readers of our own probe packets (UDP payload, ICMP echo, TCP SYN) with Paris-style constant flow fields.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace pathlens::collect {

// Flow identity (Paris traceroute, Augustin et al., IMC 2006): per-flow load balancers hash the
// addresses, the protocol and the first four bytes of the transport header (UDP/TCP ports; ICMP
// type, code and checksum). So across one run we keep all of those constant and carry the probe
// number only in fields no balancer hashes:
//   UDP:  the payload (first 2 bytes after a 4-byte magic); the UDP checksum changes with it,
//         which Paris itself does (it writes the probe id into the checksum). Ports never change.
//   ICMP: the echo sequence number, with a compensating payload word so the ICMP checksum stays
//         constant (seq + ~seq = 0xffff in one's-complement arithmetic).
//   TCP:  the sequence number (bytes 4..7; the checksum follows it, ports stay).
// The IPv4 ID is left to the kernel.
inline constexpr quint32 kUdpProbeMagic = 0x504c7472; // "PLtr"
inline constexpr int kUdpProbePayload = 12;           // magic(4) + probe id(2) + padding: small, fits any MTU

QByteArray buildUdpProbePayload(quint16 probeId);
// Probe id from a (possibly truncated) quoted UDP payload; nullopt when the magic is not there.
std::optional<quint16> udpProbeIdFromPayload(QByteArrayView payload);

// ICMP (ipv6=false) or ICMPv6 echo request with the checksum filled for ICMPv4 (the kernel fills
// ICMPv6 checksums, which stay constant for the same reason).
QByteArray buildIcmpEcho(bool ipv6, quint16 id, quint16 seq);

// 20-byte TCP SYN header (no options). src/dst are raw address bytes (4 or 16) for the checksum;
// pass empty views to leave the checksum 0 (IPv6: the kernel fills it via IPV6_CHECKSUM).
QByteArray buildTcpSyn(quint16 srcPort, quint16 dstPort, quint32 seq, QByteArrayView srcAddr, QByteArrayView dstAddr);

struct TcpSegment {
    QString src, dst;
    quint16 srcPort = 0, dstPort = 0;
    quint32 seq = 0, ack = 0;
    bool syn = false, hasAck = false, rst = false;
};
// A TCP segment as a raw IPPROTO_TCP socket delivers it (IPv4: with its IP header; IPv6: without, so
// src/dst stay empty and come from the socket address).
std::optional<TcpSegment> parseTcpSegment(QByteArrayView bytes, bool ipv6, bool withIpHeader);

} // namespace pathlens::collect
