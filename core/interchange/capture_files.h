// SPDX-License-Identifier: GPL-3.0-or-later
// Whole-file jobs on a capture by path (CSV import and export, a consistent copy), so callers such
// as the GUI never open the store themselves. Each returns the sentence to show on success.
#pragma once

#include "core/base/result.h"
#include <QString>

#include <functional>

namespace pathlens::core {

// done/total rows; returning false cancels (as CsvProgress).
using FileJobProgress = std::function<bool(qint64 done, qint64 total)>;

// A capture this call creates is removed again when the import fails, is cancelled or accepts no row;
// one that existed before is left as it is.
Result<QString> importCsvToCapture(const QString &csvPath, const QString &capturePath, const FileJobProgress &progress = {});
Result<QString> exportCaptureToCsv(const QString &capturePath, const QString &csvPath, const FileJobProgress &progress = {});
// Replaces `destination` (safe while another process writes the capture).
Result<QString> copyCapture(const QString &capturePath, const QString &destination);
// Removes a capture with the -wal and -shm files SQLite keeps beside it; close the store first.
// Missing files are not an error; the first that cannot be removed is.
Result<void> removeCapture(const QString &capturePath);

} // namespace pathlens::core
