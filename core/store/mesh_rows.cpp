// SPDX-License-Identifier: GPL-3.0-or-later
// mesh_results columns: rtt, loss, per-direction queueing and capacity; the rest in notes.
#include "core/store/mesh_rows.h"

#include "core/base/notes_codec.h"

namespace pathlens::core {


Row meshResultToRow(const MeshResult &m)
{
    Row row = Row::blank(Table::MeshResults);
    row.set("ts_us", m.utcUs);
    row.set("src_agent", m.src);
    row.set("dst_agent", m.dst);
    if (m.answered > 0)
        row.set("rtt_ms", m.rttMs);
    row.set("loss_pct", m.lossPct);
    row.set("fwd_queue_ms", m.queueForwardMs);
    row.set("rev_queue_ms", m.queueReverseMs);
    if (m.capacityForwardMbps)
        row.set("fwd_mbps", *m.capacityForwardMbps);
    if (m.capacityReverseMbps)
        row.set("rev_mbps", *m.capacityReverseMbps);
    row.set("relayed", m.path == QLatin1String("relayed") ? 1 : 0);
    Notes n;
    n.set(QStringLiteral("path"), m.path);
    n.set(QStringLiteral("addr"), m.dstAddress);
    n.set(QStringLiteral("sent"), QString::number(m.sent));
    n.set(QStringLiteral("answered"), QString::number(m.answered));
    if (m.lossForwardPct)
        n.set(QStringLiteral("loss_fwd"), QString::number(*m.lossForwardPct, 'g', 6));
    if (m.lossReversePct)
        n.set(QStringLiteral("loss_rev"), QString::number(*m.lossReversePct, 'g', 6));
    if (!m.capacityNote.isEmpty())
        n.set(QStringLiteral("cap_note"), m.capacityNote);
    if (!m.pathNote.isEmpty())
        n.set(QStringLiteral("path_note"), m.pathNote);
    row.set("notes", n.toString());
    return row;
}

MeshResult meshResultFromRow(const Row &row)
{
    MeshResult m;
    m.utcUs = row.get("ts_us").toLongLong();
    m.src = row.get("src_agent").toString();
    m.dst = row.get("dst_agent").toString();
    m.rttMs = row.get("rtt_ms").toDouble();
    m.lossPct = row.get("loss_pct").toDouble();
    m.queueForwardMs = row.get("fwd_queue_ms").toDouble();
    m.queueReverseMs = row.get("rev_queue_ms").toDouble();
    if (!row.get("fwd_mbps").isNull())
        m.capacityForwardMbps = row.get("fwd_mbps").toDouble();
    if (!row.get("rev_mbps").isNull())
        m.capacityReverseMbps = row.get("rev_mbps").toDouble();
    const Notes n = Notes::parse(row.get("notes").toString()).value_or(Notes());
    m.path = n.value(QStringLiteral("path")).value_or(row.get("relayed").toInt() ? QStringLiteral("relayed") : QStringLiteral("direct"));
    m.dstAddress = n.value(QStringLiteral("addr")).value_or(QString());
    m.sent = n.value(QStringLiteral("sent")).value_or(QStringLiteral("0")).toInt();
    m.answered = n.value(QStringLiteral("answered")).value_or(row.get("rtt_ms").isNull() ? QStringLiteral("0") : QStringLiteral("1")).toInt();
    m.lossForwardPct = n.number(QStringLiteral("loss_fwd"));
    m.lossReversePct = n.number(QStringLiteral("loss_rev"));
    m.capacityNote = n.value(QStringLiteral("cap_note")).value_or(QString());
    m.pathNote = n.value(QStringLiteral("path_note")).value_or(QString());
    return m;
}

} // namespace pathlens::core
