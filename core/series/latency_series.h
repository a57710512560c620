// SPDX-License-Identifier: GPL-3.0-or-later
// Probe RTT series ready for charting: one min/max pyramid per (probe, target), plus loss bursts
// and the loss bursts drawn over them. Built by the capture analysis, handed to views as a snapshot.
#pragma once

#include "core/series/minmax_pyramid.h"
#include "core/active/probe_report.h"
#include "core/active/probe_sample.h"

#include <QMetaType>

#include <memory>

namespace pathlens::core {

struct LatencySeries {
    QString probe, target;
    bool gateway = false;
    MinMaxPyramid pyramid;
    QString label() const; // "ICMP echo → 192.0.2.1 (gateway)"
};

struct LatencyBurst {
    TimestampUs startUtcUs = 0, endUtcUs = 0;
    QString target;
    int length = 0;
};

struct LatencyData {
    std::vector<LatencySeries> series;
    std::vector<LatencyBurst> bursts;

    void add(const ProbeSample &sample); // appends to (or creates) its series
    void addBurst(const BurstRecord &burst);
    TimestampUs firstTime() const;
    TimestampUs lastTime() const;
    bool empty() const;
};

} // namespace pathlens::core

Q_DECLARE_METATYPE(std::shared_ptr<pathlens::core::LatencyData>)
