// SPDX-License-Identifier: GPL-3.0-or-later
// Latency page: tier chips, ICMP-proxy and TCP-accelerator (PEP) banners, the RTT chart with
// live/zoom controls, and protocol comparison bars (gateway vs internet p50 per protocol; a "PEP"
// chip on TCP connect when an accelerator answers it).
#pragma once

#include "core/pipeline/capture_snapshot.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

#include <memory>

class QGraphicsTextItem;
class QLabel;
class QPushButton;
class QStackedLayout;
class QChartView;

namespace pathlens::views {

class LatencyChart;

class LatencyPage : public QWidget {
    Q_OBJECT
public:
    explicit LatencyPage(QWidget *parent = nullptr);

    // A snapshot of the shown capture. `newCapture`: the chart fits the whole span (offline) or
    // follows the newest samples (live); otherwise it keeps the user's zoom.
    void showSnapshot(const core::CaptureSnapshot &snapshot, bool newCapture);
    // What the page displays, for --dump-views: [{kind, target, sent, lost, p50_ms, p95_ms, jitter_ms}].
    QJsonArray dumpSeries() const;
    QJsonObject dumpTiers() const;  // {latency, loss, overall}: tier names or null
    QJsonArray dumpBursts() const;  // [{utc, series, length, duration_ms}]
    QJsonObject dumpBanners() const; // {icmp_proxy, pep: the banner texts or null; pep_chip: bool}

    LatencyChart *chart() const { return m_chart; }
    QString tierText() const;
    bool proxyBannerShown() const;
    bool pepBannerShown() const;
    bool pepChipShown() const;
    QStringList barCategories() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateBars(const core::ProbeReport &report);
    void rebuildBars();
    void placePepChip();

    std::shared_ptr<const core::LatencyData> m_data;
    std::vector<core::ProbeSeriesSummary> m_series;
    std::vector<core::ProtocolComparison> m_comparison; // what the bars show (rebuilt only when it changes)
    std::optional<core::Tier> m_latencyTier, m_lossTier, m_overallTier;
    LatencyChart *m_chart;
    QLabel *m_tiers;
    QLabel *m_banner;
    QLabel *m_pepBanner;
    QLabel *m_mode;
    QPushButton *m_live;
    QChartView *m_bars;
    QStackedLayout *m_stack;
    QStringList m_categories;
    bool m_barsStale = false; // m_comparison is newer than the bar chart (built only while it is shown)
    QGraphicsTextItem *m_pepChip = nullptr; // owned by the bar chart
    bool m_pep = false;
};

} // namespace pathlens::views
