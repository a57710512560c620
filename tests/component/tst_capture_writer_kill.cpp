// SPDX-License-Identifier: GPL-3.0-or-later
// kill -9 of a capture writer loses at most the last second and never corrupts the file; a
// read-only reader follows the file while it is being written.
#include "core/store/capture_store.h"
#include "core/base/time_utc.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace pathlens::core;

class TestCaptureWriterKill : public QObject {
    Q_OBJECT
private slots:
    void killedWriterLosesAtMostOneSecond()
    {
        constexpr int kRate = 400; // rows/s: enough that a lost second is unmistakable
        QTemporaryDir dir;
        const QString file = dir.filePath("killed.plcap");
        QProcess child;
        child.start(QStringLiteral(PATHLENS_BINARY_DIR "/tests/component/capture_writer_child"), {file, QString::number(kRate)});
        QVERIFY(child.waitForStarted(5000));
        QVERIFY(child.waitForReadyRead(5000));
        QCOMPARE(child.readLine().trimmed(), QByteArray("ready"));

        // Follow the file read-only while the child writes: the count must grow.
        QThread::msleep(700);
        auto reader = CaptureStore::open(file, CaptureStore::Mode::ReadOnly);
        QVERIFY2(reader, qPrintable(reader ? QString() : reader.error().toString()));
        const qint64 early = *(*reader)->count(Table::ProbeSamples);
        QThread::msleep(1500);
        const qint64 later = *(*reader)->count(Table::ProbeSamples);
        QVERIFY2(later > early && early > 0, qPrintable(QStringLiteral("%1 then %2").arg(early).arg(later)));
        reader->reset();

        QThread::msleep(1300);
        const TimestampUs killedAt = nowUtcUs();
        child.kill(); // SIGKILL: no flush, no destructor
        QVERIFY(child.waitForFinished(5000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        auto store = CaptureStore::open(file, CaptureStore::Mode::ReadWrite); // recovers the WAL
        QVERIFY2(store, qPrintable(store ? QString() : store.error().toString()));
        QCOMPARE((*store)->integrityCheck(), QString("ok"));
        const qint64 rows = *(*store)->count(Table::ProbeSamples);
        const auto span = (*store)->timeSpan();
        QVERIFY(span);
        const double ranFor = double(killedAt - span->first) / 1e6;
        const double expected = kRate * ranFor;
        const double lostSeconds = (expected - double(rows)) / kRate;
        qInfo("ran %.2f s at %d rows/s: expected %.0f rows, found %lld, lost %.3f s; last row %.3f s before the kill",
              ranFor, kRate, expected, rows, lostSeconds, double(killedAt - span->second) / 1e6);
        QVERIFY2(lostSeconds <= 1.0, "more than the last second was lost");
        QVERIFY2(lostSeconds >= -0.05, "more rows than the rate allows: the count is wrong");
        QVERIFY(double(killedAt - span->second) / 1e6 <= 1.0);
        // No holes: sequence numbers are contiguous from 0.
        QCOMPARE((*store)->db().scalar("SELECT MAX(seq) - MIN(seq) + 1 FROM probe_samples")->toLongLong(), rows);
    }
};

QTEST_GUILESS_MAIN(TestCaptureWriterKill)
#include "tst_capture_writer_kill.moc"
