// SPDX-License-Identifier: GPL-3.0-or-later
// Link layer → IP → TCP header walk over one captured frame; every length is checked before it is read.
#include "core/pcap/packet_decoder.h"

#include <cstring>

namespace pathlens::core {

namespace {

// EtherTypes (IEEE 802 numbers registry).
constexpr quint16 kEtherIpv4 = 0x0800;
constexpr quint16 kEtherIpv6 = 0x86DD;
constexpr quint16 kEtherVlan = 0x8100;   // 802.1Q customer tag
constexpr quint16 kEtherQinQ = 0x88A8;   // 802.1ad service tag
constexpr quint16 kEtherQinQOld = 0x9100; // pre-standard double tag, still seen on older switches
constexpr int kMaxVlanTags = 4;          // more than a stack of 4 is a malformed or hostile frame

// IP protocol / IPv6 next-header numbers (IANA).
constexpr quint8 kProtoTcp = 6;
constexpr quint8 kIpv6HopByHop = 0, kIpv6Routing = 43, kIpv6Fragment = 44, kIpv6DestOpts = 60, kIpv6Ah = 51;
constexpr int kMaxIpv6ExtHeaders = 8;    // RFC 8200 §4.1 lists at most 6 kinds once each (+ repeats of dest opts)

// BSD loopback address families: AF_INET is 2 everywhere; AF_INET6 is 10 (Linux), 24 (OpenBSD,
// NetBSD), 28 (FreeBSD), 30 (macOS) — a Null capture carries the capturing host's value.
bool isInet6Family(quint32 f) { return f == 10 || f == 24 || f == 28 || f == 30; }

quint16 be16(const uchar *p) { return quint16(p[0] << 8 | p[1]); }
quint32 be32(const uchar *p) { return quint32(p[0]) << 24 | quint32(p[1]) << 16 | quint32(p[2]) << 8 | p[3]; }
quint32 le32(const uchar *p) { return quint32(p[3]) << 24 | quint32(p[2]) << 16 | quint32(p[1]) << 8 | p[0]; }

std::optional<TcpSegment> skip(DecodeSkip reason, DecodeSkip *why)
{
    if (why)
        *why = reason;
    return std::nullopt;
}

// Where the network layer starts and which one it is (4, 6; 0 when not IP).
struct NetworkStart {
    qsizetype offset = 0;
    int version = 0;
};

int versionForEtherType(quint16 type)
{
    return type == kEtherIpv4 ? 4 : type == kEtherIpv6 ? 6 : 0;
}

// Follows VLAN tags from the EtherType at `typeAt`; returns the IP version and its offset.
std::optional<NetworkStart> afterEtherType(const uchar *d, qsizetype size, qsizetype typeAt, DecodeSkip *why)
{
    for (int tags = 0;; ++tags) {
        if (typeAt + 2 > size) {
            skip(DecodeSkip::Truncated, why);
            return std::nullopt;
        }
        const quint16 type = be16(d + typeAt);
        if (type == kEtherVlan || type == kEtherQinQ || type == kEtherQinQOld) {
            if (tags == kMaxVlanTags) {
                skip(DecodeSkip::Malformed, why);
                return std::nullopt;
            }
            typeAt += 4; // 2 bytes TCI, then the inner EtherType
            continue;
        }
        const int version = versionForEtherType(type);
        if (version == 0) {
            skip(DecodeSkip::UnsupportedLink, why);
            return std::nullopt;
        }
        return NetworkStart{typeAt + 2, version};
    }
}

std::optional<NetworkStart> linkLayer(LinkType link, const uchar *d, qsizetype size, DecodeSkip *why)
{
    switch (link) {
    case LinkType::Ethernet:
        return afterEtherType(d, size, 12, why); // dst MAC 6, src MAC 6, EtherType
    case LinkType::LinuxSll:
        return afterEtherType(d, size, 14, why); // packet type, ARPHRD, addr len, 8 addr bytes, protocol
    case LinkType::LinuxSll2: {
        // protocol (2), reserved (2), ifindex (4), ARPHRD (2), packet type, addr len, 8 addr bytes
        constexpr qsizetype kSll2Header = 20;
        if (size < kSll2Header) {
            skip(DecodeSkip::Truncated, why);
            return std::nullopt;
        }
        const quint16 type = be16(d);
        if (type == kEtherVlan || type == kEtherQinQ || type == kEtherQinQOld) {
            // A tag left in the payload: the inner EtherType follows the 2-byte TCI.
            auto inner = afterEtherType(d + kSll2Header, size - kSll2Header, 2, why);
            if (inner)
                inner->offset += kSll2Header;
            return inner;
        }
        const int version = versionForEtherType(type);
        if (version == 0) {
            skip(DecodeSkip::UnsupportedLink, why);
            return std::nullopt;
        }
        return NetworkStart{kSll2Header, version};
    }
    case LinkType::Null:
    case LinkType::Loop: {
        if (size < 4) {
            skip(DecodeSkip::Truncated, why);
            return std::nullopt;
        }
        // Null is in the capturing host's byte order, which the file does not say: accept either.
        const quint32 net = be32(d), host = link == LinkType::Null ? le32(d) : net;
        if (net == 2 || host == 2)
            return NetworkStart{4, 4};
        if (isInet6Family(net) || isInet6Family(host))
            return NetworkStart{4, 6};
        skip(DecodeSkip::UnsupportedLink, why);
        return std::nullopt;
    }
    case LinkType::RawIp:
        if (size < 1) {
            skip(DecodeSkip::Truncated, why);
            return std::nullopt;
        }
        return NetworkStart{0, d[0] >> 4};
    }
    skip(DecodeSkip::UnsupportedLink, why); // a number outside the enum
    return std::nullopt;
}

// False after setting *why: the frame gives no segment. The layers below fill one segment in place
// (it is ~100 bytes: passing it by value copied it at every layer, on every packet).
bool fail(DecodeSkip reason, DecodeSkip *why)
{
    skip(reason, why);
    return false;
}

// The TCP header at `d` (captured bytes `captured`, `tcpLength` by the IP header).
bool decodeTcp(const uchar *d, qsizetype captured, qint64 tcpLength, TcpSegment &seg, DecodeSkip *why)
{
    constexpr qsizetype kTcpMinHeader = 20;
    if (tcpLength < kTcpMinHeader)
        return fail(DecodeSkip::Malformed, why);
    if (captured < kTcpMinHeader)
        return fail(DecodeSkip::Truncated, why);
    const qsizetype headerLen = qsizetype(d[12] >> 4) * 4;
    if (headerLen < kTcpMinHeader || headerLen > tcpLength)
        return fail(DecodeSkip::Malformed, why);
    if (headerLen > captured)
        return fail(DecodeSkip::Truncated, why);
    seg.srcPort = be16(d);
    seg.dstPort = be16(d + 2);
    seg.seq = be32(d + 4);
    seg.ack = be32(d + 8);
    seg.flags = d[13];
    seg.window = be16(d + 14);
    seg.payloadLen = quint32(tcpLength - headerLen);
    seg.payloadTruncated = captured - headerLen < qint64(seg.payloadLen);

    TcpOptions &o = seg.options;
    for (qsizetype i = kTcpMinHeader; i < headerLen;) {
        const uchar kind = d[i];
        if (kind == 0) // end of option list
            break;
        if (kind == 1) { // no-operation padding
            ++i;
            continue;
        }
        if (i + 1 >= headerLen)
            break;
        const qsizetype len = d[i + 1];
        if (len < 2 || i + len > headerLen)
            break; // malformed: keep what was read so far
        const uchar *v = d + i + 2;
        switch (kind) {
        case 2: if (len == 4) o.mss = be16(v); break;                      // MSS (RFC 9293)
        case 3: if (len == 3) { o.hasWindowScale = true; o.windowScale = v[0]; } break; // RFC 7323 §2
        case 4: if (len == 2) o.sackPermitted = true; break;                // RFC 2018 §2
        case 5:                                                             // SACK blocks (RFC 2018 §3)
            if ((len - 2) % 8 == 0) {
                o.sackCount = 0;
                for (qsizetype b = 0; b < (len - 2) / 8 && size_t(o.sackCount) < o.sack.size(); ++b)
                    o.sack[o.sackCount++] = SackBlock{be32(v + 8 * b), be32(v + 8 * b + 4)};
            }
            break;
        case 8:                                                             // timestamps (RFC 7323 §3)
            if (len == 10) {
                o.hasTimestamps = true;
                o.tsVal = be32(v);
                o.tsEcr = be32(v + 4);
            }
            break;
        default: break;
        }
        i += len;
    }
    if (why)
        *why = DecodeSkip::None;
    return true;
}

bool decodeIpv4(const uchar *d, qsizetype size, qint64 lengthOnWire, TcpSegment &seg, DecodeSkip *why)
{
    constexpr qsizetype kIpv4MinHeader = 20;
    if (size < kIpv4MinHeader)
        return fail(DecodeSkip::Truncated, why);
    if (d[0] >> 4 != 4)
        return fail(DecodeSkip::Malformed, why);
    const qsizetype headerLen = qsizetype(d[0] & 0x0F) * 4;
    if (headerLen < kIpv4MinHeader)
        return fail(DecodeSkip::Malformed, why);
    if (headerLen > size)
        return fail(DecodeSkip::Truncated, why);
    qint64 totalLen = be16(d + 2);
    // 0 is what a sender-side capture of a TSO/GSO super-packet shows: the NIC fills it in later.
    // Then the frame's length on the wire is the only length there is.
    if (totalLen == 0)
        totalLen = lengthOnWire;
    // A packet longer than the frame that carried it on the wire is corrupt, not cut by the snap
    // length (that shortens what was saved, never the wire length); trusting it would invent bytes.
    if (totalLen < headerLen || totalLen > lengthOnWire)
        return fail(DecodeSkip::Malformed, why);
    const quint16 fragment = be16(d + 6);
    if ((fragment & 0x2000) || (fragment & 0x1FFF)) // more fragments, or a non-zero offset
        return fail(DecodeSkip::Fragment, why);
    if (d[9] != kProtoTcp)
        return fail(DecodeSkip::NotTcp, why);
    seg.ipv6 = false;
    std::memcpy(seg.srcIp.data(), d + 12, 4);
    std::memcpy(seg.dstIp.data(), d + 16, 4);
    return decodeTcp(d + headerLen, size - headerLen, totalLen - headerLen, seg, why);
}

bool decodeIpv6(const uchar *d, qsizetype size, qint64 lengthOnWire, TcpSegment &seg, DecodeSkip *why)
{
    constexpr qsizetype kIpv6Header = 40;
    if (size < kIpv6Header)
        return fail(DecodeSkip::Truncated, why);
    if (d[0] >> 4 != 6)
        return fail(DecodeSkip::Malformed, why);
    qint64 payloadLen = be16(d + 4);
    // 0: a jumbogram (RFC 2675) or a sender-side GSO capture; the frame's length on the wire decides.
    if (payloadLen == 0)
        payloadLen = lengthOnWire - kIpv6Header;
    if (payloadLen < 0 || kIpv6Header + payloadLen > lengthOnWire) // longer than its frame on the wire: corrupt
        return fail(DecodeSkip::Malformed, why);
    quint8 next = d[6];
    qsizetype at = kIpv6Header;
    const qint64 end = kIpv6Header + payloadLen; // in bytes from d, by the header (may exceed size)
    for (int hops = 0; next != kProtoTcp; ++hops) {
        if (hops == kMaxIpv6ExtHeaders)
            return fail(DecodeSkip::Malformed, why);
        if (next != kIpv6HopByHop && next != kIpv6Routing && next != kIpv6DestOpts && next != kIpv6Fragment
            && next != kIpv6Ah)
            return fail(DecodeSkip::NotTcp, why);
        if (at + 8 > end)
            return fail(DecodeSkip::Malformed, why);
        if (at + 8 > size)
            return fail(DecodeSkip::Truncated, why);
        qsizetype len = 0;
        if (next == kIpv6Fragment) {
            // An atomic fragment (offset 0, no more fragments, RFC 6946) is a whole packet; others are not.
            if ((be16(d + at + 2) & 0xFFF9) != 0) // offset (13 bits) and the M flag
                return fail(DecodeSkip::Fragment, why);
            len = 8;
        } else if (next == kIpv6Ah) {
            len = (qsizetype(d[at + 1]) + 2) * 4; // RFC 4302 §2.2: in 4-byte units, minus 2
        } else {
            len = (qsizetype(d[at + 1]) + 1) * 8; // RFC 8200 §4.3: in 8-byte units, not counting the first 8
        }
        next = d[at];
        at += len;
        if (at > end)
            return fail(DecodeSkip::Malformed, why);
    }
    if (at > size)
        return fail(DecodeSkip::Truncated, why);
    seg.ipv6 = true;
    std::memcpy(seg.srcIp.data(), d + 8, 16);
    std::memcpy(seg.dstIp.data(), d + 24, 16);
    return decodeTcp(d + at, size - at, end - at, seg, why);
}

} // namespace

std::optional<LinkType> linkTypeFromPcap(quint32 linkType)
{
    switch (linkType) {
    case 0: return LinkType::Null;
    case 1: return LinkType::Ethernet;
    case 12:  // DLT_RAW on most platforms
    case 14:  // DLT_RAW on OpenBSD
    case 101: // LINKTYPE_RAW
    case 228: // LINKTYPE_IPV4
    case 229: // LINKTYPE_IPV6
        return LinkType::RawIp;
    case 108: return LinkType::Loop;
    case 113: return LinkType::LinuxSll;
    case 276: return LinkType::LinuxSll2;
    default: return std::nullopt;
    }
}

std::optional<TcpSegment> decodeTcpSegment(LinkType link, QByteArrayView frame, qint64 tsNs, quint32 origLen,
                                           DecodeSkip *why)
{
    const auto *d = reinterpret_cast<const uchar *>(frame.data());
    const qsizetype size = frame.size();
    const auto start = linkLayer(link, d, size, why);
    if (!start)
        return std::nullopt;
    const qint64 onWire = qint64(origLen) - start->offset; // the IP packet's length by the frame
    if (start->offset > size)
        return skip(DecodeSkip::Truncated, why);
    const uchar *ip = d + start->offset;
    const qsizetype ipSize = size - start->offset;
    if (start->version != 4 && start->version != 6)
        return skip(ipSize == 0 ? DecodeSkip::Truncated : DecodeSkip::UnsupportedLink, why);
    std::optional<TcpSegment> seg(std::in_place); // one segment, filled in place and returned as is
    seg->tsNs = tsNs;
    seg->origLen = origLen;
    const bool ok = start->version == 4 ? decodeIpv4(ip, ipSize, onWire, *seg, why) : decodeIpv6(ip, ipSize, onWire, *seg, why);
    if (!ok)
        return std::nullopt;
    return seg;
}

} // namespace pathlens::core
