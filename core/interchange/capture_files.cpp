// SPDX-License-Identifier: GPL-3.0-or-later
// Capture file jobs by path.
#include "core/interchange/capture_files.h"

#include "core/interchange/csv_interchange.h"
#include "core/store/capture_store.h"

#include <QCoreApplication>
#include <QFile>

namespace pathlens::core {

Result<QString> importCsvToCapture(const QString &csvPath, const QString &capturePath, const FileJobProgress &progress)
{
    auto store = CaptureStore::open(capturePath, CaptureStore::Mode::ReadWrite);
    if (!store)
        return store.error();
    auto report = importCsvFile(csvPath, **store, progress);
    if (!report)
        return report.error();
    return report->summary();
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

} // namespace pathlens::core
