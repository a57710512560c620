// SPDX-License-Identifier: GPL-3.0-or-later
// Formatting of one TCP session per row.
#include "views/passive/session_table_model.h"

#include "core/base/units_format.h"
#include "core/report/display_names.h"

#include <QDateTime>

namespace pathlens::views {

bool SessionTableModel::same(const core::TcpSession &a, const core::TcpSession &b) const
{
    return a.lastUtcUs == b.lastUtcUs && a.readings == b.readings && a.closed == b.closed && a.grade == b.grade &&
           a.medianRttMs == b.medianRttMs && a.retransSegs == b.retransSegs && a.app == b.app;
}

int SessionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionTableModel::data(const QModelIndex &index, int role) const
{
    const core::TcpSession *session = rowAt(index.row());
    if (!index.isValid() || !session)
        return {};
    const core::TcpSession &s = *session;
    if (role == KeyRole)
        return s.id;
    if (role == GradeRole)
        return int(s.grade);
    if (role == Qt::ToolTipRole)
        return tr("%1 → %2\npid %3 · %4 readings · start %5").arg(s.localAddr, s.remoteAddr).arg(s.pid).arg(s.readings)
            .arg(s.startExact ? tr("exact (kernel tracepoint)") : tr("first seen by a poll (up to 1 s late)"));
    if (role == Qt::TextAlignmentRole)
        return index.column() >= Duration && index.column() <= Up ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    const bool hasRtt = s.medianRttMs > 0;
    if (role == RawValueRole || role == SortKeyRole) {
        switch (Column(index.column())) {
        case Grade: return core::gradeRank(s.grade);
        case Remote: return s.remoteAddr;
        case Started: return s.firstUtcUs;
        case Duration: return s.durationS();
        case MedianRtt: return hasRtt ? QVariant(s.medianRttMs) : QVariant();
        case MinRtt: return s.minRttMs > 0 ? QVariant(s.minRttMs) : QVariant();
        case Retransmits: return s.retransPct();
        case Down: return s.downMbps();
        case Up: return s.upMbps();
        case State: return s.closed ? 1 : 0;
        case ColumnCount: break;
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Grade: return core::gradeDisplayName(s.grade);
    case Remote: return s.remoteAddr;
    case Started: return QDateTime::fromMSecsSinceEpoch(s.firstUtcUs / 1000, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Duration: return core::formatDuration(s.durationS());
    case MedianRtt: return hasRtt ? core::formatMs(s.medianRttMs) : QStringLiteral("—");
    case MinRtt: return s.minRttMs > 0 ? core::formatMs(s.minRttMs) : QStringLiteral("—");
    case Retransmits: return core::formatPercent(s.retransPct());
    case Down: return core::formatBitrate(s.downMbps() * 1e6);
    case Up: return core::formatBitrate(s.upMbps() * 1e6);
    case State: return s.closed ? tr("closed") : tr("open");
    case ColumnCount: break;
    }
    return {};
}

QVariant SessionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section >= ColumnCount)
        return {};
    static const char *const names[] = {QT_TR_NOOP("Grade"), QT_TR_NOOP("Remote"), QT_TR_NOOP("Started (UTC)"),
                                        QT_TR_NOOP("Duration"), QT_TR_NOOP("Median RTT"), QT_TR_NOOP("Min RTT"),
                                        QT_TR_NOOP("Retransmits"), QT_TR_NOOP("Down"), QT_TR_NOOP("Up"),
                                        QT_TR_NOOP("State")};
    return tr(names[section]);
}

} // namespace pathlens::views
