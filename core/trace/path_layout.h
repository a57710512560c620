// SPDX-License-Identifier: GPL-3.0-or-later
// Pure layout of the trace drawing, shared by the Path view and the HTML report: end boxes, one
// circle per TTL slot on a route line, and each answering hop's label alternately above and below,
// stacked in rows so no two labels overlap.
#pragma once

#include <QLineF>
#include <QRectF>
#include <QSizeF>

#include <optional>
#include <vector>

namespace pathlens::core {

struct PathLayoutInput {
    double width = 0;
    std::vector<QSizeF> labelSizes; // one per TTL slot; empty size = silent hop (no label)
    QSizeF sourceBox, destinationBox;
    double margin = 8;
    double labelGap = 6;            // between labels in a row, and between rows
};

struct PathLayout {
    double height = 0;              // what the widget needs at this width
    double lineY = 0;
    double radius = 0;
    QRectF sourceBox, destinationBox;
    QLineF routeLine;
    std::vector<QPointF> circles;             // centres, one per TTL slot
    std::vector<std::optional<QRectF>> labels; // per slot; nullopt for silent hops
    std::vector<QLineF> guides;               // per slot: circle edge → its label (null line when silent)
    std::vector<bool> above;                  // per slot: label above the line
    int rowsAbove = 0, rowsBelow = 0;
};

// Labels alternate sides by answering order; each goes into the nearest row (to the line) where
// it fits, centred on its hop when possible and always spanning its hop's x so the guide line is
// vertical. Rows level with the end boxes stay between them; rows beyond use the whole width.
PathLayout layoutPath(const PathLayoutInput &input);

} // namespace pathlens::core
