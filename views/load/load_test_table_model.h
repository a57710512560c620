// SPDX-License-Identifier: GPL-3.0-or-later
// Table model of a capture's throughput tests, newest first, keyed by start time, direction and kind.
#pragma once

#include "core/load/throughput_result.h"
#include "views/common/keyed_table_model.h"

namespace pathlens::views {

// GUI thread only. A new test is inserted by diffing; another capture resets.
class LoadTestTableModel : public KeyedTableModel<core::ThroughputResult, QString> {
    Q_OBJECT
public:
    enum Column { Time, Direction, Throughput, Data, Duration, Streams, Server, Round, Notes, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString keyOf(const core::ThroughputResult &r);

protected:
    QString key(const core::ThroughputResult &r) const override { return keyOf(r); }
    bool same(const core::ThroughputResult &a, const core::ThroughputResult &b) const override;
};

} // namespace pathlens::views
