// SPDX-License-Identifier: GPL-3.0-or-later
// Capture file jobs on a private thread pool; results cross back with queued invocations.
#include "views/shell/capture_loader.h"

#include "core/interchange/capture_files.h"

#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent>

namespace pathlens::views {

CaptureLoader::CaptureLoader(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1); // one file job at a time; analysis has its own thread
}

CaptureLoader::~CaptureLoader()
{
    m_cancel->store(true);
    m_pool.waitForDone();
}

void CaptureLoader::runJob(std::function<void()> job)
{
    (void)QtConcurrent::run(&m_pool, std::move(job));
}

core::FileJobProgress CaptureLoader::reporter()
{
    QPointer<CaptureLoader> self(this);
    auto cancel = m_cancel;
    return [self, cancel](qint64 done, qint64 total) {
        const int pct = total > 0 ? int(done * 100 / total) : 100;
        QMetaObject::invokeMethod(self, [self, pct, done, total] {
            if (!self)
                return;
            emit self->progress(pct);
            emit self->progressAmount(done, total);
        }, Qt::QueuedConnection);
        return !cancel->load();
    };
}

void CaptureLoader::finish(const core::Result<QString> &result, std::function<void()> onSuccess)
{
    QPointer<CaptureLoader> self(this);
    const bool ok = result.ok();
    const QString message = ok ? *result : result.error().toString();
    QMetaObject::invokeMethod(self, [self, ok, message, onSuccess] {
        if (!self)
            return;
        emit self->jobFinished(ok, message);
        if (ok && onSuccess)
            onSuccess();
    }, Qt::QueuedConnection);
}

void CaptureLoader::importCsv(const QString &csvPath, const QString &capturePath)
{
    m_cancel->store(false);
    runJob([this, csvPath, capturePath, progress = reporter()] {
        const auto result = core::importCsvToCapture(csvPath, capturePath, progress);
        finish(result, [this, capturePath] { emit imported(capturePath); });
        if (!result) {
            const QString message = result.error().toString();
            QPointer<CaptureLoader> self(this);
            QMetaObject::invokeMethod(self, [self, csvPath, message] { if (self) emit self->loadFailed(csvPath, message); },
                                      Qt::QueuedConnection);
        }
    });
}

void CaptureLoader::saveCopy(const QString &capturePath, const QString &destination)
{
    runJob([this, capturePath, destination] { finish(core::copyCapture(capturePath, destination)); });
}

void CaptureLoader::exportCsv(const QString &capturePath, const QString &csvPath)
{
    m_cancel->store(false);
    runJob([this, capturePath, csvPath, progress = reporter()] {
        finish(core::exportCaptureToCsv(capturePath, csvPath, progress));
    });
}

void CaptureLoader::importForeign(std::shared_ptr<const core::ForeignCaptureImporter> importer, const QString &source,
                                  const QString &capturePath, const core::GradingPolicy &policy)
{
    m_cancel->store(false);
    QPointer<CaptureLoader> self(this);
    runJob([self, importer, source, capturePath, policy, cancel = m_cancel, progress = reporter()] {
        const auto result = importer->importTo(source, capturePath, policy, progress);
        QMetaObject::invokeMethod(self, [self, cancel, result, source, capturePath] {
            if (!self)
                return;
            if (cancel->load()) {
                if (result) // finished before the cancel reached it: nobody has the capture open yet
                    (void)core::removeCapture(capturePath);
                emit self->foreignImportCancelled(source);
            } else if (result) {
                emit self->foreignImported(source, capturePath, *result);
            } else {
                emit self->foreignImportFailed(source, result.error().toString());
            }
        }, Qt::QueuedConnection);
    });
}

void CaptureLoader::cancel()
{
    m_cancel->store(true);
}

} // namespace pathlens::views
