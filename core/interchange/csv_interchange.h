// SPDX-License-Identifier: GPL-3.0-or-later
// Import a SPEC §6 CSV into a capture and export a capture as CSV, losslessly.
#pragma once

#include "core/store/capture_store.h"
#include "core/base/result.h"

#include <functional>
#include <vector>

class QIODevice;

namespace pathlens::core {

struct CsvIssue {
    qint64 line = 0;
    QString message;
};

struct CsvImportReport {
    qint64 records = 0;       // data records read (header excluded)
    qint64 rowsImported = 0;  // sample rows stored
    qint64 metaImported = 0;  // capture_meta records applied
    qint64 rowsSkipped = 0;   // malformed or unresolvable records, each listed in `issues`
    std::vector<CsvIssue> issues; // first kMaxIssues problems, with line numbers
    static constexpr size_t kMaxIssues = 1000;

    QString summary() const; // "1200 records: 1195 imported, 5 skipped (line 7: ...)"
};

struct CsvExportReport {
    qint64 rowsWritten = 0;
    qint64 rowsUnmapped = 0; // rows of a kind the CSV layout has no type for (reported, not hidden)
};

// Return false to cancel. done/total are bytes for import, rows for export.
using CsvProgress = std::function<bool(qint64 done, qint64 total)>;

// Malformed records are skipped and reported with their line; everything else is stored.
// Fails only when the input cannot be read at all (no header, unreadable) or the store fails;
// batches committed before a store failure stay committed.
Result<CsvImportReport> importCsv(QIODevice &in, CaptureStore &store, const CsvProgress &progress = {});
Result<CsvImportReport> importCsvFile(const QString &csvPath, CaptureStore &store, const CsvProgress &progress = {});

// Rows in time order (ties: table order, then id), preceded by capture_meta records.
Result<CsvExportReport> exportCsv(CaptureStore &store, QIODevice &out, const CsvProgress &progress = {});
Result<CsvExportReport> exportCsvFile(CaptureStore &store, const QString &csvPath, const CsvProgress &progress = {});

} // namespace pathlens::core
