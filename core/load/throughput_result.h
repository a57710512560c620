// SPDX-License-Identifier: GPL-3.0-or-later
// One throughput test in one direction, as the capture keeps it and every view reads it.
#pragma once

#include "core/base/time_utc.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace pathlens::core {

enum class TransferDirection { Download, Upload };
QString transferDirectionId(TransferDirection d);          // "download" / "upload" (stored, JSON)
std::optional<TransferDirection> transferDirectionFromId(const QString &id);

// Why a test did not produce a figure; none when it did.
enum class TransferSkip { None, DataBudget, RateLimited, Failed };
QString transferSkipId(TransferSkip s); // "" / "data_budget" / "rate_limited" / "failed"
TransferSkip transferSkipFromId(const QString &id);

struct ThroughputResult {
    TimestampUs startUs = 0, endUs = 0; // the load window: first request sent → last byte acknowledged
    TransferDirection direction = TransferDirection::Download;
    std::optional<double> mbps;         // goodput over the window; none when skipped or failed
    int streams = 0;
    qint64 bytes = 0;                   // payload bytes moved (all streams)
    QString backend;                    // the server that answered (URL), or the last one tried
    int tier = 0;                       // its place in the fallback list (0 = first)
    bool calibration = false;           // a calibration step, not a scheduled test
    bool outOfFamily = false;           // > 50 % off the median of the last 5 (SPEC §2)
    bool retest = false;                // the retest of an out-of-family result
    bool earlyExit = false;             // calibration stopped early on a lossy link
    int round = 0, totalRounds = 0;     // 0 when run on demand; totalRounds 0 = continuous
    TransferSkip skipped = TransferSkip::None;
    QString error;                      // what went wrong, in words (HTTP 429, connection refused, …)
};

} // namespace pathlens::core

Q_DECLARE_METATYPE(pathlens::core::ThroughputResult)
