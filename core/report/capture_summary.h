// SPDX-License-Identifier: GPL-3.0-or-later
// A capture summarised as JSON: metadata, time span, row counts, recent events.
#pragma once

#include "core/store/capture_store.h"

#include <QJsonObject>

namespace pathlens::core {

// Keys: capture{path, schema_version, capture_id, app_version, host, os, kernel, started_utc,
// ended_utc, first_sample_utc, last_sample_utc, duration_s}, counts{<table>: n}, events[...],
// device{...}, apps[...], timeline[288] (see tcp_rollups.h).
// Later features add their own sections next to these.
QJsonObject summarizeCapture(CaptureStore &store, int maxEvents = 50);

} // namespace pathlens::core
