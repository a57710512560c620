// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the ICMP/ICMPv6 parser (quoted headers, RFC 4884/4950 extensions) and the TCP reply reader.
#include "collectors/trace/icmp_parser.h"
#include "collectors/trace/probe_packet.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace pathlens::collect;
    if (size < 1)
        return 0;
    const bool ipv6 = data[0] & 1, withHeader = data[0] & 2; // first byte picks the variant
    const QByteArrayView bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    auto m = parseIcmp(bytes, ipv6, withHeader);
    if (m.ok()) {
        if (m->mplsLabels.size() > size_t(bytes.size()) / 4)
            __builtin_trap(); // every label needs 4 bytes of input
        if (m->quoted && (m->quoted->payload.size() > bytes.size() || m->quoted->ttl > 255))
            __builtin_trap();
    }
    (void)parseTcpSegment(bytes, ipv6, withHeader);
    (void)parseMplsExtension(bytes);
    (void)udpProbeIdFromPayload(bytes);
    return 0;
}
