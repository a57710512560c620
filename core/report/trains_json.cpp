// SPDX-License-Identifier: GPL-3.0-or-later
// Capacity and diagnosis JSON.
#include "core/report/trains_json.h"

#include "core/base/json_value.h"
#include "core/store/trains_rows.h"

#include <QJsonArray>

namespace pathlens::core {

QJsonObject capacityJson(const CapacityResult &r)
{
    return QJsonObject{
        {QStringLiteral("utc"), formatUtcMs(r.utcUs)},
        {QStringLiteral("target"), r.target},
        {QStringLiteral("address"), r.address},
        {QStringLiteral("mode"), capacityModeName(r.mode)},
        {QStringLiteral("direction"), capacityDirectionName(r.direction)},
        {QStringLiteral("phase"), capacityPhaseName(r.phase)},
        {QStringLiteral("total_mbps"), jsonOrNull(r.totalMbps)},
        {QStringLiteral("measured_mbps"), jsonOrNull(r.measuredMbps)},
        {QStringLiteral("available_mbps"), jsonOrNull(r.availableMbps)},
        {QStringLiteral("utilised_mbps"), jsonOrNull(r.utilisedMbps)},
        {QStringLiteral("latency_ms"), jsonOrNull(r.latencyMs)},
        {QStringLiteral("loss_pct"), r.lossPct},
        {QStringLiteral("jitter_ms"), jsonOrNull(r.jitterMs)},
        {QStringLiteral("voice_loss_pct"), jsonOrNull(r.voiceLossPct)},
        {QStringLiteral("voice_jitter_ms"), jsonOrNull(r.voiceJitterMs)},
        {QStringLiteral("voice_mos"), jsonOrNull(r.voiceMos)},
        {QStringLiteral("codec"), r.codec.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.codec)},
        {QStringLiteral("doubtful"), r.doubtful},
        {QStringLiteral("reason"), r.reason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.reason)},
        {QStringLiteral("packet_bytes"), r.packetBytes},
        {QStringLiteral("packets"), r.packets},
        {QStringLiteral("bytes"), double(r.bytes)},
        {QStringLiteral("dscp"), r.dscp},
    };
}

QJsonObject diagnosisJson(const Diagnosis &d)
{
    const QJsonArray hops = hopFindingsJson(d.hops);
    return QJsonObject{{QStringLiteral("utc"), formatUtcMs(d.utcUs)},
                       {QStringLiteral("target"), d.target},
                       {QStringLiteral("trigger"), d.trigger},
                       {QStringLiteral("verdict"), d.verdict},
                       {QStringLiteral("culprit_ttl"), jsonOrNull(d.culpritTtl)},
                       {QStringLiteral("culprit_addr"), d.culpritAddress.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(d.culpritAddress)},
                       {QStringLiteral("dscp_note"), d.dscpNote.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(d.dscpNote)},
                       {QStringLiteral("sent_dscp"), d.sentDscp},
                       {QStringLiteral("packets"), d.packets},
                       {QStringLiteral("bytes"), double(d.bytes)},
                       {QStringLiteral("duration_s"), d.durationS},
                       {QStringLiteral("hops"), hops}};
}

} // namespace pathlens::core
