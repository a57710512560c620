// SPDX-License-Identifier: GPL-3.0-or-later
// Download and upload over time: one point per measured test (calibration steps left out, results
// out of family hollow), on a UTC time axis. A capture holds tens of tests, not millions: a short
// series that Qt Charts draws well (DESIGN "Models and views").
#pragma once

#include "core/load/throughput_result.h"

#include <QChartView>

#include <array>
#include <vector>

class QCategoryAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace pathlens::views {

// GUI thread; owned by the Under load page. Its series and axes live as long as it does; a change of
// tests replaces their points and ticks (never rebuilt: Qt Charts keeps drawing removed axes).
class ThroughputChart : public QChartView {
    Q_OBJECT
public:
    explicit ThroughputChart(QWidget *parent = nullptr);

    void setResults(const std::vector<core::ThroughputResult> &results);

    // For tests: points per direction, the time axis' labels.
    int pointCount(core::TransferDirection direction) const;
    int outOfFamilyCount() const;
    QStringList timeLabels() const;
    QSize sizeHint() const override { return {340, 220}; } // small: beside the panel, under the card

private:
    using Points = std::vector<std::pair<core::TimestampUs, double>>;
    std::array<Points, 2> m_shown, m_outliers; // by direction: what the series hold
    std::array<QLineSeries *, 2> m_lines{};
    std::array<QScatterSeries *, 2> m_hollow{};
    QCategoryAxis *m_time;
    QValueAxis *m_mbps;
};

} // namespace pathlens::views
