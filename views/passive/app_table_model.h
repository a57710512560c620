// SPDX-License-Identifier: GPL-3.0-or-later
// Table model of per-app roll-ups, keyed by app name and updated by diffing snapshots.
#pragma once

#include "core/passive/tcp_rollups.h"

#include "views/common/keyed_table_model.h"

namespace pathlens::views {

// GUI thread only. setApps() inserts/removes/changes rows so selections and scroll positions
// survive the 1 Hz live updates; reset() happens only when another capture is shown.
class AppTableModel : public KeyedTableModel<core::AppSummary, QString> {
    Q_OBJECT
public:
    enum Column { Grade, App, Sessions, MedianRtt, Retransmits, Queueing, Down, Up, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    // The policy the grades were computed with (tooltips explain an Ungraded app with its numbers).
    void setPolicy(const core::GradingPolicy &policy) { m_policy = policy; }

protected:
    QString key(const core::AppSummary &a) const override { return a.name; }
    bool same(const core::AppSummary &a, const core::AppSummary &b) const override;

private:
    core::GradingPolicy m_policy;
};

} // namespace pathlens::views
