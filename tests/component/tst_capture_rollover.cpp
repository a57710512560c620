// SPDX-License-Identifier: GPL-3.0-or-later
// Daily rollover and retention, time-compressed: a fake clock drives a real writer through 400 UTC
// days (a real SQLite capture each day) and every limit is checked after every day.
#include "core/store/capture_rollover.h"
#include "core/store/capture_store.h"
#include "core/store/capture_writer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <atomic>
#include <map>
#include <set>

using namespace pathlens::core;

namespace {

constexpr qint64 kHourUs = 3'600'000'000;
const TimestampUs kDay0 = QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch() * 1000;

struct DirState {
    QStringList rolled; // our captures, oldest first
    qint64 bytes = 0;
};

DirState rolledIn(const QString &dir)
{
    DirState s;
    for (const QFileInfo &info : QDir(dir).entryInfoList({QStringLiteral("pathlens-*.plcap")}, QDir::Files, QDir::Name)) {
        if (!rolledCaptureStart(info.fileName()) || !isPathlensCapture(info.absoluteFilePath()))
            continue;
        s.rolled << info.absoluteFilePath();
        s.bytes += captureBytesOnDisk(info.absoluteFilePath());
    }
    return s;
}

// The row numbers (event messages "row N …") in a capture.
std::vector<qint64> rowNumbers(const QString &path)
{
    std::vector<qint64> out;
    auto store = CaptureStore::open(path, CaptureStore::Mode::ReadOnly);
    if (!store)
        return out;
    (void)(*store)->forEach(Table::Events, [&](const Row &row) {
        out.push_back(row.get("message").toString().section(QLatin1Char(' '), 1, 1).toLongLong());
        return true;
    });
    return out;
}

// The size of one of the small days below, written to a scratch file.
qint64 smallDayBytes(const QString &path)
{
    {
        auto w = CaptureWriter::open(path, {{QStringLiteral("host"), QStringLiteral("rollover-test")}});
        if (!w)
            return -1;
        for (int i = 0; i < 42; ++i)
            (*w)->enqueue(eventRow(kDay0, QStringLiteral("test"), QStringLiteral("note"), QStringLiteral("row %1 ").arg(i)));
    }
    const qint64 bytes = captureBytesOnDisk(path);
    QFile::remove(path);
    return bytes;
}

} // namespace

class TestCaptureRollover : public QObject {
    Q_OBJECT
private slots:
    void namesAndPeriods()
    {
        const TimestampUs t = kDay0 + 23 * kHourUs + 59 * 60'000'000LL;
        QCOMPARE(rolloverPeriodStart(t, kRolloverDayUs), kDay0);
        QCOMPARE(rolledCaptureName(kDay0, kRolloverDayUs), QStringLiteral("pathlens-2026-01-01.plcap"));
        QCOMPARE(rolledCaptureName(kDay0 + 5'000'000, 5'000'000), QStringLiteral("pathlens-2026-01-01T000005.plcap"));
        QCOMPARE(rolledCaptureStart(QStringLiteral("pathlens-2026-01-01.plcap")), std::optional<TimestampUs>(kDay0));
        QCOMPARE(rolledCaptureStart(QStringLiteral("pathlens-2026-01-01T000005.plcap")), std::optional<TimestampUs>(kDay0 + 5'000'000));
        QVERIFY(!rolledCaptureStart(QStringLiteral("pathlens-20260101-000000.plcap"))); // the GUI's live captures
        QVERIFY(!rolledCaptureStart(QStringLiteral("pathlens-2026-13-01.plcap")));
        QVERIFY(!rolledCaptureStart(QStringLiteral("pathlens-2026-01-01.plcap.bak")));
    }

    void currentNeverDeleted()
    {
        // Limits no file can meet: everything goes but the capture being written, even when it is
        // the oldest (the clock stepped back).
        QTemporaryDir tmp;
        QStringList files;
        for (int day = 0; day < 3; ++day) {
            files << tmp.filePath(rolledCaptureName(kDay0 + day * kRolloverDayUs, kRolloverDayUs));
            QVERIFY(CaptureWriter::open(files.last(), {}));
        }
        RolloverOptions options;
        options.dir = tmp.path();
        options.keepDays = 1;
        options.keepBytes = 1;
        const RetentionOutcome out = applyRetention(options, files.first(), kDay0 + 10 * kRolloverDayUs);
        QCOMPARE(out.deleted.size(), 2);
        QCOMPARE(out.kept, 1);
        QVERIFY(QFileInfo::exists(files.first()));
        QVERIFY(!QFileInfo::exists(files.at(1)) && !QFileInfo::exists(files.at(2)));
    }

    void fourHundredDays()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("captures"));
        QVERIFY(QDir().mkpath(dir));
        // Files that are not ours, or not captures, must survive every sweep.
        const QString junk = QDir(dir).filePath(QStringLiteral("pathlens-2025-06-01.plcap")); // our name, not a capture
        const QString gui = QDir(dir).filePath(QStringLiteral("pathlens-20250601-120000.plcap")); // the GUI's naming
        const QString notes = QDir(dir).filePath(QStringLiteral("notes.txt"));
        for (const QString &p : {junk, gui, notes}) {
            QFile f(p);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a capture\n");
        }

        std::atomic<TimestampUs> now{kDay0 + 9 * kHourUs};
        RolloverOptions options;
        options.dir = dir;
        options.keepDays = 7;
        options.clock = [&now] { return now.load(); };
        // A tiny size limit: twelve small scratch days (days 0-199), so the day limit binds there, while only
        // a few of the larger days (200-399) fit, so the size limit binds then.
        const qint64 smallDay = smallDayBytes(tmp.filePath(QStringLiteral("scratch.plcap")));
        QVERIFY(smallDay > 0);
        options.keepBytes = 12 * smallDay;
        auto opened = CaptureWriter::openRolling(options, {{QStringLiteral("host"), QStringLiteral("rollover-test")}});
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
        std::unique_ptr<CaptureWriter> writer = std::move(*opened);
        QCOMPARE(QFileInfo(writer->path()).fileName(), QStringLiteral("pathlens-2026-01-01.plcap"));
        QSignalSpy rolled(writer.get(), &CaptureWriter::rolledOver);

        std::map<QString, std::vector<qint64>> rowsPerFile; // each file's rows, read just before it closes
        qint64 nextRow = 0;
        qint64 maxKept = 0;
        const QString filler(400, QLatin1Char('x'));
        for (int day = 0; day < 400; ++day) {
            const TimestampUs dayStart = kDay0 + day * kRolloverDayUs;
            const bool large = day >= 200;
            const int rowsToday = large ? 600 : 40;
            // Rows through the day, some in batches of three (never split), the last just before midnight.
            for (int i = 0; i < rowsToday; i += 3) {
                now = dayStart + kHourUs / 2 + (i * (23 * kHourUs)) / rowsToday;
                std::vector<Row> batch;
                for (int k = 0; k < 3; ++k, ++nextRow)
                    batch.push_back(eventRow(now.load(), QStringLiteral("test"), QStringLiteral("note"),
                                             QStringLiteral("row %1 %2").arg(nextRow).arg(large ? filler : QString())));
                writer->enqueue(std::move(batch));
            }
            now = dayStart + kRolloverDayUs - 100'000; // 23:59:59.9: enqueued before midnight …
            writer->enqueue(eventRow(now.load(), QStringLiteral("test"), QStringLiteral("note"), QStringLiteral("row %1 late").arg(nextRow++)));
            QVERIFY(writer->flush());
            rowsPerFile[writer->path()] = rowNumbers(writer->path());
            // … and at 00:00:00.2 the next commit opens the next day's file.
            now = dayStart + kRolloverDayUs + 200'000;
            const QString before = writer->path();
            writer->enqueue(eventRow(now.load(), QStringLiteral("test"), QStringLiteral("note"), QStringLiteral("row %1 midnight").arg(nextRow++)));
            QVERIFY(writer->flush());
            const QString current = writer->path();
            QVERIFY2(current != before, "no rollover at midnight");
            QCOMPARE(QFileInfo(current).fileName(), rolledCaptureName(dayStart + kRolloverDayUs, kRolloverDayUs));
            QVERIFY2(QFileInfo::exists(current), "the capture being written was deleted");
            QVERIFY(QFileInfo::exists(junk) && QFileInfo::exists(gui) && QFileInfo::exists(notes));

            const DirState state = rolledIn(dir);
            QVERIFY2(state.rolled.size() <= options.keepDays, qPrintable(QStringLiteral("day %1: %2 captures kept").arg(day).arg(state.rolled.size())));
            QVERIFY(state.rolled.contains(current));
            QVERIFY2(state.bytes <= options.keepBytes, qPrintable(QStringLiteral("day %1: %2 bytes kept, limit %3")
                                                                    .arg(day).arg(state.bytes).arg(options.keepBytes)));
            if (day >= options.keepDays && day < 200)
                QCOMPARE(state.rolled.size(), options.keepDays); // the day limit is what removes files
            if (day >= 210)
                QVERIFY(state.rolled.size() < options.keepDays); // the size limit is
            maxKept = std::max(maxKept, state.bytes);
        }
        QVERIFY(writer->flush());
        rowsPerFile[writer->path()] = rowNumbers(writer->path());
        QCOMPARE(rolled.count(), 400);
        // At start too: lower limits hold as soon as a writer opens the folder again.
        writer.reset();
        options.keepDays = 2;
        now = now.load() + kHourUs;
        auto reopened = CaptureWriter::openRolling(options, {});
        QVERIFY(reopened);
        QCOMPARE(rolledIn(dir).rolled.size(), 2);
        writer = std::move(*reopened);
        for (const QList<QVariant> &args : rolled)
            QVERIFY2(!args.at(2).toStringList().contains(args.at(1).toString()), "retention deleted the file just opened");
        writer.reset();
        qInfo("400 days: %lld rows, %lld rollovers, at most %lld bytes kept (limit %lld)", nextRow, qint64(rolled.count()), maxKept,
              options.keepBytes);

        // Every row in exactly one file.
        std::set<qint64> seen;
        qint64 total = 0;
        for (const auto &[file, rows] : rowsPerFile) {
            total += qint64(rows.size());
            for (qint64 r : rows)
                QVERIFY2(seen.insert(r).second, qPrintable(QStringLiteral("row %1 is in two files").arg(r)));
        }
        QCOMPARE(total, nextRow);
        QCOMPARE(qint64(seen.size()), nextRow);
        // The files still there hold what they held when they closed, and each was closed cleanly.
        for (const QString &file : rolledIn(dir).rolled) {
            QCOMPARE(rowNumbers(file), rowsPerFile.at(file));
            auto store = CaptureStore::open(file, CaptureStore::Mode::ReadOnly);
            QVERIFY(store && (*store)->meta(QStringLiteral("ended_utc")));
            // Started and ended by the writer's clock: the day the file is named for.
            const auto started = parseUtc(*(*store)->meta(QStringLiteral("started_utc")));
            QVERIFY(started && rolloverPeriodStart(*started, kRolloverDayUs) == *rolledCaptureStart(QFileInfo(file).fileName()));
        }
    }
};

QTEST_GUILESS_MAIN(TestCaptureRollover)
#include "tst_capture_rollover.moc"
