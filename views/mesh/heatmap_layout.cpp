// SPDX-License-Identifier: GPL-3.0-or-later
// Heat-map geometry.
#include "views/mesh/heatmap_layout.h"

#include <algorithm>

namespace pathlens::views {

namespace {
constexpr int kGap = 6; // px between labels and cells
}

QRect HeatmapLayout::cellRect(int row, int column) const
{
    return {grid.left() + column * cell, grid.top() + row * cell, cell, cell};
}

QRect HeatmapLayout::rowLabelRect(int row) const
{
    return {0, grid.top() + row * cell, labelWidth, cell};
}

QRect HeatmapLayout::columnLabelRect(int column) const
{
    return {grid.left() + column * cell, 0, cell, labelWidth};
}

std::optional<std::pair<int, int>> HeatmapLayout::cellAt(QPoint p) const
{
    if (count <= 0 || !grid.contains(p))
        return std::nullopt;
    const int row = (p.y() - grid.top()) / cell, column = (p.x() - grid.left()) / cell;
    if (row < 0 || column < 0 || row >= count || column >= count)
        return std::nullopt;
    return std::make_pair(row, column);
}

HeatmapLayout layoutHeatmap(int count, QSize available, int labelWidth)
{
    HeatmapLayout l;
    l.count = std::max(0, count);
    l.labelWidth = std::max(0, labelWidth);
    const int offset = l.labelWidth + kGap;
    if (l.count > 0) {
        const int fit = std::min(available.width() - offset, available.height() - offset) / l.count;
        l.cell = std::clamp(fit, HeatmapLayout::kMinCell, HeatmapLayout::kMaxCell);
    }
    l.grid = QRect(offset, offset, l.count * l.cell, l.count * l.cell);
    l.total = QSize(l.grid.right() + 1, l.grid.bottom() + 1);
    return l;
}

} // namespace pathlens::views
