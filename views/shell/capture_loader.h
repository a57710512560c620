// SPDX-License-Identifier: GPL-3.0-or-later
// Off-GUI-thread capture jobs: read a summary, import a CSV, save a copy, export CSV.
#pragma once

#include "core/series/latency_series.h"
#include "core/passive/tcp_rollups.h"
#include "core/store/trace_rows.h"

#include <QJsonObject>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

namespace pathlens::views {

// Runs each job with QtConcurrent on its own read-only connection (the live writer keeps its
// own), and reports back on the GUI thread. Owned by the main window; destroying it waits for
// running jobs. Only one job of each kind runs at a time; a newer summary request wins.
class CaptureLoader : public QObject {
    Q_OBJECT
public:
    explicit CaptureLoader(QObject *parent = nullptr);
    ~CaptureLoader() override;

    void loadSummary(const QString &capturePath);
    // Every probe sample as chartable series (once per capture: it reads the whole table).
    void loadLatency(const QString &capturePath);
    // CSV → a new capture at `capturePath`; then summaryReady for it.
    void importCsv(const QString &csvPath, const QString &capturePath);
    void saveCopy(const QString &capturePath, const QString &destination);
    void exportCsv(const QString &capturePath, const QString &csvPath);
    void cancel(); // stops an import/export at its next progress report

signals:
    void summaryReady(const QString &capturePath, const QJsonObject &summary);
    void latencyReady(const QString &capturePath, const std::shared_ptr<pathlens::core::LatencyData> &data, qint64 loadMs);
    void pictureReady(const QString &capturePath, const pathlens::core::TcpPicture &picture);
    void tracesReady(const QString &capturePath, const std::vector<pathlens::core::TraceResult> &newestFirst,
                     const std::vector<pathlens::core::PathChange> &changes);
    void loadFailed(const QString &path, const QString &message);
    void progress(int percent);
    void jobFinished(bool ok, const QString &message); // import, save, export

private:
    void runJob(std::function<void()> job);

    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<std::atomic<quint64>> m_summaryGeneration = std::make_shared<std::atomic<quint64>>(0);
    QThreadPool m_pool;
};

} // namespace pathlens::views
