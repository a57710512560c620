// SPDX-License-Identifier: GPL-3.0-or-later
// The main window offscreen: pages and empty states, offline review of a capture and a CSV,
// Save as / Export CSV, collector chips, kiosk mode, layouts at 1366×768 and 2560×1440.
#include "core/store/capture_store.h"
#include "core/interchange/csv_interchange.h"
#include "views/shell/collector_status_bar.h"
#include "core/pipeline/analysis_service.h"
#include "core/store/probe_rows.h"
#include "views/active/latency_page.h"
#include "views/shell/empty_state_page.h"
#include "views/shell/main_window.h"
#include "views/shell/methodology_dialog.h"
#include "views/passive/overview_page.h"
#include "views/shell/preferences_dialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QPushButton>

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens;

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_capture;

    static views::MainWindow::Options quiet()
    {
        views::MainWindow::Options o;
        o.interactive = false;
        o.versions = {{"Qt", qVersion()}};
        return o;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_capture = m_dir.filePath("fixture.plcap");
        auto store = core::CaptureStore::open(m_capture, core::CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        QVERIFY(core::importCsvFile(PATHLENS_TEST_DATA_DIR "/roundtrip.csv", **store));
    }

    void everyPageHasAnExplainedEmptyState()
    {
        views::MainWindow w(quiet());
        for (views::Page page : views::kAllPages) {
            // Every page starts on its empty state (data pages contain one until data arrives).
            QWidget *widget = w.pageWidget(page);
            auto *empty = qobject_cast<views::EmptyStatePage *>(widget);
            if (!empty)
                empty = widget->findChild<views::EmptyStatePage *>();
            QVERIFY2(empty, qPrintable(views::pageInfo(page).title));
            QVERIFY(empty == widget || empty->isVisibleTo(widget));
            QVERIFY(!empty->headline().isEmpty());
            QVERIFY(empty->explanation().size() > 40);
            w.showPage(page);
            QCOMPARE(w.currentPage(), page);
        }
    }

    void opensACaptureForOfflineReview()
    {
        views::MainWindow w(quiet());
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        w.openCapture(m_capture);
        QVERIFY(shown.wait(5000));
        QVERIFY(!w.isLive());
        const QString text = w.overview()->captureText();
        QVERIFY2(text.contains("Offline review of"), qPrintable(text));
        QVERIFY(text.contains("lab-host, rack 3"));
        QVERIFY(text.contains("16 rows"));
        QVERIFY(QSettings().value("recentCaptures").toStringList().contains(QFileInfo(m_capture).absoluteFilePath()));
    }

    void opensACsvByImportingIt()
    {
        views::MainWindow w(quiet());
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        w.openCapture(PATHLENS_TEST_DATA_DIR "/roundtrip.csv");
        QVERIFY(shown.wait(5000));
        QVERIFY(w.currentCapture().endsWith(".plcap"));
        QVERIFY(w.overview()->captureText().contains("16 rows"));
    }

    void badFileShowsAnErrorAndKeepsRunning()
    {
        views::MainWindow w(quiet());
        QSignalSpy failed(&w, &views::MainWindow::captureFailed);
        w.openCapture(m_dir.filePath("missing.plcap"));
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.at(0).at(1).toString().contains("does not exist"));
    }

    void saveAsAndExportCsvProduceFiles()
    {
        views::MainWindow w(quiet());
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        w.openCapture(m_capture);
        QVERIFY(shown.wait(5000));
        QSignalSpy done(&w, &views::MainWindow::jobFinished);
        w.saveCaptureAs(m_dir.filePath("copy.plcap"));
        QVERIFY(done.wait(5000));
        QVERIFY2(done.at(0).at(0).toBool(), qPrintable(done.at(0).at(1).toString()));
        auto copy = core::CaptureStore::open(m_dir.filePath("copy.plcap"), core::CaptureStore::Mode::ReadOnly);
        QVERIFY(copy);
        QCOMPARE(*(*copy)->count(core::Table::TraceHops), 3);

        w.exportCsv(m_dir.filePath("out.csv"));
        QVERIFY(done.wait(5000));
        QVERIFY(done.at(1).at(0).toBool());
        QFile exported(m_dir.filePath("out.csv")), original(PATHLENS_TEST_DATA_DIR "/roundtrip.csv");
        QVERIFY(exported.open(QIODevice::ReadOnly) && original.open(QIODevice::ReadOnly));
        QCOMPARE(exported.readAll(), original.readAll());
    }

    void collectorChipsFollowStatus()
    {
        views::MainWindow w(quiet());
        core::CollectorStatus s;
        s.name = "link";
        s.state = core::CollectorState::Running;
        w.setCollectorStatus(s);
        QVERIFY(w.collectorBar()->chipText("link").contains("running"));
        QVERIFY(w.collectorBar()->chipText("link").contains("Network interfaces")); // a name people read
        QVERIFY(!w.collectorBar()->chipText("link").contains("link:"));
        s.state = core::CollectorState::Restarting;
        s.message = "socket closed (retry in 2.0 s)";
        w.setCollectorStatus(s);
        QVERIFY(w.collectorBar()->chipText("link").contains("restarting"));
        QVERIFY(w.collectorBar()->findChild<QLabel *>("collector_link")->toolTip().contains("retry in 2.0 s"));
        // Idle: the chip says what the collector found, the tooltip why.
        core::CollectorStatus wifi;
        wifi.name = "wifi";
        wifi.state = core::CollectorState::Idle;
        wifi.note = "no Wi-Fi interface";
        wifi.message = "the kernel lists no wireless interface; looked for again every minute";
        w.setCollectorStatus(wifi);
        QVERIFY(w.collectorBar()->chipText("wifi").endsWith("Wi-Fi: no Wi-Fi interface"));
        QVERIFY(w.collectorBar()->findChild<QLabel *>("collector_wifi")->toolTip().contains(wifi.message));
        wifi.state = core::CollectorState::Running; // back: the note no longer applies
        w.setCollectorStatus(wifi);
        QVERIFY(w.collectorBar()->chipText("wifi").endsWith("Wi-Fi: running"));
    }

    // Back to live shows everything the live analysis has, at once: looking at a file in between
    // never costs the live view its history, and the file's snapshots stop applying.
    void backToLiveForgetsNothing()
    {
        QTemporaryDir dir;
        const QString other = dir.filePath("other.plcap");
        {
            auto store = core::CaptureStore::open(other, core::CaptureStore::Mode::ReadWrite);
            QVERIFY(store && core::importCsvFile(PATHLENS_TEST_DATA_DIR "/probes.csv", **store));
        }
        core::AnalysisService live(core::AnalysisService::Source::Live, dir.filePath("live.plcap"), {});
        auto batch = std::make_shared<core::CommittedBatch>();
        for (qint64 i = 0; i < 600; ++i) // two minutes at 5/s
            batch->rows.push_back(core::probeSampleToRow({1795341600000000 + i * 200000, "icmp", "192.0.2.7", i, 12.5, {}, {}}));
        live.submit(batch);
        views::MainWindow w(quiet());
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        w.attachLiveAnalysis(&live);
        QTRY_VERIFY_WITH_TIMEOUT(w.shownSnapshot() && w.shownSnapshot()->live, 5000);
        QCOMPARE(w.shownSnapshot()->probes.series.front().stats.sent, qint64(600));
        w.openCapture(other);
        QTRY_VERIFY_WITH_TIMEOUT(w.shownSnapshot() && !w.shownSnapshot()->live, 5000);
        live.submit(std::make_shared<core::CommittedBatch>(core::CommittedBatch{
            {core::probeSampleToRow({1795341800000000, "icmp", "192.0.2.7", 600, 13.0, {}, {}})}, {}}));
        QTest::qWait(400); // the live snapshot arrives while the file is shown: it must not apply
        QVERIFY(!w.shownSnapshot()->live);
        w.showLive(); // synchronous: no wait for a refresh
        QVERIFY(w.shownSnapshot()->live);
        QCOMPARE(w.shownSnapshot()->probes.series.front().stats.sent, qint64(601));
        QVERIFY(!w.latency()->dumpSeries().isEmpty());
    }

    void preferencesRefuseAnInconsistentPolicy()
    {
        views::PreferencesDialog dialog(core::GradingPolicy{});
        const auto spins = dialog.findChildren<QDoubleSpinBox *>();
        QCOMPARE(spins.size(), 8); // three grades × (RTT, retransmits), minimum session length, live captures' GB
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        auto *goodRtt = dialog.findChild<QDoubleSpinBox *>("rttGood");
        QVERIFY(goodRtt);
        goodRtt->setValue(40); // Good's RTT below Excellent's 50 ms
        QVERIFY(!ok->isEnabled());
        goodRtt->setValue(150);
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.policy().grades.rows()[1].rttBelowMs, 150.0);
        QCOMPARE(dialog.policy().grades.grade(120, 0), core::Grade::Good); // 120 ms is now Good, not Fair
    }

    void methodologyIsEmbedded()
    {
        QVERIFY(views::MethodologyDialog::markdown().contains("How Pathlens measures"));
    }

    void layoutsFitCommonScreens_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1366x768") << QSize(1366, 768);
        QTest::newRow("2560x1440") << QSize(2560, 1440);
    }
    void layoutsFitCommonScreens()
    {
        QFETCH(QSize, size);
        views::MainWindow w(quiet());
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        w.openCapture(m_capture);
        QVERIFY(shown.wait(5000));
        w.resize(size - QSize(0, 60)); // room for a taskbar and the title bar
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.width() <= size.width() && w.height() <= size.height());
        // Every empty-state text is fully visible: its label is as tall as its wrapped text needs.
        for (views::Page page : views::kAllPages) {
            w.showPage(page);
            QApplication::processEvents();
            for (QLabel *label : w.pageWidget(page)->findChildren<QLabel *>()) {
                if (!label->isVisible() || !label->wordWrap())
                    continue;
                QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                         qPrintable(QStringLiteral("%1 clipped at %2: %3").arg(label->text().left(40)).arg(label->height())
                                        .arg(label->heightForWidth(label->width()))));
            }
        }
        const QImage shot = w.grab().toImage();
        QCOMPARE(shot.size(), w.size() * shot.devicePixelRatio());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
