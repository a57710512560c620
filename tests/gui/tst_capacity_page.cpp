// SPDX-License-Identifier: GPL-3.0-or-later
// Capacity page from hand-built snapshots: the path selector in words, the latest-estimate card
// (a doubtful estimate shows its reason and no figure), the chart's layout maths (legend and labels
// never overlap, lines break at doubtful estimates, decimation keeps the extremes, hover targets),
// the diagnoses and their hops, updates by diffing, no stored identifier on screen, --dump-views;
// then the page in the main window from a capture file (the one data path) and its shortcut.
#include "gui_checks.h"
#include "core/base/units_format.h"
#include "core/store/capture_store.h"
#include "core/store/trains_rows.h"
#include "views/shell/main_window.h"
#include "views/shell/views_dump.h"
#include "views/trains/capacity_chart.h"
#include "views/trains/capacity_chart_layout.h"
#include "views/trains/capacity_page.h"
#include "views/trains/diagnosis_table_model.h"
#include "views/trains/estimate_card.h"
#include "views/trains/estimate_table_model.h"
#include "views/trains/hop_table_model.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QAction>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace pathlens;

namespace {
constexpr core::TimestampUs kT0 = 1'796'547'600'000'000; // 2026-12-06T09:00:00Z
constexpr core::TimestampUs kMinute = 60'000'000;

core::CapacityResult estimate(core::TimestampUs utc, const QString &target, core::CapacityDirection direction,
                              std::optional<double> total, std::optional<double> available)
{
    core::CapacityResult r;
    r.utcUs = utc;
    r.target = target;
    r.address = target == QLatin1String("lab-b") ? QStringLiteral("10.90.4.2") : target;
    r.mode = direction == core::CapacityDirection::RoundTrip ? core::CapacityMode::SingleEnded : core::CapacityMode::DualEnded;
    r.direction = direction;
    r.phase = core::CapacityPhase::Continuous;
    r.totalMbps = total;
    r.measuredMbps = available;
    r.availableMbps = available;
    if (total && available)
        r.utilisedMbps = *total - *available;
    r.latencyMs = 12.4;
    r.lossPct = 0;
    r.jitterMs = 0.42;
    r.voiceMos = 4.31;
    r.voiceLossPct = 0.5;
    r.voiceJitterMs = 0.3;
    r.codec = QStringLiteral("G.711");
    r.packetBytes = 1500;
    r.packets = 30;
    r.bytes = 19000;
    r.dscp = 46;
    return r;
}

core::Diagnosis diagnosis(core::TimestampUs utc)
{
    core::Diagnosis d;
    d.utcUs = utc;
    d.target = QStringLiteral("lab-b");
    d.trigger = QStringLiteral("data loss 7.5 % over 10 samples");
    d.verdict = QStringLiteral("Loss starts at hop 4 (10.90.3.9): 7.1 % there, carried to every later hop");
    d.culpritTtl = 4;
    d.culpritAddress = QStringLiteral("10.90.3.9");
    d.dscpNote = QStringLiteral("hop 3 rewrites EF → CS0");
    d.sentDscp = 46;
    d.packets = 425;
    d.bytes = 497000;
    d.durationS = 21.2;
    auto hop = [](int ttl, QString addr, int received, double loss, std::optional<double> cap, std::optional<int> dscp) {
        core::HopFinding h;
        h.ttl = ttl;
        h.address = std::move(addr);
        h.sent = 85;
        h.received = received;
        h.lossPct = loss;
        h.capacityMbps = cap;
        if (received > 0)
            h.latencyMs = 10.0 + ttl;
        h.dscpSeen = dscp;
        return h;
    };
    d.hops = {hop(1, "10.90.1.2", 85, 0, std::nullopt, 46), hop(2, "", 0, 100, std::nullopt, std::nullopt),
              hop(3, "10.90.3.2", 60, 29.4, 19.4, 0), hop(4, "10.90.3.9", 79, 7.1, 19.1, 0), hop(5, "10.90.4.2", 78, 8.2, 19.0, std::nullopt)};
    d.hops[2].rateLimited = true;
    d.hops[4].destination = true;
    return d;
}

// Outbound: three estimates (the second a confirmation sample); inbound: two, the newest doubtful;
// a gateway measured both ways at once by ICMP; one diagnosis of lab-b.
std::shared_ptr<core::CapacityPicture> picture()
{
    auto p = std::make_shared<core::CapacityPicture>();
    using D = core::CapacityDirection;
    p->results.push_back(estimate(kT0, "lab-b", D::Forward, 48.0, 40.0));
    p->results.push_back(estimate(kT0 + 2'000'000, "lab-b", D::Reverse, 19.5, 15.0));
    p->results.push_back(estimate(kT0 + 3'000'000, "gw", D::RoundTrip, 940.0, 900.0));
    p->results.push_back(estimate(kT0 + kMinute, "lab-b", D::Forward, 48.0, 30.0));
    p->results.back().phase = core::CapacityPhase::Confirming;
    p->results.push_back(estimate(kT0 + kMinute + 2'000'000, "lab-b", D::Reverse, std::nullopt, std::nullopt));
    p->results.back().doubtful = true;
    p->results.back().reason = QStringLiteral("every train lost packets: no loss-free train to time");
    p->results.back().lossPct = 20;
    p->results.push_back(estimate(kT0 + 2 * kMinute, "lab-b", D::Forward, 48.0, 44.5));
    p->results.back().reason = QStringLiteral("a shaper let the first packets through unspaced");
    p->diagnoses.push_back(diagnosis(kT0 + 2 * kMinute + 30'000'000));
    return p;
}

bool hasDigit(const QString &s)
{
    return std::any_of(s.begin(), s.end(), [](QChar c) { return c.isDigit(); });
}

// Everything a person can read on the page: labels, the selector, tabs, tooltips, every model
// cell and header, and what the chart says on hover over each of its marks and legend entries.
QStringList screenTexts(views::CapacityPage &page)
{
    QStringList out;
    for (QWidget *w : page.findChildren<QWidget *>()) {
        out << w->toolTip();
        if (auto *label = qobject_cast<QLabel *>(w))
            out << label->text();
    }
    for (int i = 0; i < page.pathSelector()->count(); ++i)
        out << page.pathSelector()->itemText(i);
    for (int i = 0; i < page.tabs()->count(); ++i)
        out << page.tabs()->tabText(i) << page.tabs()->tabToolTip(i);
    const QAbstractItemModel *models[] = {page.estimateModel(), page.diagnosisModel(), page.hopModel()};
    for (const QAbstractItemModel *m : models) {
        for (int c = 0; c < m->columnCount(); ++c)
            out << m->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString()
                << m->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString();
        for (int r = 0; r < m->rowCount(); ++r)
            for (int c = 0; c < m->columnCount(); ++c)
                out << m->index(r, c).data(Qt::DisplayRole).toString() << m->index(r, c).data(Qt::ToolTipRole).toString();
    }
    const views::CapacityChart &chart = *page.chart();
    const views::CapacityChartLayout &l = chart.chartLayout();
    for (const QRectF &r : l.legend)
        out << chart.toolTipAt(r.center());
    for (const views::CapacityChartMarker &m : l.markers)
        out << chart.toolTipAt(m.centre);
    for (const auto *marks : {&l.doubtful, &l.diagnoses})
        for (const views::CapacityAxisMark &m : *marks)
            out << chart.toolTipAt(m.hit.center());
    return out;
}
} // namespace

class TestCapacityPage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void layoutKeepsLabelsApartAndBreaksAtDoubtfulEstimates()
    {
        views::CapacityChartInput in;
        in.size = QSizeF(640, 300);
        in.legend = views::CapacityChart::legendTexts();
        for (int i = 0; i < 20; ++i) {
            views::CapacityChartPoint p;
            p.utcUs = kT0 + i * kMinute;
            p.doubtful = i == 7 || i == 8;
            p.confirming = i >= 10 && i < 14;
            if (!p.doubtful)
                p.mbps = {48.0, 40.0 - i, 8.0 + i};
            in.points.push_back(p);
        }
        in.diagnoses = {kT0 + 15 * kMinute};
        const views::CapacityChartLayout l = views::layoutCapacityChart(in);
        const QRectF area(QPointF(0, 0), in.size);
        QCOMPARE(l.legend.size(), size_t(6));
        for (size_t i = 0; i < l.legend.size(); ++i) {
            QVERIFY(area.contains(l.legend[i]));
            QVERIFY(!l.legend[i].intersects(l.plot));
            for (size_t j = i + 1; j < l.legend.size(); ++j)
                QVERIFY(!l.legend[i].intersects(l.legend[j]));
        }
        QVERIFY(l.xTicks.size() >= 3);
        for (size_t i = 0; i + 1 < l.xTicks.size(); ++i)
            QVERIFY2(l.xTicks[i].labelRect.right() < l.xTicks[i + 1].labelRect.left(), qPrintable(l.xTicks[i].label));
        for (const views::CapacityChartTick &t : l.xTicks)
            QVERIFY(area.contains(t.labelRect));
        QVERIFY(l.yTicks.size() >= 3 && l.yMax >= 48.0);
        for (size_t i = 0; i + 1 < l.yTicks.size(); ++i)
            QVERIFY(l.yTicks[i].labelRect.top() >= l.yTicks[i + 1].labelRect.bottom()); // bottom-up, never overlapping
        QVERIFY(!l.captionRect.intersects(l.xTicks.back().labelRect));
        QCOMPARE(l.caption, QStringLiteral("UTC, 2026-12-06"));
        // Two doubtful estimates split every line in two; 18 estimates with figures × 3 markers.
        for (const auto &pieces : l.lines) {
            QCOMPARE(pieces.size(), size_t(2));
            QCOMPARE(pieces[0].size() + pieces[1].size(), qsizetype(18));
        }
        QCOMPARE(l.markers.size(), size_t(54));
        QCOMPARE(std::count_if(l.markers.begin(), l.markers.end(), [](const auto &m) { return m.confirming; }), 12);
        QCOMPARE(l.confirmBands.size(), size_t(1));
        QCOMPARE(l.doubtful.size(), size_t(2)); // a minute apart: two ticks
        QCOMPARE(l.diagnoses.size(), size_t(1));
        QVERIFY(std::abs(l.yOf(48.0) - l.markers.front().centre.y()) < 1e-6);
        // Hover targets: the flag, a doubtful tick, a marker; nothing in the empty legend gap.
        auto hit = views::hitCapacityChart(l, in, l.diagnoses[0].hit.center());
        QVERIFY(hit && hit->kind == views::CapacityChartHit::Diagnosis);
        hit = views::hitCapacityChart(l, in, l.doubtful[1].hit.center());
        QVERIFY(hit && hit->kind == views::CapacityChartHit::Doubtful && hit->items == std::vector<size_t>{8});
        hit = views::hitCapacityChart(l, in, l.markers[5].centre + QPointF(2, 1));
        QVERIFY(hit && hit->kind == views::CapacityChartHit::Point && hit->items.front() == l.markers[5].point);
        // A long silence breaks the line too: nothing measured for 10 minutes.
        in.points[15].utcUs += 10 * kMinute;
        for (size_t i = 16; i < in.points.size(); ++i)
            in.points[i].utcUs += 10 * kMinute;
        QCOMPARE(views::layoutCapacityChart(in).lines[0].size(), size_t(3));
    }

    void decimationKeepsTheExtremes()
    {
        // A week at one a minute in 600 pixels: at most two points a column, and a one-minute drop
        // to 3 Mbit/s still reaches the bottom of the line.
        views::CapacityChartInput in;
        in.size = QSizeF(700, 260);
        for (int i = 0; i < 7 * 1440; ++i) {
            views::CapacityChartPoint p;
            p.utcUs = kT0 + i * kMinute;
            const double available = i == 5000 ? 3.0 : 40.0 + (i % 7);
            p.mbps = {60.0, available, 60.0 - available};
            in.points.push_back(p);
        }
        const views::CapacityChartLayout l = views::layoutCapacityChart(in);
        QCOMPARE(l.lines[1].size(), size_t(1));
        const QPolygonF &line = l.lines[1].front();
        QVERIFY2(line.size() <= 2 * int(l.plot.width()) + 2, qPrintable(QString::number(line.size())));
        const double lowest = std::max_element(line.begin(), line.end(), [](QPointF a, QPointF b) { return a.y() < b.y(); })->y();
        QCOMPARE(lowest, l.yOf(3.0));
        QVERIFY(l.markers.empty()); // too dense to mark one by one
        QVERIFY(l.xTicks.size() >= 3);
        for (size_t i = 0; i + 1 < l.xTicks.size(); ++i)
            QVERIFY(l.xTicks[i].labelRect.right() < l.xTicks[i + 1].labelRect.left());
        QCOMPARE(l.caption, QStringLiteral("UTC, 2026-12-06 – 2026-12-13"));
    }

    void pageShowsPathsEstimatesAndDiagnoses()
    {
        views::CapacityPage page;
        QAbstractItemModelTester t1(page.estimateModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(page.diagnosisModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(page.hopModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1000, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(!page.showsContent()); // empty state until there are estimates
        page.showCapacity(picture(), true);
        QVERIFY(page.showsContent());

        // The selector names targets and directions in words, targets in the order measured.
        QComboBox *paths = page.pathSelector();
        QCOMPARE(paths->count(), 3);
        QCOMPARE(paths->itemText(0), QStringLiteral("lab-b (10.90.4.2) — outbound"));
        QCOMPARE(paths->itemText(1), QStringLiteral("lab-b (10.90.4.2) — inbound"));
        QCOMPARE(paths->itemText(2), QStringLiteral("gw — both directions (the slower one)"));
        QCOMPARE(paths->currentIndex(), 0);

        // Outbound: the newest estimate's figures, its note, three rows and the chart's points.
        views::EstimateCard *card = page.card();
        using F = views::EstimateCard::Figure;
        QCOMPARE(card->figureText(F::Total), core::formatBitrate(48e6));
        QCOMPARE(card->figureText(F::Available), core::formatBitrate(44.5e6));
        QCOMPARE(card->figureText(F::Utilised), core::formatBitrate(3.5e6));
        QCOMPARE(card->figureText(F::Latency), core::formatMs(12.4));
        QCOMPARE(card->figureText(F::DataLoss), core::formatPercent(0));
        QCOMPARE(card->figureText(F::DataJitter), core::formatMs(0.42));
        QCOMPARE(card->figureText(F::VoiceMos), QStringLiteral("4.31 (G.711)"));
        QCOMPARE(card->figureText(F::VoiceLossJitter), core::formatPercent(0.5) + " · " + core::formatMs(0.3));
        QCOMPARE(card->figureText(F::Traffic), "30 packets · " + core::formatBytes(19000));
        QVERIFY(card->doubtfulText().isEmpty());
        QVERIFY(card->noteText().contains("a shaper let the first packets through unspaced"));
        QVERIFY(card->headerText().contains("regular measurement"));
        QVERIFY(card->headerText().contains("2026-12-06 09:02:00 UTC"));
        QVERIFY(card->headerText().contains("DSCP EF"));
        QVERIFY(page.summaryText().startsWith("3 estimates"));
        QCOMPARE(page.estimateModel()->rowCount(), 3);
        QCOMPARE(page.estimateModel()->index(0, views::EstimateTableModel::Total).data(views::RawValueRole).toDouble(), 48.0);
        QCOMPARE(page.estimateModel()->index(1, views::EstimateTableModel::Kind).data().toString(), QStringLiteral("confirmation sample"));
        const views::CapacityChartLayout &chart = page.chart()->chartLayout();
        QCOMPARE(chart.markers.size(), size_t(9));
        QCOMPARE(std::count_if(chart.markers.begin(), chart.markers.end(), [](const auto &m) { return m.confirming; }), 3);
        QCOMPARE(chart.diagnoses.size(), size_t(1));
        QVERIFY(chart.doubtful.empty());
        QVERIFY(page.chart()->toolTipAt(chart.diagnoses[0].hit.center()).contains("Loss starts at hop 4"));
        const QString totalHelp = page.chart()->toolTipAt(chart.legend[0].center());
        QVERIFY2(totalHelp.contains("smallest spacing") && totalHelp.contains("last 3 hours"), qPrintable(totalHelp));

        // Inbound: the newest estimate is doubtful — its reason, and no capacity figure anywhere.
        page.selectPath(1);
        QVERIFY(card->doubtfulText().contains("every train lost packets: no loss-free train to time"));
        for (F f : {F::Total, F::Available, F::Utilised}) {
            QCOMPARE(card->figureText(f), QStringLiteral("Doubtful"));
            QVERIFY(!hasDigit(card->figureText(f)));
        }
        QVERIFY(card->noteText().isEmpty());
        QCOMPARE(card->figureText(F::DataLoss), core::formatPercent(20)); // loss is measured all the same
        QVERIFY(page.summaryText().contains("(1 doubtful)"));
        QCOMPARE(page.estimateModel()->rowCount(), 2);
        QVERIFY(page.estimateModel()->index(0, views::EstimateTableModel::Total).data(views::RawValueRole).isNull());
        QCOMPARE(page.chart()->chartLayout().doubtful.size(), size_t(1));
        QCOMPARE(page.chart()->chartLayout().markers.size(), size_t(3)); // one estimate with figures
        QVERIFY(page.chart()->toolTipAt(page.chart()->chartLayout().doubtful[0].hit.center()).contains("every train lost packets"));
        QVERIFY(nothingClipped(page)); // the doubtful banner wraps and shows its whole reason

        // The diagnosis, newest first, selected; its hops with silent, rate-limited and rewritten marks.
        QCOMPARE(page.diagnosisModel()->rowCount(), 1);
        using DC = views::DiagnosisTableModel::Column;
        QCOMPARE(page.diagnosisModel()->index(0, DC::Trigger).data().toString(), QStringLiteral("data loss 7.5 % over 10 samples"));
        QVERIFY(page.diagnosisModel()->index(0, DC::Verdict).data().toString().startsWith("Loss starts at hop 4"));
        QCOMPARE(page.diagnosisModel()->index(0, DC::Dscp).data().toString(), QStringLiteral("hop 3 rewrites EF → CS0"));
        QVERIFY(page.diagnosisText().contains("Loss starts at hop 4 (10.90.3.9)"));
        QVERIFY(page.diagnosisText().contains("hop 3 rewrites EF → CS0"));
        views::HopTableModel *hops = page.hopModel();
        using HC = views::HopTableModel::Column;
        QCOMPARE(hops->rowCount(), 5);
        QCOMPARE(hops->index(1, HC::Address).data().toString(), QStringLiteral("—"));
        QCOMPARE(hops->index(1, HC::Loss).data().toString(), QStringLiteral("—"));
        QCOMPARE(hops->index(1, HC::Latency).data().toString(), QStringLiteral("—"));
        QCOMPARE(hops->index(2, HC::Loss).data().toString(), core::formatPercent(29.4));
        QVERIFY(hops->index(2, HC::Note).data().toString().contains("rate limiting"));
        QCOMPARE(hops->index(2, HC::DscpSeen).data().toString(), QStringLiteral("CS0 (sent EF)"));
        QCOMPARE(hops->index(0, HC::DscpSeen).data().toString(), QStringLiteral("EF"));
        QVERIFY(hops->index(3, HC::Note).data().toString().contains("starts here"));
        QVERIFY(hops->index(3, HC::Ttl).data(Qt::FontRole).value<QFont>().bold());
        QCOMPARE(hops->index(3, HC::Capacity).data(views::RawValueRole).toDouble(), 19.1);
        QCOMPARE(hops->index(3, HC::Capacity).data().toString(), core::formatBitrate(19.1e6));
        QVERIFY(hops->index(4, HC::Note).data().toString().contains("destination"));

        // No stored identifier reaches the screen, whichever path is shown.
        for (int i = 0; i < paths->count(); ++i) {
            page.selectPath(i);
            for (const QString &text : screenTexts(page))
                for (const char *raw : {"round_trip", "forward", "reverse", "continuous", "confirming"})
                    QVERIFY2(!text.contains(QLatin1String(raw), Qt::CaseInsensitive), qPrintable(QStringLiteral("'%1' in: %2").arg(raw, text)));
        }

        // --dump-views: every path with its latest estimate, and the diagnoses.
        const QJsonObject dump = page.dump();
        const QJsonArray dumped = dump.value("paths").toArray();
        QCOMPARE(dumped.size(), 3);
        QCOMPARE(dumped[0].toObject().value("direction").toString(), QStringLiteral("forward"));
        QCOMPARE(dumped[0].toObject().value("estimates").toInt(), 3);
        QCOMPARE(dumped[0].toObject().value("latest").toObject().value("available_mbps").toDouble(), 44.5);
        const QJsonObject inbound = dumped[1].toObject().value("latest").toObject();
        QVERIFY(inbound.value("doubtful").toBool());
        QVERIFY(inbound.value("total_mbps").isNull());
        QCOMPARE(inbound.value("reason").toString(), QStringLiteral("every train lost packets: no loss-free train to time"));
        QCOMPARE(dumped[2].toObject().value("direction").toString(), QStringLiteral("round_trip"));
        const QJsonArray diagnoses = dump.value("diagnoses").toArray();
        QCOMPARE(diagnoses.size(), 1);
        QCOMPARE(diagnoses[0].toObject().value("culprit_ttl").toInt(), 4);
        QCOMPARE(diagnoses[0].toObject().value("dscp_note").toString(), QStringLiteral("hop 3 rewrites EF → CS0"));
        QCOMPARE(diagnoses[0].toObject().value("utc").toString(), QStringLiteral("2026-12-06T09:02:30.000Z"));

        if (qEnvironmentVariableIsSet("PATHLENS_GUI_SHOTS")) { // for checking by eye
            page.selectPath(1);
            QApplication::processEvents();
            page.grab().save(qEnvironmentVariable("PATHLENS_GUI_SHOTS") + "/capacity-inbound.png");
            page.tabs()->setCurrentIndex(1);
            QApplication::processEvents();
            page.grab().save(qEnvironmentVariable("PATHLENS_GUI_SHOTS") + "/capacity-estimates.png");
        }
    }

    void aNewEstimateUpdatesByDiffing()
    {
        views::CapacityPage page;
        QAbstractItemModelTester t1(page.estimateModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(page.diagnosisModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(page.hopModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto first = picture();
        page.showCapacity(first, true);
        page.selectPath(1); // inbound, the user's choice
        page.selectDiagnosis(0);
        QSignalSpy estimateReset(page.estimateModel(), &QAbstractItemModel::modelReset);
        QSignalSpy diagnosisReset(page.diagnosisModel(), &QAbstractItemModel::modelReset);
        QSignalSpy hopReset(page.hopModel(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(page.estimateModel(), &QAbstractItemModel::rowsInserted);

        // The next snapshot: one more inbound estimate (a figure again), everything else the same.
        auto second = std::make_shared<core::CapacityPicture>(*first);
        second->results.push_back(estimate(kT0 + 3 * kMinute, "lab-b", core::CapacityDirection::Reverse, 19.5, 17.0));
        page.showCapacity(second, false);

        QCOMPARE(estimateReset.count(), 0);
        QCOMPARE(diagnosisReset.count(), 0);
        QCOMPARE(hopReset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(page.pathSelector()->currentIndex(), 1); // still the user's path
        QCOMPARE(page.estimateModel()->rowCount(), 3);
        QCOMPARE(page.estimateModel()->index(0, views::EstimateTableModel::Time).data(views::KeyRole).toLongLong(),
                 kT0 + 3 * kMinute); // newest first
        QCOMPARE(page.card()->figureText(views::EstimateCard::Available), core::formatBitrate(17e6));
        QVERIFY(page.card()->doubtfulText().isEmpty());
        QCOMPARE(page.chart()->chartLayout().markers.size(), size_t(6));
        QVERIFY(page.diagnosisView()->selectionModel()->isRowSelected(0, {}));

        // The same picture again changes nothing; a new capture starts over.
        page.showCapacity(second, false);
        QCOMPARE(inserted.count(), 1);
        page.showCapacity(std::make_shared<core::CapacityPicture>(), true);
        QVERIFY(!page.showsContent());
        QCOMPARE(page.estimateModel()->rowCount(), 0);
        QCOMPARE(page.diagnosisModel()->rowCount(), 0);
        QCOMPARE(page.pathSelector()->count(), 0);
    }

    void clickingADiagnosisFlagSelectsIt()
    {
        auto p = picture();
        core::Diagnosis older = diagnosis(kT0 + 30'000'000);
        older.verdict = QStringLiteral("Loss starts at hop 3 (10.90.3.2): 9.8 % there");
        p->diagnoses.insert(p->diagnoses.begin(), older);
        views::CapacityPage page;
        page.resize(1000, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.showCapacity(p, true);
        QCOMPARE(page.diagnosisModel()->rowCount(), 2);
        QVERIFY(page.diagnosisView()->selectionModel()->isRowSelected(0, {})); // the newest
        page.tabs()->setCurrentIndex(1);
        const views::CapacityChartLayout &l = page.chart()->chartLayout();
        QCOMPARE(l.diagnoses.size(), size_t(2));
        QTest::mouseClick(page.chart(), Qt::LeftButton, {}, l.diagnoses[0].hit.center().toPoint()); // the older one
        QCOMPARE(page.tabs()->currentIndex(), 0);
        QVERIFY(page.diagnosisView()->selectionModel()->isRowSelected(1, {}));
        QVERIFY(page.diagnosisText().contains("9.8 % there"));
    }

    void mainWindowShowsTheCapacityOfACapture()
    {
        // The one data path: estimates and a diagnosis in a capture file, opened for review.
        QTemporaryDir dir;
        const QString path = dir.filePath("capacity.plcap");
        {
            auto store = core::CaptureStore::open(path, core::CaptureStore::Mode::ReadWrite);
            QVERIFY(store);
            std::vector<core::Row> rows;
            const auto p = picture();
            for (const core::CapacityResult &r : p->results)
                rows.push_back(core::capacityResultToRow(r));
            for (const core::Diagnosis &d : p->diagnoses)
                rows.push_back(core::diagnosisToRow(d));
            QVERIFY((*store)->insertBatch(rows));
        }
        views::MainWindow::Options o;
        o.interactive = false;
        views::MainWindow w(o);
        w.resize(1366, 708);
        w.showPage(views::Page::Capacity);
        w.show();
        QSignalSpy shown(&w, &views::MainWindow::captureShown);
        w.openCapture(path);
        QVERIFY(shown.wait(5000));
        QCOMPARE(w.currentPage(), views::Page::Capacity);
        QVERIFY(w.capacity()->showsContent());
        QCOMPARE(w.capacity()->pathSelector()->count(), 3);
        QCOMPARE(w.capacity()->diagnosisModel()->rowCount(), 1);
        const QJsonObject dump = views::dumpViews(w).value("capacity").toObject();
        QCOMPARE(dump.value("paths").toArray().size(), 3);
        QCOMPARE(dump.value("diagnoses").toArray().size(), 1);
        QVERIFY(nothingClipped(w));
        w.capacity()->selectPath(1); // the doubtful one
        QVERIFY(nothingClipped(w));
        if (qEnvironmentVariableIsSet("PATHLENS_GUI_SHOTS"))
            w.grab().save(qEnvironmentVariable("PATHLENS_GUI_SHOTS") + "/capacity-window.png");
    }

    void shortcutsFollowThePageOrder()
    {
        // Ctrl+1 … Ctrl+9, Ctrl+0: one per page, in navigation order, Capacity right after Path.
        views::MainWindow::Options o;
        o.interactive = false;
        views::MainWindow w(o);
        QCOMPARE(views::kAllPages.size(), size_t(11)); // the eleventh, Timeline, has Ctrl+Shift+T
        QCOMPARE(views::kAllPages[4], views::Page::Capacity);
        QCOMPARE(views::pageInfo(views::Page::Capacity).title, QStringLiteral("Capacity"));
        QVERIFY(views::pageInfo(views::Page::Capacity).whyEmpty.contains("--capacity-target"));
        QMenu *view = nullptr;
        for (QAction *a : w.menuBar()->actions())
            if (a->text().remove('&') == QLatin1String("View"))
                view = a->menu();
        QVERIFY(view);
        int index = 0;
        for (QAction *a : view->actions()) {
            if (index >= 10)
                break; // the ten digit pages
            QCOMPARE(a->text(), views::pageInfo(views::kAllPages[size_t(index)]).title);
            QCOMPARE(a->shortcut(), index < 9 ? QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)) : QKeySequence(Qt::CTRL | Qt::Key_0));
            a->trigger();
            QCOMPARE(w.currentPage(), views::kAllPages[size_t(index)]);
            ++index;
        }
        QCOMPARE(index, 10);
    }
};

QTEST_MAIN(TestCapacityPage)
#include "tst_capacity_page.moc"
