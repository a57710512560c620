// SPDX-License-Identifier: GPL-3.0-or-later
// Table model of the capture's deep diagnoses, newest first, keyed by time and target.
#pragma once

#include "core/trains/hop_diagnosis.h"
#include "views/common/keyed_table_model.h"

namespace pathlens::views {

// GUI thread only; updated by diffing so the selected diagnosis stays selected as new ones arrive.
class DiagnosisTableModel : public KeyedTableModel<core::Diagnosis, QString> {
    Q_OBJECT
public:
    enum Column { Time, Target, Trigger, Verdict, Dscp, ColumnCount };

    using KeyedTableModel::KeyedTableModel;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString keyOf(const core::Diagnosis &d);

protected:
    QString key(const core::Diagnosis &d) const override { return keyOf(d); }
    bool same(const core::Diagnosis &a, const core::Diagnosis &b) const override;
};

} // namespace pathlens::views
