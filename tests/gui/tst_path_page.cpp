// SPDX-License-Identifier: GPL-3.0-or-later
// Path page from a capture: trace picker, header, route-change history, and the diagram with
// real font metrics (labels never overlap, rate limiting and deltas are written out).
#include "core/store/capture_store.h"
#include "core/interchange/csv_interchange.h"
#include "core/store/trace_rows.h"
#include "views/shell/main_window.h"
#include "views/trace/path_diagram.h"
#include "views/trace/path_page.h"

#include <QComboBox>
#include <QListWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens;

class TestPathPage : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_capture;

    static void checkNoOverlap(const views::PathDiagram &d)
    {
        const auto &l = d.layout();
        for (size_t i = 0; i < l.labels.size(); ++i) {
            if (!l.labels[i])
                continue;
            QVERIFY(QRectF(0, 0, d.width(), d.height()).contains(*l.labels[i]));
            for (size_t j = i + 1; j < l.labels.size(); ++j)
                if (l.labels[j])
                    QVERIFY(!l.labels[i]->intersects(*l.labels[j]));
        }
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_capture = m_dir.filePath("traces.plcap");
        auto store = core::CaptureStore::open(m_capture, core::CaptureStore::Mode::ReadWrite);
        QVERIFY(store);
        auto r = core::importCsvFile(PATHLENS_TEST_DATA_DIR "/traces.csv", **store);
        QVERIFY(r && r->rowsSkipped == 0);
    }

    void showsTracesFromTheCapture()
    {
        views::MainWindow::Options o;
        o.interactive = false;
        views::MainWindow w(o);
        w.resize(1366, 768);
        w.showPage(views::Page::Path);
        w.show();
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        w.openCapture(m_capture);
        QVERIFY(shown.wait(5000));
        views::PathPage *page = w.path();
        QCOMPARE(page->picker()->count(), 3);
        QVERIFY(page->headerText().contains("30 hops (24 answered)"));
        QVERIFY(page->history()->item(0)->text().contains("changed at hop 4: 10.20.4.2 → 10.20.40.2"));
        QTest::qWait(50);
        checkNoOverlap(*page->diagram());

        page->picker()->setCurrentIndex(2); // the first chain-6 trace
        const core::TraceResult &t = page->diagram()->trace();
        QCOMPARE(t.hops.size(), size_t(7));
        QVERIFY(page->headerText().contains("7 hops (6 answered)"));
        QVERIFY(views::PathDiagram::hopLabel(t, 4).contains("rate-limited"));
        QVERIFY2(views::PathDiagram::hopLabel(t, 3).contains("+7.0 ms"), qPrintable(views::PathDiagram::hopLabel(t, 3)));
        QVERIFY(views::PathDiagram::hopTooltip(t, 2).contains("silent"));
        QVERIFY(views::PathDiagram::hopTooltip(t, 4).contains("rate limiting, not loss"));
        QVERIFY(!page->diagram()->layout().labels[2]); // silent: no label
        checkNoOverlap(*page->diagram());
        if (const QByteArray dir = qgetenv("PATHLENS_SHOT_DIR"); !dir.isEmpty())
            page->grab().save(QString::fromLocal8Bit(dir) + "/path_chain6.png");
    }

    void endBoxesWrapLongAddresses()
    {
        core::TraceResult t;
        t.target = "2001:0db8:85a3:0000:0000:8a2e:0370:7334";
        t.localAddr = "2001:0db8:0000:0001:0000:0000:0000:0010";
        t.reached = false;
        for (const QString &line : views::PathDiagram::sourceLines(t) + views::PathDiagram::destinationLines(t))
            QVERIFY2(line.size() <= 25, qPrintable(line));
        QVERIFY(views::PathDiagram::destinationLines(t).contains("not reached"));
    }
};

QTEST_MAIN(TestPathPage)
#include "tst_path_page.moc"
