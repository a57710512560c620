// SPDX-License-Identifier: GPL-3.0-or-later
// Off-GUI-thread capture file jobs: import a CSV, save a copy, export CSV (reading a capture for
// the views is the analysis pipeline's job, not this one's).
#pragma once

#include "core/interchange/capture_files.h"
#include "core/interchange/foreign_capture_importer.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace pathlens::views {

// Runs each job with QtConcurrent on its own connection (the live writer keeps its own), and
// reports back on the GUI thread. Owned by the main window; destroying it cancels and waits for the
// running job.
class CaptureLoader : public QObject {
    Q_OBJECT
public:
    explicit CaptureLoader(QObject *parent = nullptr);
    ~CaptureLoader() override;

    // CSV → a new capture at `capturePath`; then imported() (or loadFailed()).
    void importCsv(const QString &csvPath, const QString &capturePath);
    void saveCopy(const QString &capturePath, const QString &destination);
    void exportCsv(const QString &capturePath, const QString &csvPath);
    // Another tool's file (a pcap) → a new capture at `capturePath`; then foreignImported(),
    // foreignImportFailed() or foreignImportCancelled(). A cancel that comes after the import
    // finished but before its result reached this thread still counts: the new capture is removed.
    void importForeign(std::shared_ptr<const core::ForeignCaptureImporter> importer, const QString &source,
                       const QString &capturePath, const core::GradingPolicy &policy);
    void cancel(); // stops an import/export at its next progress report

signals:
    void imported(const QString &capturePath);
    void loadFailed(const QString &path, const QString &message);
    void progress(int percent);
    void progressAmount(qint64 done, qint64 total); // rows or bytes, as the job counts
    void foreignImported(const QString &source, const QString &capturePath, const pathlens::core::ForeignImportResult &result);
    void foreignImportFailed(const QString &source, const QString &message);
    void foreignImportCancelled(const QString &source);
    void jobFinished(bool ok, const QString &message); // import, save, export

private:
    void runJob(std::function<void()> job);
    // Progress from a job's thread to progress(), and the cancel flag back.
    core::FileJobProgress reporter();
    // From a job's thread: jobFinished() (and onSuccess) on the GUI thread.
    void finish(const core::Result<QString> &result, std::function<void()> onSuccess = {});

    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    QThreadPool m_pool;
};

} // namespace pathlens::views
