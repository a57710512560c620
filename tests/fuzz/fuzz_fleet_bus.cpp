// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: fleet bus topics and payloads as any broker client could send them. Never a
// crash; what decodes re-encodes to something that decodes the same way.
#include "core/fleet/fleet_bus_codec.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace pathlens::core;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)parseFleetTopic(QString::fromUtf8(bytes.left(128)));
    for (FleetTopicKind kind : {FleetTopicKind::Hello, FleetTopicKind::Verdict, FleetTopicKind::Mesh, FleetTopicKind::Trace}) {
        const FleetTopic topic{QStringLiteral("fuzz"), QStringLiteral("a1"), kind};
        const auto decoded = decodeFleetMessage(topic, bytes);
        if (!decoded)
            continue;
        QByteArray again;
        if (const auto *m = std::get_if<MeshResult>(&*decoded))
            again = encodeMeshResult(*m);
        else if (const auto *t = std::get_if<TraceResult>(&*decoded))
            again = encodeTrace(*t);
        else if (kind == FleetTopicKind::Hello)
            again = encodeHello(std::get<FleetDevice>(*decoded));
        else
            again = encodeVerdict(std::get<FleetDevice>(*decoded));
        if (!decodeFleetMessage(topic, again))
            __builtin_trap();
    }
    return 0;
}
