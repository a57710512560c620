// SPDX-License-Identifier: GPL-3.0-or-later
// errno → Error (portable: <cerrno> and <cstring> only).
#include "collectors/os/errno_error.h"

#include <cerrno>
#include <cstring>

namespace pathlens::collect {

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

core::Error errnoError(const QString &what, int err, const QString &remedy, core::ErrorCode otherCode)
{
    const auto code = (err == EPERM || err == EACCES) ? core::ErrorCode::PermissionDenied : otherCode;
    return core::makeError(code, QStringLiteral("%1: %2").arg(what, errnoText(err)), remedy);
}

} // namespace pathlens::collect
