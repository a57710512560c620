// SPDX-License-Identifier: GPL-3.0-or-later
// Wi-Fi page from a hand-built picture (issue 15): 40 readings 10 s apart on one laptop — Wi-Fi 6 at
// −52 dBm, a roam to a second access point at 09:02:00, the signal falling to −78 dBm from 09:03:00,
// and a drop from Wi-Fi 6 to Wi-Fi 5 at 09:05:00. Checks the card (link line, network, access
// point, signal, the tier pill from the SPEC table, noise, SNR, rates, the ceiling and its reason),
// the event rows, the markers' count and places on the shared time axis, labels that never overlap,
// tooltips in words, gaps where the link was down, diffing (two adapters' events of one poll are two
// rows), the empty state and --dump-views; then
// the page in the main window, rendered at 1366×768 and 2560×1440 for checking by eye.
#include "gui_checks.h"
#include "core/base/units_format.h"
#include "core/wifi/wifi_link_text.h"
#include "views/common/tier_style.h"
#include "views/shell/empty_state_page.h"
#include "views/shell/main_window.h"
#include "views/shell/views_dump.h"
#include "views/wifi/wifi_event_table_model.h"
#include "views/wifi/wifi_link_card.h"
#include "views/wifi/wifi_page.h"
#include "views/wifi/wifi_strip_chart.h"
#include "views/wifi/wifi_strip_layout.h"
#include "views/wifi/wifi_text.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <algorithm>

using namespace pathlens;

namespace {
constexpr core::TimestampUs kT0 = 1'796'547'600'000'000; // 2026-12-06T09:00:00Z
constexpr core::TimestampUs kS = 1'000'000;
constexpr core::TimestampUs kEveryUs = 10 * kS; // SPEC §3: one reading every 10 s
constexpr int kReadings = 40;
constexpr int kRoamAt = 12;    // 09:02:00
constexpr int kFallFrom = 18;  // 09:03:00: the signal falls 3 dB a reading …
constexpr int kFallTo = 24;    // … to −78 dBm at 09:04:00
constexpr int kPhyDropAt = 30; // 09:05:00
constexpr int kNoise = -95;
const QString kAp1 = QStringLiteral("aa:bb:cc:dd:ee:01");
const QString kAp2 = QStringLiteral("aa:bb:cc:dd:ee:02");
const QString kSsid = QStringLiteral("Lab");

int rssiAt(int i)
{
    if (i < kRoamAt)
        return -52;
    if (i < kFallFrom)
        return -60;
    return -60 - 3 * (std::min(i, kFallTo) - kFallFrom); // −60 … −78
}

core::WifiRate rate(core::WifiPhyMode mode, int mcs, double mbps)
{
    core::WifiRate r;
    r.mode = mode;
    r.mcs = mcs;
    r.nss = 2;
    r.widthMhz = 80;
    r.guardNs = 800;
    r.mbps = mbps;
    return r;
}

core::WifiSample reading(int i)
{
    core::WifiSample s;
    s.utcUs = kT0 + i * kEveryUs;
    s.iface = QStringLiteral("wlan0");
    s.connected = true;
    s.ssid = kSsid;
    s.bssid = i < kRoamAt ? kAp1 : kAp2;
    s.rssiDbm = rssiAt(i);
    s.noiseDbm = kNoise;
    s.freqMhz = 5180;
    s.channel = 36;
    s.band = core::WifiBand::Ghz5;
    s.channelWidthMhz = 80;
    // HE 80 MHz 2×2 at 0.8 µs: MCS 11 1201, MCS 9 960.8, MCS 3 288.2; VHT 80 MHz 2×2 MCS 2 175.5 Mbit/s.
    if (i >= kPhyDropAt)
        s.tx = s.rx = rate(core::WifiPhyMode::Vht, 2, 175.5);
    else if (i >= kFallTo)
        s.tx = s.rx = rate(core::WifiPhyMode::He, 3, 288.2);
    else
        s.tx = s.rx = i < kRoamAt ? rate(core::WifiPhyMode::He, 11, 1201) : rate(core::WifiPhyMode::He, 9, 960.8);
    s.rx.mbps = *s.tx.mbps * 0.9; // the two directions differ, so a swapped pair would show
    return s;
}

core::WifiEvent wifiEvent(int i, core::WifiEventKind kind, const QString &from, const QString &to)
{
    core::WifiEvent e;
    e.utcUs = kT0 + i * kEveryUs;
    e.kind = kind;
    e.from = from;
    e.to = to;
    e.iface = QStringLiteral("wlan0");
    return e;
}

double medianOf(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// The picture as the analysis would hand it, built here from the readings' own ground truth.
std::shared_ptr<const core::WifiPicture> picture()
{
    auto p = std::make_shared<core::WifiPicture>();
    std::vector<double> rssi;
    for (int i = 0; i < kReadings; ++i) {
        p->samples.push_back(reading(i));
        rssi.push_back(rssiAt(i)); // all 40 lie in the last 10 minutes (6 min 30 s)
    }
    p->events = {wifiEvent(kRoamAt, core::WifiEventKind::Roam, kAp1, kAp2),
                 wifiEvent(kPhyDropAt, core::WifiEventKind::PhyModeDrop, QStringLiteral("Wi-Fi 6"), QStringLiteral("Wi-Fi 5"))};
    p->latest = p->samples.back();
    p->rssiP50Dbm = medianOf(rssi);
    p->tier = core::wifiRssiTier(*p->rssiP50Dbm);
    return p;
}

core::SnapshotPtr snapshotWith(std::shared_ptr<const core::WifiPicture> wifi)
{
    auto snap = std::make_shared<core::CaptureSnapshot>();
    snap->sequence = 1;
    snap->capture.path = QStringLiteral("wifi-by-hand.plcap");
    snap->latency = std::make_shared<const core::LatencyData>(); // never null, as the analysis hands it
    snap->wifi = std::move(wifi);
    return snap;
}

} // namespace

class TestWifiPage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void cardTellsTheLinkItsTierAndItsCeiling()
    {
        const auto wifi = picture();
        views::WifiPage page;
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(!page.showsContent());
        page.showWifi(wifi, true);
        QVERIFY(page.showsContent());

        const views::WifiLinkCard &card = *page.card();
        const core::WifiSample &latest = *wifi->latest;
        // The link line is core's sentence for the latest reading: Wi-Fi 5 after the drop, on 5 GHz ch 36.
        QCOMPARE(card.linkText(), core::wifiLinkLine(latest));
        QVERIFY2(card.linkText().startsWith("Wi-Fi 5, 5 GHz ch 36, 80 MHz, 2×2, MCS 2"), qPrintable(card.linkText()));
        QVERIFY2(card.linkText().endsWith(" — link rate 176 Mbit/s"), qPrintable(card.linkText()));
        using F = views::WifiLinkCard::Figure;
        QCOMPARE(card.figureText(F::Network), kSsid);
        QCOMPARE(card.figureText(F::AccessPoint), kAp2); // after the roam
        QCOMPARE(card.figureText(F::SignalNow), QString(QChar(0x2212)) + "78 dBm");
        QCOMPARE(card.figureText(F::Noise), QString(QChar(0x2212)) + "95 dBm");
        QCOMPARE(card.figureText(F::Snr), QStringLiteral("17 dB")); // −78 − (−95)
        QCOMPARE(card.figureText(F::Rate), QStringLiteral("TX 176 Mbit/s · RX 158 Mbit/s"));
        // The median of the 40 readings: 12 × −52, 7 × −60, then −63 | −66, … 16 × −78: −64.5 dBm,
        // above the "good" bound (−67, SPEC §2) though the signal now is impaired; in the good colour.
        QCOMPARE(*wifi->rssiP50Dbm, -64.5);
        QCOMPARE(card.figureText(F::SignalMedian), core::formatDbm(-64.5));
        QCOMPARE(card.pillText(), QStringLiteral("good"));
        const auto *pill = page.findChild<QLabel *>(QStringLiteral("wifiTier"));
        QVERIFY(pill);
        QVERIFY(pill->styleSheet().contains(views::tierColor(core::Tier::Good).name()));
        // The ceiling: VHT 80 MHz 2×2 tops out at MCS 9: 234 data subcarriers × 8 bits × 5/6 × 2 streams
        // per 4 µs symbol (0.8 µs guard) = 780 Mbit/s.
        const core::WifiCeiling ceiling = core::wifiCeiling(latest);
        QVERIFY(ceiling.phyMaxMbps);
        QVERIFY(std::abs(*ceiling.phyMaxMbps - 780) < 0.01);
        QCOMPARE(card.figureText(F::Ceiling), QStringLiteral("780 Mbit/s (PHY)"));
        QVERIFY(!ceiling.reason.isEmpty());
        QCOMPARE(card.reasonText(), ceiling.reason);
        QVERIFY2(card.footerText().startsWith("40 readings"), qPrintable(card.footerText()));
        QVERIFY2(card.footerText().endsWith("2026-12-06 09:06:30 UTC · wlan0"), qPrintable(card.footerText()));
        // Every figure explains itself.
        for (QLabel *label : page.card()->findChildren<QLabel *>())
            QVERIFY2(!label->toolTip().isEmpty(), qPrintable(label->text()));
        QVERIFY(nothingClipped(page));
    }

    void eventsAreRowsAndMarkersOnTheAxis()
    {
        const auto wifi = picture();
        views::WifiPage page;
        QAbstractItemModelTester tester(page.eventModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.showWifi(wifi, true);
        QApplication::processEvents();

        // The table: newest first; time, what happened in words, from → to.
        const views::WifiEventTableModel &m = *page.eventModel();
        using C = views::WifiEventTableModel::Column;
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(page.eventsTitle(), QStringLiteral("Events (2)"));
        QCOMPARE(m.index(0, C::Time).data().toString(), QStringLiteral("2026-12-06 09:05:00"));
        QCOMPARE(m.index(0, C::What).data().toString(), QStringLiteral("Wi-Fi generation dropped"));
        QCOMPARE(m.index(0, C::Change).data().toString(), QStringLiteral("Wi-Fi 6 → Wi-Fi 5"));
        QCOMPARE(m.index(1, C::Time).data().toString(), QStringLiteral("2026-12-06 09:02:00"));
        QCOMPARE(m.index(1, C::What).data().toString(), QStringLiteral("Roamed to another access point"));
        QCOMPARE(m.index(1, C::Change).data().toString(), kAp1 + " → " + kAp2);
        QVERIFY(m.index(1, C::What).data(Qt::ToolTipRole).toString().contains("another access point"));
        for (int c = 0; c < C::ColumnCount; ++c)
            QVERIFY(!m.headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());

        // The strips: one marker per event, at the event's time on the axis the readings use.
        const views::WifiStripChart &chart = *page.strips();
        const views::WifiStripLayout &l = chart.stripLayout();
        const QRectF &signal = l.strips[size_t(views::WifiStripKind::Signal)].plot;
        const QRectF &rates = l.strips[size_t(views::WifiStripKind::Rate)].plot;
        QCOMPARE(signal.left(), rates.left()); // one time axis for both strips
        QCOMPARE(signal.right(), rates.right());
        QVERIFY(signal.bottom() < rates.top());
        QCOMPARE(l.markers.size(), size_t(2));
        const auto &signalLine = l.lines[size_t(views::WifiSeries::Signal)];
        QCOMPARE(signalLine.size(), size_t(1)); // connected throughout: one piece, one point a reading
        QCOMPARE(signalLine.front().size(), qsizetype(kReadings));
        const int at[] = {kRoamAt, kPhyDropAt};
        for (size_t k = 0; k < 2; ++k) {
            const views::WifiEventMarker &marker = l.markers[k];
            QCOMPARE(marker.events, std::vector<size_t>{k});
            // On the reading that showed it, and where the time says, inside the plot.
            QCOMPARE(marker.x, signalLine.front()[at[k]].x());
            const double share = double(kT0 + at[k] * kEveryUs - l.from) / double(l.to - l.from);
            QVERIFY(std::abs(marker.x - (signal.left() + share * signal.width())) < 1e-6);
            QVERIFY(marker.x > signal.left() && marker.x < signal.right());
            QVERIFY(!marker.labelRect.isEmpty());
            QVERIFY(marker.labelRect.bottom() <= signal.top()); // above the strips, never over a line
            QVERIFY(marker.labelRect.left() <= marker.x && marker.labelRect.right() >= marker.x);
        }
        // Two labels far apart need one lane: no empty row above them.
        QCOMPARE(l.markers[0].lane, 0);
        QCOMPARE(l.markers[1].lane, 0);
        QCOMPARE(l.lanes.height(), chart.stripInput().lineHeight + 2);
        QCOMPARE(l.markers[0].label, QStringLiteral("roam"));
        QCOMPARE(l.markers[1].label, QStringLiteral("PHY drop"));
        // Readings 10 s apart over 6 min 30 s: the roam is 12/30 of the way to the drop from the start.
        const double firstX = signalLine.front().front().x(), lastX = signalLine.front().back().x();
        QVERIFY(std::abs((l.markers[0].x - firstX) / (lastX - firstX) - double(kRoamAt) / (kReadings - 1)) < 1e-9);
        QVERIFY(std::abs((l.markers[1].x - firstX) / (lastX - firstX) - double(kPhyDropAt) / (kReadings - 1)) < 1e-9);

        // The values sit where the axes say: −52 then −78 dBm, the noise at −95, the rates in Mbit/s.
        const views::WifiStrip &s = l.strips[size_t(views::WifiStripKind::Signal)];
        const views::WifiStrip &r = l.strips[size_t(views::WifiStripKind::Rate)];
        QCOMPARE(signalLine.front().front().y(), s.yOf(-52));
        QCOMPARE(signalLine.front().back().y(), s.yOf(-78));
        QCOMPARE(l.lines[size_t(views::WifiSeries::Noise)].front().front().y(), s.yOf(kNoise));
        QVERIFY(s.yMin <= kNoise && s.yMax >= -52);
        QCOMPARE(l.lines[size_t(views::WifiSeries::Tx)].front().front().y(), r.yOf(1201));
        QCOMPARE(l.lines[size_t(views::WifiSeries::Rx)].front().back().y(), r.yOf(175.5 * 0.9));
        QVERIFY(r.yMin == 0 && r.yMax >= 1201);
        QCOMPARE(l.snrBands.size(), size_t(1));
        QVERIFY(l.disconnected.empty());
        QCOMPARE(l.strips[0].legend.size(), size_t(3)); // no "not connected" without a span to explain

        // Nothing overlaps: legends, markers' labels, value and time labels, the caption; all inside.
        std::vector<QRectF> rects;
        for (const views::WifiStrip &strip : l.strips) {
            rects.push_back(strip.unitRect);
            rects.insert(rects.end(), strip.legend.begin(), strip.legend.end());
            for (const views::WifiStripTick &t : strip.yTicks)
                rects.push_back(t.labelRect);
        }
        for (const views::WifiEventMarker &marker : l.markers)
            rects.push_back(marker.labelRect);
        for (const views::WifiStripTick &t : l.xTicks)
            rects.push_back(t.labelRect);
        QVERIFY(disjoint(rects));
        rects.push_back(l.captionRect);
        const QRectF area(QPointF(0, 0), QSizeF(chart.size()));
        for (const QRectF &rect : rects)
            QVERIFY2(area.contains(rect), qPrintable(QStringLiteral("%1,%2 %3×%4").arg(rect.x()).arg(rect.y()).arg(rect.width()).arg(rect.height())));
        QVERIFY(!l.xTicks.empty());
        QVERIFY(l.xTicks.front().label.startsWith("09:0"));
        QCOMPARE(l.caption, QStringLiteral("UTC, 2026-12-06"));

        // Tooltips in words: the markers, a reading in each strip, the legends.
        const QString roamTip = chart.toolTipAt(l.markers[0].labelRect.center());
        QVERIFY2(roamTip.contains("Roamed to another access point") && roamTip.contains(kAp1 + " → " + kAp2), qPrintable(roamTip));
        QVERIFY2(roamTip.contains("09:02:00"), qPrintable(roamTip));
        const QString dropTip = chart.toolTipAt(QPointF(l.markers[1].x, signal.top() - 3));
        QVERIFY2(dropTip.contains("Wi-Fi 6 → Wi-Fi 5") && dropTip.contains("older Wi-Fi generation"), qPrintable(dropTip));
        const double x35 = signalLine.front()[35].x();
        const QString signalTip = chart.toolTipAt(QPointF(x35, signal.center().y()));
        QVERIFY2(signalTip.contains(QString("signal %1 · noise %2 · SNR 17 dB").arg(core::formatDbm(-78), core::formatDbm(kNoise))),
                 qPrintable(signalTip));
        QVERIFY2(signalTip.contains("09:05:50") && signalTip.contains(kAp2), qPrintable(signalTip));
        const QString rateTip = chart.toolTipAt(QPointF(signalLine.front()[5].x(), rates.center().y()));
        QVERIFY2(rateTip.contains("TX 1201 Mbit/s (Wi-Fi 6, MCS 11, 2 streams, 80 MHz)"), qPrintable(rateTip));
        QVERIFY2(rateTip.contains("RX 1081 Mbit/s"), qPrintable(rateTip));
        for (const views::WifiStrip &strip : l.strips)
            for (const QRectF &entry : strip.legend)
                QVERIFY(!chart.toolTipAt(entry.center()).isEmpty());
        QVERIFY(!chart.toolTipAt(s.unitRect.center()).isEmpty());

        if (!shotsDir().isEmpty()) {
            QDir().mkpath(shotsDir());
            page.grab().save(shotsDir() + "/wifi-page.png");
        }
        QVERIFY(nothingClipped(page));
    }

    void crowdedEventsKeepTheirLabelsApart()
    {
        // A flapping link: 30 events in 5 minutes on a narrow chart. Labels never overlap; those
        // without room are left out, their markers stay (the tooltip tells), and events on one
        // reading share a marker.
        views::WifiStripInput in;
        in.size = QSizeF(420, 300);
        for (int i = 0; i < 30; ++i) {
            in.points.push_back(views::WifiStripPoint{kT0 + i * kEveryUs, i % 2 == 0, {-60.0, -95.0, 300.0, 280.0}});
            in.events.push_back({kT0 + i * kEveryUs, i % 2 ? QStringLiteral("disconnect") : QStringLiteral("reconnect")});
        }
        in.events.push_back({kT0 + 29 * kEveryUs, QStringLiteral("roam")}); // the same reading as the last one
        const views::WifiStripLayout l = views::layoutWifiStrips(in);
        QCOMPARE(l.markers.back().events, (std::vector<size_t>{29, 30}));
        QCOMPARE(l.markers.back().label, QStringLiteral("disconnect + roam"));
        size_t events = 0, labelled = 0;
        std::vector<QRectF> labels;
        for (const views::WifiEventMarker &m : l.markers) {
            events += m.events.size();
            labelled += m.labelRect.isEmpty() ? 0 : 1;
            labels.push_back(m.labelRect);
            QVERIFY(m.labelRect.isEmpty() || l.lanes.contains(m.labelRect));
            QVERIFY(!m.hit.isEmpty());
        }
        QCOMPARE(events, size_t(31));
        QVERIFY(disjoint(labels));
        QVERIFY(labelled >= 2 && labelled < l.markers.size());
        QVERIFY(std::any_of(l.markers.begin(), l.markers.end(), [](const views::WifiEventMarker &m) { return m.lane == 1; }));
        QCOMPARE(l.lanes.height(), 2 * (in.lineHeight + 2));
        // Half the readings without a link: 15 shaded spans, and the lines break at each.
        QCOMPARE(l.disconnected.size(), size_t(15));
        QCOMPARE(l.lines[size_t(views::WifiSeries::Signal)].size(), size_t(15));
        QVERIFY(l.snrBands.empty()); // one reading a piece has no area
        const auto [x0, x1] = l.disconnected.front();
        QCOMPARE(x0, l.xOf(kT0 + kEveryUs));
        QCOMPARE(x1, l.xOf(kT0 + 2 * kEveryUs));
    }

    void aDayOfReadingsIsDecimatedWithoutLosingTheExtremes()
    {
        views::WifiStripInput in;
        in.size = QSizeF(900, 400);
        for (int i = 0; i < 8640; ++i) { // a day at one reading per 10 s
            views::WifiStripPoint p{kT0 + i * kEveryUs, true, {-60.0, -95.0, 500.0, 450.0}};
            if (i == 4321)
                p.values[0] = -88.0; // one deep fade
            in.points.push_back(p);
        }
        const views::WifiStripLayout l = views::layoutWifiStrips(in);
        const auto &line = l.lines[size_t(views::WifiSeries::Signal)];
        QCOMPARE(line.size(), size_t(1));
        QVERIFY(line.front().size() <= 2 * qsizetype(l.strips[0].plot.width()) + 2);
        const double fadeY = l.strips[0].yOf(-88);
        QVERIFY(std::any_of(line.front().begin(), line.front().end(), [&](const QPointF &p) { return p.y() == fadeY; }));
    }

    void emptyStateAndDiffing()
    {
        views::WifiPage page;
        QAbstractItemModelTester tester(page.eventModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // No readings: the page says why, in the words of the task.
        QVERIFY(!page.showsContent());
        QVERIFY2(page.emptyState()->explanation().startsWith("No Wi-Fi readings: this machine has no wireless interface, "
                                                             "or the capture was recorded without the Wi-Fi collector"),
                 qPrintable(page.emptyState()->explanation()));
        QCOMPARE(page.emptyState()->headline(), views::pageInfo(views::Page::WiFi).headline);
        if (!shotsDir().isEmpty()) {
            page.resize(1100, 600);
            page.grab().save(shotsDir() + "/wifi-empty.png");
        }
        page.showWifi(picture(), true);
        QVERIFY(page.showsContent());
        page.eventView()->selectRow(0);

        // A disconnect arrives: inserted by diffing, the user's row moves down with its event.
        auto more = std::make_shared<core::WifiPicture>(*picture());
        core::WifiSample down = reading(kReadings);
        down.connected = false;
        more->samples.push_back(down);
        more->latest = down;
        more->events.push_back(wifiEvent(kReadings, core::WifiEventKind::Disconnect, kAp2, {}));
        QSignalSpy reset(page.eventModel(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(page.eventModel(), &QAbstractItemModel::rowsInserted);
        page.showWifi(more, false);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(page.eventModel()->rowCount(), 3);
        QCOMPARE(page.eventModel()->index(0, views::WifiEventTableModel::What).data().toString(), QStringLiteral("Disconnected"));
        QCOMPARE(page.eventModel()->index(0, views::WifiEventTableModel::Change).data().toString(), kAp2 + " →");
        QVERIFY(page.eventView()->selectionModel()->isRowSelected(1, {}));
        // Not connected now: the card says so and shows no link figures; the median and tier stay.
        QCOMPARE(page.card()->linkText(), core::wifiLinkLine(down));
        QCOMPARE(page.card()->linkText(), QStringLiteral("Not connected"));
        QCOMPARE(page.card()->figureText(views::WifiLinkCard::SignalNow), QStringLiteral("—"));
        QCOMPARE(page.card()->figureText(views::WifiLinkCard::Ceiling), QStringLiteral("—"));
        QCOMPARE(page.card()->reasonText(), QString());
        QCOMPARE(page.card()->pillText(), QStringLiteral("good"));
        QCOMPARE(page.strips()->stripLayout().disconnected.size(), size_t(1));

        // Another capture without Wi-Fi: back to the empty state, the table empty.
        page.showWifi(std::make_shared<core::WifiPicture>(), true);
        QVERIFY(!page.showsContent());
        QCOMPARE(page.eventModel()->rowCount(), 0);
    }

    // One poll stamps every interface with the same time: two adapters dropping together are two
    // rows, and a later snapshot keeps each row on its own adapter's event.
    void simultaneousEventsOnTwoAdaptersAreTwoRows()
    {
        views::WifiPage page;
        QAbstractItemModelTester tester(page.eventModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.showWifi(picture(), true);
        QCOMPARE(page.eventModel()->rowCount(), 2);

        auto both = std::make_shared<core::WifiPicture>(*picture());
        core::WifiEvent first = wifiEvent(kReadings, core::WifiEventKind::Disconnect, kAp2, {});
        core::WifiEvent second = first;
        second.iface = QStringLiteral("wlan1");
        second.from = kAp1;
        both->events.push_back(first);
        both->events.push_back(second);
        QVERIFY(views::WifiEventTableModel::keyOf(first) != views::WifiEventTableModel::keyOf(second));
        QSignalSpy inserted(page.eventModel(), &QAbstractItemModel::rowsInserted);
        page.showWifi(both, false);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(page.eventModel()->rowCount(), 4);
        QCOMPARE(page.eventsTitle(), QStringLiteral("Events (4)"));

        // The same events again: no row changes, and each row still shows its own adapter's event.
        QSignalSpy changed(page.eventModel(), &QAbstractItemModel::dataChanged);
        page.showWifi(std::make_shared<core::WifiPicture>(*both), false);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(page.eventModel()->rowCount(), 4);
        QStringList ifaces, changes;
        for (int row = 0; row < 2; ++row) {
            const core::WifiEvent *e = page.eventModel()->rowAt(row);
            QVERIFY(e);
            QCOMPARE(e->utcUs, first.utcUs);
            QCOMPARE(e->kind, core::WifiEventKind::Disconnect);
            ifaces << e->iface;
            changes << page.eventModel()->index(row, views::WifiEventTableModel::Change).data().toString();
        }
        ifaces.sort();
        changes.sort();
        QCOMPARE(ifaces, QStringList({QStringLiteral("wlan0"), QStringLiteral("wlan1")}));
        QCOMPARE(changes, QStringList({kAp1 + " →", kAp2 + " →"}));
        QVERIFY(page.eventModel()->index(0, 0).data(views::KeyRole) != page.eventModel()->index(1, 0).data(views::KeyRole));
    }

    void dumpSaysWhatThePageShows()
    {
        views::WifiPage page;
        page.showWifi(picture(), true);
        const QJsonObject d = page.dump();
        QCOMPARE(d.value("readings").toInt(), kReadings);
        QCOMPARE(d.value("link").toString(), page.card()->linkText());
        QCOMPARE(d.value("ssid").toString(), kSsid);
        QCOMPARE(d.value("bssid").toString(), kAp2);
        QCOMPARE(d.value("signal_dbm").toDouble(), -78.0);
        QCOMPARE(d.value("rssi_p50_dbm").toDouble(), -64.5);
        QCOMPARE(d.value("tier").toString(), QStringLiteral("good"));
        QCOMPARE(d.value("noise_dbm").toDouble(), double(kNoise));
        QCOMPARE(d.value("snr_db").toDouble(), 17.0);
        QCOMPARE(d.value("tx_mbps").toDouble(), 175.5);
        QCOMPARE(d.value("rx_mbps").toDouble(), 175.5 * 0.9);
        const QJsonObject ceiling = d.value("ceiling").toObject();
        QVERIFY(std::abs(ceiling.value("phy_max_mbps").toDouble() - 780) < 0.01);
        QCOMPARE(ceiling.value("reason").toString(), page.card()->reasonText());
        const QJsonArray events = d.value("events").toArray();
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].toObject().value("utc").toString(), QStringLiteral("2026-12-06T09:05:00.000Z"));
        QCOMPARE(events[0].toObject().value("kind").toString(), QStringLiteral("wifi_phy_mode_drop"));
        QCOMPARE(events[1].toObject().value("kind").toString(), QStringLiteral("wifi_roam"));
        QCOMPARE(events[1].toObject().value("change").toString(), kAp1 + " → " + kAp2);
        QCOMPARE(events[1].toObject().value("what").toString(), QStringLiteral("Roamed to another access point"));

        views::WifiPage none;
        const QJsonObject empty = none.dump();
        QCOMPARE(empty.value("readings").toInt(), 0);
        QVERIFY(empty.value("tier").isNull());
        QVERIFY(empty.value("signal_dbm").isNull());
        QVERIFY(empty.value("events").toArray().isEmpty());
    }

    void mainWindowShowsTheSnapshotsWifi()
    {
        views::MainWindow::Options o;
        o.interactive = false;
        views::MainWindow w(o);
        QCOMPARE(views::pageInfo(views::Page::WiFi).id, QStringLiteral("wifi"));
        QCOMPARE(views::pageShortcut(views::Page::WiFi), QKeySequence(Qt::CTRL | Qt::Key_9)); // like every page
        QCOMPARE(w.pageWidget(views::Page::WiFi), static_cast<QWidget *>(w.wifi()));
        w.showPage(views::Page::WiFi);
        w.resize(1366, 708); // a 1366×768 screen less its taskbar
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(!w.wifi()->showsContent());
        w.applySnapshot(snapshotWith(picture()));
        QVERIFY(w.wifi()->showsContent());
        const QJsonObject dump = views::dumpViews(w).value("wifi").toObject();
        QCOMPARE(dump.value("events").toArray().size(), 2);
        QCOMPARE(dump.value("tier").toString(), QStringLiteral("good"));
        QApplication::processEvents();
        QVERIFY(nothingClipped(w));
        // The table's cells are not cut either (the page was hidden behind its empty state when the
        // rows arrived).
        QTableView *table = w.wifi()->eventView();
        for (int c = 0; c + 1 < views::WifiEventTableModel::ColumnCount; ++c)
            for (int row = 0; row < table->model()->rowCount(); ++row) {
                const QString text = table->model()->index(row, c).data().toString();
                QVERIFY2(table->columnWidth(c) >= table->fontMetrics().horizontalAdvance(text),
                         qPrintable(QStringLiteral("column %1 is %2 px for '%3'").arg(c).arg(table->columnWidth(c)).arg(text)));
            }
        const int last = views::WifiEventTableModel::ColumnCount - 1; // and "From → to" reaches the table's edge
        QCOMPARE(table->columnViewportPosition(last) + table->columnWidth(last), table->viewport()->width());
        const views::WifiStripLayout &small = w.wifi()->strips()->stripLayout();
        QCOMPARE(small.markers.size(), size_t(2));
        for (const views::WifiEventMarker &m : small.markers)
            QVERIFY(!m.labelRect.isEmpty());
        QVERIFY2(small.strips[0].plot.height() >= 60, qPrintable(QString::number(small.strips[0].plot.height())));
        if (!shotsDir().isEmpty())
            w.grab().save(shotsDir() + "/wifi-1366x768.png");
        w.resize(2560, 1380);
        QApplication::processEvents();
        QVERIFY(nothingClipped(w));
        if (!shotsDir().isEmpty())
            w.grab().save(shotsDir() + "/wifi-2560x1440.png");

        // Then the link drops for 30 s and comes back on the first access point: a shaded span, two
        // more markers, and "not connected" in the legend.
        auto flapped = std::make_shared<core::WifiPicture>(*picture());
        for (int i = kReadings; i < kReadings + 3; ++i) {
            core::WifiSample down = reading(i);
            down.connected = false;
            flapped->samples.push_back(down);
        }
        core::WifiSample back = reading(kReadings + 3);
        back.bssid = kAp1;
        back.rssiDbm = -55;
        flapped->samples.push_back(back);
        flapped->latest = back;
        flapped->events.push_back(wifiEvent(kReadings, core::WifiEventKind::Disconnect, kAp2, {}));
        flapped->events.push_back(wifiEvent(kReadings + 3, core::WifiEventKind::Reconnect, kAp2, kAp1));
        auto next = std::make_shared<core::CaptureSnapshot>(*snapshotWith(flapped));
        next->sequence = 2;
        w.resize(1366, 708);
        w.applySnapshot(next);
        QApplication::processEvents();
        const views::WifiStripLayout &l = w.wifi()->strips()->stripLayout();
        QCOMPARE(l.markers.size(), size_t(4));
        QCOMPARE(l.disconnected.size(), size_t(1));
        QCOMPARE(l.disconnected.front().first, l.xOf(kT0 + kReadings * kEveryUs));
        QCOMPARE(l.disconnected.front().second, l.xOf(kT0 + (kReadings + 3) * kEveryUs));
        QCOMPARE(l.strips[0].legend.size(), size_t(4));
        QCOMPARE(w.wifi()->strips()->stripInput().legend[0].last(), QStringLiteral("not connected"));
        std::vector<QRectF> labels;
        for (const views::WifiEventMarker &m : l.markers)
            labels.push_back(m.labelRect);
        QVERIFY(disjoint(labels));
        QCOMPARE(w.wifi()->eventModel()->rowCount(), 4);
        QVERIFY(nothingClipped(w));
        if (!shotsDir().isEmpty())
            w.grab().save(shotsDir() + "/wifi-1366x768-reconnect.png");
    }
};

QTEST_MAIN(TestWifiPage)
#include "tst_wifi_page.moc"
