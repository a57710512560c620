// SPDX-License-Identifier: GPL-3.0-or-later
// What each row of the aligned timeline draws, in pixels, for one layout: grade cells, RTT min/max
// bands read from the pyramids (one column a pixel, no extreme lost), lost probes, the Wi-Fi lines
// and the spans without a link. Pure: the chart paints these, tests measure them.
#pragma once

#include "core/passive/grading.h"
#include "views/timeline/aligned_timeline_data.h"
#include "views/timeline/aligned_timeline_layout.h"

#include <QPolygonF>

#include <vector>

namespace pathlens::views {

struct TimelineGradeCell {
    size_t lane = 0, bucket = 0;
    QRectF rect;
    core::Grade grade = core::Grade::Ungraded;
};

struct TimelineRttShapes {
    std::vector<QPolygonF> bands; // min to max per pixel column, joined while answers continue
    std::vector<double> lossX;    // columns with a lost probe
};

struct AlignedTimelineShapes {
    std::vector<TimelineGradeCell> cells;   // graded buckets only (idle ones are the lane's background)
    TimelineRttShapes gateway, internet;
    std::vector<QPolygonF> signal, tx, rx;  // pieces: broken where the link is down or readings stop
    std::vector<std::pair<double, double>> disconnected; // x spans without a link
};

AlignedTimelineShapes alignedTimelineShapes(const AlignedTimelineData &data, const AlignedTimelineLayout &layout);

} // namespace pathlens::views
