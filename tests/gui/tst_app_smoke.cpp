// SPDX-License-Identifier: GPL-3.0-or-later
// The real pathlens executable starts live on its defaults, records, and renders its window.
#include "core/store/capture_store.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestAppSmoke : public QObject {
    Q_OBJECT
private slots:
    void startsLiveAndDrawsItsWindow()
    {
        QTemporaryDir dir;
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.insert("PATHLENS_TARGETS", "loopback");
        env.insert("HOME", dir.path()); // fresh settings, logs under the temp dir
        env.insert("XDG_CONFIG_HOME", dir.filePath("config"));
        env.insert("XDG_STATE_HOME", dir.filePath("state"));
        app.setProcessEnvironment(env);
        const QString png = dir.filePath("shot.png");
        app.start(PATHLENS_BINARY_DIR "/app/gui/pathlens",
                  {"--capture-dir", dir.filePath("captures"), "--screenshot", png, "--screenshot-delay", "1500"});
        QVERIFY(app.waitForFinished(30000));
        QVERIFY2(app.exitStatus() == QProcess::NormalExit && app.exitCode() == 0, app.readAllStandardError().constData());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 900 && image.height() >= 560);
        // The live capture exists and holds the link monitor's first event.
        const QStringList captures = QDir(dir.filePath("captures")).entryList({"*.plcap"});
        QCOMPARE(captures.size(), 1);
        auto store = pathlens::core::CaptureStore::open(dir.filePath("captures/" + captures.first()),
                                                        pathlens::core::CaptureStore::Mode::ReadOnly);
        QVERIFY(store);
        QVERIFY(*(*store)->count(pathlens::core::Table::Events) >= 1);
        QVERIFY((*store)->meta("ended_utc")); // closed cleanly
        QVERIFY(QFile::exists(dir.filePath("state/pathlens/pathlens.log")));
    }

    void versionAndBadArguments()
    {
        QProcess p;
        p.start(PATHLENS_BINARY_DIR "/app/gui/pathlens", {"--version"});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().contains("pathlens 0."));
        p.start(PATHLENS_BINARY_DIR "/app/gui/pathlens", {"--no-such-option"});
        QVERIFY(p.waitForFinished(10000));
        QVERIFY(p.exitCode() != 0);
    }
};

QTEST_GUILESS_MAIN(TestAppSmoke)
#include "tst_app_smoke.moc"
