// SPDX-License-Identifier: GPL-3.0-or-later
// Table model of a capture's Wi-Fi events, newest first, keyed by time, interface and kind.
#pragma once

#include "core/wifi/wifi_sample.h"
#include "views/common/keyed_table_model.h"

namespace pathlens::views {

// GUI thread only. A new event is inserted by diffing; another capture resets.
class WifiEventTableModel : public KeyedTableModel<core::WifiEvent, QString> {
    Q_OBJECT
public:
    enum Column { Time, What, Change, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString keyOf(const core::WifiEvent &e);

protected:
    QString key(const core::WifiEvent &e) const override { return keyOf(e); }
    bool same(const core::WifiEvent &a, const core::WifiEvent &b) const override;
};

} // namespace pathlens::views
