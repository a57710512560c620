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
// route_changes [...]. Read from the pages' widgets and models, never from the analysis.
QJsonObject dumpViews(const MainWindow &window);

} // namespace pathlens::views
