// SPDX-License-Identifier: GPL-3.0-or-later
// Daily captures in one folder (pathlens-YYYY-MM-DD.plcap, UTC days) and how many of them to keep.
#pragma once

#include "core/base/live_capture_settings.h"
#include "core/base/time_utc.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace pathlens::core {

using UtcClock = std::function<TimestampUs()>;

inline constexpr qint64 kRolloverDayUs = 86'400'000'000;

// The environment variable that shortens the rollover period to a number of seconds. For tests
// only: a "day" of seconds lets a real agent run show rollover and retention in a minute.
inline constexpr const char *kTestRolloverSecondsEnv = "PATHLENS_TEST_ROLLOVER_SECONDS";

struct RolloverOptions {
    QString dir;                      // the capture folder; created when missing
    qint64 periodUs = kRolloverDayUs; // one UTC day; shorter only through kTestRolloverSecondsEnv
    int keepDays = 0;                 // keep the captures of the last N periods (today included); 0 = no limit
    qint64 keepBytes = 0;             // keep the folder's captures under this size; 0 = no limit
    UtcClock clock;                   // nowUtcUs() when empty; injectable so tests compress 400 days

    TimestampUs now() const { return clock ? clock() : nowUtcUs(); }
    // Reads kTestRolloverSecondsEnv (a positive whole number of seconds) into periodUs; false when
    // the variable is set but not such a number.
    bool applyTestPeriodFromEnvironment();
};

// Start of the period holding t (00:00:00 UTC for daily periods).
TimestampUs rolloverPeriodStart(TimestampUs t, qint64 periodUs);
// "pathlens-2026-12-07.plcap" for a daily period, "pathlens-2026-12-07T010203.plcap" for a shorter one.
QString rolledCaptureName(TimestampUs periodStart, qint64 periodUs);
// The period start a file name stands for, or nullopt when the name is not one of ours.
std::optional<TimestampUs> rolledCaptureStart(const QString &fileName);
// True when the file is an SQLite database with Pathlens capture metadata (opened read-only,
// never changed, never copied).
bool isPathlensCapture(const QString &path);
// The file plus its SQLite sidecars (-wal, -shm).
qint64 captureBytesOnDisk(const QString &path);

struct RetentionOutcome {
    QStringList deleted;   // oldest first
    int kept = 0;          // captures left, the current one included
    qint64 keptBytes = 0;  // their size on disk
};

// Deletes the oldest rolled captures in options.dir until at most keepDays periods remain and the
// captures fit in keepBytes. Never `current`, never a file whose name is not ours or that is not a
// Pathlens capture (left alone and not counted), never a symbolic link.
RetentionOutcome applyRetention(const RolloverOptions &options, const QString &current, TimestampUs now);

// The options for the desktop application's live captures in `dir` (Preferences → Live captures).
RolloverOptions liveCaptureRollover(const LiveCaptureSettings &settings, const QString &dir);

} // namespace pathlens::core
