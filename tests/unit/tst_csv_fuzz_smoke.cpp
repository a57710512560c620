// SPDX-License-Identifier: GPL-3.0-or-later
// Deterministic mutation fuzzing of the CSV importer inside the normal suite (the libFuzzer target
// in tests/fuzz goes further): no crash, and every record is accounted for.
#include "core/interchange/csv_interchange.h"

#include <QBuffer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens::core;

class TestCsvFuzzSmoke : public QObject {
    Q_OBJECT
private slots:
    void mutatedInputsNeverCrashOrLoseCount_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("our vocabulary") << QStringLiteral("roundtrip.csv");
        QTest::newRow("the seed tool's vocabulary") << QStringLiteral("seed_vocabulary.csv");
    }

    void mutatedInputsNeverCrashOrLoseCount()
    {
        QFETCH(QString, fixture);
        QFile f(QStringLiteral(PATHLENS_TEST_DATA_DIR "/") + fixture);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray seed = f.readAll();
        QTemporaryDir dir;
        auto store = CaptureStore::open(dir.filePath("fuzz.plcap"), CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        QRandomGenerator rng(20261122); // fixed seed: failures reproduce
        const char alphabet[] = ",\"\n\r;=\\x0-.:Tz \xe2\x86\x92";
        int accepted = 0;
        for (int round = 0; round < 1500; ++round) {
            QByteArray input = seed;
            const int edits = 1 + int(rng.bounded(8));
            for (int e = 0; e < edits && !input.isEmpty(); ++e) {
                const int pos = int(rng.bounded(input.size()));
                switch (rng.bounded(3)) {
                case 0: input[pos] = alphabet[rng.bounded(int(sizeof alphabet - 1))]; break;
                case 1: input.remove(pos, 1 + int(rng.bounded(5))); break;
                default: input.insert(pos, alphabet[rng.bounded(int(sizeof alphabet - 1))]); break;
                }
            }
            QBuffer buffer(&input);
            QVERIFY(buffer.open(QIODevice::ReadOnly));
            auto report = importCsv(buffer, **store);
            if (!report)
                continue; // header destroyed: a clean input error is the right answer
            ++accepted;
            QCOMPARE(report->records, report->rowsImported + report->rowsSkipped + report->metaImported);
            QVERIFY(report->rowsSkipped == 0 || !report->issues.empty());
            qint64 tallied = 0;
            for (const auto &[type, tally] : report->perType)
                tallied += tally.imported + tally.skipped;
            QCOMPARE(tallied, report->records); // every record counted under exactly one type
        }
        QVERIFY(accepted > 500); // most mutations leave the header intact and exercise the rows
        QCOMPARE((*store)->integrityCheck(), QString("ok"));
    }
};

QTEST_GUILESS_MAIN(TestCsvFuzzSmoke)
#include "tst_csv_fuzz_smoke.moc"
