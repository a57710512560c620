// SPDX-License-Identifier: GPL-3.0-or-later
// The one errno → Error translation: permission problems become PermissionDenied (with the remedy
// that names the fix), everything else the code the caller chooses.
#pragma once

#include "core/base/result.h"

namespace pathlens::collect {

// "what: strerror(err)". EPERM/EACCES → PermissionDenied; otherwise `otherCode`.
core::Error errnoError(const QString &what, int err, const QString &remedy = {},
                       core::ErrorCode otherCode = core::ErrorCode::Io);
// strerror() as a QString (the system's locale).
QString errnoText(int err);

} // namespace pathlens::collect
