// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper: builds ICMP/ICMPv6 errors quoting our probes, with optional RFC 4884/4950 MPLS extensions.
#pragma once

#include "collectors/trace/icmp_parser.h"
#include "collectors/trace/probe_packet.h"

#include <QByteArray>
#include <QHostAddress>

#include <vector>

namespace trace_test {

using namespace pathlens::collect;

inline void put16(QByteArray &b, int at, quint16 v) { b[at] = char(v >> 8); b[at + 1] = char(v); }

inline QByteArray addr(const QString &s)
{
    const QHostAddress a(s);
    if (a.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR b = a.toIPv6Address();
        return QByteArray(reinterpret_cast<const char *>(b.c), 16);
    }
    const quint32 v = a.toIPv4Address();
    const char b[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    return QByteArray(b, 4);
}

// IPv4 or IPv6 header + transport bytes (protocol given), as our probe left the host.
inline QByteArray ipPacket(bool ipv6, const QString &src, const QString &dst, int ttl, int tos, int proto, const QByteArray &transport)
{
    QByteArray h;
    if (ipv6) {
        h = QByteArray(40, '\0');
        h[0] = char(0x60 | (tos >> 4));
        h[1] = char((tos & 0x0f) << 4);
        put16(h, 4, quint16(transport.size()));
        h[6] = char(proto);
        h[7] = char(ttl);
        h.replace(8, 16, addr(src));
        h.replace(24, 16, addr(dst));
    } else {
        h = QByteArray(20, '\0');
        h[0] = char(0x45);
        h[1] = char(tos);
        put16(h, 2, quint16(20 + transport.size()));
        put16(h, 4, 0x1234);
        h[8] = char(ttl);
        h[9] = char(proto);
        h.replace(12, 4, addr(src));
        h.replace(16, 4, addr(dst));
    }
    return h + transport;
}

inline QByteArray udp(quint16 sport, quint16 dport, const QByteArray &payload)
{
    QByteArray u(8, '\0');
    put16(u, 0, sport);
    put16(u, 2, dport);
    put16(u, 4, quint16(8 + payload.size()));
    put16(u, 6, 0xbeef);
    return u + payload;
}

// RFC 4884 extension structure with one MPLS label stack object (RFC 4950), checksum filled.
inline QByteArray mplsExtension(const std::vector<quint32> &labels)
{
    QByteArray obj(4, '\0');
    put16(obj, 0, quint16(4 + 4 * labels.size()));
    obj[2] = 1; // class MPLS
    obj[3] = 1; // incoming stack
    for (size_t i = 0; i < labels.size(); ++i) {
        QByteArray e(4, '\0');
        const quint32 w = labels[i] << 12 | (i + 1 == labels.size() ? 0x100 : 0) | 1; // S bit on the last, TTL 1
        e[0] = char(w >> 24); e[1] = char(w >> 16); e[2] = char(w >> 8); e[3] = char(w);
        obj += e;
    }
    QByteArray ext(4, '\0');
    ext[0] = char(0x20); // version 2
    ext += obj;
    put16(ext, 2, quint16(~onesComplementFold(onesComplementAdd(0, ext))));
    return ext;
}

// An ICMP error (type/code) quoting `quoted`; withLength: RFC 4884 length field + 128-byte padding.
inline QByteArray icmpError(bool ipv6, quint8 type, quint8 code, QByteArray quoted, const QByteArray &extension = {},
                            bool declareLength = true)
{
    QByteArray m(8, '\0');
    m[0] = char(type);
    m[1] = char(code);
    if (!extension.isEmpty()) {
        if (quoted.size() < 128)
            quoted.append(QByteArray(128 - quoted.size(), '\0'));
        if (declareLength) {
            if (ipv6)
                m[4] = char(quoted.size() / 8);
            else
                m[5] = char(quoted.size() / 4);
        }
    }
    m += quoted + extension;
    if (!ipv6)
        put16(m, 2, quint16(~onesComplementFold(onesComplementAdd(0, m))));
    return m;
}

} // namespace trace_test
