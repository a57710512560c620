// SPDX-License-Identifier: GPL-3.0-or-later
// Owns the collector threads: start/stop, run ids, and restart with exponential backoff.
#pragma once

#include "collector.h"
#include "core/base/collector_status.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>
#include <memory>
#include <vector>

class QTimer;

namespace pathlens::collect {

// Threading: lives on the thread that created it (the GUI or agent main thread); every public
// function must be called there, and none of them waits for a collector thread except
// waitForStopped() and the destructor (shutdown). Each collector gets its own QThread. Rows go
// straight from the worker thread to the sink; statuses come back to this thread as signals.
class CollectorHost : public QObject {
    Q_OBJECT
public:
    using Factory = std::function<std::unique_ptr<Collector>()>;

    struct Backoff {
        int initialMs = 1000;      // first retry after 1 s
        int maxMs = 60000;         // never wait longer than a minute between retries
        int healthyResetMs = 60000; // a run this long counts as recovered: backoff starts over
    };

    explicit CollectorHost(RowSink sink, Backoff backoff, QObject *parent = nullptr);
    explicit CollectorHost(RowSink sink, QObject *parent = nullptr) : CollectorHost(std::move(sink), Backoff{}, parent) {}
    ~CollectorHost() override;

    void add(Factory factory);
    void startAll();
    // Asks every collector to stop and returns at once; their threads end on their own (a
    // collector still inside a slow start() stops when that returns). Never blocks the caller.
    void stopAll();
    // For shutdown only: waits until every collector thread has ended (false on timeout).
    bool waitForStopped(int timeoutMs = 10000);
    // Treats a running collector as failed with `reason`: stop, back off, start a fresh instance.
    // For tests and diagnostics (--test-restart); false when no running collector has that name.
    bool forceRestart(const QString &name, const QString &reason);
    std::vector<core::CollectorStatus> statuses() const;

signals:
    void statusChanged(const pathlens::core::CollectorStatus &status);

private:
    struct Slot;
    void startSlot(Slot &slot);
    void stopSlot(Slot &slot);
    void onStarted(Slot &slot, quint64 runId);
    void onFailed(Slot &slot, quint64 runId, const core::Error &error);
    void onIdle(Slot &slot, quint64 runId, const QString &note, const QString &detail);
    void setState(Slot &slot, core::CollectorState state, const QString &message = {});

    std::vector<QPointer<QThread>> m_stopping; // threads asked to stop, not yet finished
    RowSink m_sink;
    Backoff m_backoff;
    std::vector<std::unique_ptr<Slot>> m_slots;
};

} // namespace pathlens::collect
