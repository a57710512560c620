// SPDX-License-Identifier: GPL-3.0-or-later
// Pure decoder from one captured link-layer frame to a TcpSegment: no libpcap, no I/O, fuzzed.
#pragma once

#include "core/pcap/tcp_segment.h"

#include <QByteArrayView>

#include <optional>

namespace pathlens::core {

// Link types by their LINKTYPE_/DLT_ numbers (pcap-linktype(7)); the numbers are the pcap file's.
enum class LinkType : int {
    Null = 0,        // BSD loopback: 4-byte host-order address family, then IP
    Ethernet = 1,    // Ethernet II, with 802.1Q / 802.1ad VLAN tags
    RawIp = 101,     // bare IPv4 or IPv6 (version nibble decides); DLT_RAW 12/14 map here
    Loop = 108,      // OpenBSD loopback: as Null, address family in network order
    LinuxSll = 113,  // Linux cooked capture v1 (16-byte header)
    LinuxSll2 = 276, // Linux cooked capture v2 (20-byte header)
};

// The pcap header's link-type number as one we decode: 12 and 14 (DLT_RAW on some BSDs) are RawIp,
// 228/229 (LINKTYPE_IPV4/IPV6) too. nullopt for link types we do not decode.
std::optional<LinkType> linkTypeFromPcap(quint32 linkType);

// Why a frame gave no segment, for the import's summary ("12 non-TCP, 3 fragments …").
enum class DecodeSkip {
    None,
    UnsupportedLink, // link-layer protocol we do not read (ARP, LLDP, …)
    NotTcp,          // IP, but not TCP (UDP, ICMP, …)
    Fragment,        // an IP fragment: TCP analysis needs whole segments; fragmented TCP is rare
    Truncated,       // headers cut short by the snap length
    Malformed,       // lengths that contradict each other
};

// Decodes Ethernet (+VLAN), Linux SLL/SLL2, Null/Loop and raw IP frames carrying IPv4 or IPv6 TCP.
// IPv6 hop-by-hop, routing and destination-options headers are skipped; fragments are ignored.
// The IP and TCP headers (with options) must be captured whole; the payload need not be: its length
// comes from the IP header. `tsNs` and `origLen` are copied into the segment.
std::optional<TcpSegment> decodeTcpSegment(LinkType link, QByteArrayView frame, qint64 tsNs,
                                           quint32 origLen, DecodeSkip *why = nullptr);

} // namespace pathlens::core
