// SPDX-License-Identifier: GPL-3.0-or-later
// Unit tests of the capture file: schema, migrations, format checks, upsert, concurrent readers.
#include "core/store/capture_schema.h"
#include "core/store/capture_store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace pathlens::core;

class TestCaptureStore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    static Row probe(TimestampUs ts, double rtt)
    {
        Row row = Row::blank(Table::ProbeSamples);
        row.set("ts_us", ts);
        row.set("probe", QStringLiteral("icmp"));
        row.set("target", QStringLiteral("192.0.2.1"));
        row.set("rtt_ms", rtt);
        row.set("lost", 0);
        return row;
    }

private slots:
    void createsWalCaptureAtCurrentSchema()
    {
        auto store = CaptureStore::open(path("new.plcap"), CaptureStore::Mode::ReadWrite);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().toString()));
        QCOMPARE((*store)->schemaVersion(), kCaptureSchemaVersion);
        QCOMPARE((*store)->db().scalar("PRAGMA journal_mode")->toString(), QString("wal"));
        QCOMPARE(*(*store)->meta(meta::kFormat), QString(kCaptureFormatName));
        QCOMPARE((*store)->integrityCheck(), QString("ok"));
    }

    void ddlMatchesTableSpec()
    {
        auto store = CaptureStore::open(path("ddl.plcap"), CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        for (Table t : kAllTables) {
            const TableSpec &spec = tableSpec(t);
            auto stmt = (*store)->db().prepare(QStringLiteral("PRAGMA table_info(%1)").arg(spec.name));
            QVERIFY(stmt);
            size_t i = 0;
            for (auto row = stmt->step(); row && *row; row = stmt->step(), ++i) {
                QVERIFY2(i < spec.columns.size(), spec.name);
                QCOMPARE(stmt->column(1).toString(), QString(spec.columns[i].name));
                const QString type = stmt->column(2).toString();
                const QString expected = spec.columns[i].type == ColumnType::Integer ? "INTEGER"
                                         : spec.columns[i].type == ColumnType::Real  ? "REAL"
                                                                                     : "TEXT";
                QCOMPARE(type, expected);
            }
            QCOMPARE(i, spec.columns.size());
        }
    }

    void upsertsByIdAndCounts()
    {
        auto store = CaptureStore::open(path("upsert.plcap"), CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        Row row = probe(1000, 10.0);
        row.values[0] = qint64(7);
        QCOMPARE(*(*store)->insert(row), 7);
        row.set("rtt_ms", 11.0);
        QCOMPARE(*(*store)->insert(row), 7);
        QCOMPARE(*(*store)->insert(probe(2000, 12.0)), 8); // auto id continues after the highest
        QCOMPARE(*(*store)->count(Table::ProbeSamples), 2);
        double seen = 0;
        QVERIFY((*store)->forEach(Table::ProbeSamples, [&](const Row &r) { seen = r.get("rtt_ms").toDouble(); return false; }));
        QCOMPARE(seen, 11.0);
        QCOMPARE((*store)->timeSpan()->first, 1000);
        QCOMPARE((*store)->timeSpan()->second, 2000);
    }

    void migratesVersion1InPlaceAndInMemoryForReaders()
    {
        const QString file = path("v1.plcap");
        {
            auto db = SqliteDb::open(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            QVERIFY(db);
            QVERIFY(db->exec("PRAGMA journal_mode=WAL"));
            QVERIFY(migrateCapture(*db, 1));
            QVERIFY(db->exec("INSERT INTO meta VALUES('format','pathlens-capture')"));
            QVERIFY(db->exec("INSERT INTO events(ts_us, kind, message) VALUES(5, 'note', 'from v1')"));
            QCOMPARE(captureSchemaVersion(*db), 1);
        }
        {
            auto reader = CaptureStore::open(file, CaptureStore::Mode::ReadOnly);
            QVERIFY2(reader, qPrintable(reader ? QString() : reader.error().toString()));
            QCOMPARE((*reader)->schemaVersion(), kCaptureSchemaVersion); // upgraded copy in memory
            QCOMPARE(*(*reader)->count(Table::Events), 1);
        }
        {
            auto db = SqliteDb::open(file, SQLITE_OPEN_READONLY);
            QCOMPARE(captureSchemaVersion(*db), 1); // the reader never touched the file
        }
        auto writer = CaptureStore::open(file, CaptureStore::Mode::ReadWrite);
        QVERIFY(writer);
        QCOMPARE((*writer)->schemaVersion(), kCaptureSchemaVersion);
        QCOMPARE(*(*writer)->count(Table::Events), 1);
        QCOMPARE((*writer)->db().scalar("SELECT COUNT(*) FROM sqlite_master WHERE name='events_ts'")->toInt(), 1);
    }

    void refusesNewerSchemaWithClearMessage()
    {
        const QString file = path("future.plcap");
        {
            auto store = CaptureStore::open(file, CaptureStore::Mode::ReadWrite);
            QVERIFY(store);
            QVERIFY((*store)->db().exec("PRAGMA user_version = 99"));
        }
        for (auto mode : {CaptureStore::Mode::ReadOnly, CaptureStore::Mode::ReadWrite}) {
            auto store = CaptureStore::open(file, mode);
            QVERIFY(!store);
            QCOMPARE(store.error().code, ErrorCode::VersionTooNew);
            QVERIFY(store.error().message.contains("newer Pathlens"));
            QVERIFY(store.error().remedy.contains("update"));
        }
    }

    void refusesFilesThatAreNotCaptures()
    {
        const QString garbage = path("garbage.plcap");
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        for (auto mode : {CaptureStore::Mode::ReadOnly, CaptureStore::Mode::ReadWrite}) {
            auto store = CaptureStore::open(garbage, mode);
            QVERIFY(!store);
            QCOMPARE(store.error().code, ErrorCode::InvalidInput);
            QVERIFY(store.error().message.contains("not a Pathlens capture"));
        }
        QCOMPARE(QFile(garbage).size(), 4096); // untouched

        const QString other = path("other.sqlite");
        { auto db = SqliteDb::open(other, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE); QVERIFY(db->exec("CREATE TABLE t(x)")); }
        QVERIFY(!CaptureStore::open(other, CaptureStore::Mode::ReadWrite));

        auto missing = CaptureStore::open(path("missing.plcap"), CaptureStore::Mode::ReadOnly);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void readOnlyRefusesWrites()
    {
        const QString file = path("ro.plcap");
        { QVERIFY(CaptureStore::open(file, CaptureStore::Mode::ReadWrite)); }
        auto reader = CaptureStore::open(file, CaptureStore::Mode::ReadOnly);
        QVERIFY(reader);
        QVERIFY(!(*reader)->insert(probe(1, 1)));
    }

    void readerSeesCommittedRowsWhileWriterIsOpen()
    {
        const QString file = path("shared.plcap");
        auto writer = CaptureStore::open(file, CaptureStore::Mode::ReadWrite);
        QVERIFY(writer);
        QVERIFY((*writer)->insertBatch({probe(1, 1), probe(2, 2)}));
        auto reader = CaptureStore::open(file, CaptureStore::Mode::ReadOnly);
        QVERIFY(reader);
        QCOMPARE(*(*reader)->count(Table::ProbeSamples), 2);
        QVERIFY((*writer)->begin());
        QVERIFY((*writer)->insert(probe(3, 3)));
        QCOMPARE(*(*reader)->count(Table::ProbeSamples), 2); // uncommitted: invisible, and no blocking
        QVERIFY((*writer)->commit());
        QCOMPARE(*(*reader)->count(Table::ProbeSamples), 3);
    }

    void backupIsAStandaloneCapture()
    {
        const QString file = path("orig.plcap");
        auto store = CaptureStore::open(file, CaptureStore::Mode::ReadWrite);
        QVERIFY((*store)->insertBatch({probe(1, 1), probe(2, 2), probe(3, 3)}));
        QVERIFY((*store)->backupTo(path("copy.plcap")));
        auto copy = CaptureStore::open(path("copy.plcap"), CaptureStore::Mode::ReadOnly);
        QVERIFY(copy);
        QCOMPARE(*(*copy)->count(Table::ProbeSamples), 3);
    }
};

QTEST_GUILESS_MAIN(TestCaptureStore)
#include "tst_capture_store.moc"
