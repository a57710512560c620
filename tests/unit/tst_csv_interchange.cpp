// SPDX-License-Identifier: GPL-3.0-or-later
// CSV ⇄ capture: byte-exact round trip, store round trip, malformed rows reported by line.
#include "tests/common/csv_round_trip.h"
#include "tests/common/scratch_captures.h"
#include "core/interchange/capture_files.h"
#include "core/interchange/csv_interchange.h"
#include "core/interchange/csv_layout.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens::core;
using namespace pathlens::test;

class TestCsvInterchange : public QObject {
    Q_OBJECT
private:
    pathlens::test::ScratchCaptures m_captures;

    std::unique_ptr<CaptureStore> freshStore() { return m_captures.fresh(); }
    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
    }
    static QStringList filesIn(const QTemporaryDir &dir)
    {
        return QDir(dir.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    }
    static QList<QVariantList> allRows(CaptureStore &store)
    {
        QList<QVariantList> rows;
        for (Table t : kAllTables)
            (void)store.forEach(t, [&](const Row &r) { rows << (QVariantList{int(t)} + r.values); return true; });
        return rows;
    }

private slots:
    void csvToCaptureToCsvIsByteExact()
    {
        const QByteArray original = testData("roundtrip.csv");
        auto store = freshStore();
        auto report = importBytes(original, *store);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().toString()));
        QCOMPARE(report->rowsSkipped, 0);
        QCOMPARE(report->metaImported, 4);
        QCOMPARE(report->rowsImported, 16);
        const QByteArray exported = exportBytes(*store);
        if (exported != original) {
            const auto a = original.split('\n'), b = exported.split('\n');
            for (int i = 0; i < std::min(a.size(), b.size()); ++i)
                if (a[i] != b[i])
                    qWarning("line %d differs:\n  in : %s\n  out: %s", i + 1, a[i].constData(), b[i].constData());
        }
        QCOMPARE(exported, original);
    }

    void captureToCsvToCaptureKeepsEveryValue()
    {
        auto first = freshStore();
        QVERIFY(importBytes(testData("roundtrip.csv"), *first));
        auto second = freshStore();
        auto report = importBytes(exportBytes(*first), *second);
        QVERIFY(report);
        QCOMPARE(report->rowsSkipped, 0);
        QCOMPARE(allRows(*second), allRows(*first));
        QCOMPARE(second->allMeta().value("host"), QString("lab-host, rack 3"));
    }

    void valuesLandInTheirColumns()
    {
        auto store = freshStore();
        QVERIFY(importBytes(testData("roundtrip.csv"), *store));
        QString via, message;
        (void)store->forEach(Table::ProbeSamples, [&](const Row &r) {
            if (r.get("probe") == "http_head")
                via = r.get("notes").toString();
            return true;
        });
        QVERIFY(via.contains("via=\"1.1 cache, edge\""));
        (void)store->forEach(Table::Events, [&](const Row &r) { message = r.get("message").toString(); return false; });
        QCOMPARE(message, QString("hop 3: 10.0.0.3 → 10.0.0.9; was \"stable\"\nsecond line"));
        int hopsOfTrace1 = 0;
        (void)store->forEach(Table::TraceHops, [&](const Row &r) { hopsOfTrace1 += r.get("trace_id").toLongLong() == 1; return true; });
        QCOMPARE(hopsOfTrace1, 3);
        QVariant lostRtt;
        (void)store->forEach(Table::ProbeSamples, [&](const Row &r) {
            if (r.get("lost").toInt() == 1)
                lostRtt = r.get("rtt_ms");
            return true;
        });
        QVERIFY(lostRtt.isNull()); // an empty field is NULL, not zero
    }

    void importIntoNonEmptyCaptureRemapsParentIds()
    {
        auto store = freshStore();
        QVERIFY(importBytes(testData("roundtrip.csv"), *store));
        auto again = importBytes(testData("roundtrip.csv"), *store); // trace id 1 is taken now
        QVERIFY(again);
        QCOMPARE(*store->count(Table::Traces), 2);
        QCOMPARE(store->db().scalar("SELECT COUNT(*) FROM trace_hops WHERE trace_id = 2")->toInt(), 3);
        QCOMPARE(store->db().scalar("SELECT COUNT(*) FROM tcp_readings WHERE session_id = 2")->toInt(), 1);
    }

    void malformedRowsAreReportedWithLinesAndSkipped()
    {
        auto store = freshStore();
        auto report = importBytes(testData("malformed.csv"), *store);
        QVERIFY(report);
        QCOMPARE(report->records, 12);
        QCOMPARE(report->rowsImported, 2);
        QCOMPARE(report->rowsSkipped, 10);
        QCOMPARE(report->records, report->rowsImported + report->rowsSkipped + report->metaImported);
        QMap<qint64, QString> byLine;
        for (const CsvIssue &i : report->issues)
            byLine.insert(i.line, i.message);
        QCOMPARE(byLine.keys(), (QList<qint64>{3, 4, 5, 6, 7, 8, 9, 10, 11, 14}));
        QVERIFY(byLine[3].contains("expected 11 fields, found 10"));
        QVERIFY(byLine[4].contains("timestamp 'yesterday'"));
        QVERIFY(byLine[5].contains("unknown measurement_type 'smoke_signal'"));
        QVERIFY(byLine[6].contains("rtt_ms: 'fast' is not a number"));
        QVERIFY(byLine[7].contains("true/false"));
        QVERIFY(byLine[8].contains("stray quote"));
        QVERIFY(byLine[9].contains("traces id 99"));
        QVERIFY(byLine[10].contains("rtt_ms is not used by measurement_type event"));
        QVERIFY(byLine[11].contains("not key=value"));
        QVERIFY(byLine[14].contains("unterminated"));
        QVERIFY(report->summary().contains("10 skipped"));
        QCOMPARE(*store->count(Table::ProbeSamples), 2);
    }

    void missingHeaderIsAnInputError()
    {
        auto store = freshStore();
        auto report = importBytes("2026-11-22T10:00:00.100Z,icmp,192.0.2.1,12.5,false,1,,,,,\n", *store);
        QVERIFY(!report);
        QCOMPARE(report.error().code, ErrorCode::InvalidInput);
        QVERIFY(report.error().remedy.contains("timestamp_utc,measurement_type"));
        QVERIFY(!importBytes("", *store));
    }

    // The GUI's import into a capture of its own: when it fails, the capture it created goes, -wal and
    // -shm included; a capture that was there before stays with what it had.
    void failedImportLeavesNoCaptureBehind()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString header = csvHeader().join(',') + '\n';
        const QString nothingUsable = dir.filePath("nothing.csv");
        writeFile(nothingUsable, header.toUtf8() + "2026-11-22T15:00:00.000Z,loss_burst,192.0.2.8,,false,,,,,5,\n"
                                                   "2026-11-22T15:00:01.000Z,pong,192.0.2.8,20,false,5,,,,,\n");
        const QString headerless = dir.filePath("headerless.csv");
        writeFile(headerless, "2026-11-22T10:00:00.100Z,icmp,192.0.2.1,12.5,false,1,,,,,\n");
        const QString good = dir.filePath("good.csv");
        writeFile(good, header.toUtf8() + "2026-11-22T10:00:00.100Z,icmp,192.0.2.1,12.5,false,1,,,,,\n");
        const QStringList csvs = {"good.csv", "headerless.csv", "nothing.csv"};

        const auto nothing = importCsvToCapture(nothingUsable, dir.filePath("a.plcap"));
        QVERIFY(!nothing);
        QCOMPARE(nothing.error().code, ErrorCode::InvalidInput);
        QVERIFY2(nothing.error().message.contains("no row of"), qPrintable(nothing.error().message));
        QCOMPARE(filesIn(dir), csvs);
        const auto refused = importCsvToCapture(headerless, dir.filePath("b.plcap"));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains("not the Pathlens CSV header"), qPrintable(refused.error().message));
        QCOMPARE(filesIn(dir), csvs);

        const QString kept = dir.filePath("kept.plcap");
        const auto imported = importCsvToCapture(good, kept);
        QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().toString()));
        QVERIFY(imported->contains("1 rows imported"));
        QVERIFY(QFile::exists(kept));
        QVERIFY(!importCsvToCapture(nothingUsable, kept));
        QVERIFY(QFile::exists(kept));
        auto store = CaptureStore::open(kept, CaptureStore::Mode::ReadOnly);
        QVERIFY(store);
        QCOMPARE(*(*store)->count(Table::ProbeSamples), 1);
    }

    void removeCaptureTakesItsSidecarFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const char *name : {"x.plcap", "x.plcap-wal", "x.plcap-shm", "y.plcap"})
            writeFile(dir.filePath(name), "not a database");
        QVERIFY(removeCapture(dir.filePath("x.plcap")));
        QCOMPARE(filesIn(dir), QStringList{"y.plcap"});
        QVERIFY(removeCapture(dir.filePath("absent.plcap"))); // nothing to remove is not an error
        QCOMPARE(filesIn(dir), QStringList{"y.plcap"});
    }

    void headerToleratesSpacesAfterCommas()
    {
        auto store = freshStore();
        const QByteArray csv = "timestamp_utc, measurement_type, target, rtt_ms, loss_bool, seq, hop_count, throughput_mbps, "
                               "dns_ms, burst_size, notes\n2026-11-22T10:00:00.100Z,icmp,192.0.2.1,12.5,false,1,,,,,\n";
        auto report = importBytes(csv, *store);
        QVERIFY(report);
        QCOMPARE(report->rowsImported, 1);
    }
};

QTEST_GUILESS_MAIN(TestCsvInterchange)
#include "tst_csv_interchange.moc"
