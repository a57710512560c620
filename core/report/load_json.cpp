// SPDX-License-Identifier: GPL-3.0-or-later
// JSON of the load picture: names match the seed tool's bufferbloat fields (dl/ul, idle).
#include "core/report/load_json.h"

#include "core/base/json_value.h"
#include "core/base/time_utc.h"

namespace pathlens::core {

namespace {
QJsonValue tierOrNull(const std::optional<Tier> &t)
{
    return t ? QJsonValue(tierName(*t)) : QJsonValue(QJsonValue::Null);
}

QJsonObject legJson(const LegBufferbloat &l)
{
    return {{QStringLiteral("idle_p50"), jsonOrNull(l.idle.p50Ms)},
            {QStringLiteral("idle_p95"), jsonOrNull(l.idle.p95Ms)},
            {QStringLiteral("dl_p50"), jsonOrNull(l.download.p50Ms)},
            {QStringLiteral("dl_p95"), jsonOrNull(l.download.p95Ms)},
            {QStringLiteral("ul_p50"), jsonOrNull(l.upload.p50Ms)},
            {QStringLiteral("ul_p95"), jsonOrNull(l.upload.p95Ms)},
            {QStringLiteral("idle_n"), l.idle.count},
            {QStringLiteral("dl_n"), l.download.count},
            {QStringLiteral("ul_n"), l.upload.count},
            {QStringLiteral("dl_delta_ms"), jsonOrNull(l.downloadDeltaMs)},
            {QStringLiteral("ul_delta_ms"), jsonOrNull(l.uploadDeltaMs)},
            {QStringLiteral("rating"), tierOrNull(l.rating)},
            {QStringLiteral("rpm"), jsonOrNull(l.rpm)}};
}
} // namespace

QJsonObject throughputJson(const ThroughputResult &r)
{
    return {{QStringLiteral("utc"), formatUtcMs(r.startUs)},
            {QStringLiteral("end_utc"), formatUtcMs(r.endUs)},
            {QStringLiteral("direction"), transferDirectionId(r.direction)},
            {QStringLiteral("mbps"), jsonOrNull(r.mbps)},
            {QStringLiteral("streams"), r.streams},
            {QStringLiteral("bytes"), double(r.bytes)},
            {QStringLiteral("backend"), r.backend},
            {QStringLiteral("tier"), r.tier},
            {QStringLiteral("calibration"), r.calibration},
            {QStringLiteral("out_of_family"), r.outOfFamily},
            {QStringLiteral("retest"), r.retest},
            {QStringLiteral("early_exit"), r.earlyExit},
            {QStringLiteral("round"), r.round},
            {QStringLiteral("total_rounds"), r.totalRounds},
            {QStringLiteral("skipped"), r.skipped == TransferSkip::None ? QJsonValue(QJsonValue::Null)
                                                                         : QJsonValue(transferSkipId(r.skipped))},
            {QStringLiteral("error"), r.error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.error)}};
}

QJsonObject bufferbloatJson(const BufferbloatSplit &split)
{
    return {{QStringLiteral("gateway"), legJson(split.gateway)},
            {QStringLiteral("internet"), legJson(split.internet)},
            {QStringLiteral("rpm"), jsonOrNull(split.rpm)},
            {QStringLiteral("rating"), tierOrNull(split.rating)}};
}

QJsonObject loadReportJson(const LoadPicture &load)
{
    QJsonArray results;
    for (const ThroughputResult &r : load.results)
        results.append(throughputJson(r));
    return {{QStringLiteral("throughput"), results},
            {QStringLiteral("bufferbloat"), bufferbloatJson(load.bufferbloat)},
            {QStringLiteral("download_mbps"), jsonOrNull(load.downloadMbps)},
            {QStringLiteral("upload_mbps"), jsonOrNull(load.uploadMbps)},
            {QStringLiteral("download_tier"), tierOrNull(load.downloadTier)},
            {QStringLiteral("upload_tier"), tierOrNull(load.uploadTier)}};
}

} // namespace pathlens::core
