// SPDX-License-Identifier: GPL-3.0-or-later
// Table model of fleet devices (a Fastest 10 or Slowest 10 list), keyed by agent id.
#pragma once

#include "core/fleet/fleet_device.h"

#include "views/common/keyed_table_model.h"

namespace pathlens::views {

// GUI thread only; updated by diffing so selection and scroll survive live updates.
class FleetTableModel : public KeyedTableModel<core::FleetDevice, QString> {
    Q_OBJECT
public:
    enum Column { Grade, Device, MedianRtt, Retransmits, Sessions, Status, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    QString key(const core::FleetDevice &d) const override { return d.id; }
    bool same(const core::FleetDevice &a, const core::FleetDevice &b) const override;
};

} // namespace pathlens::views
