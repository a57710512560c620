// SPDX-License-Identifier: GPL-3.0-or-later
// Collector lifecycle: thread per collector, failure → teardown → backoff → fresh instance.
#include "collector_host.h"

#include "core/base/logging.h"

#include <QDeadlineTimer>
#include <QThread>
#include <QTimer>

#include <spdlog/spdlog.h>

namespace pathlens::collect {

struct CollectorHost::Slot {
    Factory factory;
    Collector *worker = nullptr; // owned by its thread's lifetime (deleteLater on finish)
    QThread *thread = nullptr;
    QTimer *restartTimer = nullptr;
    core::CollectorStatus status;
    std::shared_ptr<std::atomic<quint64>> currentRunId = std::make_shared<std::atomic<quint64>>(0);
    int nextBackoffMs = 0;
    QElapsedTimer runningFor;
    bool wanted = false; // started by the owner and not stopped since
};

CollectorHost::CollectorHost(RowSink sink, Backoff backoff, QObject *parent)
    : QObject(parent), m_sink(std::move(sink)), m_backoff(backoff)
{
    qRegisterMetaType<pathlens::core::Error>("pathlens::core::Error");
    qRegisterMetaType<pathlens::core::CollectorStatus>("pathlens::core::CollectorStatus");
}

CollectorHost::~CollectorHost()
{
    stopAll();
    waitForStopped(30000);
    // A stopped thread deletes itself through this thread's event loop, which may never run again
    // (the owner is going away, often at exit): the finished ones go now (their pending deletion
    // goes with them), one still running is left to its deleteLater.
    for (const QPointer<QThread> &thread : m_stopping)
        if (thread && thread->isFinished())
            delete thread.data();
}

bool CollectorHost::waitForStopped(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    bool all = true;
    for (const QPointer<QThread> &thread : m_stopping)
        if (thread && !thread->wait(deadline))
            all = false;
    return all;
}

bool CollectorHost::forceRestart(const QString &name, const QString &reason)
{
    for (auto &slot : m_slots)
        if (slot->status.name == name && slot->worker) {
            onFailed(*slot, slot->status.runId, core::makeError(core::ErrorCode::Internal, reason));
            return true;
        }
    return false;
}

void CollectorHost::add(Factory factory)
{
    auto slot = std::make_unique<Slot>();
    slot->factory = std::move(factory);
    slot->status.name = slot->factory()->name();
    slot->nextBackoffMs = m_backoff.initialMs;
    slot->restartTimer = new QTimer(this);
    slot->restartTimer->setSingleShot(true);
    Slot *raw = slot.get();
    connect(slot->restartTimer, &QTimer::timeout, this, [this, raw] {
        if (raw->wanted)
            startSlot(*raw);
    });
    m_slots.push_back(std::move(slot));
}

void CollectorHost::startAll()
{
    for (auto &slot : m_slots) {
        slot->wanted = true;
        if (!slot->worker && !slot->restartTimer->isActive())
            startSlot(*slot);
    }
}

void CollectorHost::stopAll()
{
    for (auto &slot : m_slots) {
        slot->wanted = false;
        slot->restartTimer->stop();
        stopSlot(*slot);
        if (slot->status.state != core::CollectorState::Unsupported && slot->status.state != core::CollectorState::Stopped)
            setState(*slot, core::CollectorState::Stopped);
    }
}

std::vector<core::CollectorStatus> CollectorHost::statuses() const
{
    std::vector<core::CollectorStatus> out;
    for (const auto &slot : m_slots)
        out.push_back(slot->status);
    return out;
}

void CollectorHost::startSlot(Slot &slot)
{
    std::unique_ptr<Collector> worker = slot.factory();
    if (auto supported = worker->checkSupported(); !supported) {
        setState(slot, core::CollectorState::Unsupported, supported.error().toString());
        core::logger("collect")->warn("{} unsupported: {}", slot.status.name.toStdString(),
                                      supported.error().toString().toStdString());
        return;
    }
    const quint64 runId = ++slot.status.runId;
    slot.currentRunId->store(runId);
    worker->attach(runId, slot.currentRunId, m_sink);

    slot.thread = new QThread(this);
    slot.thread->setObjectName(QStringLiteral("collect.%1").arg(slot.status.name));
    slot.worker = worker.release();
    slot.worker->moveToThread(slot.thread);
    connect(slot.thread, &QThread::finished, slot.worker, &QObject::deleteLater);
    Slot *raw = &slot;
    connect(slot.worker, &Collector::started, this, [this, raw](quint64 id) { onStarted(*raw, id); });
    connect(slot.worker, &Collector::failed, this,
            [this, raw](quint64 id, const core::Error &error) { onFailed(*raw, id, error); });
    connect(slot.worker, &Collector::idle, this,
            [this, raw](quint64 id, const QString &note, const QString &detail) { onIdle(*raw, id, note, detail); });
    slot.thread->start();
    setState(slot, core::CollectorState::Starting);
    QMetaObject::invokeMethod(slot.worker, &Collector::start, Qt::QueuedConnection);
}

void CollectorHost::stopSlot(Slot &slot)
{
    if (!slot.thread)
        return;
    QThread *thread = std::exchange(slot.thread, nullptr);
    Collector *worker = std::exchange(slot.worker, nullptr);
    disconnect(worker, nullptr, this, nullptr);
    // Queued behind whatever the worker is doing (even a start() blocked on a slow resolver): stop
    // it (what stop() publishes, e.g. final counters, still counts), then make the run stale, unless
    // a newer run has taken over the slot already, and end the thread from inside. The worker and
    // the thread delete themselves after.
    QMetaObject::invokeMethod(worker, [worker, current = slot.currentRunId, runId = slot.status.runId] {
        worker->stop();
        quint64 expected = runId;
        current->compare_exchange_strong(expected, 0);
        QThread::currentThread()->quit();
    }, Qt::QueuedConnection);
    thread->setParent(nullptr); // must outlive this host if it is destroyed first (it waits then)
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    // Only threads already deleted leave the list: a finished one still waits for its deleteLater,
    // which the destructor does itself if the event loop has ended.
    std::erase_if(m_stopping, [](const QPointer<QThread> &t) { return t.isNull(); });
    m_stopping.emplace_back(thread);
}

void CollectorHost::onStarted(Slot &slot, quint64 runId)
{
    if (runId != slot.status.runId || !slot.worker)
        return;
    slot.runningFor.start();
    setState(slot, core::CollectorState::Running);
}

void CollectorHost::onFailed(Slot &slot, quint64 runId, const core::Error &error)
{
    if (runId != slot.status.runId || !slot.worker)
        return; // a stale report from an instance already replaced
    stopSlot(slot);
    if (slot.runningFor.isValid() && slot.runningFor.elapsed() >= m_backoff.healthyResetMs)
        slot.nextBackoffMs = m_backoff.initialMs;
    slot.runningFor.invalidate();
    const int wait = slot.nextBackoffMs;
    slot.nextBackoffMs = std::min(slot.nextBackoffMs * 2, m_backoff.maxMs);
    ++slot.status.restarts;
    setState(slot, core::CollectorState::Restarting,
             QStringLiteral("%1 (retry in %2 s)").arg(error.toString()).arg(wait / 1000.0, 0, 'f', 1));
    core::logger("collect")->warn("{} failed (run {}): {}; restarting in {} ms", slot.status.name.toStdString(), runId,
                                  error.toString().toStdString(), wait);
    if (slot.wanted)
        slot.restartTimer->start(wait);
}

void CollectorHost::onIdle(Slot &slot, quint64 runId, const QString &note, const QString &detail)
{
    if (runId != slot.status.runId || !slot.worker)
        return;
    // An idle run is a healthy one: it counts towards resetting the backoff, as Running does.
    if (!slot.runningFor.isValid())
        slot.runningFor.start();
    slot.status.note = note;
    setState(slot, core::CollectorState::Idle, detail);
}

void CollectorHost::setState(Slot &slot, core::CollectorState state, const QString &message)
{
    slot.status.state = state;
    if (state != core::CollectorState::Idle)
        slot.status.note.clear();
    if (!message.isEmpty() || state == core::CollectorState::Running)
        slot.status.message = message;
    slot.status.since = core::nowUtcUs();
    emit statusChanged(slot.status);
}

} // namespace pathlens::collect
