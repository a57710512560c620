// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a pcap in the window (issue 16): File → Open's entry point imports it on a worker thread
// with a progress dialog, then shows it like any saved capture; Cancel and errors leave the capture
// shown before as it was.
#include "collectors/pcap/pcap_capture_importer.h"
#include "views/passive/app_table_model.h"
#include "views/passive/apps_page.h"
#include "views/shell/capture_loader.h"
#include "views/shell/main_window.h"

#include "../unit/pcap_frame_builder.h"
#include "gui_checks.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QPainter>
#include <QPointer>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace pathlens;

namespace {

constexpr quint8 kFin = 0x01, kSyn = 0x02, kPsh = 0x08, kAck = 0x10;
constexpr qint64 kStartUs = 1765000000LL * 1000000;

std::array<quint8, 16> ipv4(quint8 a, quint8 b, quint8 c, quint8 d)
{
    return {a, b, c, d};
}

// One TCP connection on Ethernet: handshake, `exchanges` request/response pairs 100 ms apart, each
// answered after `rttMs`, then FINs. `payload` bytes each way; `captured` of them kept (snap length).
void addFlow(std::vector<test::PcapRecord> &out, quint8 client, quint16 clientPort, qint64 startUs, int exchanges, int rttMs,
             quint32 payload = 100, int captured = 100)
{
    const auto c = ipv4(10, 0, 0, client), s = ipv4(10, 0, 0, 200);
    const qint64 rtt = qint64(rttMs) * 1000;
    quint32 cs = 1000, ss = 5000;
    auto add = [&](qint64 t, bool fromClient, quint8 flags, quint32 len) {
        const core::TcpSegment seg = fromClient ? test::tcpSegment(c, clientPort, s, 443, cs, ss, flags, 1024, len)
                                                : test::tcpSegment(s, 443, c, clientPort, ss, cs, flags, 1024, len);
        out.push_back({t, test::ethernet(test::ipv4Packet(seg, std::min<int>(captured, int(len))), 0x0800)});
        const quint32 used = len + ((flags & (kSyn | kFin)) ? 1 : 0);
        (fromClient ? cs : ss) += used;
    };
    add(startUs, true, kSyn, 0);
    add(startUs + rtt, false, kSyn | kAck, 0);
    add(startUs + rtt + 100, true, kAck, 0);
    qint64 t = startUs + rtt;
    for (int i = 0; i < exchanges; ++i) {
        t += 100000;
        add(t, true, kPsh | kAck, payload);
        add(t + rtt, false, kPsh | kAck, payload);
        add(t + rtt + 100, true, kAck, 0);
    }
    add(t + 200000, true, kFin | kAck, 0);
    add(t + 200000 + rtt, false, kFin | kAck, 0);
    add(t + 200000 + rtt + 100, true, kAck, 0);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Three flows of 2 s each, from 10.0.0.1, .2 and .3 to 10.0.0.200:443.
QByteArray threeFlows()
{
    std::vector<test::PcapRecord> records;
    addFlow(records, 1, 40001, kStartUs, 20, 20);
    addFlow(records, 2, 40002, kStartUs + 50000, 20, 30);
    addFlow(records, 3, 40003, kStartUs + 90000, 20, 40);
    std::stable_sort(records.begin(), records.end(), [](const auto &a, const auto &b) { return a.tsUs < b.tsUs; });
    return test::pcapFileBytes(1, records);
}

// A file big enough that its import reports progress many times (~12 MB, 180,000 frames).
QByteArray bigCapture()
{
    std::vector<test::PcapRecord> records;
    addFlow(records, 9, 40009, kStartUs, 60000, 5, 1400, 0);
    return test::pcapFileBytes(1, records);
}

// Raw IP, UDP only: a capture with no TCP flow.
QByteArray udpOnly()
{
    QByteArray p = QByteArray::fromHex("4500002412344000401100000a0000010a0000c8"); // IPv4, 36 bytes, UDP
    p += QByteArray::fromHex("14e914e9001000000000000000000000");                  // 5353 → 5353, 8 bytes of data
    return test::pcapFileBytes(101, {{kStartUs, p}, {kStartUs + 1000, p}});
}

QStringList appNames(views::MainWindow &w)
{
    QStringList names;
    auto *model = w.apps()->appModel();
    for (int r = 0; r < model->rowCount(); ++r)
        names << model->data(model->index(r, views::AppTableModel::App), Qt::DisplayRole).toString();
    names.sort();
    return names;
}

// The window with the dialogs over it, as a person would see them (offscreen: composed by hand).
QImage windowWithDialogs(QWidget &w)
{
    QPixmap shot = w.grab();
    QPainter painter(&shot);
    for (QDialog *d : w.findChildren<QDialog *>())
        if (d->isVisible())
            painter.drawPixmap(QPoint((w.width() - d->width()) / 2, (w.height() - d->height()) / 3), d->grab());
    painter.end();
    return shot.toImage();
}

} // namespace

class TestOpenPcap : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_pcap, m_plcapAsDat;

    views::MainWindow::Options options() const
    {
        views::MainWindow::Options o;
        o.interactive = false;
        o.importer = std::make_shared<collect::PcapCaptureImporter>();
        o.importDir = m_dir.filePath("imported");
        return o;
    }

    // The captures in the import folder (and any partial one), not SQLite's -wal and -shm beside them.
    QStringList imported() const
    {
        return QDir(m_dir.filePath("imported")).entryList({"*.plcap", "*.part"}, QDir::Files, QDir::Name);
    }

    // Opens `path` as File → Open does and waits for it to show.
    static bool openAndShow(views::MainWindow &w, const QString &path)
    {
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        w.openCapture(path);
        return shown.wait(20000);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        m_pcap = m_dir.filePath("office.pcap");
        QVERIFY(writeFile(m_pcap, threeFlows()));
        // The sidecar beside it names one of the three flows (given server side first: either order matches).
        QVERIFY(writeFile(m_dir.filePath("office.apps.json"),
                          "{\"flows\":[{\"src\":\"10.0.0.200:443\",\"dst\":\"10.0.0.1:40001\",\"app\":\"curl\"}]}"));
    }

    void cleanup() { QDir(m_dir.filePath("imported")).removeRecursively(); }

    void opensAPcapAsSessionsAndApps()
    {
        views::MainWindow w(options());
        w.resize(1366, 768);
        w.show();
        QVERIFY(openAndShow(w, m_pcap));
        QCOMPARE(imported(), QStringList{"office.plcap"}); // named after the pcap, where imports go
        QCOMPARE(w.currentCapture(), m_dir.filePath("imported/office.plcap"));
        QVERIFY(w.shownSnapshot());
        QCOMPARE(int(w.shownSnapshot()->passive.sessions.size()), 3);
        QCOMPARE(appNames(w), (QStringList{"curl", "unknown"}));
        // Says where the app names came from.
        const QString message = w.statusBar()->currentMessage();
        QVERIFY2(message.contains("3 TCP flows") && message.contains("office.apps.json"), qPrintable(message));
        QVERIFY(QSettings().value("recentCaptures").toStringList().contains(m_pcap)); // the pcap, to import again
        QVERIFY(!w.findChild<QProgressDialog *>("importProgress"));

        if (!shotsDir().isEmpty()) {
            w.showPage(views::Page::Apps);
            for (QTableView *table : w.apps()->findChildren<QTableView *>())
                if (table->model() == w.apps()->appProxy())
                    table->selectRow(0); // its sessions below
            QVERIFY(nothingClipped(w));
            QVERIFY(w.grab().save(shotsDir() + "/open_pcap_apps_1366.png"));
        }
    }

    void detectsAPcapByItsFirstBytes()
    {
        const QString renamed = m_dir.filePath("capture.dat"); // no sidecar, no pcap name
        QVERIFY(QFile::copy(m_pcap, renamed));
        views::MainWindow w(options());
        QVERIFY(openAndShow(w, renamed));
        QCOMPARE(imported(), QStringList{"capture.plcap"});
        QCOMPARE(appNames(w), QStringList{"unknown"});
        QVERIFY(w.statusBar()->currentMessage().contains("apps unknown"));
    }

    void opensAPcapDroppedOnTheWindow()
    {
        views::MainWindow w(options());
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_pcap)});
        QDragEnterEvent enter(QPoint(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(200, 200), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &drop);
        QVERIFY(shown.wait(20000));
        QCOMPARE(w.currentCapture(), m_dir.filePath("imported/office.plcap"));
        QCOMPARE(appNames(w), (QStringList{"curl", "unknown"}));
    }

    // The command line (`pathlens FILE.pcap`): the real executable imports into --capture-dir.
    void opensAPcapGivenOnTheCommandLine()
    {
        QTemporaryDir home;
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HOME", home.path()); // fresh settings, logs under the temp dir
        env.insert("XDG_CONFIG_HOME", home.filePath("config"));
        env.insert("XDG_STATE_HOME", home.filePath("state"));
        env.insert("XDG_CACHE_HOME", home.filePath("cache"));
        app.setProcessEnvironment(env);
        const QString dump = home.filePath("views.json");
        app.start(PATHLENS_BINARY_DIR "/app/gui/pathlens",
                  {m_pcap, "--capture-dir", home.filePath("captures"), "--dump-views", dump, "--screenshot-delay", "0"});
        QVERIFY(app.waitForFinished(60000));
        QVERIFY2(app.exitStatus() == QProcess::NormalExit && app.exitCode() == 0, app.readAllStandardError().constData());
        QVERIFY(QFile::exists(home.filePath("captures/imported/office.plcap")));
        QFile f(dump);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QStringList names;
        for (const QJsonValue &a : QJsonDocument::fromJson(f.readAll()).object().value("apps").toArray())
            names << a.toObject().value("name").toString();
        names.sort();
        QCOMPARE(names, (QStringList{"curl", "unknown"}));
    }

    void openingTwiceKeepsTheFirstImport()
    {
        views::MainWindow w(options());
        QVERIFY(openAndShow(w, m_pcap));
        QVERIFY(openAndShow(w, m_pcap));
        QCOMPARE(imported(), (QStringList{"office-2.plcap", "office.plcap"}));
    }

    void cancelLeavesNoFileAndTheCaptureShown()
    {
        const QString big = m_dir.filePath("big.pcap");
        QVERIFY(writeFile(big, bigCapture()));
        views::MainWindow w(options());
        w.resize(1366, 768);
        w.show();
        QVERIFY(openAndShow(w, m_pcap));
        const QString before = w.currentCapture();
        const core::SnapshotPtr shown = w.shownSnapshot();

        QSignalSpy cancelled(&w, &views::MainWindow::importCancelled);
        QSignalSpy failed(&w, &views::MainWindow::captureFailed);
        QSignalSpy shownAgain(&w, &views::MainWindow::captureShown);
        auto *loader = w.findChild<views::CaptureLoader *>();
        QVERIFY(loader);
        bool grabbed = false;
        w.openCapture(big);
        QPointer<QProgressDialog> dialog = w.findChild<QProgressDialog *>("importProgress");
        QVERIFY(dialog);
        dialog->show(); // at once, for the picture (it waits 500 ms by itself)
        // Cancel at the first progress report, as a person pressing Cancel would (after a picture of it).
        // Reports reach this thread before the result does, so the cancel always counts.
        connect(loader, &views::CaptureLoader::progressAmount, this, [&](qint64 done, qint64 total) {
            if (grabbed || !dialog || done >= total)
                return;
            grabbed = true;
            QVERIFY(dialog->labelText().contains("big.pcap"));
            QVERIFY(dialog->labelText().contains(" of "));
            if (!shotsDir().isEmpty())
                QVERIFY(windowWithDialogs(w).save(shotsDir() + "/open_pcap_progress_1366.png"));
            auto *cancel = dialog->findChild<QPushButton *>();
            QVERIFY(cancel && cancel->text() == "Cancel");
            cancel->click();
        });
        QVERIFY(cancelled.wait(20000));
        QCOMPARE(cancelled.size(), 1);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(shownAgain.size(), 0);
        QTest::qWait(100);
        QCOMPARE(imported(), QStringList{"office.plcap"}); // neither big.plcap nor big.plcap.part
        QCOMPARE(w.currentCapture(), before);
        QCOMPARE(w.shownSnapshot(), shown);
        QCOMPARE(appNames(w), (QStringList{"curl", "unknown"}));
        QVERIFY(!w.findChild<QProgressDialog *>("importProgress"));
    }

    void notAPcapNamedSoSaysWhatToDo()
    {
        const QString bad = m_dir.filePath("notes.pcap");
        QVERIFY(writeFile(bad, "these are my notes, not packets\n"));
        views::MainWindow w(options());
        QVERIFY(openAndShow(w, m_pcap));
        const QString before = w.currentCapture();
        QSignalSpy failed(&w, &views::MainWindow::captureFailed);
        w.openCapture(bad);
        QVERIFY(failed.wait(20000));
        const QString message = failed.front().at(1).toString();
        QVERIFY2(message.contains("not a pcap or pcapng file") && message.contains("tcpdump -w"), qPrintable(message));
        QCOMPARE(w.currentCapture(), before);
        QCOMPARE(imported(), QStringList{"office.plcap"});
    }

    void aPcapCutShortOpensWithAWarning()
    {
        const QString cut = m_dir.filePath("cut.pcap");
        QByteArray bytes = threeFlows();
        bytes.chop(10); // inside the last packet, as a copy of a file still being written
        QVERIFY(writeFile(cut, bytes));
        views::MainWindow w(options());
        QVERIFY(openAndShow(w, cut));
        QCOMPARE(int(w.shownSnapshot()->passive.sessions.size()), 3);
        const QString message = w.statusBar()->currentMessage();
        QVERIFY2(message.contains("truncated at packet 198") && message.contains("cut short"), qPrintable(message));
    }

    void aPcapWithoutTcpSaysWhatToDo()
    {
        const QString udp = m_dir.filePath("dns.pcap");
        QVERIFY(writeFile(udp, udpOnly()));
        views::MainWindow w(options());
        QSignalSpy failed(&w, &views::MainWindow::captureFailed);
        w.openCapture(udp);
        QVERIFY(failed.wait(20000));
        const QString message = failed.front().at(1).toString();
        QVERIFY2(message.contains("no TCP flow") && message.contains("2 not TCP") && message.contains("holds TCP connections"),
                 qPrintable(message));
        QVERIFY(imported().isEmpty());
    }
};

QTEST_MAIN(TestOpenPcap)
#include "tst_open_pcap.moc"
