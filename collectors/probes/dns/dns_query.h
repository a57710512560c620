// SPDX-License-Identifier: GPL-3.0-or-later
// Pure builder of the minimal DNS A query of the UDP DNS probe, and the check that a datagram answers it.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace pathlens::collect {

// RFC 1035 §4.1: 12-byte header (id, RD set, one question), QNAME as labels, QTYPE A, QCLASS IN.
// Returns an empty array for a name that cannot be encoded (label > 63 bytes, name > 255).
QByteArray buildDnsQuery(quint16 id, const QString &name);

// The transaction id of a DNS response (QR bit set), or nullopt for anything else (a query, a
// datagram shorter than the header). Any RCODE counts: NXDOMAIN and REFUSED still measure the RTT.
std::optional<quint16> dnsResponseId(QByteArrayView datagram);

} // namespace pathlens::collect
