// SPDX-License-Identifier: GPL-3.0-or-later
// ThroughputResult ⇄ throughput_results row.
#pragma once

#include "core/load/throughput_result.h"
#include "core/store/capture_tables.h"

namespace pathlens::core {

Row throughputResultToRow(const ThroughputResult &result);
ThroughputResult throughputResultFromRow(const Row &row);

} // namespace pathlens::core
