// SPDX-License-Identifier: GPL-3.0-or-later
// Table model of one deep diagnosis hop by hop, keyed by TTL.
#pragma once

#include "core/trains/hop_diagnosis.h"
#include "views/common/keyed_table_model.h"

namespace pathlens::views {

struct HopRow {
    core::HopFinding hop;
    bool culprit = false; // the first hop where the trigger's figure changes
    int sentDscp = 0;     // the marking the test packets left with
};

bool sameHop(const core::HopFinding &a, const core::HopFinding &b); // every shown field equal

// One diagnosis' hops as rows (TTL, address, loss, capacity, latency, DSCP seen, notes).
std::vector<HopRow> hopRows(const core::Diagnosis &diagnosis);

// GUI thread only. Another diagnosis resets it (a new selection); the same one updates by diffing.
class HopTableModel : public KeyedTableModel<HopRow, int> {
    Q_OBJECT
public:
    enum Column { Ttl, Address, Answered, Loss, Capacity, Latency, DscpSeen, Note, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

protected:
    int key(const HopRow &r) const override { return r.hop.ttl; }
    bool same(const HopRow &a, const HopRow &b) const override
    {
        return a.culprit == b.culprit && a.sentDscp == b.sentDscp && sameHop(a.hop, b.hop);
    }
};

} // namespace pathlens::views
