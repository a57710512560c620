// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: pathlens-helper's request parser (a line from an unprivileged client reaches a
// process that holds CAP_NET_RAW): parseLine, the raw-open check, and encode → decode stability.
#include "collectors/wire/helper_protocol.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace pathlens::collect::wire;
    const QByteArray line(reinterpret_cast<const char *>(data), qsizetype(size));
    QString why;
    const auto msg = parseLine(line, &why);
    if (!msg) {
        if (why.isEmpty())
            __builtin_trap(); // every refusal says why
        return 0;
    }
    if (msg->verb.isEmpty() || line.size() > kMaxLineBytes)
        __builtin_trap();
    QString rawWhy;
    if (!parseRawOpen(*msg, &rawWhy) && rawWhy.isEmpty())
        __builtin_trap();
    // What the helper would send back parses to the same message.
    const auto again = parseLine(msg->toLine().toUtf8());
    if (!again || again->verb != msg->verb || again->args != msg->args)
        __builtin_trap();
    return 0;
}
