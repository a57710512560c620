// SPDX-License-Identifier: GPL-3.0-or-later
// Report page (issue 16) in the main window, offscreen: registered with its shortcut and export
// actions, the capture's verdict in the view once a snapshot is shown, Export HTML writing the
// file (and a clear error where it cannot), Export PDF writing a PDF, no reload while a PDF is
// being written, and the plain view as root without QTWEBENGINE_DISABLE_SANDBOX.
#include "core/interchange/csv_interchange.h"
#include "core/report/html_report.h"
#include "core/store/capture_store.h"
#include "gui_checks.h"
#include "views/report/report_page.h"
#include "views/report/report_view.h"
#include "views/shell/empty_state_page.h"
#include "views/shell/main_window.h"

#include <QAction>
#include <QLabel>
#include <QDir>
#include <QFile>
#include <QMenuBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>

#include <set>

#if defined(Q_OS_UNIX)
#include <unistd.h>
#endif

using namespace pathlens;

class TestReportPage : public QObject {
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

    // The window on the Report page with the fixture capture shown.
    bool openFixture(views::MainWindow &w)
    {
        w.resize(1366, 768 - 60);
        w.show();
        w.showPage(views::Page::Report);
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        w.openCapture(m_capture);
        return shown.wait(10000) && w.shownSnapshot();
    }

    // What the reader sees in the view (WebEngine answers asynchronously).
    static QString viewText(views::ReportView *view)
    {
        QString text;
        bool answered = false;
        view->plainText([&](const QString &t) {
            text = t;
            answered = true;
        });
        if (!QTest::qWaitFor([&] { return answered; }, 10000))
            qWarning("the report view did not answer with its text");
        return text;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_capture = m_dir.filePath("fixture.plcap");
        auto store = core::CaptureStore::open(m_capture, core::CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        QVERIFY(core::importCsvFile(PATHLENS_TEST_DATA_DIR "/tcp_sessions.csv", **store));
        QVERIFY(core::importCsvFile(PATHLENS_TEST_DATA_DIR "/probes.csv", **store));
    }

    void pageIsRegisteredWithItsShortcutsAndTooltips()
    {
        views::MainWindow w(quiet());
        QVERIFY(w.report());
        QCOMPARE(w.pageWidget(views::Page::Report), static_cast<QWidget *>(w.report()));
        QVERIFY(!w.report()->showsContent()); // the empty state until a capture holds measurements
        QVERIFY(w.report()->emptyState()->isVisibleTo(w.report()));
        // Every shortcut of the window is taken once; the exports have theirs and say what they do.
        std::set<QString> shortcuts;
        QStringList exports;
        for (QAction *a : w.menuBar()->findChildren<QAction *>()) {
            if (a->shortcut().isEmpty())
                continue;
            QVERIFY2(shortcuts.insert(a->shortcut().toString()).second, qPrintable(a->shortcut().toString()));
            if (a->text().contains("report"))
                exports << a->shortcut().toString() + " " + a->toolTip();
        }
        QCOMPARE(exports.size(), 2);
        QVERIFY2(exports.join('|').contains("Ctrl+P The capture's report as an A4 PDF"), qPrintable(exports.join('|')));
        QVERIFY2(exports.join('|').contains("Ctrl+Shift+E The capture's report as one"), qPrintable(exports.join('|')));
        QCOMPARE(views::pageShortcut(views::Page::Report), QKeySequence(Qt::CTRL | Qt::Key_0));
        for (const char *name : {"exportReportHtml", "exportReportPdf"}) {
            auto *button = w.report()->findChild<QPushButton *>(name);
            QVERIFY(button);
            QVERIFY(button->toolTip().size() > 20);
        }
    }

    void showsTheVerdictOfTheSnapshot()
    {
        views::MainWindow w(quiet());
        QVERIFY(openFixture(w));
        const QString headline = w.shownSnapshot()->passive.verdict.headline;
        QVERIFY(!headline.isEmpty());
        QVERIFY(w.report()->showsContent());
        QTRY_VERIFY_WITH_TIMEOUT(w.report()->shownHtml().contains(headline.toHtmlEscaped()), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!w.report()->view()->isLoading(), 20000);
        const QString text = viewText(w.report()->view());
        QVERIFY2(text.contains(headline), qPrintable(text.left(400)));
        if (!shotsDir().isEmpty()) {
            QTest::qWait(500); // WebEngine paints after it has loaded
            QVERIFY(w.grab().save(QDir(shotsDir()).filePath("report-1366x768.png")));
        }
    }

    void exportHtmlWritesTheReport()
    {
        views::MainWindow w(quiet());
        QVERIFY(openFixture(w));
        QSignalSpy done(w.report(), &views::ReportPage::exportFinished);
        const QString path = m_dir.filePath("report.html");
        QVERIFY(w.report()->exportHtml(path));
        QCOMPARE(done.size(), 1);
        QVERIFY(done.at(0).at(0).toBool());
        QVERIFY(done.at(0).at(1).toString().contains("report.html"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString written = QString::fromUtf8(file.readAll());
        QCOMPARE(written, core::renderReportHtml(*w.shownSnapshot())); // the latest snapshot's report, whole
        QVERIFY(written.contains(w.shownSnapshot()->passive.verdict.headline.toHtmlEscaped()));

        // Where it cannot be written, the message names the place.
        const QString nowhere = m_dir.filePath("missing-folder/report.html");
        QVERIFY(!w.report()->exportHtml(nowhere));
        QCOMPARE(done.size(), 2);
        QVERIFY(!done.at(1).at(0).toBool());
        QVERIFY2(done.at(1).at(1).toString().contains(QDir::toNativeSeparators(nowhere)), qPrintable(done.at(1).at(1).toString()));
    }

    void exportPdfWritesAPdfAndHoldsTheRefresh()
    {
        views::MainWindow w(quiet());
        QVERIFY(openFixture(w));
        QTRY_VERIFY_WITH_TIMEOUT(!w.report()->shownHtml().isEmpty(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!w.report()->view()->isLoading(), 20000);
        w.report()->setRefreshPacing(0, 0); // only the PDF may hold a refresh back here
        const QString before = w.report()->shownHtml();
        QSignalSpy done(w.report(), &views::ReportPage::exportFinished);
        QString shownWhenDone;
        connect(w.report(), &views::ReportPage::exportFinished, this, [&] { shownWhenDone = w.report()->shownHtml(); });
        const QString path = m_dir.filePath("report.pdf");
        w.report()->exportPdf(path);
        QVERIFY(w.report()->isExportingPdf());
        // A newer snapshot while the PDF is written does not reload the page under the printer …
        auto newer = std::make_shared<core::CaptureSnapshot>(*w.shownSnapshot());
        newer->sequence += 1;
        newer->passive.verdict.headline = QStringLiteral("A later verdict, shown after the PDF");
        w.report()->showSnapshot(newer);
        QVERIFY(done.wait(60000));
        QCOMPARE(shownWhenDone, before);
        QVERIFY2(done.at(0).at(0).toBool(), qPrintable(done.at(0).at(1).toString()));
        QFile pdf(path);
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QVERIFY(!QFile::exists(path + ".part"));
        QVERIFY(!w.report()->isExportingPdf());
        // … it comes once the PDF is done.
        QTRY_VERIFY_WITH_TIMEOUT(w.report()->shownHtml().contains("A later verdict, shown after the PDF"), 15000);
    }

    void aReaderScrollingHoldsTheRefresh()
    {
        views::MainWindow w(quiet());
        QVERIFY(openFixture(w));
        QTRY_VERIFY_WITH_TIMEOUT(!w.report()->shownHtml().isEmpty() && !w.report()->view()->isLoading(), 20000);
        w.report()->setRefreshPacing(0, 60000); // a minute of quiet after the reader's last input
        auto *surface = w.report()->view()->findChild<QWidget *>();
        QVERIFY(surface);
        if (QWidget *proxy = surface->focusProxy())
            surface = proxy;
        QWheelEvent wheel(QPointF(50, 50), surface->mapToGlobal(QPointF(50, 50)), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(surface, &wheel);
        auto newer = std::make_shared<core::CaptureSnapshot>(*w.shownSnapshot());
        newer->sequence += 1;
        newer->passive.verdict.headline = QStringLiteral("A later verdict, shown when the reader rests");
        w.report()->showSnapshot(newer);
        QTest::qWait(300); // time enough for a refresh that should not happen
        QVERIFY(!w.report()->shownHtml().contains("A later verdict"));
        w.report()->setRefreshPacing(0, 0); // the reader has rested
        QTRY_VERIFY_WITH_TIMEOUT(w.report()->shownHtml().contains("A later verdict, shown when the reader rests"), 10000);
    }

    void aReportLargerThanADataUrlStillShows()
    {
        // WebEngine refuses setHtml() past 2 MB (a week of traces can get there): such a page is
        // loaded from a file instead.
        views::ReportView view;
        view.resize(800, 600);
        view.show();
        QString html = QStringLiteral("<!DOCTYPE html><html><body><p>start of the report</p>");
        const QString row = QStringLiteral("<p>%1</p>\n").arg(QString(200, QLatin1Char('x')));
        while (html.size() < 2'500'000)
            html += row;
        html += QStringLiteral("<p>end of the report</p></body></html>");
        view.setHtml(html);
        QTRY_VERIFY_WITH_TIMEOUT(!view.isLoading(), 30000);
        const QString text = viewText(&view);
        QVERIFY(text.contains("start of the report"));
        QVERIFY(text.contains("end of the report"));
    }

    void rootWithoutTheSandboxSwitchGetsThePlainView()
    {
#if defined(Q_OS_UNIX)
        if (::geteuid() != 0)
            QSKIP("only root is refused WebEngine's sandbox");
#endif
        const QByteArray saved = qgetenv("QTWEBENGINE_DISABLE_SANDBOX");
        const bool wasSet = qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX");
        qunsetenv("QTWEBENGINE_DISABLE_SANDBOX");
        const auto restore = qScopeGuard([&] {
            if (wasSet)
                qputenv("QTWEBENGINE_DISABLE_SANDBOX", saved);
        });
        const QString reason = views::ReportView::plainViewReason();
        QVERIFY2(reason.contains("QTWEBENGINE_DISABLE_SANDBOX=1"), qPrintable(reason));
        views::MainWindow w(quiet());
        QVERIFY(openFixture(w));
        QTRY_VERIFY_WITH_TIMEOUT(!w.report()->shownHtml().isEmpty(), 10000);
        QVERIFY(!w.report()->view()->usesWebEngine()); // decided when the view was made, the switch unset
        const QString headline = w.shownSnapshot()->passive.verdict.headline;
        QVERIFY(viewText(w.report()->view()).contains(headline));
        auto *note = w.report()->findChild<QLabel *>("reportViewNote");
        QVERIFY(note && note->isVisible() && note->text() == reason);
        QSignalSpy done(w.report(), &views::ReportPage::exportFinished);
        w.report()->exportPdf(m_dir.filePath("plain.pdf")); // QTextDocument prints it
        QVERIFY(done.size() == 1 || done.wait(20000));
        QVERIFY2(done.at(0).at(0).toBool(), qPrintable(done.at(0).at(1).toString()));
        QFile pdf(m_dir.filePath("plain.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly) && pdf.read(5) == "%PDF-");
    }
};

QTEST_MAIN(TestReportPage)
#include "tst_report_page.moc"
