// SPDX-License-Identifier: GPL-3.0-or-later
// Where a throughput round stands, for the live display ("Round 3 of 8: testing download…") and
// the agent's JSON events. Live state only: the results themselves go to the capture.
#pragma once

#include "core/base/time_utc.h"

#include <QMetaType>
#include <QString>

namespace pathlens::core {

enum class LoadPhase { Idle, Calibrating, Download, Upload, Waiting };
QString loadPhaseId(LoadPhase phase); // idle, calibrating, download, upload, waiting

struct LoadProgress {
    LoadPhase phase = LoadPhase::Idle;
    int round = 0, totalRounds = 0;   // round 0: on demand; totalRounds 0: continuous
    double fraction = 0;              // of the current transfer, 0..1
    qint64 bytesSoFar = 0;
    TimestampUs nextRoundUtcUs = 0;   // 0: none scheduled
    QString message;                  // one sentence a person reads
    bool operator==(const LoadProgress &) const = default;
};

// "Round 3 of 8: testing download…", "Test now: calibrating upload (step 2)…", "Next round at 14:05".
QString describeLoadProgress(const LoadProgress &p, const QString &detail = {});

} // namespace pathlens::core

Q_DECLARE_METATYPE(pathlens::core::LoadProgress)
