// SPDX-License-Identifier: GPL-3.0-or-later
// Continuous capacity collector (SPEC §2): one small train set a minute per target; a dysfunction
// is confirmed by a sample every 6 s for 10 samples, then a deep diagnosis probes every hop.
#pragma once

#include "collectors/host/collector.h"
#include "collectors/trace/trace_engine.h"
#include "collectors/trains/capacity_meter.h"
#include "core/trains/continuous_analysis.h"

#include <QFutureWatcher>

#include <variant>

class QTimer;

namespace pathlens::collect {

struct TrainsCollectorOptions {
    QStringList targets;                // names or addresses, single-ended (ICMP echo)
    int dscp = 0;                       // marks every test packet
    std::optional<core::VoiceCodec> voice = core::VoiceCodec::G711;
    int pacedPackets = 10;              // the paced tail that shows others' traffic (15 KB at 1500 B; 5 proved too few)
    core::ContinuousPolicy policy;      // intervals, thresholds, baseline window
    HopSweepOptions sweep;              // the deep diagnosis's load and bounds
    RawSocketOpener rawOpener;          // nullptr: this process, else pathlens-helper
    // The route by ICMP, UDP and TCP every 5 min, marked like the trains (SPEC §2), so the Path page
    // shows hops that rewrite the marking. 0: never. Needs `allocateTraceId`.
    int routeIntervalS = 300;
    std::function<qint64()> allocateTraceId; // ids for new traces rows (the capture store's sequence)
};

// Owned by CollectorHost; runs on its own QThread. A 1 s timer (created in start()) picks the
// target that is due and runs its measurement as a QtConcurrent job (one at a time: trains of
// different targets must not queue behind each other at a shared bottleneck); a watcher (child of
// the collector) delivers the result, and the job holds no pointer to the collector, so destroying
// it mid-run only cancels. Permission errors go to failed(); a target that cannot be measured
// becomes one event per change of message. It knows nothing of views or the store.
class TrainsCollector : public Collector {
    Q_OBJECT
public:
    explicit TrainsCollector(TrainsCollectorOptions options);
    ~TrainsCollector() override;

    QString name() const override { return QStringLiteral("capacity"); }
    core::Result<void> checkSupported() const override;

public slots:
    void start() override;
    void stop() override;

private:
    struct Target {
        QString name;
        int packetBytes = 0; // the path MTU once discovered
        std::optional<double> lastMbps; // the last measured capacity: the paced tail's pace
        core::ContinuousAnalysis analysis;
        core::CapacityPhase phase = core::CapacityPhase::Continuous;
        qint64 dueUs = 0;
        qint64 routeDueUs = 0;
        std::optional<core::DysfunctionKind> diagnose; // confirmed: the next job is the deep diagnosis
        QString diagnoseWhy;
        QString lastError;
    };
    using Outcome = std::variant<core::CapacityResult, core::Diagnosis, std::vector<core::TraceResult>>;
    struct JobResult {
        size_t target = 0;
        qint64 startedUs = 0; // the schedule counts from a measurement's start, not its end
        int packetBytes = 0;
        core::Result<Outcome> outcome = core::makeError(core::ErrorCode::Internal, {});
    };
    void tick();
    void startMeasurement(size_t target); // an estimate, or the deep diagnosis when one is pending
    void startRouteCheck(size_t target);  // ICMP, UDP and TCP traces with the test packets' DSCP
    void onDone();

    TrainsCollectorOptions m_options;
    std::vector<Target> m_targets;
    std::shared_ptr<std::atomic<bool>> m_cancel = std::make_shared<std::atomic<bool>>(false);
    QTimer *m_timer = nullptr;
    QFutureWatcher<JobResult> *m_watcher = nullptr;
    bool m_busy = false;
};

std::unique_ptr<Collector> makeTrainsCollector(TrainsCollectorOptions options);

} // namespace pathlens::collect
