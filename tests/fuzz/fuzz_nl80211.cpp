// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the nl80211 reply parser and the sample assembly on arbitrary bytes.
#include "collectors/wifi/nl80211_parser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    auto parsed = pathlens::collect::parseNl80211(bytes);
    if (!parsed.ok())
        return 0;
    // Each accepted entry needs at least a netlink + genl header (20 bytes) of its own.
    if ((parsed->interfaces.size() + parsed->stations.size() + parsed->surveys.size()) * 20 > size)
        __builtin_trap();
    for (const auto &st : parsed->stations)
        if (!st.bssid.isEmpty() && st.bssid.size() != 17)
            __builtin_trap();
    for (const auto &iface : parsed->interfaces) {
        const auto s = pathlens::collect::assembleWifiSample(iface, parsed->stations, parsed->surveys, 0);
        if (s.channel && (*s.channel < 1 || *s.channel > 233))
            __builtin_trap();
    }
    return 0;
}
