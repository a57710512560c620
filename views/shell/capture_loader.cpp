// SPDX-License-Identifier: GPL-3.0-or-later
// Capture jobs on a private thread pool; results cross back with queued invocations.
#include "views/shell/capture_loader.h"

#include "core/store/capture_store.h"
#include "core/report/capture_summary.h"
#include "core/interchange/csv_interchange.h"
#include "core/store/tcp_session_rows.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent>

namespace pathlens::views {

CaptureLoader::CaptureLoader(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(2); // one summary + one long job; the machine may have only two cores
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

void CaptureLoader::loadSummary(const QString &capturePath)
{
    const quint64 generation = ++*m_summaryGeneration;
    QPointer<CaptureLoader> self(this);
    auto current = m_summaryGeneration;
    runJob([self, capturePath, generation, current] {
        auto store = core::CaptureStore::open(capturePath, core::CaptureStore::Mode::ReadOnly);
        QJsonObject summary;
        core::TcpPicture picture;
        std::vector<core::TraceResult> traces;
        std::vector<core::PathChange> changes;
        QString error;
        if (store) {
            summary = core::summarizeCapture(**store);
            if (auto sessions = core::loadTcpSessions(**store)) {
                const auto span = (*store)->timeSpan();
                picture = core::buildTcpPicture(std::move(*sessions), span ? span->second : core::nowUtcUs());
            }
            if (auto t = core::loadTraces(**store))
                traces = std::move(*t);
            if (auto c = core::loadPathChanges(**store))
                changes = std::move(*c);
        } else {
            error = store.error().toString();
        }
        if (current->load() != generation)
            return; // a newer request superseded this one
        QMetaObject::invokeMethod(self, [self, capturePath, summary, picture, traces, changes, error] {
            if (!self)
                return;
            if (error.isEmpty()) {
                emit self->pictureReady(capturePath, picture);
                emit self->tracesReady(capturePath, traces, changes);
                emit self->summaryReady(capturePath, summary);
            } else {
                emit self->loadFailed(capturePath, error);
            }
        }, Qt::QueuedConnection);
    });
}

void CaptureLoader::loadLatency(const QString &capturePath)
{
    QPointer<CaptureLoader> self(this);
    runJob([self, capturePath] {
        QElapsedTimer timer;
        timer.start();
        auto store = core::CaptureStore::open(capturePath, core::CaptureStore::Mode::ReadOnly);
        if (!store)
            return; // the summary job reports open errors
        auto data = core::loadLatencyData(**store);
        if (!data)
            return;
        const qint64 ms = timer.elapsed();
        std::shared_ptr<core::LatencyData> shared = std::move(*data);
        QMetaObject::invokeMethod(self, [self, capturePath, shared, ms] {
            if (self)
                emit self->latencyReady(capturePath, shared, ms);
        }, Qt::QueuedConnection);
    });
}

void CaptureLoader::importCsv(const QString &csvPath, const QString &capturePath)
{
    m_cancel->store(false);
    QPointer<CaptureLoader> self(this);
    auto cancel = m_cancel;
    runJob([self, csvPath, capturePath, cancel] {
        QString message;
        bool ok = false;
        {
            auto store = core::CaptureStore::open(capturePath, core::CaptureStore::Mode::ReadWrite);
            if (!store) {
                message = store.error().toString();
            } else {
                auto report = core::importCsvFile(csvPath, **store, [self, cancel](qint64 done, qint64 total) {
                    const int pct = total > 0 ? int(done * 100 / total) : 0;
                    QMetaObject::invokeMethod(self, [self, pct] { if (self) emit self->progress(pct); }, Qt::QueuedConnection);
                    return !cancel->load();
                });
                ok = report.ok();
                message = ok ? report->summary() : report.error().toString();
            }
        }
        QMetaObject::invokeMethod(self, [self, ok, message, csvPath, capturePath] {
            if (!self)
                return;
            emit self->jobFinished(ok, message);
            if (ok) {
                self->loadSummary(capturePath);
                self->loadLatency(capturePath);
            }
            else
                emit self->loadFailed(csvPath, message);
        }, Qt::QueuedConnection);
    });
}

void CaptureLoader::saveCopy(const QString &capturePath, const QString &destination)
{
    QPointer<CaptureLoader> self(this);
    runJob([self, capturePath, destination] {
        QString message;
        bool ok = false;
        if (QFile::exists(destination) && !QFile::remove(destination)) {
            message = tr("cannot replace %1").arg(destination);
        } else if (auto store = core::CaptureStore::open(capturePath, core::CaptureStore::Mode::ReadOnly); !store) {
            message = store.error().toString();
        } else if (auto r = (*store)->backupTo(destination); !r) {
            message = r.error().toString();
        } else {
            ok = true;
            message = tr("Saved a copy to %1").arg(destination);
        }
        QMetaObject::invokeMethod(self, [self, ok, message] { if (self) emit self->jobFinished(ok, message); }, Qt::QueuedConnection);
    });
}

void CaptureLoader::exportCsv(const QString &capturePath, const QString &csvPath)
{
    m_cancel->store(false);
    QPointer<CaptureLoader> self(this);
    auto cancel = m_cancel;
    runJob([self, capturePath, csvPath, cancel] {
        QString message;
        bool ok = false;
        if (auto store = core::CaptureStore::open(capturePath, core::CaptureStore::Mode::ReadOnly); !store) {
            message = store.error().toString();
        } else {
            auto report = core::exportCsvFile(**store, csvPath, [self, cancel](qint64 done, qint64 total) {
                const int pct = total > 0 ? int(done * 100 / total) : 100;
                QMetaObject::invokeMethod(self, [self, pct] { if (self) emit self->progress(pct); }, Qt::QueuedConnection);
                return !cancel->load();
            });
            ok = report.ok();
            message = ok ? tr("Exported %1 rows to %2").arg(report->rowsWritten).arg(csvPath) : report.error().toString();
        }
        QMetaObject::invokeMethod(self, [self, ok, message] { if (self) emit self->jobFinished(ok, message); }, Qt::QueuedConnection);
    });
}

void CaptureLoader::cancel()
{
    m_cancel->store(true);
}

} // namespace pathlens::views
