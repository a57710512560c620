// SPDX-License-Identifier: GPL-3.0-or-later
// Apps page, verdict card and timeline strip from a capture of graded TCP sessions.
#include "core/store/capture_store.h"
#include "core/interchange/csv_interchange.h"
#include "core/store/tcp_session_rows.h"
#include "views/passive/app_table_model.h"
#include "views/passive/apps_page.h"
#include "views/common/item_roles.h"
#include "views/shell/main_window.h"
#include "views/passive/overview_page.h"
#include "views/passive/session_table_model.h"
#include "views/passive/timeline_strip.h"
#include "views/passive/verdict_card.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens;

class TestTcpViews : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_capture;
    std::vector<core::TcpSession> m_sessions;

    static core::TcpSession session(qint64 id, const QString &app, double rtt, double startS)
    {
        core::TcpSession s;
        s.id = id;
        s.app = app;
        s.medianRttMs = rtt;
        s.segsOut = 1000;
        s.firstMonoUs = qint64(startS * 1e6);
        s.lastMonoUs = s.firstMonoUs + 5'000'000;
        s.firstUtcUs = 1'795'341'600'000'000 + s.firstMonoUs;
        s.lastUtcUs = 1'795'341'600'000'000 + s.lastMonoUs;
        s.readings = 3;
        return s;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_capture = m_dir.filePath("tcp.plcap");
        auto store = core::CaptureStore::open(m_capture, core::CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        auto report = core::importCsvFile(PATHLENS_TEST_DATA_DIR "/tcp_sessions.csv", **store);
        QVERIFY(report && report->rowsSkipped == 0);
        m_sessions = *core::loadTcpSessions(**store);
        QCOMPARE(m_sessions.size(), size_t(103));
    }

    void appModelPassesTheTesterThroughLiveUpdates()
    {
        views::AppTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<core::TcpSession> live;
        for (int i = 0; i < 12; ++i) {
            live.push_back(session(i, i % 3 == 0 ? "zoom" : i % 3 == 1 ? "firefox" : "ssh", i % 3 == 0 ? 250 : 20, i * 10));
            model.setRows(core::rollUpApps(live)); // grows, changes grades, never resets
        }
        QCOMPARE(model.rowCount(), 3);
        // Whatever order the rows arrived in, the model shows the roll-up's (worst first), by moves.
        const auto apps = core::rollUpApps(live);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.rowAt(row)->name, apps[size_t(row)].name);
        auto reversed = apps;
        std::reverse(reversed.begin(), reversed.end());
        model.setRows(reversed);
        QCOMPARE(model.rowAt(0)->name, reversed[0].name);
        QCOMPARE(model.rowAt(2)->name, reversed[2].name);
        live.erase(std::remove_if(live.begin(), live.end(), [](const auto &s) { return s.app == "ssh"; }), live.end());
        model.setRows(core::rollUpApps(live));
        QCOMPARE(model.rowCount(), 2);
        model.reset(core::rollUpApps(m_sessions));
        QCOMPARE(model.rowCount(), 6);
    }

    void sessionModelPassesTheTester()
    {
        views::SessionTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(m_sessions);
        auto changed = m_sessions;
        changed.erase(changed.begin() + 10, changed.begin() + 20);
        changed[0].medianRttMs += 1;
        model.setRows(changed);
        QCOMPARE(model.rowCount(), 93);
    }

    void appsPageSortsWorstFirstFiltersAndDrillsDown()
    {
        views::AppsPage page;
        page.showPicture(core::buildTcpPicture(m_sessions, m_sessions.back().lastUtcUs), true);
        QAbstractItemModel *view = page.appView()->model();
        QCOMPARE(view->rowCount(), 6);
        // Worst first: both Fair apps lead, Excellent ones follow.
        QCOMPARE(view->index(0, views::AppTableModel::Grade).data().toString(), QString("Fair"));
        QCOMPARE(view->index(1, views::AppTableModel::Grade).data().toString(), QString("Fair"));
        QCOMPARE(view->index(5, views::AppTableModel::Grade).data().toString(), QString("Excellent"));
        // Sorting by median RTT uses the raw number, not the text ("101 ms" < "25 ms" as text).
        page.appView()->sortByColumn(views::AppTableModel::MedianRtt, Qt::DescendingOrder);
        QCOMPARE(view->index(0, views::AppTableModel::App).data().toString(), QString("zoom"));
        QVERIFY(view->index(0, views::AppTableModel::MedianRtt).data(views::RawValueRole).toDouble() >
                view->index(1, views::AppTableModel::MedianRtt).data(views::RawValueRole).toDouble());
        page.filterBox()->setText("FIRE");
        QCOMPARE(view->rowCount(), 1);
        page.appView()->setCurrentIndex(view->index(0, 0));
        QCOMPARE(page.selectedApp(), QString("firefox"));
        QCOMPARE(page.sessionModel()->rowCount(), 20);
        // A live update keeps the selection and diffs the sessions.
        page.showPicture(core::buildTcpPicture(m_sessions, m_sessions.back().lastUtcUs), false);
        QCOMPARE(page.selectedApp(), QString("firefox"));
        QCOMPARE(page.sessionModel()->rowCount(), 20);
    }

    void overviewShowsVerdictAndTimelineFromTheCapture()
    {
        views::MainWindow::Options o;
        o.interactive = false;
        views::MainWindow w(o);
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        w.openCapture(m_capture);
        QVERIFY(shown.wait(5000));
        QVERIFY(w.overview()->showsVerdict());
        const views::VerdictCard *card = w.overview()->verdictCard();
        QCOMPARE(card->grade(), core::Grade::Excellent);
        QCOMPARE(card->headline(), QString("This device is performing well"));
        QVERIFY2(card->evidence().startsWith("72% of sessions clean · median 50 ms"), qPrintable(card->evidence()));
        QVERIFY(card->hiccup().contains("zoom"));
        QCOMPARE(w.overview()->timeline()->buckets().size(), size_t(288));
        QCOMPARE(w.apps()->appModel()->rowCount(), 6);
    }

    void timelineLayoutMaths()
    {
        const QRectF area = views::TimelineStrip::barArea(QSize(1000, 60));
        QCOMPARE(area.width(), 1000.0);
        QVERIFY(area.height() > 0 && area.bottom() <= 60);
        double covered = 0;
        for (int i = 0; i < 288; ++i) {
            const QRectF r = views::TimelineStrip::bucketRect(i, 288, area);
            covered += r.width();
            QCOMPARE(views::TimelineStrip::bucketAt(r.center().x(), 288, area), i); // hover finds its own bucket
        }
        QVERIFY(qAbs(covered - 1000.0) < 1e-6); // buckets tile the bar exactly
        QCOMPARE(views::TimelineStrip::bucketAt(-1, 288, area), -1);
        QCOMPARE(views::TimelineStrip::bucketAt(1000, 288, area), -1);
        core::TimelineBucket b;
        b.startUtcUs = 1'795'341'600'000'000;
        QVERIFY(views::TimelineStrip::bucketText(b).contains("idle"));
        b.grade = core::Grade::Poor;
        b.worstApp = "zoom";
        b.worstRttMs = 250;
        QVERIFY(views::TimelineStrip::bucketText(b).contains("Poor · worst: zoom, 250 ms"));
    }
};

QTEST_MAIN(TestTcpViews)
#include "tst_tcp_views.moc"
