// SPDX-License-Identifier: GPL-3.0-or-later
// Runs one CaptureAnalysis on its own thread: live batches or a file replay in, snapshots out at a
// bounded rate.
#pragma once

#include "core/passive/grading_policy.h"
#include "core/pipeline/capture_snapshot.h"
#include "core/store/capture_writer.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>
#include <mutex>

class QThread;

namespace pathlens::core {

class AnalysisWorker;

// Threading: created and used on one thread (the GUI or agent main thread); submit() may be called
// from any thread (the capture writer's). The analysis itself lives on a private QThread; snapshots
// come back as queued signals, at most every kMinSnapshotIntervalMs. Each service has a source id,
// carried by its snapshots, so a view can drop snapshots of a capture it no longer shows.
// Stopping never blocks the caller: retire() cancels a replay and the object deletes itself once
// its thread has finished. Knows nothing of collectors, views or SQL beyond replayCapture().
class AnalysisService : public QObject {
    Q_OBJECT
public:
    // 4 Hz at most (DESIGN: snapshots cross threads at 1–4 Hz): fresh enough to watch, cheap to build.
    static constexpr int kMinSnapshotIntervalMs = 250;
    // A snapshot of a long capture costs more: publish at most every kSnapshotDutyFactor × its build
    // time, so the analysis thread stays under 1/kSnapshotDutyFactor (5 %) of a core.
    static constexpr int kSnapshotDutyFactor = 20;

    enum class Source { Live, File };
    AnalysisService(Source source, QString capturePath, GradingPolicy policy, QObject *parent = nullptr);
    ~AnalysisService() override; // waits for the thread: prefer retire()

    quint64 sourceId() const { return m_sourceId; }
    bool isLive() const { return m_source == Source::Live; }
    const QString &capturePath() const { return m_path; }

    // Live: what the capture writer committed (thread-safe; hand it to setCommitListener()).
    void submit(CommittedBatchPtr batch);
    CaptureWriter::CommitListener listener();
    // File: replays the capture on the analysis thread (progress, then snapshotReady or failed).
    void openFile();
    // File: the combined analysis of related captures (replayCaptures): one merged timeline.
    void openFiles(const QStringList &paths);
    void setPolicy(const GradingPolicy &policy);
    // The newest snapshot published so far (null before the first).
    SnapshotPtr latest() const;
    // Blocks until every batch submitted so far is analysed and returns a snapshot of it. For shutdown
    // and tests only: the GUI never calls it while it is interactive.
    SnapshotPtr snapshotNow();

    // Cancels, stops the thread without waiting and deletes this object when it has stopped.
    void retire();
    // Shutdown only: waits for a retired service's thread (its deleteLater needs an event loop).
    void waitForRetirement();

signals:
    void snapshotReady(const pathlens::core::SnapshotPtr &snapshot);
    void progress(int percent);                 // file replay
    void failed(const QString &message);        // file replay could not finish

private:
    friend class AnalysisWorker;
    void publish(SnapshotPtr snapshot);

    const Source m_source;
    const QString m_path;
    const quint64 m_sourceId;
    QThread *m_thread = nullptr;
    QPointer<QThread> m_retiredThread; // after retire(): the thread still ending
    AnalysisWorker *m_worker = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    mutable std::mutex m_latestMutex;
    SnapshotPtr m_latest;
};

} // namespace pathlens::core
