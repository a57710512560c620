// SPDX-License-Identifier: GPL-3.0-or-later
// Line decimation for charts (the Capacity chart, the Wi-Fi strips).
#include "views/common/line_decimation.h"

#include <algorithm>
#include <cmath>

namespace pathlens::views {

QPolygonF decimatedPerPixelColumn(const QPolygonF &line)
{
    QPolygonF out;
    for (qsizetype i = 0; i < line.size();) {
        const int column = int(std::floor(line[i].x()));
        qsizetype j = i, lo = i, hi = i;
        while (j < line.size() && int(std::floor(line[j].x())) == column) {
            if (line[j].y() > line[lo].y())
                lo = j; // larger y = smaller value
            if (line[j].y() < line[hi].y())
                hi = j;
            ++j;
        }
        out << line[std::min(lo, hi)];
        if (lo != hi)
            out << line[std::max(lo, hi)];
        i = j;
    }
    return out;
}

} // namespace pathlens::views
