// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: what arrives on the mesh socket and looks like STUN or TURN (issue 12), through
// libnice's validation and our reading of it; an accepted Binding request is answered too.
#include "collectors/nat/stun_wire.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace pathlens::collect;
    static StunWire wire;
    const QByteArrayView d(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto m = wire.parse(d)) {
        if (m->transaction.size() != 12)
            __builtin_trap();
        if (m->kind == StunKind::BindingRequest)
            (void)wire.bindingAnswer(*m, {QHostAddress(QHostAddress::LocalHost), 1}, QStringLiteral("fuzz"));
    }
    return 0;
}
