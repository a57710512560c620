// SPDX-License-Identifier: GPL-3.0-or-later
// Geometry of an N×N heat-map: row labels on the left, column labels rotated above, square cells.
// Pure, so tests can check it (50 agents stay readable: cells never smaller than kMinCell; the grid
// grows past the view and scrolls instead).
#pragma once

#include <QPoint>
#include <QRect>
#include <QSize>

#include <optional>
#include <utility>

namespace pathlens::views {

struct HeatmapLayout {
    static constexpr int kMinCell = 14;   // px: a cell still hit by a mouse, and a colour still seen
    static constexpr int kMaxCell = 72;   // px: six agents do not become a wall of colour
    static constexpr int kValueCell = 44; // px: from this size a cell shows its figure

    int count = 0;
    int cell = kMinCell;
    QRect grid;   // the cells' area
    QSize total;  // the whole widget: labels and grid
    int labelWidth = 0;

    QRect cellRect(int row, int column) const;
    QRect rowLabelRect(int row) const;    // left of the row
    QRect columnLabelRect(int column) const; // above the column, for text rotated 90°: width = cell
    std::optional<std::pair<int, int>> cellAt(QPoint p) const;
    bool showsValues() const { return cell >= kValueCell; }
};

// `labelWidth`: the widest label after eliding (the caller measures its font).
HeatmapLayout layoutHeatmap(int count, QSize available, int labelWidth);

} // namespace pathlens::views
