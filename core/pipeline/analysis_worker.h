// SPDX-License-Identifier: GPL-3.0-or-later
// The thread side of AnalysisService: owns the CaptureAnalysis and the snapshot throttle.
#pragma once

#include "core/pipeline/capture_analysis.h"
#include "core/store/capture_writer.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>

class QTimer;

namespace pathlens::core {

class AnalysisService;

// Lives on the service's QThread (created there by the service, deleted when the thread ends).
// Every slot runs on that thread. Publishes through the service's thread-safe publish().
class AnalysisWorker : public QObject {
    Q_OBJECT
public:
    AnalysisWorker(AnalysisService *service, QString path, GradingPolicy policy, std::shared_ptr<std::atomic<bool>> cancel);

public slots:
    void ingest(const pathlens::core::CommittedBatchPtr &batch);
    void replay();
    void replayFiles(const QStringList &paths); // one file, or several as one combined analysis
    void setPolicy(const pathlens::core::GradingPolicy &policy);
    pathlens::core::SnapshotPtr snapshotNow();

private:
    void schedule();
    void publishNow();

    AnalysisService *m_service;
    CaptureAnalysis m_analysis;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_sincePublish;
    qint64 m_lastBuildMs = 0; // how long the last snapshot took to build
    quint64 m_sequence = 0;
    bool m_replaying = false;
};

} // namespace pathlens::core
