// SPDX-License-Identifier: GPL-3.0-or-later
// Related captures in the capture's metadata (no schema change: a key of the meta table), older
// captures linked and reopened, and what trim copies and leaves out.
#include "core/interchange/capture_management.h"
#include "core/interchange/related_captures.h"
#include "core/store/capture_schema.h"
#include "core/store/capture_store.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace pathlens::core;

class TestCaptureLinks : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    static Row event(TimestampUs ts, const QString &message)
    {
        return eventRow(ts, QStringLiteral("test"), QStringLiteral("note"), message);
    }
    // A capture as an older Pathlens wrote it: schema `version`, one event.
    void writeOldCapture(const QString &file, int version)
    {
        auto db = SqliteDb::open(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        QVERIFY(db);
        QVERIFY(db->exec("PRAGMA journal_mode=WAL"));
        QVERIFY(migrateCapture(*db, version));
        QVERIFY(db->exec("INSERT INTO meta VALUES('format','pathlens-capture')"));
        QVERIFY(db->exec("INSERT INTO meta VALUES('capture_id','old-one')"));
        QVERIFY(db->exec("INSERT INTO events(ts_us, kind, message) VALUES(1796119200000000, 'note', 'from an old version')"));
    }

private slots:
    void jsonRoundTripsAndToleratesJunk()
    {
        RelatedCapture r{"id-1", "../b.plcap", "/data/b.plcap", "2026-12-01T10:00:00.000Z", "2026-12-01T11:00:00.000Z"};
        const auto back = relatedCapturesFromJson(relatedCapturesToJson({r}));
        QCOMPARE(back.size(), size_t(1));
        QCOMPARE(back[0].captureId, r.captureId);
        QCOMPARE(back[0].path, r.path);
        QCOMPARE(back[0].absolutePath, r.absolutePath);
        QCOMPARE(back[0].endedUtc, r.endedUtc);
        QCOMPARE(relatedCaptureName(back[0]), QString("b.plcap"));
        QVERIFY(relatedCapturesFromJson(QString()).empty());
        QVERIFY(relatedCapturesFromJson("{not json").empty());
        QVERIFY(relatedCapturesFromJson("[{\"capture_id\":\"x\"}]").empty()); // no path: nothing to find
    }

    // The links live in meta (key related_captures): a capture from before links opens as before, an
    // older schema is upgraded by the ordinary migration when linked, and both sides read the link.
    void olderCapturesLinkAndStillOpen()
    {
        const QString old = path("v3.plcap"), current = path("current.plcap");
        writeOldCapture(old, 3);
        {
            auto store = CaptureStore::open(current, CaptureStore::Mode::ReadWrite);
            QVERIFY(store);
            QVERIFY((*store)->setMeta(meta::kCaptureId, "new-one"));
            QVERIFY((*store)->insert(event(1796122800000000, "now")));
        }
        auto before = listRelatedCaptures(old);
        QVERIFY2(before, qPrintable(before ? QString() : before.error().toString()));
        QVERIFY(before->empty());

        auto linked = linkCaptures({old, current});
        QVERIFY2(linked, qPrintable(linked ? QString() : linked.error().toString()));
        {
            auto reader = CaptureStore::open(old, CaptureStore::Mode::ReadOnly);
            QVERIFY2(reader, qPrintable(reader ? QString() : reader.error().toString()));
            QCOMPARE((*reader)->schemaVersion(), kCaptureSchemaVersion); // upgraded in place by the read-write open
            QCOMPARE(*(*reader)->count(Table::Events), 1);                // its rows kept
            QCOMPARE((*reader)->integrityCheck(), QString("ok"));
            const auto related = relatedCapturesFromJson(*(*reader)->meta(kRelatedCapturesMetaKey));
            QCOMPARE(related.size(), size_t(1));
            QCOMPARE(related[0].captureId, QString("new-one"));
            QCOMPARE(related[0].path, QString("current.plcap"));
            QCOMPARE(related[0].startedUtc, QString("2026-12-01T11:00:00.000Z")); // no started_utc: its first row
        }
        auto fromCurrent = listRelatedCaptures(current);
        QVERIFY(fromCurrent);
        QCOMPARE(fromCurrent->size(), size_t(1));
        QCOMPARE(fromCurrent->at(0).related.captureId, QString("old-one"));
        QVERIFY(fromCurrent->at(0).sameCapture);
        QCOMPARE(*fromCurrent->at(0).foundAt, QFileInfo(old).canonicalFilePath());
    }

    // Found again after moving both files into one other folder (relative path and absolute path gone).
    void foundBesideItsOwnerAfterAMove()
    {
        QVERIFY(QDir(m_dir.path()).mkpath("x/y"));
        RelatedCapture r{"id", "y/b.plcap", path("x/y/b.plcap"), {}, {}};
        QVERIFY(!resolveRelatedCapture(r, path("x/a.plcap")));
        QDir().mkpath(path("elsewhere"));
        QFile b(path("elsewhere/b.plcap"));
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.close();
        QCOMPARE(resolveRelatedCapture(r, path("elsewhere/a.plcap")).value_or(QString()), path("elsewhere/b.plcap"));
    }

    void trimKeepsIdsCopiesMetaAndDropsLinks()
    {
        const QString src = path("trim-src.plcap"), other = path("trim-other.plcap"), out = path("trim-out.plcap");
        {
            auto store = CaptureStore::open(src, CaptureStore::Mode::ReadWrite);
            QVERIFY(store);
            QVERIFY((*store)->setMeta(meta::kCaptureId, "src-id"));
            QVERIFY((*store)->setMeta(meta::kHost, "laptop"));
            QVERIFY((*store)->setMeta("grading_policy", "{\"min_app_sessions\":3}"));
            Row s = Row::blank(Table::TcpSessions);
            s.set("id", 7);
            s.set("ts_us", 100);
            s.set("last_us", 900); // overlaps [500, 1000)
            QVERIFY((*store)->insert(s));
            Row before = Row::blank(Table::TcpSessions);
            before.set("id", 8);
            before.set("ts_us", 100);
            before.set("last_us", 400); // ends before the window
            QVERIFY((*store)->insert(before));
            Row reading = Row::blank(Table::TcpReadings);
            reading.set("id", 3);
            reading.set("ts_us", 600);
            reading.set("session_id", 7);
            QVERIFY((*store)->insert(reading));
            QVERIFY((*store)->insert(event(999, "in")));
            QVERIFY((*store)->insert(event(1000, "at the end: out")));
        }
        { auto o = CaptureStore::open(other, CaptureStore::Mode::ReadWrite); QVERIFY(o); }
        QVERIFY(linkCaptures({src, other}));
        auto report = trimCapture(src, 500, 1000, out);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().toString()));
        QCOMPARE(report->rows, qint64(3));
        auto store = CaptureStore::open(out, CaptureStore::Mode::ReadOnly);
        QVERIFY(store);
        QVERIFY((*store)->hasId(Table::TcpSessions, 7));
        QVERIFY(!(*store)->hasId(Table::TcpSessions, 8));
        QVERIFY((*store)->hasId(Table::TcpReadings, 3));
        QCOMPARE(*(*store)->count(Table::Events), 1);
        QCOMPARE(*(*store)->meta(meta::kHost), QString("laptop"));
        QCOMPARE(*(*store)->meta("grading_policy"), QString("{\"min_app_sessions\":3}"));
        QVERIFY(*(*store)->meta(meta::kCaptureId) != QString("src-id"));
        QVERIFY(!(*store)->meta(kRelatedCapturesMetaKey)); // the new file is in nobody's list
        const QJsonObject origin = QJsonDocument::fromJson((*store)->meta("trimmed_from")->toUtf8()).object();
        QCOMPARE(origin.value("capture_id").toString(), QString("src-id"));
        QCOMPARE(origin.value("to_utc").toString(), formatUtcMs(1000));
        QCOMPARE(*(*store)->meta(meta::kStartedUtc), formatUtcMs(500));
        QCOMPARE((*store)->integrityCheck(), QString("ok"));
        QVERIFY(!QFile::exists(out + ".part"));
    }
};

QTEST_GUILESS_MAIN(TestCaptureLinks)
#include "tst_capture_links.moc"
