// SPDX-License-Identifier: GPL-3.0-or-later
// throughput_results: the window, figure and flags in columns; the fallback tier in notes.
#include "core/store/load_rows.h"

#include "core/base/notes_codec.h"

namespace pathlens::core {

Row throughputResultToRow(const ThroughputResult &r)
{
    Row row = Row::blank(Table::ThroughputResults);
    row.set("ts_us", r.startUs);
    row.set("end_us", r.endUs);
    row.set("direction", transferDirectionId(r.direction));
    if (r.mbps)
        row.set("mbps", *r.mbps);
    row.set("streams", r.streams);
    row.set("bytes", r.bytes);
    row.set("backend", r.backend);
    row.set("round", r.round);
    row.set("total_rounds", r.totalRounds);
    row.set("calibration", int(r.calibration));
    row.set("out_of_family", int(r.outOfFamily));
    row.set("retest", int(r.retest));
    row.set("early_exit", int(r.earlyExit));
    if (r.skipped != TransferSkip::None)
        row.set("skipped", transferSkipId(r.skipped));
    if (!r.error.isEmpty())
        row.set("error", r.error);
    Notes notes;
    notes.set(QStringLiteral("tier"), QString::number(r.tier));
    row.set("notes", notes.toString());
    return row;
}

ThroughputResult throughputResultFromRow(const Row &row)
{
    ThroughputResult r;
    r.startUs = row.get("ts_us").toLongLong();
    r.endUs = row.get("end_us").toLongLong();
    r.direction = transferDirectionFromId(row.get("direction").toString()).value_or(TransferDirection::Download);
    if (const QVariant v = row.get("mbps"); !v.isNull())
        r.mbps = v.toDouble();
    r.streams = row.get("streams").toInt();
    r.bytes = row.get("bytes").toLongLong();
    r.backend = row.get("backend").toString();
    r.round = row.get("round").toInt();
    r.totalRounds = row.get("total_rounds").toInt();
    r.calibration = row.get("calibration").toInt() != 0;
    r.outOfFamily = row.get("out_of_family").toInt() != 0;
    r.retest = row.get("retest").toInt() != 0;
    r.earlyExit = row.get("early_exit").toInt() != 0;
    r.skipped = transferSkipFromId(row.get("skipped").toString());
    r.error = row.get("error").toString();
    if (const auto notes = Notes::parse(row.get("notes").toString()))
        r.tier = int(notes->number(QStringLiteral("tier")).value_or(0));
    return r;
}

} // namespace pathlens::core
