// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the UDP DNS probe's response check (any datagram from the network) and the
// query builder (any configured name).
#include "collectors/probes/dns/dns_query.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace pathlens::collect;
    const QByteArrayView datagram(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto id = dnsResponseId(datagram); id && (size < 12 || !(data[2] & 0x80)))
        __builtin_trap(); // only a full header with QR set is a response
    const QByteArray query = buildDnsQuery(0x1234, QString::fromLatin1(datagram.data(), datagram.size()));
    if (!query.isEmpty() && (query.size() < 17 || query.size() > 12 + 256 + 4 || dnsResponseId(query)))
        __builtin_trap(); // a query is never mistaken for a response
    return 0;
}
