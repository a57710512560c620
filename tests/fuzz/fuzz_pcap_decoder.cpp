// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: frames through decodeTcpSegment, decoded segments through the TCP flow analysis.
#include "core/pcap/flow_session.h"
#include "core/pcap/packet_decoder.h"
#include "core/pcap/tcp_flow_analysis.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>

// Input: one byte choosing the link type, then frames each prefixed by a 2-byte big-endian length
// (the rest of the input when it runs short), so one input can build a conversation.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace pathlens::core;
    if (size < 1)
        return 0;
    static constexpr LinkType kLinks[] = {LinkType::Null, LinkType::Ethernet, LinkType::RawIp,
                                          LinkType::Loop, LinkType::LinuxSll, LinkType::LinuxSll2};
    const LinkType link = kLinks[data[0] % 6];
    TcpFlowAnalyzer analyzer;
    std::size_t at = 1;
    qint64 ts = 0;
    while (at < size) {
        std::size_t len = size - at;
        if (len >= 2) {
            const std::size_t want = std::size_t(data[at]) << 8 | data[at + 1];
            at += 2;
            len = std::min(want, size - at);
        }
        // An exactly sized heap copy: inside libFuzzer's buffer a read past the frame lands on the next
        // frame's bytes, which ASan cannot tell from a legal read.
        const std::unique_ptr<char[]> copy = std::make_unique<char[]>(len);
        std::memcpy(copy.get(), data + at, len);
        const QByteArrayView frame(copy.get(), qsizetype(len));
        DecodeSkip why = DecodeSkip::None;
        const auto seg = decodeTcpSegment(link, frame, ts, quint32(len) + (ts % 3 == 0 ? 1500u : 0u), &why);
        if (seg) {
            if (why != DecodeSkip::None || seg->options.sackCount > 4)
                __builtin_trap();
            analyzer.add(*seg);
        } else if (why == DecodeSkip::None) {
            __builtin_trap(); // a rejection must say why
        }
        at += len;
        ts += 1000 + qint64(len) * 7; // strictly increasing, varied gaps
    }
    for (const PcapFlow &f : analyzer.finish()) {
        if (f.fromClient.uniqueBytes > f.fromClient.totalBytes || f.fromServer.uniqueBytes > f.fromServer.totalBytes)
            __builtin_trap();
        const TcpSession s = sessionFromFlow(f, QString());
        if (s.medianRttMs < 0 || s.minRttMs < 0 || s.readings < 0)
            __builtin_trap();
    }
    return 0;
}
