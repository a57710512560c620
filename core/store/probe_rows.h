// SPDX-License-Identifier: GPL-3.0-or-later
// ProbeSample ⇄ probe_samples row: the only place that knows the table's columns for probes.
#pragma once

#include "core/active/probe_sample.h"
#include "core/store/capture_tables.h"

namespace pathlens::core {

Row probeSampleToRow(const ProbeSample &sample);
ProbeSample probeSampleFromRow(const Row &row);

} // namespace pathlens::core
