// SPDX-License-Identifier: GPL-3.0-or-later
// Row packing of trace labels.
#include "core/trace/path_layout.h"

#include <algorithm>
#include <cmath>

namespace pathlens::core {

namespace {
constexpr double kMaxRadius = 12;   // big enough for a two-digit TTL inside
constexpr double kMinRadius = 3;    // still visible with 64 hops on a small screen
constexpr double kBoxGap = 14;      // route line stub between an end box and the first circle

struct Row {
    double right = -1e9; // right edge of the last label placed in this row
};

struct Bounds {
    double lo, hi;
};

// First row (nearest the line) that takes a label of width w spanning x = cx inside the row's
// horizontal bounds (rows level with the end boxes stay between them; rows beyond may use the
// whole width).
template <typename BoundsOfRow>
std::pair<int, double> place(std::vector<Row> &rows, double cx, double w, const BoundsOfRow &boundsOf, double gap)
{
    for (size_t r = 0;; ++r) {
        if (r == rows.size())
            rows.push_back({});
        const auto [lo, hi] = boundsOf(int(r));
        double x = std::clamp(cx - w / 2, lo, std::max(lo, hi - w));
        x = std::max(x, rows[r].right + gap);
        if (x <= cx && x + w <= hi + 1e-9) { // still spans its hop and stays inside
            rows[r].right = x + w;
            return {int(r), x};
        }
        if (rows[r].right < lo) { // an empty row and it still does not fit: wider than the space
            x = std::clamp(cx - w / 2, lo, std::max(lo, hi - w));
            rows[r].right = x + w;
            return {int(r), x};
        }
    }
}
} // namespace

PathLayout layoutPath(const PathLayoutInput &in)
{
    PathLayout out;
    const size_t n = in.labelSizes.size();
    const double boxH = std::max(in.sourceBox.height(), in.destinationBox.height());
    out.sourceBox = QRectF(QPointF(in.margin, 0), in.sourceBox);
    out.destinationBox = QRectF(QPointF(in.width - in.margin - in.destinationBox.width(), 0), in.destinationBox);
    const double x0 = out.sourceBox.right() + kBoxGap;
    const double x1 = out.destinationBox.left() - kBoxGap;
    const double spacing = n ? (x1 - x0) / double(n) : 0;
    out.radius = std::clamp(spacing / 2 - 2, kMinRadius, kMaxRadius);
    double labelH = 0;
    for (const QSizeF &s : in.labelSizes)
        labelH = std::max(labelH, s.height());

    // Vertical pitch is known before packing: row r's near edge is clearance + r * pitch from the line.
    const double pitch = labelH + in.labelGap;
    const double clearance = out.radius + 2 * in.labelGap;
    const auto boundsOf = [&](int row) {
        const bool clearOfBoxes = clearance + row * pitch >= boxH / 2 + in.labelGap;
        return clearOfBoxes ? Bounds{in.margin, in.width - in.margin} : Bounds{x0, x1};
    };

    // Horizontal: circles, then labels packed into rows per side.
    std::vector<Row> rowsAbove, rowsBelow;
    std::vector<int> rowOf(n, -1);
    std::vector<double> xOf(n, 0);
    out.circles.resize(n);
    out.labels.assign(n, std::nullopt);
    out.guides.assign(n, QLineF());
    out.above.assign(n, false);
    int answered = 0;
    for (size_t i = 0; i < n; ++i) {
        const double cx = x0 + (double(i) + 0.5) * spacing;
        out.circles[i] = QPointF(cx, 0);
        const QSizeF s = in.labelSizes[i];
        if (s.isEmpty())
            continue;
        out.above[i] = answered++ % 2 == 0;
        auto [row, x] = place(out.above[i] ? rowsAbove : rowsBelow, cx, s.width(), boundsOf, in.labelGap);
        rowOf[i] = row;
        xOf[i] = x;
    }
    out.rowsAbove = int(rowsAbove.size());
    out.rowsBelow = int(rowsBelow.size());

    // Vertical: rows above, the line, rows below; end boxes centred on the line.
    const double aboveH = out.rowsAbove ? clearance + out.rowsAbove * pitch : 0;
    const double belowH = out.rowsBelow ? clearance + out.rowsBelow * pitch : 0;
    out.lineY = in.margin + std::max({aboveH, boxH / 2, out.radius});
    out.height = out.lineY + std::max({belowH, boxH / 2, out.radius}) + in.margin;
    out.sourceBox.moveTop(out.lineY - in.sourceBox.height() / 2);
    out.destinationBox.moveTop(out.lineY - in.destinationBox.height() / 2);
    out.routeLine = QLineF(out.sourceBox.right(), out.lineY, out.destinationBox.left(), out.lineY);

    for (size_t i = 0; i < n; ++i) {
        out.circles[i].setY(out.lineY);
        if (rowOf[i] < 0)
            continue;
        const QSizeF s = in.labelSizes[i];
        const double cx = out.circles[i].x();
        if (out.above[i]) {
            const double bottom = out.lineY - clearance - rowOf[i] * pitch;
            out.labels[i] = QRectF(xOf[i], bottom - s.height(), s.width(), s.height());
            out.guides[i] = QLineF(cx, out.lineY - out.radius, cx, bottom);
        } else {
            const double top = out.lineY + clearance + rowOf[i] * pitch;
            out.labels[i] = QRectF(xOf[i], top, s.width(), s.height());
            out.guides[i] = QLineF(cx, out.lineY + out.radius, cx, top);
        }
    }
    return out;
}

} // namespace pathlens::core
