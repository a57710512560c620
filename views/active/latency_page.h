// SPDX-License-Identifier: GPL-3.0-or-later
// Latency page: tier chips, ICMP-proxy banner, the RTT chart with live/zoom controls, and
// protocol comparison bars (gateway vs internet p50 per protocol).
#pragma once

#include "core/series/latency_series.h"

#include <QJsonObject>
#include <QWidget>

#include <memory>

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

    // A capture's samples (new capture: the chart fits the whole span).
    void setData(std::shared_ptr<core::LatencyData> data);
    // Live samples from the probe collector (the chart follows them in live mode).
    void addSamples(const std::vector<core::ProbeSample> &samples);
    // Tiers, proxy verdict and per-series statistics from the capture summary (report JSON).
    void showSummary(const QJsonObject &summary);

    LatencyChart *chart() const { return m_chart; }
    QString tierText() const;
    bool proxyBannerShown() const;
    QStringList barCategories() const;

private:
    void updateBars(const QJsonObject &summary);

    std::shared_ptr<core::LatencyData> m_data;
    LatencyChart *m_chart;
    QLabel *m_tiers;
    QLabel *m_banner;
    QLabel *m_mode;
    QPushButton *m_live;
    QChartView *m_bars;
    QStackedLayout *m_stack;
    QStringList m_categories;
};

} // namespace pathlens::views
