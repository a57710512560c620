// SPDX-License-Identifier: GPL-3.0-or-later
// The Prometheus text exposition format (0.0.4) of one analysis snapshot: what
// `pathlens-agent run --metrics` serves on /metrics. Pure: values in, text out.
#pragma once

#include "core/base/collector_status.h"
#include "core/pipeline/capture_snapshot.h"

#include <QByteArray>

#include <vector>

namespace pathlens::core {

// Grades as gauge values (README, Metrics): Excellent 4, Good 3, Fair 2, Poor 1, Ungraded 0 — higher
// is better, so a Grafana threshold reads the way the grade does.
double gradeGaugeValue(Grade grade);

// Every family with its # HELP and # TYPE lines, in a fixed order; a family without data keeps its
// two header lines. Base units (seconds, ratio, bytes per second), names `pathlens_*`, label values
// escaped; a series that would repeat (two apps of one name) appears once, the first (the worst).
// `collectors`: the collector host's latest status of each collector (the snapshot does not hold them).
QByteArray prometheusText(const CaptureSnapshot &snapshot, const std::vector<CollectorStatus> &collectors = {});

// A label value as the format wants it: backslash, double quote and line feed escaped.
QByteArray prometheusLabelValue(const QString &value);

// The media type of that text, for the Content-Type header.
inline constexpr const char *kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

} // namespace pathlens::core
