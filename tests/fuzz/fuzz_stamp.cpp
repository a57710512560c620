// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the STAMP decoders and the Session-Reflector policy on any datagram (both
// modes): never a crash, never a reply larger than the request.
#include "core/mesh/stamp_packet.h"
#include "core/mesh/stamp_reflector_policy.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace pathlens::core;
    static StampReflectorPolicy unauth({StampMode::Unauthenticated, {}, true, 1e9, 1e9});
    static StampReflectorPolicy auth({StampMode::Authenticated, "fuzz-key-0123456789", true, 1e9, 1e9});
    const QByteArrayView d(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)decodeStampSender(d, StampMode::Unauthenticated);
    (void)decodeStampReflector(d, StampMode::Authenticated, "k");
    for (StampReflectorPolicy *p : {&unauth, &auth})
        if (const auto reply = p->reflect(QStringLiteral("fuzz|1"), d, 1, 64, 2); reply && reply->size() > d.size())
            __builtin_trap();
    return 0;
}
