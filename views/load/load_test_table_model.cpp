// SPDX-License-Identifier: GPL-3.0-or-later
// Formatting of throughput test rows.
#include "views/load/load_test_table_model.h"

#include "core/base/units_format.h"
#include "core/load/load_text.h"
#include "views/trains/capacity_text.h"

#include <QColor>
#include <QLocale>

namespace pathlens::views {

QString LoadTestTableModel::keyOf(const core::ThroughputResult &r)
{
    // Tests of one direction never overlap, but a skipped download and upload share their moment, and a
    // calibration step may start as the test it calibrated for ends.
    return QStringLiteral("%1/%2/%3").arg(r.startUs).arg(core::transferDirectionId(r.direction)).arg(r.calibration ? 1 : 0);
}

bool LoadTestTableModel::same(const core::ThroughputResult &a, const core::ThroughputResult &b) const
{
    return a.startUs == b.startUs && a.endUs == b.endUs && a.direction == b.direction && a.mbps == b.mbps &&
           a.streams == b.streams && a.bytes == b.bytes && a.backend == b.backend && a.tier == b.tier &&
           a.calibration == b.calibration && a.outOfFamily == b.outOfFamily && a.retest == b.retest &&
           a.earlyExit == b.earlyExit && a.round == b.round && a.totalRounds == b.totalRounds && a.skipped == b.skipped &&
           a.error == b.error;
}

int LoadTestTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LoadTestTableModel::data(const QModelIndex &index, int role) const
{
    const core::ThroughputResult *row = rowAt(index.row());
    if (!index.isValid() || !row)
        return {};
    const core::ThroughputResult &r = *row;
    const auto column = Column(index.column());
    const double seconds = double(r.endUs - r.startUs) / 1e6;
    if (role == KeyRole)
        return keyOf(r);
    if (role == Qt::TextAlignmentRole)
        return column >= Throughput && column <= Streams ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::ForegroundRole && (r.calibration || !r.mbps) && column != Notes)
        return QColor(0x8a, 0x8a, 0x8a); // steps and skips are context, not results
    if (role == Qt::ToolTipRole) {
        if (column == Server)
            return r.backend;
        if (!r.error.isEmpty())
            return r.error;
        if (r.outOfFamily)
            return tr("More than 50 % off the median of the last 5 tests: left out of the figures and tested again 90 s later");
        if (r.calibration)
            return tr("A calibration step: sizes grow (5, 10, 20, 40, 100 MB) until the rate changes by less than 20 %");
        return {};
    }
    if (role == RawValueRole || role == SortKeyRole) {
        switch (column) {
        case Time: return r.startUs;
        case Direction: return int(r.direction);
        case Throughput: return r.mbps ? QVariant(*r.mbps) : QVariant();
        case Data: return r.bytes;
        case Duration: return r.endUs > r.startUs ? QVariant(seconds) : QVariant();
        case Streams: return r.streams;
        case Server: return r.backend;
        case Round: return r.round;
        case Notes: return core::throughputFlagWords(r).join(QStringLiteral(" · "));
        case ColumnCount: break;
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    const QString none = QStringLiteral("—");
    switch (column) {
    case Time: return utcStampText(r.startUs);
    case Direction: return core::transferDirectionText(r.direction);
    case Throughput: return mbpsText(r.mbps);
    case Data: return r.bytes > 0 ? core::formatBytes(r.bytes) : none;
    case Duration:
        // A loopback test takes 0.1 s, a test across a link about 4 s (15 s on GEO): ms below a second,
        // then seconds with decimals, so short tests do not all read "0 s".
        if (r.endUs <= r.startUs)
            return none;
        if (seconds < 1)
            return core::formatMs(seconds * 1000);
        return seconds < 60 ? QLocale().toString(seconds, 'f', seconds < 10 ? 2 : 1) + QStringLiteral(" s")
                            : core::formatDuration(seconds);
    case Streams: return r.streams > 0 ? QString::number(r.streams) : none;
    case Server: return r.backend.isEmpty() ? none : core::throughputServerText(r.backend);
    case Round: return core::throughputRoundText(r);
    case Notes: return core::throughputFlagWords(r).join(QStringLiteral(" · "));
    case ColumnCount: break;
    }
    return {};
}

QVariant LoadTestTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::DisplayRole) {
        static const char *const names[] = {QT_TR_NOOP("Time (UTC)"), QT_TR_NOOP("Direction"), QT_TR_NOOP("Throughput"),
                                            QT_TR_NOOP("Data"), QT_TR_NOOP("Duration"), QT_TR_NOOP("Streams"),
                                            QT_TR_NOOP("Server"), QT_TR_NOOP("Round"), QT_TR_NOOP("Notes")};
        return tr(names[section]);
    }
    if (role == Qt::ToolTipRole) {
        switch (Column(section)) {
        case Throughput: return tr("Goodput: the payload all streams delivered (uploads: acknowledged by the server's TCP) while every "
                                        "stream was moving data, i.e. from the start until the first stream finished");
        case Data: return tr("Payload moved by all streams; counts against the 30-minute data budget");
        case Streams: return tr("Parallel HTTP streams: one TCP connection rarely fills a fast link");
        case Server: return tr("The throughput server that answered (pathlens-agent serve)");
        case Round: return tr("Its round of the schedule, or on demand (Test now)");
        case Notes: return tr("Calibration steps, out-of-family results and their retests, early exits, and tests that were skipped");
        default: return {};
        }
    }
    return {};
}

} // namespace pathlens::views
