// SPDX-License-Identifier: GPL-3.0-or-later
// Component test: recorded and synthetic TCP dumps replayed through TcpCollector on its own thread
// under CollectorHost (no root, no network): sessions, grades, short-session rule, capture rows.
#include "collectors/host/collector_host.h"
#include "collectors/tcp/tcp_collector.h"
#include "collectors/tcp/tcp_recording.h"
#include "collectors/tcp/tcp_start_source.h"
#include "../unit/tcp_diag_builder.h"

#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens;
using namespace pathlens::test;

namespace {
struct Outcome {
    std::vector<core::TcpSession> sessions;
    std::vector<core::Row> rows;
    QString status;
    bool finished = false;
    QString failure;
};

// Runs one replay under a CollectorHost, as the app will (factory connects the signals).
Outcome replay(const QString &file, bool loopback, const QString &procRoot)
{
    Outcome out;
    QMutex mutex;
    QObject receiver; // lives on this (the test's main) thread: signals arrive queued
    collect::CollectorHost host([&](std::vector<core::Row> rows) {
        QMutexLocker lock(&mutex);
        out.rows.insert(out.rows.end(), rows.begin(), rows.end());
    });
    auto nextId = std::make_shared<std::atomic<qint64>>(0);
    host.add([&, nextId] {
        collect::TcpCollectorOptions o;
        o.replayFile = file;
        o.pollIntervalMs = 5; // virtual time: the recording's own timestamps are used
        o.includeLoopback = loopback;
        o.procRoot = procRoot;
        auto c = std::make_unique<collect::TcpCollector>(o, [nextId] { return ++*nextId; });
        QObject::connect(c.get(), &collect::TcpCollector::sessionsReady, &receiver,
                         [&](quint64, std::vector<core::TcpSession> s) { out.sessions = std::move(s); });
        QObject::connect(c.get(), &collect::TcpCollector::statusMessage, &receiver,
                         [&](quint64, const QString &t) { out.status = t; });
        QObject::connect(c.get(), &collect::TcpCollector::replayFinished, &receiver, [&](quint64) { out.finished = true; });
        QObject::connect(c.get(), &collect::TcpCollector::failed, &receiver,
                         [&](quint64, const core::Error &e) { out.failure = e.toString(); });
        return c;
    });
    host.startAll();
    for (int i = 0; i < 1000 && !out.finished && out.failure.isEmpty(); ++i) // ≤ 10 s
        QTest::qWait(10);
    host.stopAll();
    host.waitForStopped(); // stop() may still publish: let it finish before `out` is read
    QCoreApplication::processEvents();
    return out;
}

const core::TcpSession *find(const std::vector<core::TcpSession> &ss, const QString &local)
{
    for (const auto &s : ss)
        if (s.localAddr == local)
            return &s;
    return nullptr;
}
} // namespace

class TestTcpCollectorReplay : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void recordedLoopbackFixture()
    {
        // Recorded by pathlens-tcp-probe --loopback --no-exact: two 3 s sessions (v4, v6), a 0.7 s v6
        // session seen by polls, and two sessions seen only by their destroy events (0.1 s and 0.7 s),
        // all between python3 processes, each connection seen from both ends.
        const Outcome o = replay(PATHLENS_TEST_DATA_DIR "/tcp/loopback_mixed.tcprec", true, m_dir.path());
        QVERIFY2(o.failure.isEmpty(), qPrintable(o.failure));
        QVERIFY(o.finished);
        QCOMPARE(o.status, QString("TCP statistics from replay of %1; session start: as recorded; short connections: "
                                   "final counters from destroy events").arg(PATHLENS_TEST_DATA_DIR "/tcp/loopback_mixed.tcprec"));
        QCOMPARE(o.sessions.size(), size_t(10));
        int graded = 0, v6 = 0;
        for (const auto &s : o.sessions) {
            QVERIFY(s.closed);
            QVERIFY(s.localAddr.startsWith("127.0.0.1:") || s.localAddr.startsWith("[::1]:"));
            v6 += s.localAddr.startsWith('[');
            QCOMPARE(s.attribution, core::Attribution::Unknown); // recorded inodes mean nothing here
            QVERIFY(s.medianRttMs > 0 && s.medianRttMs < 5);
            QCOMPARE(s.retransSegs, 0u);
            if (s.grade != core::Grade::Ungraded) {
                ++graded;
                QCOMPARE(s.grade, core::Grade::Excellent);
                QVERIFY(s.durationS() >= 0.5);
            } else {
                QVERIFY(s.durationS() < 0.5);
            }
        }
        QCOMPARE(v6, 4);
        QCOMPARE(graded, 6); // long v4 + long v6 + the polled 0.7 s v6, both ends each
        int sessionRows = 0, events = 0;
        for (const auto &r : o.rows) {
            sessionRows += r.table == core::Table::TcpSessions;
            events += r.table == core::Table::Events;
        }
        QVERIFY(sessionRows >= 10);
        QCOMPARE(events, 1);

        const Outcome noLoopback = replay(PATHLENS_TEST_DATA_DIR "/tcp/loopback_mixed.tcprec", false, m_dir.path());
        QVERIFY(noLoopback.finished);
        QCOMPARE(noLoopback.sessions.size(), size_t(0)); // SPEC §1: loopback is left out by default
    }

    void exactStartsGradeShortSessionsCorrectly()
    {
        // Synthetic: two connections that live entirely between two 1 Hz polls; the start source
        // saw their SYN and close, the destroy events carry the final counters.
        const qint64 t0 = 5'000'000'000;
        DiagSpec a, b;
        a.src = b.src = v4(10, 0, 0, 1);
        a.dst = b.dst = v4(10, 0, 0, 2);
        a.sport = 40000;
        b.sport = 40001;
        a.cookie = 1;
        b.cookie = 2;
        a.inode = b.inode = 0; // orphaned when destroyed
        a.rttUs = 30000;
        a.totalRetrans = 1;
        a.segsOut = 200; // 0.5 % retransmits: Good (strict <0.5 % for Excellent)
        const QString path = m_dir.filePath("short.tcprec");
        collect::TcpRecordingWriter w;
        QVERIFY(w.open(path).ok());
        QVERIFY(w.append(collect::TcpRecord::Dump, {t0, 1'700'000'000'000'000, doneMsg() + doneMsg()}).ok());
        std::vector<collect::TcpLifecycle> life{{"10.0.0.1:40000", "10.0.0.2:443", t0 + 100'000, t0 + 800'000, 0},
                                                {"10.0.0.1:40001", "10.0.0.2:443", t0 + 200'000, t0 + 300'000, 0}};
        QVERIFY(w.append(collect::TcpRecord::Starts, {t0 + 950'000, 0, collect::encodeLifecycles(life)}).ok());
        QVERIFY(w.append(collect::TcpRecord::Destroy, {t0 + 900'000, 1'700'000'000'900'000, diagMsg(a) + diagMsg(b)}).ok());
        QVERIFY(w.append(collect::TcpRecord::Dump, {t0 + 1'000'000, 1'700'000'001'000'000, doneMsg() + doneMsg()}).ok());

        const Outcome o = replay(path, false, m_dir.path());
        QVERIFY2(o.failure.isEmpty(), qPrintable(o.failure));
        QCOMPARE(o.sessions.size(), size_t(2));
        const auto *longer = find(o.sessions, "10.0.0.1:40000");
        const auto *shorter = find(o.sessions, "10.0.0.1:40001");
        QVERIFY(longer && shorter);
        QVERIFY(longer->startExact && shorter->startExact);
        QCOMPARE(longer->durationS(), 0.7);  // exact start to exact close, not to when the event was read
        QCOMPARE(shorter->durationS(), 0.1);
        QCOMPARE(longer->grade, core::Grade::Good);
        QCOMPARE(shorter->grade, core::Grade::Ungraded); // SPEC §1: < 0.5 s never graded
        QCOMPARE(longer->medianRttMs, 30.0);
        QVERIFY(longer->closed);
    }

    void damagedRecordingFailsWithRemedy()
    {
        const QString path = m_dir.filePath("bad.tcprec");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("PLTCPREC\x01\x00\x00\x00Dxx");
        f.close();
        const Outcome o = replay(path, false, m_dir.path());
        QVERIFY(!o.failure.isEmpty());
        QVERIFY(o.failure.contains("record it again"));
    }
};

QTEST_GUILESS_MAIN(TestTcpCollectorReplay)
#include "tst_tcp_collector_replay.moc"
