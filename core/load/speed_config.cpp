// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the speed section of the config.
#include "core/load/speed_config.h"

#include "core/base/config_file.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

namespace pathlens::core {

Result<SpeedConfig> loadSpeedConfig(const QString &path)
{
    const auto read = readConfigObject(path);
    if (!read)
        return read.error();
    const QJsonValue section = read->value(QStringLiteral("speed"));
    SpeedConfig config;
    if (section.isUndefined())
        return config;
    auto bad = [&](const QString &what) {
        return makeError(ErrorCode::InvalidInput, QStringLiteral("config %1: speed.%2").arg(path, what),
                         QStringLiteral("see docs/configuration.md, section \"speed\""));
    };
    if (!section.isObject())
        return bad(QStringLiteral(" must be an object"));
    const QJsonObject speed = section.toObject();
    if (const QJsonValue servers = speed.value(QStringLiteral("servers")); !servers.isUndefined()) {
        if (!servers.isArray())
            return bad(QStringLiteral("servers must be a list of URLs"));
        for (const QJsonValue &v : servers.toArray()) {
            const QUrl url(v.toString());
            if (!v.isString() || !url.isValid() || url.host().isEmpty() ||
                (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
                return bad(QStringLiteral("servers: '%1' is not http[s]://HOST:PORT").arg(v.toVariant().toString()));
            config.servers << v.toString();
        }
    }
    if (const QJsonValue schedule = speed.value(QStringLiteral("schedule")); !schedule.isUndefined()) {
        config.schedule = roundScheduleFromId(schedule.toString());
        if (!config.schedule)
            return bad(QStringLiteral("schedule must be quick, standard, extended or continuous"));
    }
    if (const QJsonValue budget = speed.value(QStringLiteral("budget_mb")); !budget.isUndefined()) {
        if (!budget.isDouble() || budget.toDouble() <= 0)
            return bad(QStringLiteral("budget_mb must be a number of megabytes above 0"));
        config.budgetMb = budget.toDouble();
    }
    return config;
}

} // namespace pathlens::core
