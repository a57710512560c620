// SPDX-License-Identifier: GPL-3.0-or-later
// Throughput tests and the bufferbloat split as JSON: report --json and `pathlens-agent speed --json`.
#pragma once

#include "core/load/load_picture.h"

#include <QJsonArray>
#include <QJsonObject>

namespace pathlens::core {

// {utc, end_utc, direction, mbps, streams, bytes, backend, tier, calibration, out_of_family, retest,
//  early_exit, round, total_rounds, skipped, error}; mbps null when skipped or failed.
QJsonObject throughputJson(const ThroughputResult &r);
// {gateway: {idle_p50, idle_p95, dl_p50, dl_p95, ul_p50, ul_p95, idle_n, dl_n, ul_n, dl_delta_ms,
//  ul_delta_ms, rating, rpm}, internet: {…}, rpm, rating}; absent figures are null.
QJsonObject bufferbloatJson(const BufferbloatSplit &split);
// {throughput [...], bufferbloat {...}, download_mbps, upload_mbps, download_tier, upload_tier}
QJsonObject loadReportJson(const LoadPicture &load);

} // namespace pathlens::core
