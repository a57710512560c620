// SPDX-License-Identifier: GPL-3.0-or-later
// Formatting of fleet rows.
#include "views/fleet/fleet_table_model.h"

#include "core/base/time_utc.h"
#include "core/base/units_format.h"
#include "core/report/display_names.h"
#include "views/common/item_roles.h"

namespace pathlens::views {

bool FleetTableModel::same(const core::FleetDevice &a, const core::FleetDevice &b) const
{
    return a.name == b.name && a.grade == b.grade && a.medianRttMs == b.medianRttMs && a.retransPct == b.retransPct &&
           a.sessions == b.sessions && a.online == b.online && a.addresses == b.addresses && a.utcUs == b.utcUs;
}

int FleetTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FleetTableModel::data(const QModelIndex &index, int role) const
{
    const core::FleetDevice *device = rowAt(index.row());
    if (!index.isValid() || !device)
        return {};
    const core::FleetDevice &d = *device;
    if (role == KeyRole)
        return d.id;
    if (role == GradeRole)
        return int(d.grade);
    if (role == Qt::ToolTipRole)
        return tr("%1 · %2 · last report %3 UTC")
            .arg(d.name, d.addresses.isEmpty() ? tr("no address announced") : d.addresses.join(QStringLiteral(", ")),
                 core::formatUtcMs(d.utcUs));
    if (role == Qt::TextAlignmentRole)
        return index.column() >= MedianRtt && index.column() <= Sessions ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    const auto raw = [&]() -> QVariant {
        switch (Column(index.column())) {
        case Grade: return core::gradeRank(d.grade);
        case Device: return d.name.toLower();
        case MedianRtt: return d.medianRttMs ? QVariant(*d.medianRttMs) : QVariant();
        case Retransmits: return d.retransPct ? QVariant(*d.retransPct) : QVariant();
        case Sessions: return d.sessions;
        case Status: return d.online;
        case ColumnCount: break;
        }
        return {};
    };
    if (role == RawValueRole || role == SortKeyRole)
        return raw();
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Grade: return core::gradeDisplayName(d.grade);
    case Device: return d.name;
    case MedianRtt: return d.medianRttMs ? core::formatMs(*d.medianRttMs) : QStringLiteral("—");
    case Retransmits: return d.retransPct ? core::formatPercent(*d.retransPct) : QStringLiteral("—");
    case Sessions: return QString::number(d.sessions);
    case Status: return d.online ? tr("online") : tr("offline");
    case ColumnCount: break;
    }
    return {};
}

QVariant FleetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        static const char *const names[] = {QT_TR_NOOP("Grade"), QT_TR_NOOP("Device"), QT_TR_NOOP("Median RTT"),
                                            QT_TR_NOOP("Retransmits"), QT_TR_NOOP("Sessions"), QT_TR_NOOP("Status")};
        return section < ColumnCount ? tr(names[section]) : QVariant();
    }
    if (role == Qt::ToolTipRole && section == MedianRtt)
        return tr("The device's own verdict: median RTT of its graded TCP sessions");
    if (role == Qt::ToolTipRole && section == Status)
        return tr("Offline: the broker reported the agent gone, or it said goodbye");
    return {};
}

} // namespace pathlens::views
