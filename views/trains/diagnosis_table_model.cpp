// SPDX-License-Identifier: GPL-3.0-or-later
// Formatting of deep-diagnosis rows.
#include "views/trains/diagnosis_table_model.h"

#include "views/trains/capacity_text.h"
#include "views/trains/hop_table_model.h"

namespace pathlens::views {

QString DiagnosisTableModel::keyOf(const core::Diagnosis &d)
{
    return QStringLiteral("%1|%2").arg(d.utcUs).arg(d.target);
}

bool DiagnosisTableModel::same(const core::Diagnosis &a, const core::Diagnosis &b) const
{
    if (a.hops.size() != b.hops.size())
        return false;
    for (size_t i = 0; i < a.hops.size(); ++i)
        if (!sameHop(a.hops[i], b.hops[i]))
            return false;
    return a.trigger == b.trigger && a.verdict == b.verdict && a.dscpNote == b.dscpNote && a.culpritTtl == b.culpritTtl;
}

int DiagnosisTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DiagnosisTableModel::data(const QModelIndex &index, int role) const
{
    const core::Diagnosis *row = rowAt(index.row());
    if (!index.isValid() || !row)
        return {};
    const core::Diagnosis &d = *row;
    const auto column = Column(index.column());
    if (role == KeyRole)
        return keyOf(d);
    if (role == Qt::ToolTipRole)
        return column == Dscp && d.dscpNote.isEmpty() ? tr("Every hop kept the marking the test packets were sent with")
                                                      : QVariant(d.verdict);
    if (role == RawValueRole || role == SortKeyRole) {
        switch (column) {
        case Time: return d.utcUs;
        case Target: return d.target;
        case Trigger: return d.trigger;
        case Verdict: return d.culpritTtl ? QVariant(*d.culpritTtl) : QVariant();
        case Dscp: return d.dscpNote.isEmpty() ? 0 : 1;
        case ColumnCount: break;
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Time: return utcStampText(d.utcUs);
    case Target: return d.target;
    case Trigger: return d.trigger;
    case Verdict: return d.verdict;
    case Dscp: return d.dscpNote.isEmpty() ? tr("unchanged") : d.dscpNote;
    case ColumnCount: break;
    }
    return {};
}

QVariant DiagnosisTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        static const char *const names[] = {QT_TR_NOOP("Time (UTC)"), QT_TR_NOOP("Target"), QT_TR_NOOP("Trigger"),
                                            QT_TR_NOOP("Verdict"), QT_TR_NOOP("DSCP")};
        return tr(names[section]);
    }
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case Trigger: return tr("The confirmed dysfunction that started the diagnosis");
        case Verdict: return tr("The first hop where the trigger's figure changes, in one sentence");
        case Dscp: return tr("Whether a hop rewrote the DSCP marking of the test packets (read from the header quoted in its replies)");
        default: return {};
        }
    }
    return {};
}

} // namespace pathlens::views
