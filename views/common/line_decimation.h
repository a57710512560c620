// SPDX-License-Identifier: GPL-3.0-or-later
// Line decimation for charts: per pixel column, the minimum and the maximum, so no extreme is lost.
#pragma once

#include <QPolygonF>

namespace pathlens::views {

// Per pixel column (floor of x), the point with the smallest and the one with the largest y, in
// the order they came: at most two points a column (DESIGN "Models and views": a day of Wi-Fi is
// 8,640 readings). `line` must be in x order, in widget pixels.
QPolygonF decimatedPerPixelColumn(const QPolygonF &line);

} // namespace pathlens::views
