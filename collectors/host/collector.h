// SPDX-License-Identifier: GPL-3.0-or-later
// Base of every collector: a worker QObject that CollectorHost moves onto its own QThread.
#pragma once

#include "core/store/capture_tables.h"
#include "core/base/result.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace pathlens::collect {

// Thread-safe destination of collected rows (normally CaptureWriter::enqueue).
using RowSink = std::function<void(std::vector<core::Row>)>;

// Threading contract: constructed on the host's thread, then moved to a dedicated QThread.
// start() and stop() run on that thread (queued/blocking-queued by the host), so timers, sockets
// and kernel handles must be created in start(), never in the constructor. A collector reports
// trouble by emitting failed(); the host then destroys it and builds a fresh one after a backoff.
// It knows nothing about views or the store, only the sink it publishes rows to.
class Collector : public QObject {
    Q_OBJECT
public:
    ~Collector() override = default;

    virtual QString name() const = 0;
    // Checked before the first start. An error here marks the collector "unsupported" (with the
    // remedy shown to the user) and it is never started or retried.
    virtual core::Result<void> checkSupported() const { return {}; }

    // Called by the host before start(); rows published after the host moved on are dropped.
    void attach(quint64 runId, std::shared_ptr<std::atomic<quint64>> currentRunId, RowSink sink);
    quint64 runId() const { return m_runId; }

public slots:
    virtual void start() = 0;
    virtual void stop() {}

signals:
    void started(quint64 runId);
    void failed(quint64 runId, const pathlens::core::Error &error);
    // Nothing to measure here for now (no Wi-Fi interface): `note` in a few words for the status
    // bar, `detail` for its tooltip. The collector keeps looking and reports started() when it has
    // something again; the host never restarts it for this.
    void idle(quint64 runId, const QString &note, const QString &detail);

protected:
    // From the worker thread. Returns false when the rows were stale (an older run) and dropped.
    bool publish(std::vector<core::Row> rows);
    void reportStarted() { emit started(m_runId); }
    void reportIdle(const QString &note, const QString &detail) { emit idle(m_runId, note, detail); }
    // An events row stamped now, with this collector's name as its source.
    core::Row eventRow(const QString &kind, const QString &message) const;
    void reportFailure(const core::Error &error) { emit failed(m_runId, error); }

private:
    quint64 m_runId = 0;
    std::shared_ptr<std::atomic<quint64>> m_currentRunId;
    RowSink m_sink;
};

} // namespace pathlens::collect
