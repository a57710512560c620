// SPDX-License-Identifier: GPL-3.0-or-later
// Table model of individual TCP sessions (the drill-down under an app), keyed by session id.
#pragma once

#include "core/passive/tcp_session.h"
#include "views/common/keyed_table_model.h"

namespace pathlens::views {

class SessionTableModel : public KeyedTableModel<core::TcpSession, qint64> {
    Q_OBJECT
public:
    enum Column { Grade, Remote, Started, Duration, MedianRtt, MinRtt, Retransmits, Down, Up, State, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    qint64 key(const core::TcpSession &s) const override { return s.id; }
    bool same(const core::TcpSession &a, const core::TcpSession &b) const override;
};

} // namespace pathlens::views
