// SPDX-License-Identifier: GPL-3.0-or-later
// Import a SPEC §6 CSV into a capture and export a capture as CSV, losslessly.
#pragma once

#include "core/store/capture_store.h"
#include "core/interchange/seed_dialect.h"
#include "core/base/result.h"

#include <functional>
#include <map>
#include <vector>

class QIODevice;

namespace pathlens::core {

struct CsvIssue {
    qint64 line = 0;
    QString message;
};

// One measurement_type's share of an import, under the word the file used (ping, icmp, …).
struct CsvTypeTally {
    qint64 imported = 0;
    qint64 skipped = 0;
    CsvIssue firstSkip; // line 0 when none was skipped
    qint64 normalised = 0; // of `imported`, rows with a contradicting part set aside (seed_dialect.h)
    CsvIssue firstNormalisation; // line 0 when none was
};

struct CsvImportReport {
    qint64 records = 0;       // data records read (header excluded)
    qint64 rowsImported = 0;  // sample rows stored
    qint64 metaImported = 0;  // capture_meta records applied
    qint64 rowsSkipped = 0;   // malformed or unresolvable records, each listed in `issues`
    qint64 rowsNormalised = 0; // of rowsImported, rows with a contradicting part set aside; per type in perType
    std::vector<CsvIssue> issues; // first kMaxIssues problems, with line numbers
    static constexpr size_t kMaxIssues = 1000;
    std::map<QString, CsvTypeTally> perType; // every measurement_type met, even when all its rows were skipped

    QString summary() const; // "1200 records: 1195 rows imported, 0 metadata, 5 skipped (first: line 7: ...)[; 2 normalised (first: ...)]"
    QString perTypeSummary() const; // one line a type: "  ping: 120 imported, 1 skipped (first: line 7: ...)[, 2 normalised (first: ...)]"
    bool acceptedNothing() const { return rowsImported == 0 && metaImported == 0; }
};

struct CsvExportReport {
    qint64 rowsWritten = 0;
    qint64 rowsUnmapped = 0; // rows of a kind the CSV layout has no type for (reported, not hidden)
    qint64 rowsOutsideDialect = 0; // rows (and metadata) the chosen dialect has no word for, left out
};

// Return false to cancel. done/total are bytes for import, rows for export.
using CsvProgress = std::function<bool(qint64 done, qint64 total)>;

// Records may use our measurement_type words or the seed tool's (seed_dialect.h), mixed freely.
// Malformed records are skipped and reported with their line; everything else is stored.
// Fails only when the input cannot be read at all (no header, unreadable) or the store fails;
// batches committed before a store failure stay committed.
Result<CsvImportReport> importCsv(QIODevice &in, CaptureStore &store, const CsvProgress &progress = {});
Result<CsvImportReport> importCsvFile(const QString &csvPath, CaptureStore &store, const CsvProgress &progress = {});

// Rows in time order (ties: table order, then id), preceded by capture_meta records. The seed
// dialect writes the seed tool's words and leaves out what it has none for (capture_meta included).
Result<CsvExportReport> exportCsv(CaptureStore &store, QIODevice &out, const CsvProgress &progress = {},
                                  CsvDialect dialect = CsvDialect::Pathlens);
Result<CsvExportReport> exportCsvFile(CaptureStore &store, const QString &csvPath, const CsvProgress &progress = {},
                                      CsvDialect dialect = CsvDialect::Pathlens);

} // namespace pathlens::core
