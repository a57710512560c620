// SPDX-License-Identifier: GPL-3.0-or-later
// Capture file jobs by path.
#include "core/interchange/capture_files.h"

#include "core/interchange/csv_interchange.h"
#include "core/store/capture_store.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace pathlens::core {

namespace {

// The import proper; the store is closed when this returns, so a failed import's file can go.
Result<QString> importIntoCapture(const QString &csvPath, const QString &capturePath, const FileJobProgress &progress)
{
    auto store = CaptureStore::open(capturePath, CaptureStore::Mode::ReadWrite);
    if (!store)
        return store.error();
    auto report = importCsvFile(csvPath, **store, progress);
    if (!report)
        return report.error();
    if (report->acceptedNothing()) // SPEC §6: an import that accepts no row fails
        return makeError(ErrorCode::InvalidInput, QStringLiteral("no row of %1 was imported: %2").arg(csvPath, report->summary()),
                         QStringLiteral("export a capture from Pathlens to see the expected layout"));
    // The window's status bar shows this: the counts in the user's language, the parser's details after
    // them as it words them (the agent, with no translator loaded, prints summary() unchanged).
    const QString english = QStringLiteral("%1 records: %2 rows imported, %3 metadata, %4 skipped")
                                .arg(report->records).arg(report->rowsImported).arg(report->metaImported)
                                .arg(report->rowsSkipped);
    return QCoreApplication::translate("CaptureFiles", "%1 records: %2 rows imported, %3 metadata, %4 skipped")
               .arg(report->records).arg(report->rowsImported).arg(report->metaImported).arg(report->rowsSkipped)
           + report->summary().mid(english.size());
}

} // namespace

Result<QString> importCsvToCapture(const QString &csvPath, const QString &capturePath, const FileJobProgress &progress)
{
    const bool created = !QFileInfo::exists(capturePath);
    auto result = importIntoCapture(csvPath, capturePath, progress);
    if (!result && created) {
        if (auto removed = removeCapture(capturePath); !removed)
            return makeError(result.error().code, result.error().message + QStringLiteral("; ") + removed.error().message,
                             result.error().remedy);
    }
    return result;
}

Result<QString> exportCaptureToCsv(const QString &capturePath, const QString &csvPath, const FileJobProgress &progress)
{
    auto store = CaptureStore::open(capturePath, CaptureStore::Mode::ReadOnly);
    if (!store)
        return store.error();
    auto report = exportCsvFile(**store, csvPath, progress);
    if (!report)
        return report.error();
    return QCoreApplication::translate("CaptureFiles", "Exported %1 rows to %2").arg(report->rowsWritten).arg(csvPath);
}

Result<QString> copyCapture(const QString &capturePath, const QString &destination)
{
    if (QFile::exists(destination) && !QFile::remove(destination))
        return makeError(ErrorCode::Io, QStringLiteral("cannot replace %1").arg(destination),
                         QStringLiteral("choose another file name or check the folder's permissions"));
    auto store = CaptureStore::open(capturePath, CaptureStore::Mode::ReadOnly);
    if (!store)
        return store.error();
    if (auto r = (*store)->backupTo(destination); !r)
        return r.error();
    return QCoreApplication::translate("CaptureFiles", "Saved a copy to %1").arg(destination);
}

Result<void> removeCapture(const QString &capturePath)
{
    // SQLite's write-ahead log and its shared-memory index (the capture runs in WAL mode).
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        const QString path = capturePath + suffix;
        if (QFileInfo::exists(path) && !QFile::remove(path))
            return makeError(ErrorCode::Io, QStringLiteral("cannot remove %1").arg(path),
                             QStringLiteral("remove it by hand, or check the folder's permissions"));
    }
    return {};
}

} // namespace pathlens::core
