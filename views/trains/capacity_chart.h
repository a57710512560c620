// SPDX-License-Identifier: GPL-3.0-or-later
// Total, available and utilised capacity of one path over time, painted from its estimates (a day
// at one a minute is 1,440 points: short enough to keep whole, decimated per pixel column when
// drawn). Doubtful estimates are grey ticks under the time axis, confirmation samples hollow
// markers on a shaded band, deep diagnoses flags at the top; each explains itself on hover.
#pragma once

#include "views/trains/capacity_chart_layout.h"

#include <QWidget>

namespace pathlens::views {

// GUI thread; owned by the Capacity page, which hands it the selected path's estimates. Knows
// nothing of captures or snapshots.
class CapacityChart : public QWidget {
    Q_OBJECT
public:
    struct Estimate {
        CapacityChartPoint point;
        QString kind;   // "regular measurement", "confirmation sample", …
        QString reason; // doubtful: why; otherwise a note or ""
    };
    struct DiagnosisMark {
        core::TimestampUs utcUs = 0;
        QString verdict;
    };

    explicit CapacityChart(QWidget *parent = nullptr);

    void setData(std::vector<Estimate> estimates, std::vector<DiagnosisMark> diagnoses);

    // For tests: the layout at the current size, and what a hover at a point would say.
    const CapacityChartLayout &chartLayout() const;
    const CapacityChartInput &chartInput() const { return m_input; }
    QString toolTipAt(QPointF at) const;
    static QStringList legendTexts();
    QSize minimumSizeHint() const override;

signals:
    void diagnosisClicked(int index); // index into the diagnoses handed to setData

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    void relayout() const;

    std::vector<Estimate> m_estimates;
    std::vector<DiagnosisMark> m_diagnoses;
    CapacityChartInput m_input;
    mutable CapacityChartLayout m_layout;
    mutable bool m_stale = true;
};

QColor capacitySeriesColor(CapacitySeries series);

} // namespace pathlens::views
