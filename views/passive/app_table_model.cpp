// SPDX-License-Identifier: GPL-3.0-or-later
// Formatting and diffing of the app table.
#include "views/passive/app_table_model.h"

#include "core/base/units_format.h"
#include "core/report/display_names.h"
#include "views/common/item_roles.h"

namespace pathlens::views {

bool AppTableModel::same(const core::AppSummary &a, const core::AppSummary &b) const
{
    return a.grade == b.grade && a.sessions == b.sessions && a.gradedSessions == b.gradedSessions &&
           a.medianRttMs == b.medianRttMs && a.retransPct == b.retransPct && a.queueMs == b.queueMs &&
           a.downMbps == b.downMbps && a.upMbps == b.upMbps && a.path == b.path;
}

int AppTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AppTableModel::data(const QModelIndex &index, int role) const
{
    const core::AppSummary *app = rowAt(index.row());
    if (!index.isValid() || !app)
        return {};
    const core::AppSummary &a = *app;
    const bool graded = a.gradedSessions > 0;
    if (role == KeyRole)
        return a.name;
    if (role == GradeRole)
        return int(a.grade);
    if (role == Qt::ToolTipRole) {
        if (index.column() == Grade && a.grade == core::Grade::Ungraded)
            return tr("Not graded: %1 of the %2 sessions needed lasted %3 s or more")
                .arg(a.gradedSessions)
                .arg(m_policy.minAppSessions)
                .arg(m_policy.minSessionSeconds);
        if (index.column() == Queueing)
            return tr("Smoothed RTT minus the connection's minimum RTT: delay spent in queues (bufferbloat)");
        return a.path.isEmpty() ? a.name : a.path;
    }
    if (role == Qt::TextAlignmentRole)
        return index.column() >= Sessions ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    const auto raw = [&]() -> QVariant {
        switch (Column(index.column())) {
        case Grade: return core::gradeRank(a.grade);
        case App: return a.name.toLower();
        case Sessions: return a.sessions;
        case MedianRtt: return graded ? QVariant(a.medianRttMs) : QVariant();
        case Retransmits: return a.retransPct;
        case Queueing: return graded ? QVariant(a.queueMs) : QVariant();
        case Down: return a.downMbps;
        case Up: return a.upMbps;
        case ColumnCount: break;
        }
        return {};
    };
    if (role == RawValueRole || role == SortKeyRole)
        return raw();
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Grade: return core::gradeDisplayName(a.grade);
    case App: return a.name;
    case Sessions: return a.gradedSessions == a.sessions ? QString::number(a.sessions)
                                                         : tr("%1 (%2 graded)").arg(a.sessions).arg(a.gradedSessions);
    case MedianRtt: return graded ? core::formatMs(a.medianRttMs) : QStringLiteral("—");
    case Retransmits: return core::formatPercent(a.retransPct);
    case Queueing: return graded ? core::formatMs(a.queueMs) : QStringLiteral("—");
    case Down: return core::formatBitrate(a.downMbps * 1e6);
    case Up: return core::formatBitrate(a.upMbps * 1e6);
    case ColumnCount: break;
    }
    return {};
}

QVariant AppTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        static const char *const names[] = {QT_TR_NOOP("Grade"), QT_TR_NOOP("App"), QT_TR_NOOP("Sessions"),
                                            QT_TR_NOOP("Median RTT"), QT_TR_NOOP("Retransmits"), QT_TR_NOOP("Queueing"),
                                            QT_TR_NOOP("Down"), QT_TR_NOOP("Up")};
        return section < ColumnCount ? tr(names[section]) : QVariant();
    }
    if (role == Qt::ToolTipRole && section == MedianRtt)
        return tr("Median of the kernel's smoothed RTT over the app's graded sessions");
    return {};
}

} // namespace pathlens::views
