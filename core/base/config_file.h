// SPDX-License-Identifier: GPL-3.0-or-later
// The agent's JSON config file read once per section parser, with one set of error messages.
#pragma once

#include "core/base/result.h"

#include <QJsonObject>
#include <QString>

namespace pathlens::core {

// The file's top-level object; NotFound or InvalidInput naming the file and docs/configuration.md.
Result<QJsonObject> readConfigObject(const QString &path);

} // namespace pathlens::core
