// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the inet_diag parser and the TCP recording reader on arbitrary bytes.
#include "collectors/tcp/inet_diag_parser.h"
#include "collectors/tcp/tcp_recording.h"
#include "collectors/tcp/tcp_start_source.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    auto parsed = pathlens::collect::parseInetDiag(bytes);
    if (parsed.ok()) {
        for (const auto &r : parsed->readings) {
            if (r.localAddr.isEmpty() || r.remoteAddr.isEmpty())
                __builtin_trap(); // every accepted socket has both endpoints
        }
    }
    (void)pathlens::collect::parseTcpRecording(bytes);
    (void)pathlens::collect::decodeLifecycles(bytes);
    return 0;
}
