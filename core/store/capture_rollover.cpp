// SPDX-License-Identifier: GPL-3.0-or-later
// Rolled capture names, the capture check before deleting, and the retention sweep.
#include "core/store/capture_rollover.h"

#include "core/base/logging.h"
#include "core/store/capture_schema.h"
#include "core/store/sqlite_handle.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimeZone>
#include <QUrl>

#include <sqlite3.h>

#include <spdlog/spdlog.h>

#include <algorithm>

namespace pathlens::core {

bool RolloverOptions::applyTestPeriodFromEnvironment()
{
    const QByteArray raw = qgetenv(kTestRolloverSecondsEnv);
    if (raw.isEmpty())
        return true;
    bool ok = false;
    const qint64 seconds = raw.toLongLong(&ok);
    if (!ok || seconds <= 0)
        return false;
    periodUs = std::min(seconds * 1'000'000, kRolloverDayUs);
    return true;
}

TimestampUs rolloverPeriodStart(TimestampUs t, qint64 periodUs)
{
    const qint64 q = t / periodUs;
    return (t % periodUs < 0 ? q - 1 : q) * periodUs; // floor, also before 1970
}

QString rolledCaptureName(TimestampUs periodStart, qint64 periodUs)
{
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(periodStart / 1000, QTimeZone::utc());
    const bool daily = periodUs % kRolloverDayUs == 0;
    return QStringLiteral("pathlens-%1.plcap")
        .arg(start.toString(daily ? QStringLiteral("yyyy-MM-dd") : QStringLiteral("yyyy-MM-dd'T'HHmmss")));
}

std::optional<TimestampUs> rolledCaptureStart(const QString &fileName)
{
    static const QRegularExpression pattern(
        QStringLiteral("^pathlens-(\\d{4}-\\d{2}-\\d{2})(?:T(\\d{6}))?\\.plcap$"));
    const auto m = pattern.match(fileName);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date = QDate::fromString(m.captured(1), QStringLiteral("yyyy-MM-dd"));
    const QTime time = m.captured(2).isEmpty() ? QTime(0, 0) : QTime::fromString(m.captured(2), QStringLiteral("HHmmss"));
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, QTimeZone::utc()).toMSecsSinceEpoch() * 1000;
}

bool isPathlensCapture(const QString &path)
{
    // Read-only and without CaptureStore::open: an older schema would be copied into memory there.
    // Immutable first: a closed capture then gets no -wal/-shm beside it; a file whose journal still
    // holds commits (a writer was killed) is read through the journal instead.
    const QString uri = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString(QUrl::FullyEncoded);
    const auto hasFormat = [&](const QString &query) {
        auto db = SqliteDb::open(uri + query, SQLITE_OPEN_READONLY);
        if (!db)
            return false;
        auto format = db->scalar(QStringLiteral("SELECT value FROM meta WHERE key='format'"));
        return format && format->toString() == QLatin1String(kCaptureFormatName);
    };
    if (hasFormat(QStringLiteral("?mode=ro&immutable=1")))
        return true;
    return QFileInfo(path + QStringLiteral("-wal")).size() > 0 && hasFormat(QStringLiteral("?mode=ro"));
}

qint64 captureBytesOnDisk(const QString &path)
{
    qint64 bytes = 0;
    for (const QString &p : {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")})
        bytes += QFileInfo(p).size(); // 0 when missing
    return bytes;
}

RetentionOutcome applyRetention(const RolloverOptions &options, const QString &current, TimestampUs now)
{
    struct Rolled {
        QString path;
        TimestampUs start;
        qint64 bytes;
    };
    const QString currentAbs = QFileInfo(current).absoluteFilePath();
    std::vector<Rolled> captures; // ours and verified, the current one included
    const QFileInfoList entries = QDir(options.dir).entryInfoList({QStringLiteral("pathlens-*.plcap")}, QDir::Files | QDir::NoSymLinks);
    for (const QFileInfo &info : entries) {
        const auto start = rolledCaptureStart(info.fileName());
        if (!start)
            continue; // a GUI capture (pathlens-YYYYMMDD-HHMMSS) or anything else: not rolled by us
        const bool isCurrent = info.absoluteFilePath() == currentAbs;
        if (!isCurrent && !isPathlensCapture(info.absoluteFilePath())) {
            logger("store")->warn("{} is named like a Pathlens capture but is not one; retention leaves it alone",
                                  info.absoluteFilePath().toStdString());
            continue;
        }
        captures.push_back({info.absoluteFilePath(), *start, captureBytesOnDisk(info.absoluteFilePath())});
    }
    std::sort(captures.begin(), captures.end(), [](const Rolled &a, const Rolled &b) { return a.start < b.start; });

    qint64 total = 0;
    for (const Rolled &c : captures)
        total += c.bytes;
    const TimestampUs oldestKept = rolloverPeriodStart(now, options.periodUs) - qint64(options.keepDays - 1) * options.periodUs;
    RetentionOutcome out;
    for (const Rolled &c : captures) {
        const bool tooOld = options.keepDays > 0 && c.start < oldestKept;
        const bool overSize = options.keepBytes > 0 && total > options.keepBytes;
        if (c.path == currentAbs || (!tooOld && !overSize)) {
            ++out.kept;
            out.keptBytes += c.bytes;
            continue; // oldest first: a newer one is no older, so only the size can still remove it
        }
        if (!QFile::remove(c.path)) {
            logger("store")->warn("retention could not delete {}", c.path.toStdString());
            ++out.kept;
            out.keptBytes += c.bytes;
            continue;
        }
        QFile::remove(c.path + QStringLiteral("-wal"));
        QFile::remove(c.path + QStringLiteral("-shm"));
        total -= c.bytes;
        out.deleted << c.path;
        logger("store")->info("retention deleted {} ({} bytes)", c.path.toStdString(), c.bytes);
    }
    return out;
}

RolloverOptions liveCaptureRollover(const LiveCaptureSettings &settings, const QString &dir)
{
    RolloverOptions o;
    o.dir = dir;
    o.keepDays = settings.keepDays;
    o.keepBytes = qint64(settings.keepGb * 1e9);
    (void)o.applyTestPeriodFromEnvironment(); // tests only; a malformed value keeps the day
    return o;
}

} // namespace pathlens::core
