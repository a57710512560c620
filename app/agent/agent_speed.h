// SPDX-License-Identifier: GPL-3.0-or-later
// The throughput options `run` shares with `speed`, and the JSON events of a running speed collector.
#pragma once

#include "collectors/load/speed_collector.h"
#include "core/load/speed_config.h"

#include <QCommandLineOption>
#include <QJsonObject>

#include <optional>

class QCommandLineParser;

namespace pathlens::agent {

struct SpeedRunOptions {
    SpeedRunOptions();
    QCommandLineOption server, schedule, budget, jsonEvents;
    void addTo(QCommandLineParser &parser) const;
    // The options, the config's "speed" section filling what they leave out; nullopt after printing why.
    std::optional<collect::SpeedCollectorOptions> read(const QCommandLineParser &parser, const core::SpeedConfig &config) const;
};

// {"event":"progress","phase":…,"round":3,"total_rounds":8,"fraction":…,"message":"Round 3 of 8: testing download…"}
QJsonObject loadProgressJson(const core::LoadProgress &p);
// Progress and each result as JSON lines on stdout, for as long as `context` lives.
void attachSpeedEvents(collect::SpeedCollector &collector, QObject *context);

} // namespace pathlens::agent
