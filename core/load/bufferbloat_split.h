// SPDX-License-Identifier: GPL-3.0-or-later
// Loaded latency, split where it happens: every ping is classed idle / download-loaded /
// upload-loaded from the throughput tests' windows, separately for the gateway and the internet
// leg; bufferbloat = loaded p50 − idle p50, rated by SPEC §2's table; RPM = 60000 / loaded RTT.
// Takes values (pings and windows), never the store; pure.
#pragma once

#include "core/active/quality_tiers.h"
#include "core/base/time_utc.h"
#include "core/load/throughput_result.h"

#include <optional>
#include <vector>

namespace pathlens::core {

struct LoadWindow {
    TimestampUs startUs = 0, endUs = 0;
    TransferDirection direction = TransferDirection::Download;
};

enum class LoadClass { Idle, Download, Upload, Guard };

// Guard bands: a ping sent just before a test (connections opening) or in the seconds after it
// (queues draining) is neither idle nor loaded, so it spoils neither figure.
inline constexpr qint64 kGuardBeforeUs = 500'000;
inline constexpr qint64 kGuardAfterUs = 2'000'000;
// Fewer answered pings than this in a class give no percentile (a figure from one ping misleads).
inline constexpr int kMinClassSamples = 3;

// Class of a ping sent at t. Inside two overlapping windows the shorter one wins (on asymmetric
// links an upload often ends inside a long download; the longer phase must not swallow it).
LoadClass classifyPing(TimestampUs t, const std::vector<LoadWindow> &windows);

struct RttPoint {
    TimestampUs utcUs = 0;
    double rttMs = 0;
    bool gateway = false; // the local leg (default gateway); otherwise an internet target
};

struct LatencyClassStats {
    int count = 0;
    std::optional<double> p50Ms, p95Ms;
};

struct LegBufferbloat {
    LatencyClassStats idle, download, upload;
    std::optional<double> downloadDeltaMs, uploadDeltaMs; // loaded p50 − idle p50
    std::optional<Tier> rating;                           // of the larger delta
    std::optional<double> rpm;                            // 60000 / the larger loaded p50
    bool hasData() const { return download.count > 0 || upload.count > 0; }
};

struct BufferbloatSplit {
    LegBufferbloat gateway, internet;
    std::optional<double> rpm;    // the internet leg's (what applications feel); else the gateway's
    std::optional<Tier> rating;   // the worse leg
};

BufferbloatSplit bufferbloatSplit(const std::vector<RttPoint> &pings, const std::vector<LoadWindow> &windows);

} // namespace pathlens::core
