// SPDX-License-Identifier: GPL-3.0-or-later
// A capture's report as JSON: the CLI edge of the one data path (views get the snapshot itself).
#pragma once

#include "core/pipeline/capture_snapshot.h"
#include "core/store/capture_store.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pathlens::core {

// Keys: capture{path, schema_version, capture_id, app_version, host, os, kernel, interfaces,
// started_utc, ended_utc, first_sample_utc, last_sample_utc, duration_s}, counts{<table>: n},
// events[newest first], device{...}, apps[...], timeline[288], probes[...], loss_bursts[...],
// tiers{...}, icmp_proxied, pep_detected, pep{...}, link_geo, traces[...], wifi{...}, callouts[...], grading_policy{...}
// (README: report --json).
QJsonObject captureReportJson(const CaptureSnapshot &snapshot);
// Its sections: device{...}, apps[...], timeline[288]; probes, loss_bursts, tiers, icmp_proxied,
// pep_detected, pep {basis, target, quic_target, tcp_target, quic_p50_ms, tcp_p50_ms, quic_samples,
// tcp_samples, ratio, geo} (null when there was nothing to compare), link_geo; the latest trace of
// each target [{target, proto, utc, reached, hops [{ttl, addr, rtt_ms, silent, delta_ms, loss_pct,
// rate_limited}]}].
QJsonObject passiveReportJson(const TcpPicture &picture, const GradingPolicy &policy);
QJsonObject probeReportJson(const ProbeReport &report);
QJsonArray tracesReportJson(const std::vector<TraceResult> &newestFirst);
// [{src, dst, path, utc, rtt_ms, rtt_ewma_ms, loss_pct, loss_fwd_pct, loss_rev_pct, qdelay_fwd_ms,
//   qdelay_rev_ms, cap_fwd_mbps, cap_rev_mbps, capacity_note, baseline_rtt_ms, baseline_cap_fwd_mbps,
//   cycles, state}]: the latest cycle of every directional pair; capacities are the median of the
//   last 5 cycles' figures.
QJsonArray meshReportJson(const std::vector<MeshCell> &cells);
// fleet [{id, name, grade, median_rtt_ms, retrans_pct, sessions, online, addresses, utc}], best first.
QJsonArray fleetReportJson(const FleetPicture &fleet);
// callouts [{start_utc, end_utc, cause, text, evidence}], oldest first; cause local_radio |
// local_network | upstream | route_change; text and evidence in the local time of the machine reporting.
QJsonArray calloutsReportJson(const std::vector<TimelineCallout> &callouts);

// The whole capture through the same analysis as the live view (replayCapture).
Result<SnapshotPtr> analyseCapture(CaptureStore &store, const GradingPolicy &policy);
// analyseCapture() with the policy the capture recorded (else the default, SPEC §1).
Result<SnapshotPtr> analyseRecordedCapture(CaptureStore &store);
// analyseRecordedCapture() as JSON.
Result<QJsonObject> summarizeCapture(CaptureStore &store);

} // namespace pathlens::core
