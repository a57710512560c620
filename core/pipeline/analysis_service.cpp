// SPDX-License-Identifier: GPL-3.0-or-later
// Analysis thread, snapshot throttle and asynchronous retirement.
#include "core/pipeline/analysis_service.h"

#include "core/base/logging.h"
#include "core/pipeline/analysis_worker.h"
#include "core/pipeline/capture_replay.h"
#include "core/store/capture_store.h"

#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <spdlog/spdlog.h>

namespace pathlens::core {

namespace {
std::atomic<quint64> g_nextSourceId{1};
} // namespace

AnalysisService::AnalysisService(Source source, QString capturePath, GradingPolicy policy, QObject *parent)
    : QObject(parent), m_source(source), m_path(std::move(capturePath)), m_sourceId(g_nextSourceId++)
{
    qRegisterMetaType<pathlens::core::SnapshotPtr>("pathlens::core::SnapshotPtr");
    qRegisterMetaType<pathlens::core::CommittedBatchPtr>("pathlens::core::CommittedBatchPtr");
    qRegisterMetaType<pathlens::core::GradingPolicy>("pathlens::core::GradingPolicy");
    m_thread = new QThread; // not a child: it may outlive this object's parent during retire()
    m_thread->setObjectName(QStringLiteral("analysis"));
    m_worker = new AnalysisWorker(this, m_path, std::move(policy), m_cancel);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->start();
}

AnalysisService::~AnalysisService()
{
    if (m_thread) {
        m_cancel->store(true);
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
    }
}

void AnalysisService::submit(CommittedBatchPtr batch)
{
    listener()(std::move(batch));
}

CaptureWriter::CommitListener AnalysisService::listener()
{
    // The worker outlives every writer callback: the app destroys the writer before the service.
    AnalysisWorker *worker = m_worker;
    return [worker](CommittedBatchPtr batch) {
        QMetaObject::invokeMethod(worker, "ingest", Qt::QueuedConnection, Q_ARG(pathlens::core::CommittedBatchPtr, std::move(batch)));
    };
}

void AnalysisService::openFile()
{
    QMetaObject::invokeMethod(m_worker, &AnalysisWorker::replay, Qt::QueuedConnection);
}

void AnalysisService::openFiles(const QStringList &paths)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, paths] { worker->replayFiles(paths); }, Qt::QueuedConnection);
}

void AnalysisService::setPolicy(const GradingPolicy &policy)
{
    QMetaObject::invokeMethod(m_worker, "setPolicy", Qt::QueuedConnection, Q_ARG(pathlens::core::GradingPolicy, policy));
}

SnapshotPtr AnalysisService::latest() const
{
    std::lock_guard lock(m_latestMutex);
    return m_latest;
}

SnapshotPtr AnalysisService::snapshotNow()
{
    SnapshotPtr snap;
    QMetaObject::invokeMethod(m_worker, &AnalysisWorker::snapshotNow, Qt::BlockingQueuedConnection, &snap);
    return snap;
}

void AnalysisService::publish(SnapshotPtr snapshot)
{
    {
        std::lock_guard lock(m_latestMutex);
        m_latest = snapshot;
    }
    QMetaObject::invokeMethod(this, [this, snapshot] { emit snapshotReady(snapshot); }, Qt::QueuedConnection);
}

void AnalysisService::retire()
{
    m_cancel->store(true); // from here on the worker never calls back into this object
    disconnect(this, nullptr, nullptr, nullptr); // nothing it still says matters to anyone
    setParent(nullptr);                          // lives until its thread has finished, not its parent
    QThread *thread = std::exchange(m_thread, nullptr);
    m_retiredThread = thread;
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, &QObject::deleteLater);
    thread->quit();
}

void AnalysisService::waitForRetirement()
{
    if (m_retiredThread)
        m_retiredThread->wait();
}

AnalysisWorker::AnalysisWorker(AnalysisService *service, QString path, GradingPolicy policy, std::shared_ptr<std::atomic<bool>> cancel)
    : m_service(service), m_analysis(std::move(path), std::move(policy)), m_cancel(std::move(cancel))
{
}

void AnalysisWorker::ingest(const CommittedBatchPtr &batch)
{
    if (!batch->meta.isEmpty())
        m_analysis.ingestMeta(batch->meta);
    if (!batch->rows.empty())
        m_analysis.ingest(batch->rows);
    schedule();
}

void AnalysisWorker::setPolicy(const GradingPolicy &policy)
{
    m_analysis.setPolicy(policy);
    if (!m_replaying)
        publishNow(); // a regrade shows at once
}

void AnalysisWorker::replay()
{
    replayFiles({m_analysis.capturePath()});
}

void AnalysisWorker::replayFiles(const QStringList &paths)
{
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<CaptureStore> single; // one file: opened here, so a bad file fails before any row
    if (paths.size() == 1) {
        auto store = CaptureStore::open(paths.first(), CaptureStore::Mode::ReadOnly);
        if (m_cancel->load())
            return;
        if (!store) {
            const QString message = store.error().toString();
            QMetaObject::invokeMethod(m_service, [s = m_service, message] { emit s->failed(message); }, Qt::QueuedConnection);
            return;
        }
        single = std::move(*store);
    }
    m_replaying = true;
    int lastPct = -1;
    const ReplayProgress progress = [this, &lastPct](qint64 done, qint64 total) {
        if (m_cancel->load())
            return false; // retired: the service may be gone
        const int pct = total > 0 ? int(done * 100 / total) : 100;
        if (pct != lastPct) {
            lastPct = pct;
            QMetaObject::invokeMethod(m_service, [s = m_service, pct] { emit s->progress(pct); }, Qt::QueuedConnection);
        }
        return true;
    };
    auto r = single ? replayCapture(*single, m_analysis, progress) : replayCaptures(paths, m_analysis, progress);
    m_replaying = false;
    if (!r) {
        if (!m_cancel->load()) {
            const QString message = r.error().toString();
            QMetaObject::invokeMethod(m_service, [s = m_service, message] { emit s->failed(message); }, Qt::QueuedConnection);
        }
        return;
    }
    logger("analysis")->info("replayed {} in {} ms", paths.join(QStringLiteral(", ")).toStdString(), clock.elapsed());
    publishNow();
}

SnapshotPtr AnalysisWorker::snapshotNow()
{
    QElapsedTimer build;
    build.start();
    auto snap = m_analysis.snapshot(m_service->sourceId(), ++m_sequence, m_service->isLive());
    m_lastBuildMs = build.elapsed();
    m_service->publish(snap);
    m_sincePublish.start();
    return snap;
}

void AnalysisWorker::schedule()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        connect(m_timer, &QTimer::timeout, this, &AnalysisWorker::publishNow);
    }
    if (m_timer->isActive())
        return; // already due: batches in between are folded into it
    const qint64 interval = std::max<qint64>(AnalysisService::kMinSnapshotIntervalMs, m_lastBuildMs * AnalysisService::kSnapshotDutyFactor);
    const qint64 since = m_sincePublish.isValid() ? m_sincePublish.elapsed() : interval;
    m_timer->start(int(std::max<qint64>(0, interval - since)));
}

void AnalysisWorker::publishNow()
{
    if (m_cancel->load() || !m_analysis.changed())
        return;
    snapshotNow();
}

} // namespace pathlens::core
