// SPDX-License-Identifier: GPL-3.0-or-later
// Latency page layout, chips and bars.
#include "views/active/latency_page.h"

#include "views/common/chart_palette.h"

#include "core/active/probe_banners.h"
#include "core/active/probe_kind.h"
#include "core/active/quality_tiers.h"
#include "core/base/units_format.h"
#include "core/report/display_names.h"
#include "views/common/tier_style.h"
#include "views/shell/empty_state_page.h"
#include "views/active/latency_chart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGraphicsTextItem>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QStackedLayout>
#include <QValueAxis>
#include <QVBoxLayout>


namespace pathlens::views {

LatencyPage::LatencyPage(QWidget *parent)
    : QWidget(parent), m_chart(new LatencyChart(this)), m_tiers(new QLabel(this)), m_banner(new QLabel(this)),
      m_pepBanner(new QLabel(this)), m_mode(new QLabel(this)), m_live(new QPushButton(tr("Live"), this)),
      m_bars(new QChartView(this))
{
    m_tiers->setTextFormat(Qt::RichText);
    m_tiers->setToolTip(tr("Quality tiers (superior … broken); overall is the worst single metric"));
    m_banner->setObjectName(QStringLiteral("icmpProxyBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #5c4400; border: 1px solid #e6ab02; "
                                           "border-radius: 4px; padding: 6px; }"));
    m_banner->hide();
    m_pepBanner->setObjectName(QStringLiteral("pepBanner"));
    m_pepBanner->setWordWrap(true);
    m_pepBanner->setTextFormat(Qt::RichText);
    m_pepBanner->setStyleSheet(QStringLiteral("QLabel { background: #deebf7; color: #08306b; border: 1px solid #4292c6; "
                                              "border-radius: 4px; padding: 6px; }"));
    m_pepBanner->hide();
    m_mode->setForegroundRole(QPalette::PlaceholderText);
    m_mode->setToolTip(tr("How ICMP echo is sent: unprivileged datagram sockets when net.ipv4.ping_group_range allows, "
                          "else raw sockets (this process has CAP_NET_RAW, or pathlens-helper opens them for it)"));

    m_live->setCheckable(true);
    m_live->setToolTip(tr("Follow the newest samples (L)"));
    connect(m_live, &QPushButton::toggled, m_chart, &LatencyChart::setLive);
    connect(m_chart, &LatencyChart::liveChanged, m_live, &QPushButton::setChecked);
    auto *zoomIn = new QPushButton(tr("Zoom in"), this);
    auto *zoomOut = new QPushButton(tr("Zoom out"), this);
    auto *fit = new QPushButton(tr("Whole capture"), this);
    zoomIn->setToolTip(tr("+ or the mouse wheel"));
    zoomOut->setToolTip(tr("− or the mouse wheel"));
    fit->setToolTip(tr("Home or double-click the chart"));
    connect(zoomIn, &QPushButton::clicked, m_chart, [this] { m_chart->zoom(0.5); });
    connect(zoomOut, &QPushButton::clicked, m_chart, [this] { m_chart->zoom(2.0); });
    connect(fit, &QPushButton::clicked, m_chart, [this] { m_chart->setLive(false); m_chart->fitAll(); });
    auto *pause = new QShortcut(QKeySequence(Qt::Key_Space), this);
    connect(pause, &QShortcut::activated, m_live, &QPushButton::toggle);

    m_bars->setMinimumHeight(200);
    m_bars->setRenderHint(QPainter::Antialiasing);
    m_bars->chart()->setTitle(tr("Median RTT by protocol: gateway vs internet"));
    m_bars->chart()->legend()->setAlignment(Qt::AlignBottom);
    followPalette(m_bars); // light or dark as the window is
    // The chip sits in the chart's scene above the TCP connect bars; it follows the plot area.
    m_pepChip = new QGraphicsTextItem(m_bars->chart());
    m_pepChip->setHtml(QStringLiteral("<span style='background-color:#08519c; color:white; font-weight:bold;'>&nbsp;PEP&nbsp;</span>"));
    m_pepChip->setToolTip(tr("TCP accelerator: a box near you answers TCP connections itself, so these bars show the "
                             "way to that box, not to the server"));
    m_pepChip->setZValue(10);
    m_pepChip->hide();
    connect(m_bars->chart(), &QChart::plotAreaChanged, this, &LatencyPage::placePepChip);
    m_bars->installEventFilter(this); // builds bars that arrived while it was hidden

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_tiers, 1);
    controls->addWidget(m_mode);
    controls->addWidget(m_live);
    controls->addWidget(zoomIn);
    controls->addWidget(zoomOut);
    controls->addWidget(fit);
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->addLayout(controls);
    layout->addWidget(m_banner);
    layout->addWidget(m_pepBanner);
    layout->addWidget(m_chart, 3);
    layout->addWidget(m_bars, 2);

    m_stack = new QStackedLayout(this);
    m_stack->addWidget(new EmptyStatePage(pageInfo(Page::Latency), this));
    m_stack->addWidget(content);
}

void LatencyPage::showSnapshot(const core::CaptureSnapshot &snapshot, bool newCapture)
{
    const core::ProbeReport &report = snapshot.probes;
    if (snapshot.latency != m_data || newCapture) {
        m_data = snapshot.latency;
        const bool fit = newCapture || !m_chart->data();
        m_chart->setData(m_data, fit);
        if (fit)
            m_chart->setLive(snapshot.live);
        m_chart->dataChanged();
    }
    m_series = report.series;
    m_latencyTier = report.latency;
    m_lossTier = report.loss;
    m_overallTier = report.overall;
    m_stack->setCurrentIndex(m_data && !m_data->empty() ? 1 : 0);

    QStringList chips;
    const std::pair<QString, std::optional<core::Tier>> tiers[] = {
        {tr("latency"), report.latency}, {tr("loss"), report.loss}, {tr("overall"), report.overall}};
    for (const auto &[label, tier] : tiers) {
        if (!tier)
            continue;
        chips << QStringLiteral("%1 <span style='background:%2;color:%3;border-radius:6px;'>&nbsp;%4&nbsp;</span>")
                     .arg(label, tierColor(*tier).name(), tierTextColor(*tier).name(), core::tierDisplayName(*tier));
    }
    m_tiers->setText(chips.isEmpty() ? tr("Not enough samples to rate the link yet") : chips.join(QStringLiteral(" &nbsp; ")));

    const QString &mode = report.icmpMode;
    m_mode->setText(mode == QLatin1String("dgram") ? tr("ICMP: unprivileged sockets")
                    : mode == QLatin1String("raw")    ? tr("ICMP: raw sockets (privileged)")
                    : mode == QLatin1String("helper") ? tr("ICMP: raw sockets from pathlens-helper")
                                                      : QString());
    m_banner->setVisible(report.icmpProxied);
    m_banner->setText(core::icmpProxyBannerText(report));
    m_pep = report.pep.detected && report.pep.evidence;
    m_pepBanner->setVisible(m_pep);
    m_pepBanner->setText(core::pepBannerHtml(report));
    updateBars(report);
    placePepChip();
}

QJsonArray LatencyPage::dumpSeries() const
{
    QJsonArray out;
    for (const core::ProbeSeriesSummary &s : m_series) {
        const bool any = s.stats.received() > 0;
        auto num = [any](double v) { return any ? QJsonValue(v) : QJsonValue(QJsonValue::Null); };
        out.append(QJsonObject{{QStringLiteral("kind"), core::probeDisplayName(s.probe)},
                               {QStringLiteral("target"), s.target},
                               {QStringLiteral("sent"), double(s.stats.sent)},
                               {QStringLiteral("lost"), double(s.stats.lost)},
                               {QStringLiteral("p50_ms"), num(s.stats.p50Ms)},
                               {QStringLiteral("p95_ms"), num(s.stats.p95Ms)},
                               {QStringLiteral("jitter_ms"), num(s.stats.jitterMs)}});
    }
    return out;
}

QJsonObject LatencyPage::dumpBanners() const
{
    auto text = [](const QLabel *l) { return l->isHidden() ? QJsonValue(QJsonValue::Null) : QJsonValue(l->text()); };
    return QJsonObject{{QStringLiteral("icmp_proxy"), text(m_banner)},
                       {QStringLiteral("pep"), text(m_pepBanner)},
                       {QStringLiteral("pep_chip"), pepChipShown()}};
}

QJsonObject LatencyPage::dumpTiers() const
{
    auto tier = [](const std::optional<core::Tier> &t) { return t ? QJsonValue(core::tierName(*t)) : QJsonValue(QJsonValue::Null); };
    return QJsonObject{{QStringLiteral("latency"), tier(m_latencyTier)}, {QStringLiteral("loss"), tier(m_lossTier)},
                       {QStringLiteral("overall"), tier(m_overallTier)}};
}

QJsonArray LatencyPage::dumpBursts() const
{
    QJsonArray out;
    if (!m_data)
        return out;
    for (const core::LatencyBurst &b : m_data->bursts)
        out.append(QJsonObject{{QStringLiteral("utc"), core::formatUtcMs(b.startUtcUs)},
                               {QStringLiteral("series"), b.target},
                               {QStringLiteral("length"), b.length},
                               {QStringLiteral("duration_ms"), double(b.endUtcUs - b.startUtcUs) / 1000.0}});
    return out;
}

void LatencyPage::updateBars(const core::ProbeReport &report)
{
    // A live snapshot arrives up to 4 times a second; new bar series and axes for unchanged numbers
    // would cost the GUI thread for nothing.
    if (report.comparison == m_comparison && !m_categories.isEmpty())
        return;
    m_comparison = report.comparison;
    m_categories.clear();
    for (const core::ProtocolComparison &row : report.comparison)
        m_categories << core::probeDisplayName(row.probe);
    // Live snapshots reach every page, shown or not. Bars built on a hidden page kept their legend
    // collapsed in the chart's corner once shown (Qt Charts 6.4, under X), so they wait to be seen.
    m_barsStale = true;
    if (m_bars->isVisible())
        rebuildBars();
}

bool LatencyPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_bars && event->type() == QEvent::Show && m_barsStale) {
        rebuildBars();
        placePepChip();
    }
    return QWidget::eventFilter(watched, event);
}

void LatencyPage::rebuildBars()
{
    m_barsStale = false;
    QChart *chart = m_bars->chart();
    chart->removeAllSeries(); // deletes them
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis); // hands the axis back to us: each rebuild leaked two
        delete axis;
    }
    auto *gw = new QBarSet(tr("gateway"));
    auto *net = new QBarSet(tr("internet"));
    double top = 1;
    for (const core::ProtocolComparison &row : m_comparison) {
        *gw << row.gatewayP50Ms.value_or(0);
        *net << row.internetP50Ms.value_or(0);
        top = std::max({top, row.gatewayP50Ms.value_or(0), row.internetP50Ms.value_or(0)});
    }
    for (QBarSet *set : {gw, net})
        set->setLabelColor(palette().color(QPalette::WindowText)); // labels sit outside the bars, on the background
    auto *series = new QBarSeries;
    series->append(gw);
    series->append(net);
    series->setLabelsVisible(true);
    series->setLabelsFormat(QStringLiteral("@value ms"));
    series->setLabelsPrecision(3);                                 // "20.5 ms", not "20.459637 ms" clipped by the bar
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd); // above the bar: readable on short bars too
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(m_categories);
    auto *y = new QValueAxis;
    y->setRange(0, top * 1.3); // room for the labels above the tallest bar
    y->applyNiceNumbers();     // whole, evenly spaced ticks
    y->setLabelFormat(QStringLiteral("%g"));
    y->setTitleText(tr("ms"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    applyChartPalette(chart, m_bars->palette()); // the new axes start in Qt Charts' light theme
}

QString LatencyPage::tierText() const
{
    return m_tiers->text();
}

bool LatencyPage::proxyBannerShown() const
{
    return !m_banner->isHidden();
}

bool LatencyPage::pepBannerShown() const
{
    return !m_pepBanner->isHidden();
}

bool LatencyPage::pepChipShown() const
{
    return m_pepChip->isVisible();
}

void LatencyPage::placePepChip()
{
    // Above the TCP connect category, at the top of the plot: on an accelerated link TCP's bars are
    // the short ones, so the space above them is free.
    const qsizetype tcp = m_categories.indexOf(core::probeDisplayName(core::probeKindId(core::ProbeKind::TcpConnect)));
    QChart *chart = m_bars->chart();
    const auto series = chart->series();
    if (!m_pep || tcp < 0 || series.isEmpty()) {
        m_pepChip->hide();
        return;
    }
    const QRectF plot = chart->plotArea();
    const QPointF centre = chart->mapToPosition(QPointF(double(tcp), 0), series.first());
    const QRectF chip = m_pepChip->boundingRect();
    m_pepChip->setPos(centre.x() - chip.width() / 2, plot.top() + 2);
    m_pepChip->show();
}

QStringList LatencyPage::barCategories() const
{
    return m_categories;
}

} // namespace pathlens::views
