// SPDX-License-Identifier: GPL-3.0-or-later
// Capture management by path (seed 004): link related captures both ways, list and unlink them, and
// trim one environment out of a mixed capture into a new file.
#pragma once

#include "core/base/result.h"
#include "core/base/time_utc.h"
#include "core/interchange/related_captures.h"

#include <QStringList>

#include <map>
#include <vector>

namespace pathlens::core {

// Records every capture in each other's related_captures (both ways, idempotent: a capture already
// listed is updated in place). Every file is checked (exists, is a capture, can be written) before
// any is changed. A capture without an id is given one. Returns a sentence for the user.
Result<QString> linkCaptures(const QStringList &paths);
// Two or more captures: removes their links to each other. One capture: removes all its links, and
// itself from each related capture that can still be found and written.
Result<QString> unlinkCaptures(const QStringList &paths);

struct RelatedListing {
    RelatedCapture related;
    std::optional<QString> foundAt; // resolved path, nullopt when the file is gone
    bool sameCapture = false;       // the file found carries the linked capture id
};
Result<std::vector<RelatedListing>> listRelatedCaptures(const QString &path);

// Trim: rows inside [fromUs, toUs) (a row at exactly toUs belongs to the next window). Rows that
// span time — TCP sessions (ts_us…last_us) and throughput tests (ts_us…end_us) — are kept whole
// when they overlap the window: their figures (RTT, retransmissions, Mb/s) describe their whole life
// and cannot be cut honestly. Trace hops follow their trace. Metadata is copied with the new start
// and end, a new capture id and trimmed_from; related captures are not carried over (the new file
// is not in their lists). Written to OUT.part, then renamed; the source is only read.
struct TrimReport {
    std::map<QString, qint64> rowsByTable; // table name → rows kept (tables with none left out)
    qint64 rows = 0;
    TimestampUs startUs = 0, endUs = 0; // the new capture's started_utc / ended_utc
    QString summary() const;
};
Result<TrimReport> trimCapture(const QString &sourcePath, TimestampUs fromUs, TimestampUs toUs, const QString &outPath);

} // namespace pathlens::core
