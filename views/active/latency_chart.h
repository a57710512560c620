// SPDX-License-Identifier: GPL-3.0-or-later
// RTT over time for every probe series, painted from min/max pyramids (at most two points per
// pixel column, no extreme lost), with loss marks, loss-burst bands, zoom, pan and live follow.
#pragma once

#include "core/series/latency_series.h"

#include <QWidget>

#include <memory>

namespace pathlens::views {

// The visible time span and its maths (pure, tested).
struct TimeWindow {
    core::TimestampUs from = 0, to = 0;
    core::TimestampUs span() const { return to - from; }
    TimeWindow zoomed(double factor, core::TimestampUs anchor) const; // factor < 1 zooms in
    TimeWindow panned(core::TimestampUs delta) const;
    TimeWindow clamped(core::TimestampUs first, core::TimestampUs last) const; // never beyond the data
};

class LatencyChart : public QWidget {
    Q_OBJECT
public:
    static constexpr core::TimestampUs kLiveSpanUs = 5LL * 60 * 1000000; // live view: last 5 minutes
    static constexpr core::TimestampUs kMinSpanUs = 2'000'000;           // zoom stops at 2 s (10 probes at 5/s)

    explicit LatencyChart(QWidget *parent = nullptr);

    // New data; `fit`: show the whole capture (else keep the current window, for updates).
    void setData(std::shared_ptr<const core::LatencyData> data, bool fit = true);
    const core::LatencyData *data() const { return m_data.get(); }
    void dataChanged();                                          // live append happened
    void setLive(bool live);
    bool isLive() const { return m_live; }
    void fitAll();
    void zoom(double factor); // around the centre
    const TimeWindow &window() const { return m_window; }
    QRect plotRect() const;

    // Nice time-axis step for a span drawn over `pixels` (≈ one label per 110 px).
    static core::TimestampUs timeStep(core::TimestampUs span, int pixels);

signals:
    void liveChanged(bool live);

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    core::TimestampUs timeAt(double x) const;
    void setWindow(TimeWindow w);

    std::shared_ptr<const core::LatencyData> m_data;
    TimeWindow m_window;
    bool m_live = false;
    std::optional<QPoint> m_dragFrom;
    TimeWindow m_dragWindow;
};

QColor seriesColor(int index);

} // namespace pathlens::views
