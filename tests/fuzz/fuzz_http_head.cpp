// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the HTTP HEAD probe's response-head parser (status line, fields, folding, interim heads).
#include "collectors/probes/http/http_response_head.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace pathlens::collect;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const HttpHeadParse p = parseHttpResponseHead(bytes);
    if (p.state == HttpHeadParse::State::Complete) {
        if (p.head.headBytes <= 0 || p.head.headBytes > bytes.size() || p.head.status < 100 || p.head.status > 999)
            __builtin_trap();
        (void)p.head.keepAlive();
        (void)p.head.field("via");
    }
    if (p.state == HttpHeadParse::State::Invalid && p.error.isEmpty())
        __builtin_trap();
    return 0;
}
