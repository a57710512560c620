// SPDX-License-Identifier: GPL-3.0-or-later
// Stored identifiers of a throughput result's enums.
#include "core/load/throughput_result.h"

namespace pathlens::core {

QString transferDirectionId(TransferDirection d)
{
    return d == TransferDirection::Download ? QStringLiteral("download") : QStringLiteral("upload");
}

std::optional<TransferDirection> transferDirectionFromId(const QString &id)
{
    if (id == QLatin1String("download") || id == QLatin1String("down"))
        return TransferDirection::Download;
    if (id == QLatin1String("upload") || id == QLatin1String("up"))
        return TransferDirection::Upload;
    return std::nullopt;
}

QString transferSkipId(TransferSkip s)
{
    switch (s) {
    case TransferSkip::None: return {};
    case TransferSkip::DataBudget: return QStringLiteral("data_budget");
    case TransferSkip::RateLimited: return QStringLiteral("rate_limited");
    case TransferSkip::Failed: return QStringLiteral("failed");
    }
    return {};
}

TransferSkip transferSkipFromId(const QString &id)
{
    if (id == QLatin1String("data_budget"))
        return TransferSkip::DataBudget;
    if (id == QLatin1String("rate_limited"))
        return TransferSkip::RateLimited;
    if (id == QLatin1String("failed"))
        return TransferSkip::Failed;
    return TransferSkip::None;
}

} // namespace pathlens::core
