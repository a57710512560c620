// SPDX-License-Identifier: GPL-3.0-or-later
// The UDP DNS probe's query and response check (RFC 1035).
#include "dns_query.h"

namespace pathlens::collect {

namespace {
constexpr int kHeaderBytes = 12;    // RFC 1035 §4.1.1
constexpr int kMaxLabel = 63;       // RFC 1035 §2.3.4
constexpr int kMaxName = 255;       // RFC 1035 §2.3.4
constexpr quint8 kFlagsHiRd = 0x01; // RD (recursion desired) in the high flag byte
constexpr quint8 kFlagsHiQr = 0x80; // QR: 1 = response
} // namespace

QByteArray buildDnsQuery(quint16 id, const QString &name)
{
    QByteArray q;
    q.reserve(kHeaderBytes + name.size() + 6);
    q.append(char(id >> 8)).append(char(id & 0xff));
    q.append(char(kFlagsHiRd)).append(char(0));
    q.append(char(0)).append(char(1)); // QDCOUNT 1
    q.append(6, char(0));              // ANCOUNT, NSCOUNT, ARCOUNT
    int nameBytes = 1;
    const QByteArray ascii = name.toLatin1();
    for (const QByteArray &label : ascii.split('.')) {
        if (label.isEmpty())
            continue; // "example.com." and "." are fine
        if (label.size() > kMaxLabel)
            return {};
        q.append(char(label.size())).append(label);
        nameBytes += 1 + int(label.size());
    }
    if (nameBytes > kMaxName)
        return {};
    q.append(char(0));                 // root label
    q.append(char(0)).append(char(1)); // QTYPE A
    q.append(char(0)).append(char(1)); // QCLASS IN
    return q;
}

std::optional<quint16> dnsResponseId(QByteArrayView d)
{
    if (d.size() < kHeaderBytes || !(quint8(d[2]) & kFlagsHiQr))
        return std::nullopt;
    return quint16((quint8(d[0]) << 8) | quint8(d[1]));
}

} // namespace pathlens::collect
