// SPDX-License-Identifier: GPL-3.0-or-later
// Formatting of a diagnosis' hops.
#include "views/trains/hop_table_model.h"

#include "core/base/units_format.h"
#include "views/trains/capacity_text.h"

#include <QColor>
#include <QFont>

namespace pathlens::views {

namespace {
const QString kNone = QStringLiteral("—");
bool silent(const core::HopFinding &h)
{
    return h.received == 0 && h.address.isEmpty();
}
} // namespace

bool sameHop(const core::HopFinding &a, const core::HopFinding &b)
{
    return a.ttl == b.ttl && a.address == b.address && a.destination == b.destination && a.sent == b.sent &&
           a.received == b.received && a.lossPct == b.lossPct && a.capacityMbps == b.capacityMbps &&
           a.latencyMs == b.latencyMs && a.dscpSeen == b.dscpSeen && a.rateLimited == b.rateLimited;
}

std::vector<HopRow> hopRows(const core::Diagnosis &d)
{
    std::vector<HopRow> rows;
    for (const core::HopFinding &h : d.hops)
        rows.push_back(HopRow{h, d.culpritTtl && *d.culpritTtl == h.ttl, d.sentDscp});
    return rows;
}

int HopTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HopTableModel::data(const QModelIndex &index, int role) const
{
    const HopRow *row = rowAt(index.row());
    if (!index.isValid() || !row)
        return {};
    const core::HopFinding &h = row->hop;
    const auto column = Column(index.column());
    const bool quiet = silent(h);
    const bool rewritten = h.dscpSeen && *h.dscpSeen != row->sentDscp;
    if (role == KeyRole)
        return h.ttl;
    if (role == Qt::TextAlignmentRole)
        return column == Ttl || (column >= Answered && column <= Latency) ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::FontRole && row->culprit) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ForegroundRole && column == DscpSeen && rewritten)
        return QColor(0xb2, 0x18, 0x2b);
    if (role == Qt::ToolTipRole) {
        if (quiet)
            return tr("Silent hop: it never answers TTL-limited packets. Normal for many routers; traffic still passes.");
        if (h.rateLimited)
            return tr("Rate limiting: this hop answers fewer probes than later hops do, so its own loss is not loss on the path.");
        if (row->culprit)
            return tr("The first hop where the trigger's figure changes");
        if (column == DscpSeen && rewritten)
            return tr("Sent as %1, arrived here as %2").arg(core::dscpName(row->sentDscp), core::dscpName(*h.dscpSeen));
        return {};
    }
    if (role == RawValueRole || role == SortKeyRole) {
        switch (column) {
        case Ttl: return h.ttl;
        case Address: return h.address;
        case Answered: return h.received;
        case Loss: return quiet ? QVariant() : QVariant(h.lossPct);
        case Capacity: return h.capacityMbps ? QVariant(*h.capacityMbps) : QVariant();
        case Latency: return h.latencyMs ? QVariant(*h.latencyMs) : QVariant();
        case DscpSeen: return h.dscpSeen ? QVariant(*h.dscpSeen) : QVariant();
        case Note: return int(row->culprit) * 4 + int(h.rateLimited) * 2 + int(h.destination);
        case ColumnCount: break;
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Ttl: return QString::number(h.ttl);
    case Address: return quiet ? kNone : h.address;
    case Answered: return tr("%1 of %2").arg(h.received).arg(h.sent);
    case Loss: return quiet ? kNone : core::formatPercent(h.lossPct);
    case Capacity: return quiet ? kNone : mbpsText(h.capacityMbps);
    case Latency: return quiet ? kNone : msText(h.latencyMs);
    case DscpSeen:
        if (!h.dscpSeen)
            return kNone;
        return rewritten ? tr("%1 (sent %2)").arg(core::dscpName(*h.dscpSeen), core::dscpName(row->sentDscp)) : core::dscpName(*h.dscpSeen);
    case Note: {
        QStringList notes;
        if (row->culprit)
            notes << tr("starts here");
        if (h.rateLimited)
            notes << tr("rate limiting");
        if (h.destination)
            notes << tr("destination");
        if (quiet)
            notes << tr("silent");
        return notes.join(QStringLiteral(", "));
    }
    case ColumnCount: break;
    }
    return {};
}

QVariant HopTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        static const char *const names[] = {QT_TR_NOOP("Hop"), QT_TR_NOOP("Address"), QT_TR_NOOP("Answered"),
                                            QT_TR_NOOP("Loss"), QT_TR_NOOP("Capacity"), QT_TR_NOOP("Latency"),
                                            QT_TR_NOOP("DSCP seen"), QT_TR_NOOP("Note")};
        return tr(names[section]);
    }
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case Ttl: return tr("Time to live of the test packets: the hop's place on the path");
        case Answered: return tr("Test packets this hop answered, of those sent to it");
        case Capacity: return tr("Capacity up to this hop, from the spacing of its answers (— when too few answered)");
        case Latency: return tr("Half the fastest round trip to this hop");
        case DscpSeen: return tr("The DSCP marking the test packets reached this hop with (from the header quoted in its reply)");
        case Note: return tr("Where the dysfunction starts, hops that rate-limit their answers, silent hops");
        default: return {};
        }
    }
    return {};
}

} // namespace pathlens::views
