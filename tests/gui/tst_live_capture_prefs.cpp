// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences → Live captures (issue 17 item 6): the daily file and retention settings round-trip,
// and the app started with them writes a capture per day (one-second days,
// PATHLENS_TEST_ROLLOVER_SECONDS, tests only) and keeps no more than it was told.
#include "core/store/capture_rollover.h"
#include "core/store/capture_store.h"
#include "views/shell/preferences_dialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens;

class TestLiveCapturePrefs : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void dialogRoundTrip()
    {
        views::PreferencesDialog dialog(core::GradingPolicy{});
        auto *daily = dialog.findChild<QCheckBox *>(QStringLiteral("dailyCaptures"));
        auto *days = dialog.findChild<QSpinBox *>(QStringLiteral("keepDays"));
        auto *gb = dialog.findChild<QDoubleSpinBox *>(QStringLiteral("keepGb"));
        QVERIFY(daily && days && gb);
        QVERIFY(!daily->isChecked()); // default: a file per launch, nothing deleted
        QCOMPARE(days->value(), 30);
        QCOMPARE(gb->value(), 2.0);
        QVERIFY(!days->isEnabled() && !gb->isEnabled());
        daily->setChecked(true);
        QVERIFY(days->isEnabled() && gb->isEnabled());
        days->setValue(7);
        gb->setValue(0.5);
        const core::LiveCaptureSettings chosen = dialog.liveCaptures();
        QVERIFY(chosen.daily);
        chosen.save();
        const core::LiveCaptureSettings loaded = core::LiveCaptureSettings::load();
        QVERIFY(loaded.daily);
        QCOMPARE(loaded.keepDays, 7);
        QCOMPARE(loaded.keepGb, 0.5);
        QCOMPARE(core::liveCaptureRollover(loaded, QStringLiteral("/x")).keepBytes, qint64(500'000'000));
        views::PreferencesDialog again(core::GradingPolicy{}); // shows what was saved
        QVERIFY(again.findChild<QCheckBox *>(QStringLiteral("dailyCaptures"))->isChecked());
        QCOMPARE(again.findChild<QSpinBox *>(QStringLiteral("keepDays"))->value(), 7);
    }

    void appWritesDailyCaptures()
    {
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath("config/pathlens")));
        {
            QFile conf(dir.filePath("config/pathlens/pathlens.conf"));
            QVERIFY(conf.open(QIODevice::WriteOnly));
            conf.write("[captures]\ndaily=true\nkeepDays=2\nkeepGb=0\n");
        }
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("PATHLENS_TARGETS", "loopback");
        env.insert("HOME", dir.path());
        env.insert("XDG_CONFIG_HOME", dir.filePath("config"));
        env.insert("XDG_STATE_HOME", dir.filePath("state"));
        env.insert(QString::fromLatin1(core::kTestRolloverSecondsEnv), "1");
        app.setProcessEnvironment(env);
        const QString captures = dir.filePath("captures");
        app.start(PATHLENS_BINARY_DIR "/app/gui/pathlens",
                  {"--capture-dir", captures, "--dump-views", dir.filePath("views.json"), "--screenshot-delay", "4000"});
        QVERIFY(app.waitForFinished(60000));
        QVERIFY2(app.exitStatus() == QProcess::NormalExit && app.exitCode() == 0, app.readAllStandardError().constData());
        const QStringList files = QDir(captures).entryList({"*.plcap"}, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), "no capture written");
        for (const QString &f : files) {
            QVERIFY2(core::rolledCaptureStart(f), qPrintable(f + " is not a daily capture"));
            auto store = core::CaptureStore::open(QDir(captures).filePath(f), core::CaptureStore::Mode::ReadOnly);
            QVERIFY(store && (*store)->meta("ended_utc")); // every day closed cleanly
        }
        // Four one-second days ran; at most two are kept (the last one included).
        QVERIFY2(files.size() == 2, qPrintable(files.join(' ')));
    }
};

QTEST_MAIN(TestLiveCapturePrefs)
#include "tst_live_capture_prefs.moc"
