// SPDX-License-Identifier: GPL-3.0-or-later
// TraceResult ⇄ traces/trace_hops rows.
#include "core/store/trace_rows.h"

#include "core/base/notes_codec.h"

#include <algorithm>

namespace pathlens::core {

namespace {
QString joinNumbers(const std::vector<double> &v)
{
    QStringList parts;
    for (double x : v)
        parts << QString::number(x, 'g', 10);
    return parts.join(QLatin1Char('/'));
}
} // namespace

std::vector<Row> traceRows(const TraceResult &t, qint64 traceId)
{
    std::vector<Row> rows;
    Row trace = Row::blank(Table::Traces);
    trace.values[0] = traceId;
    trace.set("ts_us", t.startedUtcUs);
    trace.set("target", t.target);
    trace.set("proto", t.proto);
    trace.set("hop_count", qint64(t.hops.size()));
    trace.set("reached", t.reached ? 1 : 0);
    Notes notes;
    notes.set(QStringLiteral("target_addr"), t.targetAddr);
    notes.set(QStringLiteral("ipv6"), t.ipv6 ? QStringLiteral("1") : QStringLiteral("0"));
    notes.set(QStringLiteral("duration_ms"), QString::number(t.durationMs, 'f', 3));
    if (!t.localAddr.isEmpty())
        notes.set(QStringLiteral("local"), t.localAddr);
    if (!t.publicAddr.isEmpty())
        notes.set(QStringLiteral("public"), t.publicAddr);
    notes.set(QStringLiteral("dscp"), QString::number(t.sentDscp));
    if (!t.tracedBy.isEmpty())
        notes.set(QStringLiteral("by"), t.tracedBy);
    trace.set("notes", notes.toString());
    rows.push_back(trace);

    for (const TraceHop &h : t.hops) {
        Row hop = Row::blank(Table::TraceHops);
        hop.set("ts_us", t.startedUtcUs);
        hop.set("trace_id", traceId);
        hop.set("ttl", h.ttl);
        if (!h.addr.isEmpty())
            hop.set("addr", h.addr);
        if (!h.silent())
            hop.set("rtt_ms", h.medianRttMs());
        hop.set("silent", h.silent() ? 1 : 0);
        hop.set("loss_pct", h.lossPct());
        Notes n;
        n.set(QStringLiteral("sent"), QString::number(h.sent));
        if (!h.rttMs.empty())
            n.set(QStringLiteral("samples"), joinNumbers(h.rttMs));
        if (h.quotedTtl)
            n.set(QStringLiteral("qttl"), QString::number(*h.quotedTtl));
        if (h.quotedDscp)
            n.set(QStringLiteral("dscp"), QString::number(*h.quotedDscp));
        if (h.quotedEcn)
            n.set(QStringLiteral("ecn"), QString::number(*h.quotedEcn));
        if (!h.mplsLabels.empty()) {
            QStringList labels;
            for (quint32 l : h.mplsLabels)
                labels << QString::number(l);
            n.set(QStringLiteral("mpls"), labels.join(QLatin1Char(',')));
        }
        if (!h.reverseDns.isEmpty())
            n.set(QStringLiteral("rdns"), h.reverseDns);
        if (!h.asn.isEmpty())
            n.set(QStringLiteral("asn"), h.asn);
        if (!h.place.isEmpty())
            n.set(QStringLiteral("place"), h.place);
        if (h.destination)
            n.set(QStringLiteral("dest"), QStringLiteral("1"));
        hop.set("notes", n.toString());
        rows.push_back(hop);
    }
    return rows;
}

TraceResult traceFromRows(const Row &traceRow, const std::vector<Row> &hopRows)
{
    TraceResult t;
    t.startedUtcUs = traceRow.get("ts_us").toLongLong();
    t.target = traceRow.get("target").toString();
    t.proto = traceRow.get("proto").toString();
    t.reached = traceRow.get("reached").toInt() != 0;
    const Notes notes = Notes::parse(traceRow.get("notes").toString()).value_or(Notes());
    t.targetAddr = notes.value(QStringLiteral("target_addr")).value_or(QString());
    t.ipv6 = notes.value(QStringLiteral("ipv6")) == QStringLiteral("1");
    t.durationMs = notes.value(QStringLiteral("duration_ms")).value_or(QStringLiteral("0")).toDouble();
    t.localAddr = notes.value(QStringLiteral("local")).value_or(QString());
    t.publicAddr = notes.value(QStringLiteral("public")).value_or(QString());
    t.sentDscp = notes.value(QStringLiteral("dscp")).value_or(QStringLiteral("0")).toInt();
    t.tracedBy = notes.value(QStringLiteral("by")).value_or(QString());
    for (const Row &r : hopRows) {
        TraceHop h;
        h.ttl = r.get("ttl").toInt();
        h.addr = r.get("addr").toString();
        const Notes n = Notes::parse(r.get("notes").toString()).value_or(Notes());
        h.sent = n.value(QStringLiteral("sent")).value_or(QStringLiteral("0")).toInt();
        if (auto samples = n.value(QStringLiteral("samples"))) {
            for (const QString &s : samples->split(QLatin1Char('/'), Qt::SkipEmptyParts))
                h.rttMs.push_back(s.toDouble());
        } else if (!r.get("rtt_ms").isNull()) {
            h.rttMs.push_back(r.get("rtt_ms").toDouble()); // e.g. imported from a CSV without samples
        }
        if (h.sent == 0)
            h.sent = std::max<int>(int(h.rttMs.size()), 1);
        auto optInt = [&](const char *key) -> std::optional<int> {
            auto v = n.value(QLatin1String(key));
            return v ? std::optional<int>(v->toInt()) : std::nullopt;
        };
        h.quotedTtl = optInt("qttl");
        h.quotedDscp = optInt("dscp");
        h.quotedEcn = optInt("ecn");
        if (auto m = n.value(QStringLiteral("mpls")))
            for (const QString &l : m->split(QLatin1Char(','), Qt::SkipEmptyParts))
                h.mplsLabels.push_back(l.toUInt());
        h.reverseDns = n.value(QStringLiteral("rdns")).value_or(QString());
        h.asn = n.value(QStringLiteral("asn")).value_or(QString());
        h.place = n.value(QStringLiteral("place")).value_or(QString());
        h.destination = n.value(QStringLiteral("dest")) == QStringLiteral("1");
        t.hops.push_back(h);
    }
    std::sort(t.hops.begin(), t.hops.end(), [](const TraceHop &a, const TraceHop &b) { return a.ttl < b.ttl; });
    return t;
}


} // namespace pathlens::core
