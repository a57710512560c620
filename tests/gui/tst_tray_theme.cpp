// SPDX-License-Identifier: GPL-3.0-or-later
// The tray's logic (grade colour, tooltip, notify once per drop, menu) without a system tray, and
// the light/dark palette that follows the desktop (issue 17 item 2).
#include "core/pipeline/capture_snapshot.h"
#include "views/common/chart_palette.h"
#include "views/common/grade_style.h"
#include "views/shell/main_window.h"
#include "views/shell/preferences_dialog.h"
#include "views/shell/theme.h"
#include "views/shell/tray_controller.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QImage>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QValueAxis>

using namespace pathlens;
using views::TrayController;

namespace {

core::CaptureSnapshot snapshot(core::Grade grade, bool live = true)
{
    core::CaptureSnapshot s;
    s.live = live;
    s.passive.verdict.grade = grade;
    s.passive.verdict.headline = QStringLiteral("Headline for %1").arg(core::gradeName(grade));
    return s;
}

QPalette paletteWith(QColor window, QColor text)
{
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    return p;
}

} // namespace

class TestTrayTheme : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        qunsetenv("PATHLENS_COLOR_SCHEME");
    }

    void colourAndTooltipFollowTheGrade()
    {
        TrayController tray;
        QCOMPARE(tray.color(), views::gradeColor(core::Grade::Ungraded));
        for (core::Grade g : {core::Grade::Excellent, core::Grade::Good, core::Grade::Fair, core::Grade::Poor}) {
            tray.showSnapshot(snapshot(g));
            QCOMPARE(tray.grade(), g);
            QCOMPARE(tray.color(), views::gradeColor(g));
            QVERIFY2(tray.toolTip().contains(QStringLiteral("Headline for ") + core::gradeName(g)), qPrintable(tray.toolTip()));
        }
        // The icon's lens is filled in the grade colour: its centre pixel is that colour.
        const QImage poor = TrayController::iconFor(core::Grade::Poor).pixmap(64, 64).toImage();
        const QImage good = TrayController::iconFor(core::Grade::Excellent).pixmap(64, 64).toImage();
        const QPoint lens(35, 38); // (70, 76) of the 128-unit drawing
        QCOMPARE(QColor(poor.pixel(lens)).name(), views::gradeColor(core::Grade::Poor).name());
        QCOMPARE(QColor(good.pixel(lens)).name(), views::gradeColor(core::Grade::Excellent).name());
    }

    void notifiesOncePerDropToFairOrPoor()
    {
        TrayController tray;
        QSignalSpy notes(&tray, &TrayController::notificationRequested);
        tray.showSnapshot(snapshot(core::Grade::Poor)); // the first grade is a baseline, not a drop
        QCOMPARE(notes.count(), 0);
        tray.showSnapshot(snapshot(core::Grade::Good));
        QCOMPARE(notes.count(), 0);               // better: no news
        tray.showSnapshot(snapshot(core::Grade::Fair));
        QCOMPARE(notes.count(), 1);               // dropped to Fair
        QVERIFY(notes.last().at(0).toString().contains(QStringLiteral("Fair")));
        tray.showSnapshot(snapshot(core::Grade::Fair));
        tray.showSnapshot(snapshot(core::Grade::Fair));
        QCOMPARE(notes.count(), 1);               // still Fair: once per drop
        tray.showSnapshot(snapshot(core::Grade::Ungraded));
        tray.showSnapshot(snapshot(core::Grade::Fair));
        QCOMPARE(notes.count(), 1);               // an idle spell is not a drop
        tray.showSnapshot(snapshot(core::Grade::Poor));
        QCOMPARE(notes.count(), 2);               // Fair to Poor is another drop
        tray.showSnapshot(snapshot(core::Grade::Excellent));
        tray.showSnapshot(snapshot(core::Grade::Good));
        QCOMPARE(notes.count(), 2);               // Excellent to Good stays quiet
    }

    void savedCaptureNeverNotifies()
    {
        TrayController tray;
        QSignalSpy notes(&tray, &TrayController::notificationRequested);
        tray.showSnapshot(snapshot(core::Grade::Excellent, false));
        tray.showSnapshot(snapshot(core::Grade::Poor, false));
        QCOMPARE(notes.count(), 0);
        QCOMPARE(tray.grade(), core::Grade::Poor);
    }

    void menuActionsCallThrough()
    {
        TrayController tray;
        const QList<QAction *> items = tray.menu()->actions();
        for (QAction *a : {tray.openAction(), tray.pauseAction(), tray.testNowAction(), tray.quitAction()})
            QVERIFY(items.contains(a));
        QSignalSpy open(&tray, &TrayController::openRequested), quit(&tray, &TrayController::quitRequested),
            pause(&tray, &TrayController::pauseRequested);
        tray.openAction()->trigger();
        tray.quitAction()->trigger();
        QCOMPARE(open.count(), 1);
        QCOMPARE(quit.count(), 1);
        QCOMPARE(tray.pauseAction()->text(), QStringLiteral("Pause measuring"));
        tray.pauseAction()->trigger();
        QCOMPARE(pause.count(), 1);
        QCOMPARE(pause.last().at(0).toBool(), true);
        tray.setPaused(true); // the host stopped the collectors
        QCOMPARE(tray.pauseAction()->text(), QStringLiteral("Resume measuring"));
        QVERIFY(tray.toolTip().contains(QStringLiteral("paused")));
        tray.pauseAction()->trigger();
        QCOMPARE(pause.last().at(0).toBool(), false);

        // Run a throughput test now is the window's action: same enabled state, triggers it.
        QAction windowAction;
        windowAction.setEnabled(false);
        QSignalSpy ran(&windowAction, &QAction::triggered);
        tray.setTestNowAction(&windowAction);
        QVERIFY(!tray.testNowAction()->isEnabled());
        windowAction.setEnabled(true);
        QVERIFY(tray.testNowAction()->isEnabled());
        tray.testNowAction()->trigger();
        QCOMPARE(ran.count(), 1);
    }

    void closeQuitsUnlessChosen()
    {
        QVERIFY(!TrayController::keepRunningSetting()); // default: closing quits
        views::PreferencesDialog dialog(core::GradingPolicy{});
        auto *keep = dialog.findChild<QCheckBox *>(QStringLiteral("keepRunningInTray"));
        QVERIFY(keep && !keep->isChecked());
        keep->setChecked(true);
        QVERIFY(dialog.keepRunningInTray());
        auto *scheme = dialog.findChild<QComboBox *>(QStringLiteral("colorScheme"));
        QVERIFY(scheme);
        QCOMPARE(views::SchemeChoice(scheme->currentData().toInt()), views::SchemeChoice::System);

        // No tray offscreen: the window closes (the app would quit) even with the preference on.
        TrayController::setKeepRunningSetting(true);
        views::MainWindow::Options o;
        o.interactive = false;
        views::MainWindow window(o);
        TrayController tray;
        QVERIFY(!tray.showInTray());
        window.setTray(&tray);
        window.show();
        QVERIFY(window.close());
        TrayController::setKeepRunningSetting(false);
    }

    void darkPaletteDetected()
    {
        QCOMPARE(views::schemeOf(views::darkPalette()), views::ColorScheme::Dark);
        QCOMPARE(views::schemeOf(views::lightPalette()), views::ColorScheme::Light);
        QCOMPARE(views::schemeOf(paletteWith(QColor(0x30, 0x30, 0x30), QColor(0xee, 0xee, 0xee))), views::ColorScheme::Dark);
        QCOMPARE(views::schemeOf(paletteWith(QColor(0xef, 0xf0, 0xf1), QColor(0x23, 0x26, 0x29))), views::ColorScheme::Light);
    }

    void chartsFollowThePalette()
    {
        // Qt Charts' own theme is light whatever the window: a dark window needs its colours set.
        QChartView view;
        auto *axis = new QValueAxis;
        view.chart()->addAxis(axis, Qt::AlignLeft);
        views::followPalette(&view);
        const QPalette dark = views::darkPalette();
        view.setPalette(dark); // a PaletteChange, as when the desktop turns dark
        QCOMPARE(view.chart()->backgroundBrush().color(), dark.color(QPalette::Base));
        QCOMPARE(axis->labelsColor(), dark.color(QPalette::Text));
        QCOMPARE(view.chart()->legend()->labelColor(), dark.color(QPalette::Text));
    }

    void readsThePlatformPaletteUnderOurs()
    {
        // The default source sees the desktop's palette (offscreen: light) even when the app palette
        // was set dark before: a theme switch must not read back our own colours.
        auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
        QApplication::setPalette(views::darkPalette());
        QCOMPARE(views::schemeOf(QApplication::palette()), views::ColorScheme::Dark);
        auto *theme = new views::DesktopTheme(*app);
        QCOMPARE(theme->scheme(), views::ColorScheme::Light);
        QCOMPARE(views::schemeOf(QApplication::palette()), views::ColorScheme::Light);
        theme->setChoice(views::SchemeChoice::Dark);
        QCOMPARE(views::schemeOf(QApplication::palette()), views::ColorScheme::Dark);
        theme->setChoice(views::SchemeChoice::System); // back to the desktop's
        QCOMPARE(views::schemeOf(QApplication::palette()), views::ColorScheme::Light);
        delete theme;
    }

    void themeFollowsTheDesktop()
    {
        auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
        QPalette desktop = views::lightPalette();
        auto *theme = new views::DesktopTheme(*app, [&desktop] { return desktop; });
        QSignalSpy changed(theme, &views::DesktopTheme::schemeChanged);
        QCOMPARE(theme->scheme(), views::ColorScheme::Light);
        QCOMPARE(views::schemeOf(QApplication::palette()), views::ColorScheme::Light);

        // The desktop turns dark: Qt sends ThemeChange; the app follows.
        desktop = paletteWith(QColor(0x2a, 0x2a, 0x2e), QColor(0xf0, 0xf0, 0xf0));
        QWidget w;
        QCoreApplication::sendEvent(&w, new QEvent(QEvent::ThemeChange));
        QTRY_COMPARE(theme->scheme(), views::ColorScheme::Dark);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(0x2a, 0x2a, 0x2e)); // the desktop's own dark colours

        // The user's choice wins over the desktop: Light on a dark desktop is our light palette.
        theme->setChoice(views::SchemeChoice::Light);
        QCOMPARE(theme->scheme(), views::ColorScheme::Light);
        QCOMPARE(views::schemeOf(QApplication::palette()), views::ColorScheme::Light);
        // Dark chosen on a light desktop: our dark palette.
        desktop = views::lightPalette();
        theme->setChoice(views::SchemeChoice::Dark);
        QCOMPARE(QApplication::palette().color(QPalette::Window), views::darkPalette().color(QPalette::Window));
        delete theme;
    }
};

QTEST_MAIN(TestTrayTheme)
#include "tst_tray_theme.moc"
