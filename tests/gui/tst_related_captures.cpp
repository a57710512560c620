// SPDX-License-Identifier: GPL-3.0-or-later
// The Related captures banner offscreen: linked captures named with their times, Open on each, a
// missing file said as such, and Combined analysis replaying both hours into one picture.
#include "core/interchange/capture_management.h"
#include "core/pipeline/capture_snapshot.h"
#include "tests/common/two_environment_capture.h"
#include "views/shell/main_window.h"
#include "views/shell/related_captures_banner.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens;
using namespace two_env;

class TestRelatedCaptures : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_quiet, m_lossy, m_alone;

    static views::MainWindow::Options quiet()
    {
        views::MainWindow::Options o;
        o.interactive = false;
        return o;
    }
    static bool openAndWait(views::MainWindow &w, const QString &path)
    {
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        w.openCapture(path);
        return shown.wait(10000);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(QDir(m_dir.path()).mkpath("flight") && QDir(m_dir.path()).mkpath("landed"));
        m_quiet = m_dir.filePath("landed/quiet.plcap");
        m_lossy = m_dir.filePath("flight/lossy.plcap");
        m_alone = m_dir.filePath("alone.plcap");
        const QString gone = m_dir.filePath("flight/gone.plcap");
        QCOMPARE(writeCapture(m_quiet, {Hour::Quiet}), QString());
        QCOMPARE(writeCapture(m_lossy, {Hour::Lossy}), QString());
        QCOMPARE(writeCapture(gone, {Hour::Quiet}), QString());
        QCOMPARE(writeCapture(m_alone, {Hour::Quiet}), QString());
        auto linked = core::linkCaptures({m_quiet, m_lossy, gone});
        QVERIFY2(linked, qPrintable(linked ? QString() : linked.error().toString()));
        QVERIFY(QFile::remove(gone));
    }

    void hiddenForACaptureWithoutLinks()
    {
        views::MainWindow w(quiet());
        w.show();
        QVERIFY(openAndWait(w, m_alone));
        QVERIFY(!w.relatedBanner()->isVisible());
    }

    void namesEachRelatedCaptureWithItsTimes()
    {
        views::MainWindow w(quiet());
        w.resize(1366, 768);
        w.show();
        QVERIFY(openAndWait(w, m_quiet));
        views::RelatedCapturesBanner *banner = w.relatedBanner();
        QVERIFY(banner->isVisible());
        const QString text = banner->text();
        QVERIFY2(text.startsWith("Related captures: lossy.plcap 2026-12-01 11:00–12:00 UTC Open"), qPrintable(text));
        QVERIFY2(text.contains("gone.plcap 2026-12-01 10:00–11:00 UTC — file not found (looked for ../flight/gone.plcap next to this capture)"),
                 qPrintable(text));
        QVERIFY(banner->combinedButton()->isVisible() && banner->combinedButton()->isEnabled());
        QCOMPARE(banner->combinedPaths(), (QStringList{m_quiet, QFileInfo(m_lossy).canonicalFilePath()}));

        // Open: the related capture is shown, and its banner points back.
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        banner->openRelated(0);
        QVERIFY(shown.wait(10000));
        QCOMPARE(QFileInfo(w.currentCapture()).canonicalFilePath(), QFileInfo(m_lossy).canonicalFilePath());
        QVERIFY2(banner->text().contains("quiet.plcap") && banner->text().contains("Open"), qPrintable(banner->text()));
    }

    void combinedAnalysisMergesBothHours()
    {
        views::MainWindow w(quiet());
        w.show();
        QVERIFY(openAndWait(w, m_quiet));
        const core::SnapshotPtr single = w.shownSnapshot();
        QCOMPARE(single->capture.counts.at(core::Table::ProbeSamples), qint64(2 * kPingsPerHourPerTarget));

        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        QTest::mouseClick(w.relatedBanner()->combinedButton(), Qt::LeftButton);
        QVERIFY(shown.wait(10000));
        const core::SnapshotPtr combined = w.shownSnapshot();
        QVERIFY(combined && combined != single);
        // Both hours, on one time axis, earliest first.
        QCOMPARE(combined->capture.counts.at(core::Table::ProbeSamples), qint64(4 * kPingsPerHourPerTarget));
        QCOMPARE(combined->capture.counts.at(core::Table::TcpSessions), qint64(2 * (kSessionsPerHour + 1))); // one per file
        QCOMPARE(combined->capture.span->first, kStartUs);
        QVERIFY(combined->capture.span->second >= kEndUs - 60'000'000);
        QCOMPARE(combined->capture.meta.value("started_utc"), core::formatUtcMs(kStartUs));
        QStringList apps;
        for (const auto &a : combined->passive.apps)
            apps << a.name;
        QVERIFY2(apps.contains("browser") && apps.contains("videocall"), qPrintable(apps.join(',')));
        // One overall rating: the lossy hour's loss rates the whole, as the worst metric does.
        QVERIFY(combined->probes.overall && single->probes.overall);
        QVERIFY(*combined->probes.overall != *single->probes.overall);
        QVERIFY2(w.relatedBanner()->text().startsWith("Combined analysis of 2 captures"), qPrintable(w.relatedBanner()->text()));
        QVERIFY(!w.relatedBanner()->combinedButton()->isVisible());
        auto *source = w.findChild<QLabel *>("captureSource");
        QVERIFY(source && source->text().startsWith("Offline · combined analysis of 2 captures"));
    }
};

QTEST_MAIN(TestRelatedCaptures)
#include "tst_related_captures.moc"
