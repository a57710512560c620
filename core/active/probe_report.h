// SPDX-License-Identifier: GPL-3.0-or-later
// Active-probe sections of a capture's report: per (probe, target) statistics, loss bursts,
// quality tiers and the ICMP-proxy verdict.
#pragma once

#include "core/store/capture_store.h"
#include "core/active/probe_analysis.h"
#include "core/active/quality_tiers.h"

#include <QJsonObject>

namespace pathlens::core {

// HTTP HEAD extras of one series, from the samples' notes (medians over the probes that had the phase).
struct HttpSeriesSummary {
    std::optional<double> dnsMs, connectMs, tlsMs, firstByteMs; // medians; dns/connect/tls: new connections only
    qint64 connections = 0, reused = 0;   // probes that opened a connection / reused a kept one
    std::vector<std::pair<QString, QString>> lastHeaders; // status, via, x-cache, … of the latest answer
    QString lastError;                    // of the latest failed probe, if any
};

struct ProbeSeriesSummary {
    QString probe, target;
    ProbeStats stats;
    QString mode; // "dgram" / "raw" for ICMP, from the samples' notes
    std::optional<HttpSeriesSummary> http; // http_head only
    QString lastError;                     // dns_system (and http_head): the latest failure's error note
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
//   http_head also {dns_ms, connect_ms, tls_ms, first_byte_ms (medians or null), connections, reused,
//   headers{status, via, x-cache, x-cache-hits, x-forwarded-for, server: as last seen}, last_error},
//   dns_system also {last_error} (rtt_* = resolution time),
// loss_bursts[{utc, probe, target, length, duration_ms, cycle_offset_ms}],
// tiers{latency, loss, overall} (null when there is nothing to rate), icmp_proxied, link_geo.
QJsonObject probeReportJson(const ProbeReport &report);

} // namespace pathlens::core
