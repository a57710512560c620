// SPDX-License-Identifier: GPL-3.0-or-later
// How big a throughput test must be: iterative size calibration of one direction and the transfer
// size that follows from the calibrated speed (SPEC §2, issue 14).
#pragma once

#include <QtGlobal>

#include <array>
#include <optional>

namespace pathlens::core {

// One direction's calibration: transfers of 5, 10, 20, 40 and 100 MB (all streams together) until
// two consecutive estimates differ by less than 20 %. Download and upload each have their own.
// On a lossy link it stops after the second step (early exit, flagged): the later steps rarely
// converge there and only spend the data budget. "Lossy" is ping loss above 8 % meanwhile, or
// streams of one step that disagree by more than 40 % (coefficient of variation of their rates) —
// not a rise between steps, which slow start makes normal on fast links.
class ThroughputCalibration {
public:
    static constexpr std::array<qint64, 5> kStepBytes = {5'000'000, 10'000'000, 20'000'000, 40'000'000,
                                                         100'000'000};
    static constexpr double kConvergedChange = 0.20;   // SPEC §2: "until < 20 % change"
    static constexpr double kEarlyExitLossPct = 8.0;   // sustained ping loss that makes a link "lossy"
    static constexpr double kEarlyExitStreamSpread = 0.40; // streams this far apart: too noisy to converge
    static constexpr int kEarlyExitAfterStep = 2;

    // Bytes of the next step; none once done.
    std::optional<qint64> nextStepBytes() const;
    // The estimate of the step just run, the ping loss (%) seen meanwhile and the coefficient of
    // variation of its streams' rates.
    void addEstimate(double mbps, double pingLossPct = 0, double streamSpread = 0);
    // A step cut off by its deadline moved this much: calibration ends there (a slow link).
    void cutShort(double mbps);

    bool done() const { return m_done; }
    bool converged() const { return m_converged; }
    bool earlyExit() const { return m_earlyExit; }
    int steps() const { return m_steps; }
    std::optional<double> speedMbps() const { return m_last; } // the latest estimate

private:
    int m_steps = 0;
    std::optional<double> m_last;
    bool m_done = false, m_converged = false, m_earlyExit = false;
};

// Transfer size per stream = speed × duration / streams, clamped to 500 kB … 50 MB (SPEC/seed).
inline constexpr qint64 kMinStreamBytes = 500'000;
inline constexpr qint64 kMaxStreamBytes = 50'000'000;
qint64 streamBytesFor(double speedMbps, double durationS, int streams);
// 4 s on terrestrial links; 15 s on GEO, where slow start needs ~7 RTTs (≈ 4.2 s at 600 ms) to open.
double testDurationS(bool geo);

} // namespace pathlens::core
