// SPDX-License-Identifier: GPL-3.0-or-later
// Calibrate, size, transfer; skip on budget, back off on 429/403, fall back on failing servers.
#include "collectors/load/speed_tester.h"

#include "core/base/units_format.h"

#include <algorithm>
#include <thread>

namespace pathlens::collect {

namespace {
using core::TransferDirection;
constexpr double kGeoFirstByteMs = 400.0; // seed: a 1 kB request slower than this means a GEO link
constexpr qint64 kGeoProbeBytes = 1000;
constexpr double kMaxTransferS = 300; // no transfer loads a link longer than 5 min
} // namespace

SpeedTester::SpeedTester(SpeedTestOptions options)
    : m_options(std::move(options)), m_budget(m_options.budgetBytes), m_geo(m_options.geo)
{
    for (const QString &url : m_options.servers)
        m_servers.push_back({url});
}

std::optional<int> SpeedTester::activeServer(qint64 nowUs) const
{
    for (size_t i = 0; i < m_servers.size(); ++i)
        if (m_servers[i].blockedUntilUs <= nowUs)
            return int(i);
    return std::nullopt;
}

bool SpeedTester::sleepUnless(qint64 us, const std::shared_ptr<std::atomic<bool>> &cancel)
{
    const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(us);
    while (std::chrono::steady_clock::now() < until) {
        if (cancel && cancel->load())
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return !(cancel && cancel->load());
}

TransferOutcome SpeedTester::detectGeo(int server, const std::shared_ptr<std::atomic<bool>> &cancel)
{
    TransferRequest r;
    r.baseUrl = m_servers[size_t(server)].url;
    r.streams = 1;
    r.bytesPerStream = kGeoProbeBytes;
    r.timeoutS = 10;
    const TransferOutcome o = runTransfer(r, cancel);
    if (o.mbps) // the connection is open (warm-up), so this is one request: ≈ 1 RTT
        m_geo = double(o.endUtcUs - o.startUtcUs) / 1000.0 > kGeoFirstByteMs;
    return o;
}

double SpeedTester::timeoutFor(qint64 plannedBytes, TransferDirection d) const
{
    // Four test durations, and at least three times what the planned bytes take at the last estimate of
    // this direction (a slow link's first steps), never under 30 s.
    const Direction &st = d == TransferDirection::Download ? m_down : m_up;
    double s = std::max(30.0, 4 * m_options.durationS.value_or(core::testDurationS(geo())));
    if (const std::optional<double> last = st.calibration.speedMbps(); last && *last > 0)
        s = std::max(s, 3 * double(plannedBytes) * 8 / (*last * 1e6));
    return std::min(s, kMaxTransferS);
}

core::ThroughputResult SpeedTester::transfer(TransferDirection d, qint64 totalBytes, const SpeedTestRequest &req,
                                             bool calibration, const std::shared_ptr<std::atomic<bool>> &cancel,
                                             const ProgressFn &progress, TransferOutcome *outcome)
{
    auto fresh = [&] {
        core::ThroughputResult f;
        f.direction = d;
        f.streams = std::max(1, m_options.streams);
        f.calibration = calibration;
        f.retest = req.retest;
        f.round = req.round;
        f.totalRounds = req.totalRounds;
        f.startUs = f.endUs = core::nowUtcUs();
        return f;
    };
    core::ThroughputResult r = fresh();

    core::LoadProgress p;
    p.round = req.round;
    p.totalRounds = req.totalRounds;
    // At most one wait for the backoff and one retry per transfer: a round never stalls for long.
    for (int attempt = 0; attempt < 2; ++attempt) {
        qint64 now = core::nowUtcUs();
        if (m_backoff.waiting(now)) {
            p.phase = core::LoadPhase::Waiting;
            progress(p, QStringLiteral("%1 s: the server limits tests (HTTP %2)")
                            .arg((m_backoff.readyAtUs() - now + 999'999) / 1'000'000)
                            .arg(outcome && outcome->rejectedStatus ? outcome->rejectedStatus : 429));
            if (!sleepUnless(m_backoff.readyAtUs() - now, cancel)) {
                r.skipped = core::TransferSkip::Failed;
                r.error = QStringLiteral("stopped");
                return r;
            }
            now = core::nowUtcUs();
        }
        const std::optional<int> server = activeServer(now);
        if (!server) {
            r.skipped = core::TransferSkip::Failed;
            r.error = m_servers.empty() ? QStringLiteral("no throughput server configured")
                                        : QStringLiteral("every throughput server failed recently; retrying them in 30 min");
            return r;
        }
        r.backend = m_servers[size_t(*server)].url;
        r.tier = *server;
        // Halved after refusals, but never below the SPEC's 500 kB a stream: smaller transfers measure slow start.
        const qint64 perStream = std::max<qint64>(std::min<qint64>(core::kMinStreamBytes, totalBytes / r.streams),
                                                  qint64(double(totalBytes) * m_backoff.sizeFactor()) / r.streams);
        const qint64 planned = perStream * r.streams;
        // The budget holds everything this attempt may move, not only the payload: each stream's 1-byte warm-up and,
        // while the link type is unknown, the GEO probe (its warm-up byte and 1 kB). With the payload alone, a budget
        // the size of the first calibration step let the lab's server count 1,005 bytes over it (tst_load_lab).
        const qint64 needed = planned + r.streams + (m_geo ? 0 : kGeoProbeBytes + 1);
        if (!m_budget.allows(needed, now)) {
            r.skipped = core::TransferSkip::DataBudget;
            r.error = QStringLiteral("the 30-minute data budget (%1) has %2 left; this test needs %3")
                          .arg(core::formatBytes(m_budget.limitBytes()), core::formatBytes(m_budget.remainingBytes(now)),
                               core::formatBytes(needed));
            return r;
        }
        TransferOutcome o;
        if (!m_geo) {
            o = detectGeo(*server, cancel);
            m_budget.record(o.bytesPushed + 1, core::nowUtcUs());
        }
        p.phase = calibration ? core::LoadPhase::Calibrating
                              : d == TransferDirection::Download ? core::LoadPhase::Download : core::LoadPhase::Upload;
        const QString what = calibration ? (d == TransferDirection::Download ? QStringLiteral("download, %1")
                                                                              : QStringLiteral("upload, %1"))
                                               .arg(core::formatBytes(planned))
                                         : QString();
        // A refused GEO probe is the server's refusal like any other: back off instead of asking again at once (it
        // was ignored, and the lab's `serve --reject-first 1` never saw the client wait).
        if (!o.rejectedStatus) {
            progress(p, what);
            TransferRequest t;
            t.baseUrl = r.backend;
            t.direction = d;
            t.bytesPerStream = perStream;
            t.streams = r.streams;
            t.timeoutS = timeoutFor(planned, d);
            // The budget holds the whole planned transfer from its start; what moved is recorded after.
            o = runTransfer(t, cancel, [&](qint64 moved) {
                core::LoadProgress q = p;
                q.bytesSoFar = moved;
                q.fraction = planned > 0 ? std::min(1.0, double(moved) / double(planned)) : 0;
                progress(q, what);
            });
            // What went over the wire, finished or not (a failed upload still loaded the link), + each warm-up
            // byte; stamped at the end, so it leaves the window no earlier than its last byte.
            m_budget.record(o.bytesPushed + r.streams, core::nowUtcUs());
        }
        if (outcome)
            *outcome = o;
        r.startUs = o.startUtcUs;
        r.endUs = o.endUtcUs;
        r.bytes = o.bytes;
        if (o.rejectedStatus) {
            m_backoff.onRejected(core::nowUtcUs(), qint64(o.retryAfterS) * 1'000'000);
            r.skipped = core::TransferSkip::RateLimited;
            r.error = QStringLiteral("HTTP %1 from %2: next try in %3 s at half the size")
                          .arg(o.rejectedStatus)
                          .arg(r.backend)
                          .arg(m_backoff.backoffUs() / 1'000'000);
            if (attempt == 0) {
                // Keep the refusal on record, then wait and retry once.
                m_pending.push_back(r);
                r = fresh();
                continue;
            }
            return r;
        }
        Server &s = m_servers[size_t(*server)];
        if (!o.mbps) {
            r.skipped = core::TransferSkip::Failed;
            r.error = o.error;
            if (cancel && cancel->load())
                return r; // our stop, not the server's failure
            // A server that cannot be reached at all gives way at once; a transfer that broke counts to three.
            const bool unreachable = o.bytesPushed == 0 && o.error.startsWith(QLatin1String("cannot reach"));
            if (unreachable || ++s.consecutiveFailures >= m_options.failuresBeforeFallback) {
                s.blockedUntilUs = core::nowUtcUs() + m_options.blockedRetryUs;
                s.consecutiveFailures = 0;
            }
            if (attempt == 0 && activeServer(core::nowUtcUs()) != server) {
                m_pending.push_back(r); // the next server takes over at once
                r = fresh();
                continue;
            }
            return r;
        }
        s.consecutiveFailures = 0;
        m_backoff.onSuccess();
        r.mbps = o.mbps;
        return r;
    }
    return r;
}

SpeedTestOutcome SpeedTester::run(const SpeedTestRequest &req, const std::shared_ptr<std::atomic<bool>> &cancel,
                                  const ProgressFn &progress)
{
    SpeedTestOutcome out;
    auto flush = [&](const core::ThroughputResult &r) {
        for (core::ThroughputResult &pending : m_pending)
            out.results.push_back(std::move(pending));
        m_pending.clear();
        out.results.push_back(r);
    };
    for (TransferDirection d : {TransferDirection::Download, TransferDirection::Upload}) {
        if ((d == TransferDirection::Download && !req.download) || (d == TransferDirection::Upload && !req.upload))
            continue;
        if (cancel && cancel->load())
            break;
        Direction &st = d == TransferDirection::Download ? m_down : m_up;
        while (!st.calibration.done()) {
            TransferOutcome o;
            core::ThroughputResult r = transfer(d, *st.calibration.nextStepBytes(), req, true, cancel, progress, &o);
            if (r.mbps) {
                const double loss = m_options.pingLossPct ? m_options.pingLossPct() : 0.0;
                st.calibration.addEstimate(*r.mbps, loss, o.streamSpread());
                r.earlyExit = st.calibration.earlyExit();
            } else if (o.timedOut && o.partialMbps) {
                // A step too big for a slow link: what it moved in the time it had sizes the tests (the larger
                // steps would only time out too).
                st.calibration.cutShort(*o.partialMbps);
                r.earlyExit = true;
                flush(r);
                continue;
            }
            flush(r);
            if (!r.mbps)
                break; // no figure: calibration goes on at the next test
        }
        if (!st.calibration.done() || !st.calibration.speedMbps())
            continue;
        const double duration = m_options.durationS.value_or(core::testDurationS(geo()));
        const int streams = std::max(1, m_options.streams);
        // Sized from the recent in-family results once there are some (the link may have changed since the
        // calibration), else from the calibration.
        const double speed = st.family.median().value_or(*st.calibration.speedMbps());
        const qint64 total = core::streamBytesFor(speed, duration, streams) * streams;
        core::ThroughputResult r = transfer(d, total, req, false, cancel, progress, nullptr);
        if (r.mbps) {
            r.earlyExit = st.calibration.earlyExit();
            r.outOfFamily = st.family.judge(*r.mbps);
            if (r.outOfFamily && !req.retest)
                (d == TransferDirection::Download ? out.retestDownload : out.retestUpload) = true;
        }
        flush(r);
    }
    return out;
}

} // namespace pathlens::collect
