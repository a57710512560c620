// SPDX-License-Identifier: GPL-3.0-or-later
// Kiosk mode's wall screen offscreen (issue 17 item 8): every dashboard at 1920×1080 and 3840×2160
// in type of at least 2.5 % of the screen's height, nothing overlapping or clipped, no table; a fault
// (collectors stopped, no new sample for two minutes; then a link where no probe is answered) shown
// on the fault line and cleared by healthy data, and never a dialog, even for an error that opens
// one on the desktop.
#include "gui_checks.h"

#include "core/fleet/fleet_ranking.h"
#include "core/mesh/mesh_matrix.h"
#include "core/active/probe_kind.h"
#include "views/kiosk/kiosk_board.h"
#include "views/kiosk/kiosk_fault.h"
#include "views/kiosk/kiosk_strip.h"
#include "views/shell/main_window.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QStackedWidget>
#include <QTest>
#include <QTimer>

using namespace pathlens;

namespace {

constexpr core::TimestampUs kMinute = 60'000'000;
constexpr core::TimestampUs kT0 = 1'796'000'000'000'000; // 2026-12-01, a whole number of seconds
constexpr double kMinFraction = 0.025;                    // the smallest text: 2.5 % of the screen height

// A live capture whose last probe went at `last`; `answeredUntil` the last one answered (later ones lost).
core::SnapshotPtr liveSnapshot(quint64 sequence, core::TimestampUs last, core::TimestampUs answeredUntil)
{
    auto s = std::make_shared<core::CaptureSnapshot>();
    s->sequence = sequence;
    s->live = true;
    s->capture.path = QStringLiteral("/var/lib/pathlens/live.plcap");
    s->capture.meta.insert(QStringLiteral("host"), QStringLiteral("ops-room-wall"));
    s->capture.span = std::make_pair(last - 24 * 60 * kMinute, last);
    auto latency = std::make_shared<core::LatencyData>();
    core::LatencySeries series;
    series.probe = QStringLiteral("icmp_echo");
    series.target = QStringLiteral("192.0.2.1");
    for (core::TimestampUs t = last - 10 * kMinute; t <= last; t += 5'000'000) {
        if (t <= answeredUntil)
            series.pyramid.append(t, 21.5f);
        else
            series.pyramid.appendLoss(t);
    }
    latency->series.push_back(std::move(series));
    s->latency = latency;

    core::DeviceVerdict &v = s->passive.verdict;
    v.grade = core::Grade::Fair;
    v.headline = QStringLiteral("This device is having some trouble");
    v.evidence = QStringLiteral("81% of sessions clean · median 64 ms · 1.9% retransmits");
    v.sessions = 412;
    v.gradedSessions = 380;
    v.lastHiccupText = QStringLiteral("14:02 UTC · video-conference.example.com · 240 ms · 4.1% retransmits");
    const char *names[] = {"Microsoft Teams video conferencing for the whole operations floor", "zoom", "ssh", "github.com",
                           "backup", "intranet", "mail"};
    const core::Grade grades[] = {core::Grade::Poor, core::Grade::Fair, core::Grade::Good, core::Grade::Excellent,
                                  core::Grade::Fair, core::Grade::Good, core::Grade::Ungraded};
    for (int i = 0; i < 7; ++i) {
        core::AppSummary a;
        a.name = QString::fromLatin1(names[i]);
        a.grade = grades[i];
        a.sessions = 30 + i;
        a.gradedSessions = grades[i] == core::Grade::Ungraded ? 0 : 20 + i;
        a.medianRttMs = 20 + 35 * i;
        a.retransPct = 0.4 * i;
        s->passive.apps.push_back(a);
    }
    for (int i = 0; i < core::kTimelineBuckets; ++i) {
        core::TimelineBucket b;
        b.startUtcUs = last - (core::kTimelineBuckets - i) * 5 * kMinute;
        b.grade = i % 50 == 7 ? core::Grade::Poor : i % 17 == 3 ? core::Grade::Fair : i < 40 ? core::Grade::Ungraded : core::Grade::Good;
        s->passive.timeline.push_back(b);
    }
    s->probes.latency = core::Tier::Good;
    s->probes.loss = core::Tier::Excellent;
    s->probes.overall = core::Tier::Good;

    core::MeshMatrix mesh;
    const QStringList agents{QStringLiteral("berlin-office"), QStringLiteral("hamburg-warehouse"),
                             QStringLiteral("munich-datacentre"), QStringLiteral("cologne")};
    for (int cycle = 0; cycle < 4; ++cycle)
        for (const QString &a : agents)
            for (const QString &b : agents) {
                if (a == b)
                    continue;
                core::MeshResult r;
                r.utcUs = last - (4 - cycle) * 2 * kMinute;
                r.src = a;
                r.dst = b;
                r.sent = 10;
                r.answered = 10;
                const bool slow = cycle == 3 && (a == agents[1] || b == agents[2]);
                r.rttMs = (slow ? 90.0 : 12.0) + agents.indexOf(b);
                mesh.add(r);
            }
    s->mesh = mesh.cells();

    core::FleetRanking fleet;
    for (int i = 0; i < 9; ++i) {
        core::FleetDevice d;
        d.utcUs = last;
        d.id = QStringLiteral("agent-%1").arg(i);
        d.name = QStringLiteral("branch-office-number-%1").arg(i);
        d.hasHello = d.hasVerdict = true;
        d.grade = i < 2 ? core::Grade::Poor : i < 4 ? core::Grade::Fair : core::Grade::Good;
        d.medianRttMs = 15.0 + 20 * (9 - i);
        d.sessions = 40;
        d.online = i != 1;
        fleet.add(d);
    }
    s->fleet = fleet.picture();
    return s;
}

core::CollectorStatus collector(const char *name, core::CollectorState state, const QString &message = {})
{
    core::CollectorStatus c;
    c.name = QString::fromLatin1(name);
    c.state = state;
    c.message = message;
    return c;
}

// Whatever modal widget opens is noted and closed, so a broken test fails instead of hanging.
struct ModalWatch {
    bool seen = false;
    QTimer timer;
    ModalWatch()
    {
        timer.setInterval(20);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            if (QWidget *modal = QApplication::activeModalWidget()) {
                seen = true;
                modal->close();
            }
        });
        timer.start();
    }
};

} // namespace

class TestKiosk : public QObject {
    Q_OBJECT
private:
    core::TimestampUs m_now = kT0;

    views::MainWindow::Options kiosk() const
    {
        views::MainWindow::Options o;
        o.kiosk = true;
        o.interactive = true; // as the app runs it: only kiosk mode keeps dialogs away
        return o;
    }

    // Sizes the kiosk window as a screen of w×h (offscreen has no such screen to fill).
    views::KioskBoard *place(views::MainWindow &window, int w, int h)
    {
        window.showNormal();
        window.setGeometry(0, 0, w, h);
        window.kioskBoard()->setClock([this] { return m_now; });
        QApplication::processEvents();
        return window.kioskBoard();
    }

    // What a person across the room would call broken, on the dashboard shown.
    void checkLayout(views::MainWindow &window, views::KioskBoard &board, const QString &where)
    {
        QApplication::processEvents();
        const int h = board.height();
        QVERIFY2(h >= window.height() - 2, qPrintable(where + QStringLiteral(": the board does not fill the window")));
        const QRect area = board.rect();
        std::vector<QRectF> rects;
        int texts = 0;
        for (QLabel *label : board.findChildren<QLabel *>()) {
            if (!label->isVisibleTo(&window))
                continue;
            // The board hides what has nothing to say: a visible empty label lost its text (elided away).
            QVERIFY2(!label->text().isEmpty(), qPrintable(where + QStringLiteral(": an empty label: ") + label->objectName()));
            ++texts;
            const int px = QFontInfo(label->font()).pixelSize();
            QVERIFY2(px >= kMinFraction * h, qPrintable(QStringLiteral("%1: %2 px text at %3 px height: %4").arg(where).arg(px).arg(h).arg(label->text())));
            const QRect r(label->mapTo(&board, QPoint(0, 0)), label->size());
            QVERIFY2(area.contains(r), qPrintable(where + QStringLiteral(": off the screen: ") + label->text()));
            if (!label->wordWrap())
                QVERIFY2(label->fontMetrics().horizontalAdvance(label->text()) <= label->contentsRect().width(),
                         qPrintable(where + QStringLiteral(": cut at the side: ") + label->text()));
            rects.push_back(r);
        }
        for (views::KioskStrip *strip : board.findChildren<views::KioskStrip *>())
            if (strip->isVisibleTo(&window))
                rects.emplace_back(QRect(strip->mapTo(&board, QPoint(0, 0)), strip->size()));
        QVERIFY2(texts >= 3, qPrintable(where));
        QVERIFY2(disjoint(rects), qPrintable(where + QStringLiteral(": texts overlap")));
        QVERIFY2(nothingClipped(board), qPrintable(where));
        for (QAbstractItemView *table : window.findChildren<QAbstractItemView *>())
            QVERIFY2(!table->isVisible(), qPrintable(where + QStringLiteral(": a table or list is visible: ") + table->objectName()));
    }

    void shoot(views::MainWindow &window, const QString &name)
    {
        if (shotsDir().isEmpty())
            return;
        QDir().mkpath(shotsDir());
        QVERIFY(window.grab().save(QDir(shotsDir()).filePath(name + QStringLiteral(".png"))));
    }

private slots:
    void faultWords()
    {
        const core::SnapshotPtr healthy = liveSnapshot(1, kT0, kT0);
        const std::vector<core::CollectorStatus> running{collector("probes", core::CollectorState::Running)};
        QCOMPARE(views::kioskFaultText(healthy.get(), running, kT0 + 5'000'000), QString());
        QCOMPARE(views::kioskFaultText(healthy.get(), {collector("probes", core::CollectorState::Stopped)}, kT0 + 2 * kMinute),
                 QStringLiteral("No measurements for 2 min — Probes stopped"));
        QCOMPARE(views::kioskFaultText(healthy.get(), {collector("tcp", core::CollectorState::Restarting, QStringLiteral("netlink closed"))}, kT0),
                 QStringLiteral("TCP statistics failed, restarting: netlink closed"));
        // Many collectors down: two by name, the rest counted, so the line leaves room for the dashboard.
        const std::vector<core::CollectorStatus> many{collector("probes", core::CollectorState::Stopped),
                                                      collector("tcp", core::CollectorState::Stopped),
                                                      collector("trace", core::CollectorState::Stopped),
                                                      collector("link", core::CollectorState::Restarting)};
        QCOMPARE(views::kioskFaultText(healthy.get(), many, kT0), QStringLiteral("Probes stopped — TCP statistics stopped — 2 more stopped"));
        // Probes still sent but none answered for 40 s: the link is down.
        const core::SnapshotPtr dropped = liveSnapshot(2, kT0, kT0 - 40'000'000);
        QCOMPARE(views::kioskFaultText(dropped.get(), running, kT0 + 1'000'000), QStringLiteral("Link down: no probe answered for 41 s"));
        // The system resolver answering from its cache (or /etc/hosts) meanwhile is no sign of a link.
        auto cached = std::make_shared<core::CaptureSnapshot>(*dropped);
        auto latency = std::make_shared<core::LatencyData>(*dropped->latency);
        core::LatencySeries resolver;
        resolver.probe = core::probeKindId(core::ProbeKind::DnsSystem);
        resolver.target = QStringLiteral("localhost");
        for (core::TimestampUs t = kT0 - 60'000'000; t <= kT0; t += 5'000'000)
            resolver.pyramid.append(t, 0.1f);
        latency->series.push_back(std::move(resolver));
        cached->latency = latency;
        QCOMPARE(views::kioskFaultText(cached.get(), running, kT0 + 1'000'000), QStringLiteral("Link down: no probe answered for 41 s"));
        // A saved capture is not expected to grow: old samples are no fault there.
        auto saved = std::make_shared<core::CaptureSnapshot>(*healthy);
        saved->live = false;
        QCOMPARE(views::kioskFaultText(saved.get(), running, kT0 + 60 * kMinute), QString());
        QCOMPARE(views::kioskFaultText(nullptr, running, kT0), QString());
        QCOMPARE(views::kioskShortDuration(3 * 3600 * 1'000'000LL), QStringLiteral("3 h"));
    }

    void dashboardsReadAcrossTheRoom_data()
    {
        QTest::addColumn<int>("w");
        QTest::addColumn<int>("h");
        QTest::newRow("1920x1080") << 1920 << 1080;
        QTest::newRow("3840x2160") << 3840 << 2160;
    }

    void dashboardsReadAcrossTheRoom()
    {
        QFETCH(int, w);
        QFETCH(int, h);
        ModalWatch modal;
        views::MainWindow window(kiosk());
        QVERIFY(window.kioskBoard());
        views::KioskBoard &board = *place(window, w, h);
        QCOMPARE(board.height(), h); // no menu, no status bar: the board is the screen
        m_now = kT0 + 5'000'000;
        window.applySnapshot(liveSnapshot(1, kT0, kT0));
        window.setCollectorStatus(collector("probes", core::CollectorState::Running));
        QCOMPARE(board.faultText(), QString());
        const QString size = QStringLiteral("%1x%2").arg(w).arg(h);
        for (int d = 0; d < views::KioskBoard::kDashboards; ++d) {
            board.showDashboard(views::KioskBoard::Dashboard(d));
            checkLayout(window, board, QStringLiteral("%1 dashboard %2").arg(size).arg(d));
            shoot(window, QStringLiteral("kiosk-%1-dashboard%2").arg(size).arg(d));
        }
        // With a long fault on top, every dashboard still fits.
        window.setCollectorStatus(collector("probes", core::CollectorState::Restarting,
                                            QStringLiteral("needs CAP_NET_RAW: run installers/setcap-helper.sh")));
        window.setCollectorStatus(collector("tcp", core::CollectorState::Stopped));
        window.setCollectorStatus(collector("trace", core::CollectorState::Restarting, QStringLiteral("x").repeated(200)));
        window.setCollectorStatus(collector("link", core::CollectorState::Stopped));
        m_now = kT0 + 3 * kMinute;
        board.refreshFault();
        QVERIFY(board.faultText().endsWith(QStringLiteral("2 more stopped")));
        for (int d = 0; d < views::KioskBoard::kDashboards; ++d) {
            board.showDashboard(views::KioskBoard::Dashboard(d));
            checkLayout(window, board, QStringLiteral("%1 dashboard %2 with a fault").arg(size).arg(d));
            shoot(window, QStringLiteral("kiosk-%1-dashboard%2-long-fault").arg(size).arg(d));
        }
        QVERIFY(!modal.seen);
    }

    void faultShownThenCleared_data() { dashboardsReadAcrossTheRoom_data(); }

    void faultShownThenCleared()
    {
        QFETCH(int, w);
        QFETCH(int, h);
        const QString size = QStringLiteral("%1x%2").arg(w).arg(h);
        ModalWatch modal;
        views::MainWindow window(kiosk());
        views::KioskBoard &board = *place(window, w, h);
        m_now = kT0 + 5'000'000;
        window.applySnapshot(liveSnapshot(1, kT0, kT0));
        window.setCollectorStatus(collector("probes", core::CollectorState::Running));
        window.setCollectorStatus(collector("tcp", core::CollectorState::Running));
        QCOMPARE(board.faultText(), QString());
        QVERIFY(!board.findChild<QLabel *>(QStringLiteral("kioskFault"))->isVisible());
        shoot(window, QStringLiteral("kiosk-%1-before").arg(size));

        // The probes stop; no snapshot comes for two minutes: the clock alone brings the fault.
        window.setCollectorStatus(collector("probes", core::CollectorState::Stopped));
        m_now = kT0 + 2 * kMinute + 10'000'000;
        board.refreshFault();
        QCOMPARE(board.faultText(), QStringLiteral("No measurements for 2 min — Probes stopped"));
        checkLayout(window, board, size + QStringLiteral(" during the fault"));
        shoot(window, QStringLiteral("kiosk-%1-during").arg(size));

        // The screen keeps rotating through it.
        const auto before = board.current();
        board.showNext();
        QVERIFY(board.current() != before);
        QVERIFY(!board.faultText().isEmpty());

        // The probes come back, and a fresh snapshot: the fault clears.
        window.setCollectorStatus(collector("probes", core::CollectorState::Running));
        QVERIFY(board.faultText().startsWith(QStringLiteral("No measurements"))); // until a new sample arrives
        window.applySnapshot(liveSnapshot(3, m_now - 2'000'000, m_now - 2'000'000));
        QCOMPARE(board.faultText(), QString());
        QVERIFY(!board.findChild<QLabel *>(QStringLiteral("kioskFault"))->isVisible());
        checkLayout(window, board, size + QStringLiteral(" after the fault"));
        shoot(window, QStringLiteral("kiosk-%1-after").arg(size));

        // The link drops: probes go out, none comes back.
        m_now += 40'000'000;
        window.applySnapshot(liveSnapshot(4, m_now - 1'000'000, m_now - 40'000'000));
        QVERIFY2(board.faultText().startsWith(QStringLiteral("Link down")), qPrintable(board.faultText()));
        shoot(window, QStringLiteral("kiosk-%1-link-down").arg(size));
        m_now += 10'000'000;
        window.applySnapshot(liveSnapshot(5, m_now - 1'000'000, m_now - 1'000'000));
        QCOMPARE(board.faultText(), QString());

        QVERIFY(!modal.seen);
        QVERIFY(!QApplication::activeModalWidget());
    }

    // An error that opens a dialog on the desktop goes to the fault line, for a minute.
    void errorsGoToTheFaultLine()
    {
        ModalWatch modal;
        views::MainWindow window(kiosk());
        views::KioskBoard &board = *place(window, 1920, 1080);
        m_now = kT0;
        window.openCapture(QStringLiteral("/nonexistent/nothing-here.plcap"));
        QTRY_VERIFY(board.faultText().contains(QStringLiteral("nothing-here.plcap")));
        QVERIFY(board.faultText().startsWith(QStringLiteral("Cannot open capture")));
        checkLayout(window, board, QStringLiteral("an error notice"));
        m_now += 30'000'000;
        board.refreshFault();
        QVERIFY(!board.faultText().isEmpty());
        m_now += 31'000'000;
        board.refreshFault();
        QCOMPARE(board.faultText(), QString());
        QVERIFY(!modal.seen);
        QVERIFY(!QApplication::activeModalWidget());
    }

    void rotationSkipsEmptyDashboards()
    {
        views::MainWindow window(kiosk());
        views::KioskBoard &board = *place(window, 1920, 1080);
        auto bare = std::make_shared<core::CaptureSnapshot>(*liveSnapshot(1, kT0, kT0));
        bare->mesh.clear();
        bare->fleet = {};
        window.applySnapshot(bare);
        QCOMPARE(board.current(), views::KioskBoard::Dashboard::Overview);
        board.showNext();
        QCOMPARE(board.current(), views::KioskBoard::Dashboard::Apps);
        board.showNext();
        QCOMPARE(board.current(), views::KioskBoard::Dashboard::Timeline); // no mesh, no fleet: nothing to show there
        board.showNext();
        QCOMPARE(board.current(), views::KioskBoard::Dashboard::Overview);
        // --page picks the dashboard of that page.
        window.showPage(views::Page::Mesh);
        QCOMPARE(board.current(), views::KioskBoard::Dashboard::Mesh);
    }
};

QTEST_MAIN(TestKiosk)
#include "tst_kiosk.moc"
