// SPDX-License-Identifier: GPL-3.0-or-later
// Probe RTT series ready for charting: one min/max pyramid per (probe, target), plus loss bursts
// and the loss bursts drawn over them (tiers and the proxy verdict come from the capture summary).
#pragma once

#include "core/store/capture_store.h"
#include "core/series/minmax_pyramid.h"
#include "core/active/probe_sample.h"

#include <QMetaType>

#include <memory>

namespace pathlens::core {

struct LatencySeries {
    QString probe, target;
    bool gateway = false;
    MinMaxPyramid pyramid;
    QString label() const; // "icmp → 192.0.2.1 (gateway)"
};

struct LatencyBurst {
    TimestampUs startUtcUs = 0, endUtcUs = 0;
    QString target;
    int length = 0;
};

struct LatencyData {
    std::vector<LatencySeries> series;
    std::vector<LatencyBurst> bursts;

    void add(const ProbeSample &sample); // live: appends to (or creates) its series
    TimestampUs firstTime() const;
    TimestampUs lastTime() const;
    bool empty() const;
};

// Reads every probe sample of the capture (off the GUI thread: 24 h at 5/s is ~0.4 M rows a series).
Result<std::shared_ptr<LatencyData>> loadLatencyData(CaptureStore &store);

} // namespace pathlens::core

Q_DECLARE_METATYPE(std::shared_ptr<pathlens::core::LatencyData>)
