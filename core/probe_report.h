// SPDX-License-Identifier: GPL-3.0-or-later
// Active-probe sections of a capture's report: per (probe, target) statistics, loss bursts,
// quality tiers and the ICMP-proxy verdict.
#pragma once

#include "capture_store.h"
#include "probe_analysis.h"
#include "quality_tiers.h"

#include <QJsonObject>

namespace pathlens::core {

struct ProbeSeriesSummary {
    QString probe, target;
    ProbeStats stats;
    QString mode; // "dgram" / "raw" for ICMP, from the samples' notes
};

struct ProbeReport {
    std::vector<ProbeSeriesSummary> series;   // sorted by probe then target
    std::vector<LossBurst> bursts;            // from the loss_bursts table
    std::vector<QString> burstTargets;        // parallel to bursts
    bool icmpProxied = false;                 // then latency ratings use HTTP (SPEC §2)
    bool geo = false;
    std::optional<Tier> latency, loss, overall;
};

Result<ProbeReport> buildProbeReport(CaptureStore &store);
// probes[{type, target, sent, lost, loss_pct, rtt_p50_ms, rtt_p95_ms, jitter_ms, mos, mode}],
// loss_bursts[{utc, probe, target, length, duration_ms, cycle_offset_ms}],
// tiers{latency, loss, overall} (null when there is nothing to rate), icmp_proxied, link_geo.
QJsonObject probeReportJson(const ProbeReport &report);

} // namespace pathlens::core
