// SPDX-License-Identifier: GPL-3.0-or-later
// Fleet bus JSON: strict on what identifies a message, tolerant of fields it does not know.
#include "core/fleet/fleet_bus_codec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace pathlens::core {

namespace {
const QString kPrefix = QStringLiteral("pathlens/v1/");

const char *kindName(FleetTopicKind kind)
{
    switch (kind) {
    case FleetTopicKind::Hello: return "hello";
    case FleetTopicKind::Verdict: return "verdict";
    case FleetTopicKind::Mesh: return "mesh";
    case FleetTopicKind::Trace: return "trace";
    case FleetTopicKind::Punch: return "punch";
    }
    return "hello";
}

Error bad(const QString &what)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("fleet bus message: %1").arg(what),
                     QStringLiteral("the sending agent may be a newer or a foreign client; see docs/fleet-bus.md"));
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void putOpt(QJsonObject &o, const char *key, const std::optional<double> &v)
{
    if (v && std::isfinite(*v))
        o.insert(QLatin1String(key), *v);
}

std::optional<double> getOpt(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return std::nullopt;
    return v.toDouble();
}

QJsonObject common(const FleetDevice &d)
{
    return {{QStringLiteral("v"), kFleetBusVersion}, {QStringLiteral("id"), d.id}, {QStringLiteral("name"), d.name},
            {QStringLiteral("utc_us"), double(d.utcUs)}};
}
} // namespace

Result<void> checkFleetTopicLevel(const QString &what, const QString &value)
{
    static const QRegularExpression ok(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    if (!ok.match(value).hasMatch())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 '%2' cannot be used on the fleet bus").arg(what, value),
                         QStringLiteral("use 1–64 letters, digits, '.', '_' or '-'"));
    return {};
}

QString fleetSafeId(const QString &name)
{
    QString id;
    for (const QChar c : name.left(64))
        id += (c.isLetterOrNumber() && c.unicode() < 128) || c == QLatin1Char('.') || c == QLatin1Char('_') || c == QLatin1Char('-')
                  ? c
                  : QLatin1Char('-');
    return id.isEmpty() ? QStringLiteral("agent") : id;
}

QString fleetTopic(const QString &fleet, const QString &agentId, FleetTopicKind kind)
{
    return kPrefix + fleet + QLatin1Char('/') + agentId + QLatin1Char('/') + QLatin1String(kindName(kind));
}

QString fleetSubscription(const QString &fleet)
{
    return kPrefix + fleet + QStringLiteral("/+/+");
}

std::optional<FleetTopic> parseFleetTopic(const QString &topic)
{
    if (!topic.startsWith(kPrefix))
        return std::nullopt;
    const QStringList parts = topic.mid(kPrefix.size()).split(QLatin1Char('/'));
    if (parts.size() != 3 || !checkFleetTopicLevel({}, parts[0]) || !checkFleetTopicLevel({}, parts[1]))
        return std::nullopt;
    for (FleetTopicKind k : {FleetTopicKind::Hello, FleetTopicKind::Verdict, FleetTopicKind::Mesh, FleetTopicKind::Trace, FleetTopicKind::Punch})
        if (parts[2] == QLatin1String(kindName(k)))
            return FleetTopic{parts[0], parts[1], k};
    return std::nullopt;
}

QByteArray encodeHello(const FleetDevice &d)
{
    QJsonObject o = common(d);
    o.insert(QStringLiteral("online"), d.online);
    o.insert(QStringLiteral("addresses"), QJsonArray::fromStringList(d.addresses));
    o.insert(QStringLiteral("reflector_port"), int(d.reflectorPort));
    if (!d.instance.isEmpty())
        o.insert(QStringLiteral("instance"), d.instance);
    if (!d.reflected.isEmpty())
        o.insert(QStringLiteral("reflected"), d.reflected);
    if (!d.relay.isEmpty())
        o.insert(QStringLiteral("relay"), d.relay);
    return compact(o);
}

QByteArray encodeVerdict(const FleetDevice &d)
{
    QJsonObject o = common(d);
    o.insert(QStringLiteral("grade"), d.grade == Grade::Ungraded ? QJsonValue() : QJsonValue(gradeName(d.grade)));
    putOpt(o, "median_rtt_ms", d.medianRttMs);
    putOpt(o, "retrans_pct", d.retransPct);
    o.insert(QStringLiteral("sessions"), d.sessions);
    return compact(o);
}

QByteArray encodeMeshResult(const MeshResult &m)
{
    QJsonObject o{{QStringLiteral("v"), kFleetBusVersion},
                  {QStringLiteral("utc_us"), double(m.utcUs)},
                  {QStringLiteral("src"), m.src},
                  {QStringLiteral("dst"), m.dst},
                  {QStringLiteral("path"), m.path},
                  {QStringLiteral("addr"), m.dstAddress},
                  {QStringLiteral("sent"), m.sent},
                  {QStringLiteral("answered"), m.answered},
                  {QStringLiteral("loss_pct"), m.lossPct},
                  {QStringLiteral("qdelay_fwd_ms"), m.queueForwardMs},
                  {QStringLiteral("qdelay_rev_ms"), m.queueReverseMs}};
    if (m.answered > 0)
        o.insert(QStringLiteral("rtt_ms"), m.rttMs);
    putOpt(o, "loss_fwd_pct", m.lossForwardPct);
    putOpt(o, "loss_rev_pct", m.lossReversePct);
    putOpt(o, "cap_fwd_mbps", m.capacityForwardMbps);
    putOpt(o, "cap_rev_mbps", m.capacityReverseMbps);
    if (!m.capacityNote.isEmpty())
        o.insert(QStringLiteral("cap_note"), m.capacityNote);
    if (!m.pathNote.isEmpty())
        o.insert(QStringLiteral("path_note"), m.pathNote);
    return compact(o);
}

QByteArray encodePunchInvite(const FleetPunchInvite &p)
{
    return compact(QJsonObject{{QStringLiteral("v"), kFleetBusVersion},
                               {QStringLiteral("utc_us"), double(p.utcUs)},
                               {QStringLiteral("from"), p.from},
                               {QStringLiteral("to"), p.to},
                               {QStringLiteral("reflected"), p.reflected},
                               {QStringLiteral("at_utc_us"), double(p.atUtcUs)}});
}

QByteArray encodeTrace(const TraceResult &t)
{
    QJsonArray hops;
    for (const TraceHop &h : t.hops) {
        QJsonArray rtts;
        for (double r : h.rttMs)
            rtts.append(r);
        QJsonObject hop{{QStringLiteral("ttl"), h.ttl}, {QStringLiteral("sent"), h.sent}, {QStringLiteral("rtt_ms"), rtts}};
        if (!h.addr.isEmpty())
            hop.insert(QStringLiteral("addr"), h.addr);
        if (h.destination)
            hop.insert(QStringLiteral("destination"), true);
        if (!h.reverseDns.isEmpty())
            hop.insert(QStringLiteral("rdns"), h.reverseDns);
        hops.append(hop);
    }
    return compact(QJsonObject{{QStringLiteral("v"), kFleetBusVersion},
                               {QStringLiteral("utc_us"), double(t.startedUtcUs)},
                               {QStringLiteral("by"), t.tracedBy},
                               {QStringLiteral("target"), t.target},
                               {QStringLiteral("target_addr"), t.targetAddr},
                               {QStringLiteral("proto"), t.proto},
                               {QStringLiteral("ipv6"), t.ipv6},
                               {QStringLiteral("duration_ms"), t.durationMs},
                               {QStringLiteral("reached"), t.reached},
                               {QStringLiteral("local"), t.localAddr},
                               {QStringLiteral("public"), t.publicAddr},
                               {QStringLiteral("hops"), hops}});
}

namespace {
constexpr int kMaxHops = 64, kMaxSamples = 32;

Result<FleetBusMessage> decodeTrace(const QJsonObject &o, TimestampUs utcUs)
{
    TraceResult t;
    t.startedUtcUs = utcUs;
    t.tracedBy = o.value(QStringLiteral("by")).toString();
    t.target = o.value(QStringLiteral("target")).toString().left(256);
    t.targetAddr = o.value(QStringLiteral("target_addr")).toString().left(64);
    t.proto = o.value(QStringLiteral("proto")).toString();
    if (t.tracedBy.isEmpty() || t.targetAddr.isEmpty())
        return bad(QStringLiteral("a trace needs who traced (by) and the target's address"));
    if (t.proto != QLatin1String("udp") && t.proto != QLatin1String("icmp") && t.proto != QLatin1String("tcp"))
        return bad(QStringLiteral("unknown trace protocol '%1'").arg(t.proto));
    t.ipv6 = o.value(QStringLiteral("ipv6")).toBool();
    t.durationMs = std::max(0.0, o.value(QStringLiteral("duration_ms")).toDouble());
    t.reached = o.value(QStringLiteral("reached")).toBool();
    t.localAddr = o.value(QStringLiteral("local")).toString().left(64);
    t.publicAddr = o.value(QStringLiteral("public")).toString().left(64);
    const QJsonArray hops = o.value(QStringLiteral("hops")).toArray();
    if (hops.size() > kMaxHops)
        return bad(QStringLiteral("%1 hops, at most %2").arg(hops.size()).arg(kMaxHops));
    int lastTtl = 0;
    for (const QJsonValue &v : hops) {
        const QJsonObject ho = v.toObject();
        TraceHop h;
        h.ttl = ho.value(QStringLiteral("ttl")).toInt();
        h.sent = ho.value(QStringLiteral("sent")).toInt();
        if (h.ttl <= lastTtl || h.ttl > 255 || h.sent < 0 || h.sent > kMaxSamples)
            return bad(QStringLiteral("hop TTL %1 (after %2), %3 probes").arg(h.ttl).arg(lastTtl).arg(h.sent));
        lastTtl = h.ttl;
        h.addr = ho.value(QStringLiteral("addr")).toString().left(64);
        h.destination = ho.value(QStringLiteral("destination")).toBool();
        h.reverseDns = ho.value(QStringLiteral("rdns")).toString().left(256);
        const QJsonArray rtts = ho.value(QStringLiteral("rtt_ms")).toArray();
        if (rtts.size() > h.sent)
            return bad(QStringLiteral("hop %1: %2 answers to %3 probes").arg(h.ttl).arg(rtts.size()).arg(h.sent));
        for (const QJsonValue &r : rtts) {
            if (!r.isDouble() || !std::isfinite(r.toDouble()) || r.toDouble() < 0)
                return bad(QStringLiteral("hop %1: an RTT that is not a number ≥ 0").arg(h.ttl));
            h.rttMs.push_back(r.toDouble());
        }
        t.hops.push_back(std::move(h));
    }
    return FleetBusMessage(std::move(t));
}
} // namespace

Result<FleetBusMessage> decodeFleetMessage(const FleetTopic &topic, const QByteArray &payload)
{
    if (payload.size() > kFleetBusMaxPayload)
        return bad(QStringLiteral("%1 bytes is more than the %2 allowed").arg(payload.size()).arg(kFleetBusMaxPayload));
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject())
        return bad(QStringLiteral("not a JSON object (%1)").arg(perr.errorString()));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("v")).toInt(-1) != kFleetBusVersion)
        return bad(QStringLiteral("version %1, this agent speaks %2").arg(o.value(QStringLiteral("v")).toVariant().toString()).arg(kFleetBusVersion));
    const QJsonValue utc = o.value(QStringLiteral("utc_us"));
    if (!utc.isDouble() || utc.toDouble() < 0 || utc.toDouble() > 9.0e15)
        return bad(QStringLiteral("no valid utc_us"));
    const TimestampUs utcUs = TimestampUs(utc.toDouble());

    if (topic.kind == FleetTopicKind::Trace) {
        auto trace = decodeTrace(o, utcUs);
        if (trace && fleetSafeId(std::get<TraceResult>(*trace).tracedBy) != topic.agentId)
            return bad(QStringLiteral("agent '%1' sent a trace of '%2'").arg(topic.agentId, std::get<TraceResult>(*trace).tracedBy));
        return trace;
    }
    if (topic.kind == FleetTopicKind::Punch) {
        FleetPunchInvite p;
        p.utcUs = utcUs;
        p.from = o.value(QStringLiteral("from")).toString().left(128);
        p.to = o.value(QStringLiteral("to")).toString().left(128);
        p.reflected = o.value(QStringLiteral("reflected")).toString().left(64);
        p.atUtcUs = TimestampUs(o.value(QStringLiteral("at_utc_us")).toDouble());
        if (p.from.isEmpty() || p.to.isEmpty() || p.from == p.to || p.reflected.isEmpty() || p.atUtcUs <= 0)
            return bad(QStringLiteral("a punch invitation needs from, to, reflected and at_utc_us"));
        if (fleetSafeId(p.from) != topic.agentId)
            return bad(QStringLiteral("agent '%1' sent a punch invitation of '%2'").arg(topic.agentId, p.from));
        return FleetBusMessage(std::move(p));
    }
    if (topic.kind == FleetTopicKind::Mesh) {
        MeshResult m;
        m.utcUs = utcUs;
        m.src = o.value(QStringLiteral("src")).toString();
        m.dst = o.value(QStringLiteral("dst")).toString();
        if (m.src.isEmpty() || m.dst.isEmpty() || m.src == m.dst)
            return bad(QStringLiteral("a mesh row needs two different agents in src and dst"));
        if (m.src.size() > 128 || m.dst.size() > 128)
            return bad(QStringLiteral("agent names longer than 128 characters"));
        if (fleetSafeId(m.src) != topic.agentId)
            return bad(QStringLiteral("agent '%1' sent a mesh row of '%2'").arg(topic.agentId, m.src));
        m.path = o.value(QStringLiteral("path")).toString(QStringLiteral("direct"));
        static const QStringList kPaths{"lan", "direct", "punched", "relayed", "none"};
        if (!kPaths.contains(m.path))
            return bad(QStringLiteral("unknown path '%1'").arg(m.path));
        m.dstAddress = o.value(QStringLiteral("addr")).toString().left(64);
        m.sent = o.value(QStringLiteral("sent")).toInt();
        m.answered = o.value(QStringLiteral("answered")).toInt();
        if (m.sent < 0 || m.answered < 0 || m.answered > m.sent || m.sent > 100000)
            return bad(QStringLiteral("sent %1, answered %2").arg(m.sent).arg(m.answered));
        m.rttMs = getOpt(o, "rtt_ms").value_or(0);
        m.lossPct = getOpt(o, "loss_pct").value_or(0);
        m.lossForwardPct = getOpt(o, "loss_fwd_pct");
        m.lossReversePct = getOpt(o, "loss_rev_pct");
        m.queueForwardMs = getOpt(o, "qdelay_fwd_ms").value_or(0);
        m.queueReverseMs = getOpt(o, "qdelay_rev_ms").value_or(0);
        m.capacityForwardMbps = getOpt(o, "cap_fwd_mbps");
        m.capacityReverseMbps = getOpt(o, "cap_rev_mbps");
        m.capacityNote = o.value(QStringLiteral("cap_note")).toString().left(256);
        m.pathNote = o.value(QStringLiteral("path_note")).toString().left(512);
        if (m.rttMs < 0 || m.lossPct < 0 || m.lossPct > 100)
            return bad(QStringLiteral("negative RTT or loss outside 0–100 %"));
        return FleetBusMessage(std::move(m));
    }

    FleetDevice d;
    d.utcUs = utcUs;
    d.id = o.value(QStringLiteral("id")).toString();
    if (d.id != topic.agentId)
        return bad(QStringLiteral("agent '%1' published as '%2'").arg(topic.agentId, d.id));
    d.name = o.value(QStringLiteral("name")).toString().left(128);
    if (d.name.isEmpty())
        d.name = d.id;
    if (topic.kind == FleetTopicKind::Hello) {
        d.hasHello = true;
        d.online = o.value(QStringLiteral("online")).toBool(true);
        for (const QJsonValue &a : o.value(QStringLiteral("addresses")).toArray())
            if (a.isString() && d.addresses.size() < 32)
                d.addresses << a.toString().left(64);
        const int port = o.value(QStringLiteral("reflector_port")).toInt();
        if (port < 0 || port > 65535)
            return bad(QStringLiteral("reflector port %1").arg(port));
        d.reflectorPort = quint16(port);
        d.instance = o.value(QStringLiteral("instance")).toString().left(64);
        d.reflected = o.value(QStringLiteral("reflected")).toString().left(64);
        d.relay = o.value(QStringLiteral("relay")).toString().left(64);
    } else {
        d.hasVerdict = true;
        const QJsonValue g = o.value(QStringLiteral("grade"));
        if (g.isString()) {
            const auto grade = gradeFromName(g.toString());
            if (!grade)
                return bad(QStringLiteral("unknown grade '%1'").arg(g.toString()));
            d.grade = *grade;
        }
        d.medianRttMs = getOpt(o, "median_rtt_ms");
        d.retransPct = getOpt(o, "retrans_pct");
        d.sessions = std::max(0, o.value(QStringLiteral("sessions")).toInt());
    }
    return FleetBusMessage(std::move(d));
}

} // namespace pathlens::core
