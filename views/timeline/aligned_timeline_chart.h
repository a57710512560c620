// SPDX-License-Identifier: GPL-3.0-or-later
// The aligned timeline's painted rows: every row on one time axis, zoomed (wheel, +/−) and panned
// (drag, arrows) together, Home for the whole capture; a crosshair with every row's value there;
// callouts as shaded spans; tooltips on every mark.
#pragma once

#include "views/timeline/aligned_timeline_data.h"
#include "views/timeline/aligned_timeline_layout.h"
#include "views/timeline/aligned_timeline_readout.h"
#include "views/timeline/timeline_viewport.h"

#include <QWidget>

#include <optional>

namespace pathlens::views {

// Owned by the timeline page, GUI thread. Paints only what setData() gave it; knows nothing of
// where the data came from (live and a reopened capture look the same).
class AlignedTimelineChart : public QWidget {
    Q_OBJECT
public:
    explicit AlignedTimelineChart(QWidget *parent = nullptr);

    void setData(AlignedTimelineData data);
    const AlignedTimelineData &data() const { return m_data; }
    const TimelineViewport &viewport() const { return m_viewport; }
    AlignedTimelineLayout currentLayout() const; // for the widget's size now

    void zoomIn();   // about the crosshair, else the centre
    void zoomOut();
    void panLeft();  // a fifth of the window
    void panRight();
    void showAll();
    void zoomToCallout(size_t index); // the callout's span with as much again either side
    void zoomAt(double x, double factor);

    void setCrosshair(std::optional<double> x);
    std::optional<double> crosshair() const { return m_crosshair; }
    std::optional<TimelineReadout> readout() const; // at the crosshair
    QString tipAt(QPointF at) const;

    QSize sizeHint() const override { return {900, 560}; }
    QSize minimumSizeHint() const override { return {480, 380}; }

signals:
    void windowChanged(core::TimestampUs from, core::TimestampUs to);

protected:
    void paintEvent(QPaintEvent *) override;
    void wheelEvent(QWheelEvent *) override;
    void mousePressEvent(QMouseEvent *) override;
    void mouseMoveEvent(QMouseEvent *) override;
    void mouseReleaseEvent(QMouseEvent *) override;
    void leaveEvent(QEvent *) override;
    void keyPressEvent(QKeyEvent *) override;
    bool event(QEvent *) override;

private:
    void changed();
    AlignedTimelineData m_data;
    TimelineViewport m_viewport;
    std::optional<double> m_crosshair;
    std::optional<QPointF> m_dragFrom;
    core::TimestampUs m_dragFromUs = 0;
};

} // namespace pathlens::views
