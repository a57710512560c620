// SPDX-License-Identifier: GPL-3.0-or-later
// Table model of one path's capacity estimates, newest first, keyed by their UTC time.
#pragma once

#include "core/trains/capacity_result.h"
#include "views/common/keyed_table_model.h"

namespace pathlens::views {

// GUI thread only. A new estimate of the same path is inserted by diffing; another path resets.
class EstimateTableModel : public KeyedTableModel<core::CapacityResult, qint64> {
    Q_OBJECT
public:
    enum Column { Time, Kind, Total, Available, Utilised, Latency, Loss, Jitter, VoiceMos, Note, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    qint64 key(const core::CapacityResult &r) const override { return r.utcUs; }
    bool same(const core::CapacityResult &a, const core::CapacityResult &b) const override;
};

} // namespace pathlens::views
