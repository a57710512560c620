// SPDX-License-Identifier: GPL-3.0-or-later
// capacity_results: the figures in columns, voice and accounting in notes; diagnoses: hops as JSON.
#include "core/store/trains_rows.h"

#include "core/base/json_value.h"
#include "core/base/notes_codec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace pathlens::core {

namespace {
void setOpt(Row &row, const char *column, const std::optional<double> &v)
{
    if (v)
        row.set(column, *v);
}
std::optional<double> optColumn(const Row &row, const char *column)
{
    const QVariant v = row.get(column);
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}
void setNote(Notes &n, const char *key, const std::optional<double> &v)
{
    if (v)
        n.set(QString::fromLatin1(key), QString::number(*v, 'g', QLocale::FloatingPointShortest));
}
} // namespace

QJsonArray hopFindingsJson(const std::vector<HopFinding> &findings)
{
    QJsonArray hops;
    for (const HopFinding &h : findings)
        hops.append(QJsonObject{{QStringLiteral("ttl"), h.ttl},
                                {QStringLiteral("addr"), h.address.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(h.address)},
                                {QStringLiteral("destination"), h.destination},
                                {QStringLiteral("sent"), h.sent},
                                {QStringLiteral("received"), h.received},
                                {QStringLiteral("loss_pct"), h.lossPct},
                                {QStringLiteral("capacity_mbps"), jsonOrNull(h.capacityMbps)},
                                {QStringLiteral("latency_ms"), jsonOrNull(h.latencyMs)},
                                {QStringLiteral("dscp"), jsonOrNull(h.dscpSeen)},
                                {QStringLiteral("rate_limited"), h.rateLimited}});
    return hops;
}

std::vector<HopFinding> hopFindingsFromJson(const QJsonArray &hops)
{
    std::vector<HopFinding> out;
    for (const QJsonValue &v : hops) {
        const QJsonObject o = v.toObject();
        HopFinding h;
        h.ttl = o.value(QStringLiteral("ttl")).toInt();
        h.address = o.value(QStringLiteral("addr")).toString();
        h.destination = o.value(QStringLiteral("destination")).toBool();
        h.sent = o.value(QStringLiteral("sent")).toInt();
        h.received = o.value(QStringLiteral("received")).toInt();
        h.lossPct = o.value(QStringLiteral("loss_pct")).toDouble();
        if (o.value(QStringLiteral("capacity_mbps")).isDouble())
            h.capacityMbps = o.value(QStringLiteral("capacity_mbps")).toDouble();
        if (o.value(QStringLiteral("latency_ms")).isDouble())
            h.latencyMs = o.value(QStringLiteral("latency_ms")).toDouble();
        if (o.value(QStringLiteral("dscp")).isDouble())
            h.dscpSeen = o.value(QStringLiteral("dscp")).toInt();
        h.rateLimited = o.value(QStringLiteral("rate_limited")).toBool();
        out.push_back(std::move(h));
    }
    return out;
}

Row capacityResultToRow(const CapacityResult &r)
{
    Row row = Row::blank(Table::CapacityResults);
    row.set("ts_us", r.utcUs);
    row.set("target", r.target);
    row.set("address", r.address);
    row.set("mode", capacityModeName(r.mode));
    row.set("direction", capacityDirectionName(r.direction));
    row.set("phase", capacityPhaseName(r.phase));
    setOpt(row, "total_mbps", r.totalMbps);
    setOpt(row, "measured_mbps", r.measuredMbps);
    setOpt(row, "available_mbps", r.availableMbps);
    setOpt(row, "utilised_mbps", r.utilisedMbps);
    setOpt(row, "latency_ms", r.latencyMs);
    row.set("loss_pct", r.lossPct);
    setOpt(row, "jitter_ms", r.jitterMs);
    setOpt(row, "voice_mos", r.voiceMos);
    row.set("doubtful", r.doubtful ? 1 : 0);
    Notes n;
    if (!r.reason.isEmpty())
        n.set(QStringLiteral("reason"), r.reason);
    if (!r.codec.isEmpty())
        n.set(QStringLiteral("codec"), r.codec);
    setNote(n, "voice_loss_pct", r.voiceLossPct);
    setNote(n, "voice_jitter_ms", r.voiceJitterMs);
    n.set(QStringLiteral("packet_bytes"), QString::number(r.packetBytes));
    n.set(QStringLiteral("packets"), QString::number(r.packets));
    n.set(QStringLiteral("bytes"), QString::number(r.bytes));
    n.set(QStringLiteral("dscp"), QString::number(r.dscp));
    row.set("notes", n.toString());
    return row;
}

CapacityResult capacityResultFromRow(const Row &row)
{
    CapacityResult r;
    r.utcUs = row.get("ts_us").toLongLong();
    r.target = row.get("target").toString();
    r.address = row.get("address").toString();
    r.mode = capacityModeFromName(row.get("mode").toString()).value_or(CapacityMode::SingleEnded);
    r.direction = capacityDirectionFromName(row.get("direction").toString()).value_or(CapacityDirection::RoundTrip);
    r.phase = capacityPhaseFromName(row.get("phase").toString()).value_or(CapacityPhase::OneOff);
    r.totalMbps = optColumn(row, "total_mbps");
    r.measuredMbps = optColumn(row, "measured_mbps");
    r.availableMbps = optColumn(row, "available_mbps");
    r.utilisedMbps = optColumn(row, "utilised_mbps");
    r.latencyMs = optColumn(row, "latency_ms");
    r.lossPct = row.get("loss_pct").toDouble();
    r.jitterMs = optColumn(row, "jitter_ms");
    r.voiceMos = optColumn(row, "voice_mos");
    r.doubtful = row.get("doubtful").toInt() != 0;
    const Notes n = Notes::parse(row.get("notes").toString()).value_or(Notes());
    r.reason = n.value(QStringLiteral("reason")).value_or(QString());
    r.codec = n.value(QStringLiteral("codec")).value_or(QString());
    r.voiceLossPct = n.number(QStringLiteral("voice_loss_pct"));
    r.voiceJitterMs = n.number(QStringLiteral("voice_jitter_ms"));
    r.packetBytes = int(n.number(QStringLiteral("packet_bytes")).value_or(0));
    r.packets = int(n.number(QStringLiteral("packets")).value_or(0));
    r.bytes = qint64(n.number(QStringLiteral("bytes")).value_or(0));
    r.dscp = int(n.number(QStringLiteral("dscp")).value_or(0));
    return r;
}

Row diagnosisToRow(const Diagnosis &d)
{
    Row row = Row::blank(Table::Diagnoses);
    row.set("ts_us", d.utcUs);
    row.set("target", d.target);
    row.set("trigger", d.trigger);
    row.set("verdict", d.verdict);
    if (d.culpritTtl)
        row.set("culprit_ttl", *d.culpritTtl);
    if (!d.culpritAddress.isEmpty())
        row.set("culprit_addr", d.culpritAddress);
    row.set("hops", QString::fromUtf8(QJsonDocument(hopFindingsJson(d.hops)).toJson(QJsonDocument::Compact)));
    Notes n;
    if (!d.dscpNote.isEmpty())
        n.set(QStringLiteral("dscp_note"), d.dscpNote);
    n.set(QStringLiteral("sent_dscp"), QString::number(d.sentDscp));
    n.set(QStringLiteral("packets"), QString::number(d.packets));
    n.set(QStringLiteral("bytes"), QString::number(d.bytes));
    n.set(QStringLiteral("duration_s"), QString::number(d.durationS, 'g', QLocale::FloatingPointShortest));
    row.set("notes", n.toString());
    return row;
}

Diagnosis diagnosisFromRow(const Row &row)
{
    Diagnosis d;
    d.utcUs = row.get("ts_us").toLongLong();
    d.target = row.get("target").toString();
    d.trigger = row.get("trigger").toString();
    d.verdict = row.get("verdict").toString();
    if (!row.get("culprit_ttl").isNull())
        d.culpritTtl = row.get("culprit_ttl").toInt();
    d.culpritAddress = row.get("culprit_addr").toString();
    d.hops = hopFindingsFromJson(QJsonDocument::fromJson(row.get("hops").toString().toUtf8()).array());
    const Notes n = Notes::parse(row.get("notes").toString()).value_or(Notes());
    d.dscpNote = n.value(QStringLiteral("dscp_note")).value_or(QString());
    d.sentDscp = int(n.number(QStringLiteral("sent_dscp")).value_or(0));
    d.packets = int(n.number(QStringLiteral("packets")).value_or(0));
    d.bytes = qint64(n.number(QStringLiteral("bytes")).value_or(0));
    d.durationS = n.number(QStringLiteral("duration_s")).value_or(0);
    return d;
}

} // namespace pathlens::core
