// SPDX-License-Identifier: GPL-3.0-or-later
// Passive TCP collector: kernel socket statistics → attributed readings → sessions and capture rows.
#pragma once

#include "collectors/host/collector.h"
#include "core/passive/grading_policy.h"
#include "collectors/tcp/tcp_session_tracker.h"

#include <QHash>

#include <memory>

class QSocketNotifier;
class QTimer;

namespace pathlens::collect {

class ProcessAttribution;
class TcpDumpSource;
class TcpRecordingWriter;
class TcpReplaySource;
class TcpStartSource;
struct TcpLifecycle;
struct InetDiagParse;

struct TcpCollectorOptions {
    int pollIntervalMs = 1000;        // SPEC §1: polled at 1 Hz by default
    bool includeLoopback = false;     // SPEC §1: loopback is not network traffic
    QString replayFile;               // non-empty: replay this recording instead of the kernel
    QString procRoot = QStringLiteral("/proc");
    QString recordTo;                 // non-empty: save every dump/destroy/start batch here
    bool exactStartTimes = true;      // try the sock:inet_sock_set_state tracepoint (root only)
    int keepClosedSeconds = 900;      // closed sessions kept in sessionsReady() snapshots
    core::GradingPolicy policy;
};

// Owned by CollectorHost; runs on its own QThread (sources, timer and notifier are created in
// start() on that thread; stop() stops the timer; the destructor closes every handle). Each tick
// it applies destroy notifications (final counters) before the dump, so a socket that closed
// between polls still has its last counters. It does not grade or roll up: the tracker grades,
// core/ rolls up. Replay mode stops by itself at the end of the recording (replayFinished()).
class TcpCollector : public Collector {
    Q_OBJECT
public:
    TcpCollector(TcpCollectorOptions options, TcpSessionTracker::IdAllocator allocateId);
    ~TcpCollector() override;

    QString name() const override { return QStringLiteral("tcp"); }
    core::Result<void> checkSupported() const override;
    // How start times are known ("exact (kernel tracepoint)" or "first sight, up to 1 s late: …").
    QString startTimeMethod() const { return m_startMethod; }
    // Counters for logs and benchmarks (worker thread only).
    QString diagnostics() const;
    // What the last tick cost, stage by stage: wall and this thread's CPU (user + system), in ms.
    struct TickCost {
        double wallMs = 0, cpuMs = 0;
    };
    struct TickCosts {
        TickCost finals, dump, parse, attribution, tracker, publish, total;
        int readings = 0;
    };
    const TickCosts &lastTickCosts() const { return m_costs; }

public slots:
    void start() override;
    void stop() override;
    void tick(); // one poll; public so tests can step a replay without a timer

signals:
    // Every tick, by reference to the tracker's own list (no copy for a direct connection, one copy
    // per queued one). A direct receiver must copy what it keeps.
    void sessionsReady(quint64 runId, const std::vector<pathlens::core::TcpSession> &sessions);
    void statusMessage(quint64 runId, const QString &text); // UI-facing: method and its limits
    void replayFinished(quint64 runId);

private:
    core::Result<void> openSources();
    void onDestroyReadable();
    void pollStarts();
    void drainDestroyed();
    void absorbStarts(std::vector<TcpLifecycle> events);
    void applyLifecycle(core::TcpSocketReading &r);
    bool ownerFromConnect(core::TcpSocketReading &r) const; // from the pid that called connect()
    void fail(const core::Error &error);

    struct Lifecycle {
        qint64 startMonoUs = 0, closeMonoUs = 0, pid = 0;
    };
    struct Owner {
        core::Attribution attribution = core::Attribution::Unknown;
        qint64 pid = 0;
        QString exeName, exePath;
        quint64 seenTick = 0; // generation of the last dump that listed the cookie
    };

    TcpCollectorOptions m_options;
    TcpSessionTracker m_tracker;
    std::unique_ptr<TcpDumpSource> m_source;
    TcpReplaySource *m_replay = nullptr; // m_source when replaying
    std::unique_ptr<TcpStartSource> m_starts;
    std::unique_ptr<ProcessAttribution> m_attribution;
    std::unique_ptr<TcpRecordingWriter> m_recorder;
    QTimer *m_timer = nullptr;
    QTimer *m_startTimer = nullptr;
    QSocketNotifier *m_destroyNotifier = nullptr;
    core::TcpSnapshot m_pendingFinals;
    QHash<QString, Lifecycle> m_lifecycles;  // "local|remote" → kernel state-change times
    QHash<quint64, Owner> m_owners;          // cookie → owner at first sight (finals lack an inode)
    quint64 m_tickGen = 0;
    std::unique_ptr<InetDiagParse> m_parsed; // the dump's readings, capacity reused from tick to tick
    TickCosts m_costs;
    QHash<qint64, std::pair<Owner, qint64>> m_pidOwners; // connect() pid → owner, resolved at once, and when
    QString m_startMethod;
    qint64 m_lastMonoUs = 0;
    bool m_failed = false;
};

// For CollectorHost::add(): the host calls it for every (re)start, so allocateId must outlive
// restarts (normally backed by the capture store's id sequence).
std::unique_ptr<Collector> makeTcpCollector(TcpCollectorOptions options, TcpSessionTracker::IdAllocator allocateId);

} // namespace pathlens::collect
// std::vector<core::TcpSession> is declared a metatype in core/passive/tcp_session.h.
