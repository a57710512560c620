// SPDX-License-Identifier: GPL-3.0-or-later
// Formatting of capacity estimate rows.
#include "views/trains/estimate_table_model.h"

#include "core/base/units_format.h"
#include "views/trains/capacity_text.h"

#include <QColor>

namespace pathlens::views {

namespace {
QVariant number(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant();
}
} // namespace

bool EstimateTableModel::same(const core::CapacityResult &a, const core::CapacityResult &b) const
{
    return a.utcUs == b.utcUs && a.target == b.target && a.direction == b.direction && a.phase == b.phase &&
           a.totalMbps == b.totalMbps && a.availableMbps == b.availableMbps && a.utilisedMbps == b.utilisedMbps &&
           a.latencyMs == b.latencyMs && a.lossPct == b.lossPct && a.jitterMs == b.jitterMs && a.voiceMos == b.voiceMos &&
           a.doubtful == b.doubtful && a.reason == b.reason;
}

int EstimateTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EstimateTableModel::data(const QModelIndex &index, int role) const
{
    const core::CapacityResult *row = rowAt(index.row());
    if (!index.isValid() || !row)
        return {};
    const core::CapacityResult &r = *row;
    const auto column = Column(index.column());
    if (role == KeyRole)
        return r.utcUs;
    if (role == Qt::TextAlignmentRole)
        return column >= Total && column <= VoiceMos ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::ForegroundRole && r.doubtful && column >= Total && column <= Utilised)
        return QColor(0x8a, 0x8a, 0x8a);
    if (role == Qt::ToolTipRole) {
        if (r.doubtful)
            return tr("Doubtful: %1").arg(r.reason);
        return r.reason.isEmpty() ? QVariant() : QVariant(tr("Note: %1").arg(r.reason));
    }
    if (role == RawValueRole || role == SortKeyRole) {
        switch (column) {
        case Time: return r.utcUs;
        case Kind: return int(r.phase);
        case Total: return r.doubtful ? QVariant() : number(r.totalMbps);
        case Available: return r.doubtful ? QVariant() : number(r.availableMbps);
        case Utilised: return r.doubtful ? QVariant() : number(r.utilisedMbps);
        case Latency: return number(r.latencyMs);
        case Loss: return r.lossPct;
        case Jitter: return number(r.jitterMs);
        case VoiceMos: return number(r.voiceMos);
        case Note: return r.doubtful ? 1 : 0;
        case ColumnCount: break;
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Time: return utcStampText(r.utcUs);
    case Kind: return capacityPhaseText(r.phase);
    case Total: return r.doubtful ? tr("doubtful") : mbpsText(r.totalMbps);
    case Available: return r.doubtful ? tr("doubtful") : mbpsText(r.availableMbps);
    case Utilised: return r.doubtful ? tr("doubtful") : mbpsText(r.utilisedMbps);
    case Latency: return msText(r.latencyMs);
    case Loss: return core::formatPercent(r.lossPct);
    case Jitter: return msText(r.jitterMs);
    case VoiceMos: return r.voiceMos ? mosText(*r.voiceMos) : QStringLiteral("—");
    case Note: return r.reason;
    case ColumnCount: break;
    }
    return {};
}

QVariant EstimateTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        static const char *const names[] = {QT_TR_NOOP("Time (UTC)"), QT_TR_NOOP("Kind"), QT_TR_NOOP("Total"),
                                            QT_TR_NOOP("Available"), QT_TR_NOOP("Utilised"), QT_TR_NOOP("Latency"),
                                            QT_TR_NOOP("Data loss"), QT_TR_NOOP("Jitter"), QT_TR_NOOP("Voice MOS"),
                                            QT_TR_NOOP("Note")};
        return tr(names[section]);
    }
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case Total: return totalCapacityHelp();
        case Available: return availableCapacityHelp();
        case Utilised: return utilisedCapacityHelp();
        case Latency: return trainLatencyHelp();
        case Loss: return dataLossHelp();
        case Jitter: return dataJitterHelp();
        case VoiceMos: return voiceMosHelp();
        case Note: return tr("Why an estimate is doubtful, or what else to know about it");
        default: return {};
        }
    }
    return {};
}

} // namespace pathlens::views
