// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the config file.
#include "core/base/config_file.h"

#include <QFile>
#include <QJsonDocument>

namespace pathlens::core {

Result<QJsonObject> readConfigObject(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::NotFound, QStringLiteral("cannot read config %1: %2").arg(path, file.errorString()));
    QJsonParseError err;
    const auto doc = QJsonDocument::fromJson(file.readAll(), &err);
    if (!doc.isObject())
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("config %1 is not a JSON object (%2 at byte %3)").arg(path, err.errorString()).arg(err.offset),
                         QStringLiteral("see docs/configuration.md for the format"));
    return doc.object();
}

} // namespace pathlens::core
