// SPDX-License-Identifier: GPL-3.0-or-later
// No STAMP socket on this platform yet.
#include "collectors/mesh/stamp_socket.h"

namespace pathlens::collect {

core::Result<std::unique_ptr<StampSocket>> StampSocket::open(quint16, const QString &what)
{
    return core::makeError(core::ErrorCode::Unsupported, QStringLiteral("%1: STAMP is not implemented on this platform yet").arg(what));
}

} // namespace pathlens::collect
