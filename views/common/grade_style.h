// SPDX-License-Identifier: GPL-3.0-or-later
// Colours and pill painting for grades, shared by tables, the verdict card and the timeline.
#pragma once

#include "core/passive/grading.h"

#include <QColor>
#include <QRect>

class QPainter;

namespace pathlens::views {

QColor gradeColor(core::Grade grade); // Ungraded: dim grey (idle)
// A rounded pill with the grade name, centred in `rect`; returns the pill's rectangle.
QRect paintGradePill(QPainter &painter, const QRect &rect, core::Grade grade, double scale = 1.0);

} // namespace pathlens::views
