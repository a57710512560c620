// SPDX-License-Identifier: GPL-3.0-or-later
// One calibrated throughput test of both directions against a server list with fallback, under the
// data budget and the rate-limit backoff (SPEC §2). Remembers calibration, backoff, budget, the
// out-of-family history and which servers failed from one test to the next.
#pragma once

#include "collectors/load/throughput_transfer.h"
#include "core/load/data_budget.h"
#include "core/load/load_progress.h"
#include "core/load/out_of_family.h"
#include "core/load/rate_limit_backoff.h"
#include "core/load/throughput_calibration.h"

#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace pathlens::collect {

struct SpeedTestOptions {
    QStringList servers;                 // tried in order (fallback tiers); each http(s)://HOST:PORT
    int streams = 4;                     // SPEC §2
    qint64 budgetBytes = core::DataBudget::kDefaultBytes;
    std::optional<bool> geo;             // unset: decided by a 1 kB request's time (> 400 ms = GEO)
    std::optional<double> durationS;     // unset: 4 s, or 15 s on GEO
    int failuresBeforeFallback = 3;      // consecutive failures before the next server is used
    qint64 blockedRetryUs = 30LL * 60 * 1'000'000; // a failed server is tried again after 30 min
    std::function<double()> pingLossPct; // recent ping loss for the calibration's early exit
};

struct SpeedTestRequest {
    int round = 0, totalRounds = 0;
    bool retest = false;                 // the retest of an out-of-family result: never retested again
    bool download = true, upload = true;
};

struct SpeedTestOutcome {
    std::vector<core::ThroughputResult> results; // calibration steps first, then the tests
    // Directions whose result was out of family (never after a retest): retest them 90 s later.
    bool retestDownload = false, retestUpload = false;
    bool wantsRetest() const { return retestDownload || retestUpload; }
};

// Not thread-safe: one job at a time (the collector's). Progress is posted from the calling
// thread; `cancel` stops at the next chunk.
class SpeedTester {
public:
    explicit SpeedTester(SpeedTestOptions options);

    using ProgressFn = std::function<void(const core::LoadProgress &, const QString &detail)>;
    SpeedTestOutcome run(const SpeedTestRequest &request, const std::shared_ptr<std::atomic<bool>> &cancel,
                         const ProgressFn &progress);

    const core::DataBudget &budget() const { return m_budget; }
    bool geo() const { return m_geo.value_or(false); }

private:
    struct Direction {
        core::ThroughputCalibration calibration;
        core::OutOfFamilyGuard family;
    };
    struct Server {
        QString url;
        int consecutiveFailures = 0;
        qint64 blockedUntilUs = 0;
    };
    std::optional<int> activeServer(qint64 nowUs) const;
    TransferOutcome detectGeo(int server, const std::shared_ptr<std::atomic<bool>> &cancel);
    core::ThroughputResult transfer(core::TransferDirection d, qint64 totalBytes, const SpeedTestRequest &req,
                                    bool calibration, const std::shared_ptr<std::atomic<bool>> &cancel,
                                    const ProgressFn &progress, TransferOutcome *outcome);
    bool sleepUnless(qint64 us, const std::shared_ptr<std::atomic<bool>> &cancel);
    double timeoutFor(qint64 plannedBytes, core::TransferDirection d) const;

    SpeedTestOptions m_options;
    std::vector<Server> m_servers;
    Direction m_down, m_up;
    core::DataBudget m_budget;
    core::RateLimitBackoff m_backoff;
    std::optional<bool> m_geo;
    std::vector<core::ThroughputResult> m_pending; // refusals and failovers of the transfer in progress
};

} // namespace pathlens::collect
