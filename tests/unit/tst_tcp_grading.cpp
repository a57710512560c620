// SPDX-License-Identifier: GPL-3.0-or-later
// Grade table boundaries, session tracking from readings, and the app/device/timeline roll-ups.
#include "core/store/capture_store.h"
#include "core/passive/tcp_rollups.h"
#include "core/report/capture_summary.h"
#include "collectors/tcp/tcp_session_tracker.h"
#include "core/store/tcp_session_rows.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens::core;
using pathlens::collect::TcpSessionTracker;

namespace {

constexpr qint64 kSec = 1'000'000;
constexpr TimestampUs kUtc0 = 1'795'341'600'000'000; // 2026-11-21T..:00:00Z, a 5-minute boundary

TcpSocketReading reading(quint64 cookie, qint64 monoUs, quint32 rttUs, quint32 segs, quint32 retrans,
                         const QString &app = "curl", const QString &remote = "198.51.100.7:443")
{
    TcpSocketReading r;
    r.cookie = cookie;
    r.inode = cookie + 1000;
    r.localAddr = "192.0.2.10:40000";
    r.remoteAddr = remote;
    r.state = 1;
    r.monoUs = monoUs;
    r.utcUs = kUtc0 + monoUs;
    r.attribution = Attribution::Process;
    r.pid = 4242;
    r.exeName = app;
    r.exePath = "/usr/bin/" + app;
    r.rttUs = rttUs;
    r.minRttUs = rttUs / 2;
    r.segsOut = segs;
    r.totalRetrans = retrans;
    r.bytesAcked = quint64(segs) * 1000;
    r.bytesReceived = quint64(segs) * 10000;
    return r;
}

TcpSession session(qint64 id, const QString &app, double rttMs, quint32 segs, quint32 retrans, double startS, double durS)
{
    TcpSession s;
    s.id = id;
    s.app = app;
    s.medianRttMs = rttMs;
    s.segsOut = segs;
    s.retransSegs = retrans;
    s.firstMonoUs = qint64(startS * kSec);
    s.lastMonoUs = qint64((startS + durS) * kSec);
    s.firstUtcUs = kUtc0 + s.firstMonoUs;
    s.lastUtcUs = kUtc0 + s.lastMonoUs;
    s.readings = 2;
    s.closed = true;
    return s;
}

} // namespace

class TestTcpGrading : public QObject {
    Q_OBJECT
private slots:
    void gradeBoundariesAreStrict_data()
    {
        QTest::addColumn<double>("rtt");
        QTest::addColumn<double>("retrans");
        QTest::addColumn<int>("grade");
        QTest::newRow("fast clean") << 49.9 << 0.49 << int(Grade::Excellent);
        QTest::newRow("exactly 50 ms") << 50.0 << 0.0 << int(Grade::Good);
        QTest::newRow("exactly 0.5 %") << 10.0 << 0.5 << int(Grade::Good);
        QTest::newRow("exactly 100 ms") << 100.0 << 0.0 << int(Grade::Fair);
        QTest::newRow("exactly 1 %") << 10.0 << 1.0 << int(Grade::Fair);
        QTest::newRow("exactly 200 ms") << 200.0 << 0.0 << int(Grade::Poor);
        QTest::newRow("exactly 3 % is Poor") << 10.0 << 3.0 << int(Grade::Poor);
        QTest::newRow("worst of two") << 20.0 << 2.0 << int(Grade::Fair);
        QTest::newRow("worst of two, rtt") << 150.0 << 0.0 << int(Grade::Fair);
    }
    void gradeBoundariesAreStrict()
    {
        QFETCH(double, rtt);
        QFETCH(double, retrans);
        QFETCH(int, grade);
        QCOMPARE(int(GradeTable().grade(rtt, retrans)), grade);
    }

    void gradeTableIsRecalibratable()
    {
        const GradeTable strict({{Grade::Excellent, 10, 0.1}, {Grade::Good, 20, 0.2}, {Grade::Fair, 30, 0.3}});
        QCOMPARE(strict.grade(25, 0), Grade::Fair);
        QCOMPARE(GradeTable().grade(25, 0), Grade::Excellent);
    }

    void trackerFollowsASessionToItsClose()
    {
        qint64 nextId = 100;
        TcpSessionTracker tracker({}, [&] { return nextId++; });
        auto rows = tracker.applyPoll({reading(1, 0, 30000, 100, 0)}, 0);
        QVERIFY(std::any_of(rows.begin(), rows.end(), [](const Row &r) { return r.table == Table::TcpSessions; }));
        tracker.applyPoll({reading(1, 1 * kSec, 40000, 200, 1)}, 1 * kSec);
        tracker.applyPoll({reading(1, 2 * kSec, 50000, 400, 2)}, 2 * kSec);
        rows = tracker.applyPoll({}, 3 * kSec); // gone: closed at last sight
        const auto sessions = tracker.sessions();
        QCOMPARE(sessions.size(), size_t(1));
        const TcpSession &s = sessions.front();
        QCOMPARE(s.id, 100);
        QVERIFY(s.closed);
        QCOMPARE(s.durationS(), 2.0);
        QCOMPARE(s.medianRttMs, 40.0);
        QCOMPARE(s.retransPct(), 0.5);
        QCOMPARE(s.grade, Grade::Good); // 40 ms is Excellent, 0.5 % retransmits is Good: worst wins
        QCOMPARE(s.bytesDown, quint64(4000000));
        QCOMPARE(s.queueMs(), 40.0 - 25.0);
        QCOMPARE(rows.back().get("grade").toString(), QString("Good"));
        QCOMPARE(rows.back().get("closed").toInt(), 1);
    }

    void shortSessionsAreNeverGraded()
    {
        TcpSessionTracker tracker({}, {});
        // 0.1 s session known only from its destroy event, with an exact start.
        TcpSocketReading quick = reading(7, 5 * kSec, 20000, 10, 0);
        quick.startMonoUs = 5 * kSec - 100000;
        quick.final = true;
        tracker.applyFinal({quick});
        // 0.7 s session between two polls: exact start, final counters from the destroy event.
        TcpSocketReading medium = reading(8, 7 * kSec, 20000, 10, 0);
        medium.startMonoUs = 7 * kSec - 700000;
        medium.final = true;
        tracker.applyFinal({medium});
        QMap<quint64, TcpSession> byCookie;
        for (const auto &s : tracker.sessions())
            byCookie.insert(s.cookie, s);
        QCOMPARE(byCookie[7].grade, Grade::Ungraded);
        QVERIFY(qAbs(byCookie[7].durationS() - 0.1) < 1e-9);
        QCOMPARE(byCookie[8].grade, Grade::Excellent);
        QVERIFY(byCookie[8].startExact);
    }

    void lateDestroyEventMergesIntoTheClosedSession()
    {
        qint64 nextId = 1;
        TcpSessionTracker tracker({}, [&] { return nextId++; });
        tracker.applyPoll({reading(5, 0, 30000, 100, 0)}, 0);
        tracker.applyPoll({reading(5, 1 * kSec, 30000, 200, 0)}, 1 * kSec);
        tracker.applyPoll({}, 2 * kSec); // gone from the dump before its destroy event was read
        TcpSocketReading fin = reading(5, 1'500'000, 30000, 260, 9);
        fin.final = true;
        const auto rows = tracker.applyFinal({fin});
        QCOMPARE(tracker.sessions().size(), size_t(1)); // merged, not a second session
        const TcpSession s = tracker.sessions().front();
        QCOMPARE(s.id, 1);
        QCOMPARE(s.segsOut, quint32(260));
        QCOMPARE(s.retransSegs, quint32(9));
        QCOMPARE(s.grade, Grade::Poor); // 9/260 = 3.5 % retransmits
        QCOMPARE(rows.size(), size_t(1));
        QCOMPARE(rows.front().values.at(0).toLongLong(), 1); // the same row, rewritten
        // Outside the window a final for an unknown cookie is a new (short) session.
        tracker.applyPoll({}, 20 * kSec);
        TcpSocketReading other = reading(5, 21 * kSec, 30000, 10, 0);
        other.final = true;
        tracker.applyFinal({other});
        QCOMPARE(tracker.sessions().size(), size_t(2));
    }

    void rowBudgetSpreadsAHugeFirstPoll()
    {
        TcpSessionTracker::Options options;
        options.rowBudgetPerPoll = 1000;
        qint64 nextId = 1;
        TcpSessionTracker tracker(options, [&] { return nextId++; });
        TcpSnapshot many;
        for (quint64 c = 1; c <= 5000; ++c)
            many.push_back(reading(c, 0, 20000, 10, 0));
        QSet<qint64> written;
        for (int poll = 0; poll < 12; ++poll) {
            for (auto &r : many) {
                r.monoUs = poll * kSec;
                r.utcUs = kUtc0 + r.monoUs;
                r.segsOut = 10 + poll;
            }
            const auto rows = tracker.applyPoll(many, poll * kSec);
            QVERIFY(rows.size() <= 1000);
            for (const Row &row : rows)
                if (row.table == Table::TcpSessions)
                    written.insert(row.values.at(0).toLongLong());
        }
        QCOMPARE(written.size(), 5000); // every open session got its row within a few polls
    }

    void loopbackIsLeftOutByDefault()
    {
        TcpSessionTracker tracker({}, {});
        tracker.applyPoll({reading(1, 0, 100, 1, 0, "redis", "127.0.0.1:6379"), reading(2, 0, 100, 1, 0, "x", "[::1]:80")}, 0);
        QVERIFY(tracker.sessions().empty());
        TcpSessionTracker::Options withLoopback;
        withLoopback.includeLoopback = true;
        TcpSessionTracker all(withLoopback, {});
        all.applyPoll({reading(1, 0, 100, 1, 0, "redis", "127.0.0.1:6379")}, 0);
        QCOMPARE(all.sessions().size(), size_t(1));
    }

    void loopbackFromRawEndpointsWithoutText()
    {
        // The live poll leaves the text empty for known sockets: the raw flag decides.
        TcpSocketReading r = reading(1, 0, 100, 1, 0);
        r.localAddr.clear();
        r.remoteAddr.clear();
        r.haveRaw = true;
        r.loopback = true;
        TcpSessionTracker tracker({}, {});
        tracker.applyPoll({r}, 0);
        QVERIFY(tracker.sessions().empty());
        r.loopback = false;
        r.remoteAddr = "127.0.0.1:80"; // raw endpoints win over (stale) text
        tracker.applyPoll({r}, kSec);
        QCOMPARE(tracker.sessions().size(), size_t(1));
    }

    void medianIsExactAndSurvivesDecimation()
    {
        TcpSessionTracker::Options options;
        options.maxRttSamples = 8;
        TcpSessionTracker tracker(options, {});
        // Nine readings arriving out of order: 1..9 ms, median 5 ms. Above the cap of 8 every
        // other sample in rank order goes, which keeps the median (arrival-order decimation
        // would keep 9,1,3,6,4 ms: median 4).
        const quint32 ms[] = {9, 8, 1, 2, 3, 7, 6, 5, 4};
        for (int i = 0; i < 9; ++i) {
            tracker.applyPoll({reading(1, i * kSec, ms[i] * 1000, 10, 0)}, i * kSec);
            if (i == 3)
                QCOMPARE(tracker.sessions().front().medianRttMs, 5.0); // {1,2,8,9}: mean of the middle two
        }
        QCOMPARE(tracker.sessions().front().medianRttMs, 5.0);
        tracker.applyPoll({reading(1, 9 * kSec, 10000, 10, 0)}, 9 * kSec); // kept 1,3,5,7,9 + 10
        QCOMPARE(tracker.sessions().front().medianRttMs, 6.0);
        QCOMPARE(tracker.sessions().front().readings, 10);
    }

    void readingsAreThrottledAndAttributionOnlyImproves()
    {
        TcpSessionTracker tracker({}, {});
        TcpSocketReading r = reading(3, 0, 1000, 10, 0);
        r.attribution = Attribution::OtherUser;
        r.exeName.clear();
        int readingRows = 0;
        for (int i = 0; i < 12; ++i) {
            TcpSocketReading ri = reading(3, i * kSec, 1000, 10 + i, 0);
            if (i < 3)
                ri.attribution = Attribution::OtherUser;
            for (const Row &row : tracker.applyPoll({i == 0 ? r : ri}, i * kSec))
                readingRows += row.table == Table::TcpReadings;
        }
        QCOMPARE(readingRows, 3); // at 0, 5 and 10 s: one per 5 s while counters move
        QCOMPARE(tracker.sessions().front().app, QString("curl"));
    }

    void appsRollUpWorstFirstWithMinimumSessions()
    {
        std::vector<TcpSession> s{
            session(1, "zoom", 250, 100, 0, 0, 10), session(2, "zoom", 260, 100, 0, 20, 10), session(3, "zoom", 240, 100, 0, 40, 10),
            session(4, "firefox", 20, 1000, 1, 0, 5), session(5, "firefox", 30, 1000, 1, 10, 5), session(6, "firefox", 40, 1000, 1, 20, 5),
            session(7, "ssh", 500, 10, 5, 0, 10), session(8, "ssh", 500, 10, 5, 0, 0.3), // one qualifying session only
        };
        const auto apps = rollUpApps(s);
        QCOMPARE(apps.size(), size_t(3));
        QCOMPARE(apps[0].name, QString("zoom"));
        QCOMPARE(apps[0].grade, Grade::Poor);
        QCOMPARE(apps[0].medianRttMs, 250.0);
        QCOMPARE(apps[1].name, QString("firefox"));
        QCOMPARE(apps[1].grade, Grade::Excellent);
        QCOMPARE(apps[1].retransPct, 0.1);
        QCOMPARE(apps[2].name, QString("ssh"));
        QCOMPARE(apps[2].grade, Grade::Ungraded); // 1 qualifying session < 3
        QCOMPARE(apps[2].gradedSessions, 1);
    }

    void deviceVerdictAndLastHiccup()
    {
        std::vector<TcpSession> s{session(1, "firefox", 20, 1000, 0, 0, 5), session(2, "firefox", 30, 1000, 0, 10, 5),
                                  session(3, "zoom", 150, 1000, 0, 20, 5), session(4, "curl", 25, 1000, 0, 30, 5),
                                  session(5, "curl", 5, 1000, 0, 40, 0.2)};
        const DeviceVerdict v = deviceVerdict(s);
        QCOMPARE(v.sessions, 5);
        QCOMPARE(v.gradedSessions, 4);
        QCOMPARE(v.grade, Grade::Excellent); // median of 20, 25, 30, 150 = 27.5 ms
        QCOMPARE(v.headline, QString("This device is performing well"));
        QVERIFY2(v.evidence.startsWith("75% of sessions clean · median 28 ms"), qPrintable(v.evidence));
        QVERIFY(v.lastHiccup);
        QCOMPARE(v.lastHiccup->app, QString("zoom"));
        QVERIFY(v.lastHiccupText.contains("zoom"));
        QCOMPARE(deviceVerdict({}).grade, Grade::Ungraded);
    }

    void timelineHas288BucketsWorstGradeAndIdle()
    {
        // Sessions in the last hour; the timeline ends at kUtc0 + 3600 s.
        std::vector<TcpSession> s{session(1, "firefox", 20, 1000, 0, 60, 30), session(2, "zoom", 250, 1000, 0, 90, 5),
                                  session(3, "curl", 20, 1000, 0, 1200, 700)};
        const TimestampUs end = kUtc0 + 3600 * kSec;
        const auto buckets = timeline24h(s, end);
        QCOMPARE(buckets.size(), size_t(288));
        QCOMPARE(buckets.back().startUtcUs, end); // end is on a boundary: its bucket is the last
        QCOMPARE((buckets[1].startUtcUs - buckets[0].startUtcUs), kTimelineBucketUs);
        const int first = 288 - 1 - 12; // the bucket starting at kUtc0
        QCOMPARE(buckets[size_t(first)].startUtcUs, kUtc0);
        QCOMPARE(buckets[size_t(first)].grade, Grade::Poor); // zoom's 250 ms wins over firefox
        QCOMPARE(buckets[size_t(first)].worstApp, QString("zoom"));
        QCOMPARE(buckets[size_t(first + 4)].grade, Grade::Excellent); // curl: 1200–1900 s spans buckets 4..6
        QCOMPARE(buckets[size_t(first + 6)].grade, Grade::Excellent);
        QCOMPARE(buckets[size_t(first + 7)].grade, Grade::Ungraded);  // idle
        QCOMPARE(buckets[size_t(first - 1)].grade, Grade::Ungraded);
        const QJsonArray json = passiveReportJson(buildTcpPicture(s, end), {}).value("timeline").toArray();
        QCOMPARE(json.size(), 288);
        QCOMPARE(json.at(first).toString(), QString("Poor"));
        QCOMPARE(json.at(0).toString(), QString("idle"));
    }

    void sessionsSurviveTheCapture()
    {
        QTemporaryDir dir;
        auto store = CaptureStore::open(dir.filePath("t.plcap"), CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        std::vector<TcpSession> s{session(1, "zoom", 250, 100, 5, 0, 10), session(2, "zoom", 240, 100, 0, 20, 10),
                                  session(3, "zoom", 260, 100, 0, 40, 10), session(4, "curl", 20, 100, 0, 40, 0.3)};
        std::vector<Row> rows;
        for (TcpSession &x : s) {
            x.grade = GradeTable().grade(x.medianRttMs, x.retransPct());
            rows.push_back(sessionToRow(x));
        }
        QVERIFY((*store)->insertBatch(rows));
        auto loaded = loadTcpSessions(**store);
        QVERIFY(loaded);
        const TimestampUs end = kUtc0 + 60 * kSec;
        QCOMPARE(passiveReportJson(buildTcpPicture(*loaded, end), {}), passiveReportJson(buildTcpPicture(s, end), {})); // offline == live
    }
};

QTEST_GUILESS_MAIN(TestTcpGrading)
#include "tst_tcp_grading.moc"
