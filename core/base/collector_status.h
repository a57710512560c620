// SPDX-License-Identifier: GPL-3.0-or-later
// What the status bar and the agent report about each collector: a plain value, no behaviour.
#pragma once

#include "core/base/time_utc.h"

#include <QMetaType>
#include <QString>

namespace pathlens::core {

enum class CollectorState {
    Stopped,
    Starting,
    Running,
    Restarting,  // failed; waiting out the backoff before the next start
    Unsupported, // not available on this platform or without privilege; never retried
    Idle,        // running, but nothing here to measure (no Wi-Fi interface); the collector keeps
                 // looking by itself, so it is neither a failure nor restarted
};

struct CollectorStatus {
    QString name;
    CollectorState state = CollectorState::Stopped;
    quint64 runId = 0;    // increments on every start; results tagged with an older id are stale
    int restarts = 0;
    QString message;      // last error or hint ("needs CAP_NET_RAW: run installers/setcap-helper.sh")
    QString note;         // Idle only: what the collector found, in a few words ("no Wi-Fi interface")
    TimestampUs since = 0;
};

QString collectorStateName(CollectorState state);

} // namespace pathlens::core

Q_DECLARE_METATYPE(pathlens::core::CollectorStatus)
