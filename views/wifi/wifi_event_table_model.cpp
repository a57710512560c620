// SPDX-License-Identifier: GPL-3.0-or-later
// Formatting of Wi-Fi event rows.
#include "views/wifi/wifi_event_table_model.h"

#include "views/trains/capacity_text.h"
#include "views/wifi/wifi_text.h"

namespace pathlens::views {

QString WifiEventTableModel::keyOf(const core::WifiEvent &e)
{
    // One reading can hold several events (a roam to an access point that offers an older
    // generation), but never two of one kind; one poll stamps every interface with the same time,
    // so two adapters dropping together differ only in the interface.
    return QStringLiteral("%1/%2/%3").arg(e.utcUs).arg(e.iface).arg(int(e.kind));
}

bool WifiEventTableModel::same(const core::WifiEvent &a, const core::WifiEvent &b) const
{
    return a.utcUs == b.utcUs && a.iface == b.iface && a.kind == b.kind && a.from == b.from && a.to == b.to;
}

int WifiEventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WifiEventTableModel::data(const QModelIndex &index, int role) const
{
    const core::WifiEvent *row = rowAt(index.row());
    if (!index.isValid() || !row)
        return {};
    const core::WifiEvent &e = *row;
    const auto column = Column(index.column());
    if (role == KeyRole)
        return keyOf(e);
    if (role == Qt::ToolTipRole)
        return wifiEventExplanation(e);
    if (role == RawValueRole || role == SortKeyRole) {
        switch (column) {
        case Time: return e.utcUs;
        case What: return int(e.kind);
        case Change: return wifiChangeText(e);
        case ColumnCount: break;
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Time: return utcStampText(e.utcUs);
    case What: return wifiEventText(e.kind);
    case Change: return wifiChangeText(e);
    case ColumnCount: break;
    }
    return {};
}

QVariant WifiEventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        static const char *const names[] = {QT_TR_NOOP("Time (UTC)"), QT_TR_NOOP("What happened"),
                                            QT_TR_NOOP("From → to")};
        return tr(names[section]);
    }
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case Time: return tr("The reading that showed the change (one every 10 s)");
        case What: return tr("Roams, drops to an older Wi-Fi generation, a narrower channel or fewer streams, and "
                             "disconnects; hover a row for what it means");
        case Change: return tr("The access point's address for a roam, the generation, width or stream count before and after");
        case ColumnCount: break;
        }
    }
    return {};
}

} // namespace pathlens::views
