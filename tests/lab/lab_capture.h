// SPDX-License-Identifier: GPL-3.0-or-later
// Lab tests' view of a capture file written by `pathlens-agent run`: probe samples grouped by target, loss bursts,
// event messages and the trace count, read with core::CaptureStore (read-only).
#pragma once

#include "core/store/capture_store.h"
#include "core/active/probe_analysis.h"
#include "core/active/probe_sample.h"

#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace pathlens::lab {

struct Capture {
    bool opened = false; // false: the file could not be opened (everything else empty)
    std::map<QString, std::vector<core::ProbeSample>> byTarget;
    std::vector<core::Row> bursts; // LossBursts rows
    QStringList events;            // Events "message" column
    int traces = 0;                // Traces rows
};

Capture readCapture(const QString &path);

// core::probeStats over the samples' observations in sequence order.
core::ProbeStats stats(const std::vector<core::ProbeSample> &samples);

} // namespace pathlens::lab
