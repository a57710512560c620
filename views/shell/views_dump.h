// SPDX-License-Identifier: GPL-3.0-or-later
// `pathlens --dump-views`: what every page displays, as JSON, so a test can compare the live view
// with the same capture reopened (README: --dump-views).
#pragma once

#include <QJsonObject>

namespace pathlens::views {

class MainWindow;

// Keys: capture {path, closed, ended_utc, rows}, device {grade, headline, evidence, median_rtt_ms,
// retrans_pct, last_hiccup}, apps [{name, grade, sessions, graded_sessions, median_rtt_ms,
// retrans_pct, queue_ms}], timeline [288 × grade|"idle"], latency [{kind, target, sent, lost,
// p50_ms, p95_ms, jitter_ms}], tiers {latency, loss, overall}, bursts [...], traces [...],
// route_changes [...], mesh {agents, chips, worst}, fleet {band, summary, fastest, slowest},
// capacity {paths: [{target, direction, latest {utc, total_mbps, available_mbps, utilised_mbps,
// latency_ms, loss_pct, voice_mos, doubtful, reason}, estimates}], diagnoses: [{utc, verdict,
// culprit_ttl, dscp_note}]}, load {download_mbps, upload_mbps, download_tier, upload_tier,
// bufferbloat {gateway {idle_p50_ms, idle_p95_ms, idle_count, dl_…, ul_…, dl_delta_ms, ul_delta_ms,
// rating, rpm}, internet {…}, rating, rpm, where}, tests [{utc, direction, mbps, bytes, streams,
// server, notes}]}, wifi {readings, link, ssid, bssid, signal_dbm, rssi_p50_dbm, tier, noise_dbm, snr_db,
// tx_mbps, rx_mbps, ceiling {phy_max_mbps, usable_mbps, reason}, events [{utc, kind, what, change}]}.
// Read from the pages' widgets and models, never from the analysis.
QJsonObject dumpViews(const MainWindow &window);

} // namespace pathlens::views
