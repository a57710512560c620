// SPDX-License-Identifier: GPL-3.0-or-later
// CapacityResult ⇄ capacity_results row, Diagnosis ⇄ diagnoses row.
#pragma once

#include "core/store/capture_tables.h"
#include "core/trains/capacity_result.h"
#include "core/trains/hop_diagnosis.h"

#include <QJsonArray>

namespace pathlens::core {

Row capacityResultToRow(const CapacityResult &result);
CapacityResult capacityResultFromRow(const Row &row);
Row diagnosisToRow(const Diagnosis &diagnosis);
Diagnosis diagnosisFromRow(const Row &row);
// A diagnosis's hops as the capture keeps them (and report --json shows them): a JSON array of
// {ttl, addr, destination, sent, received, loss_pct, capacity_mbps, latency_ms, dscp, rate_limited}.
QJsonArray hopFindingsJson(const std::vector<HopFinding> &hops);
std::vector<HopFinding> hopFindingsFromJson(const QJsonArray &hops);

} // namespace pathlens::core
