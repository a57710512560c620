// SPDX-License-Identifier: GPL-3.0-or-later
// The crosshair's readout: what every row shows at one moment, in words ("38–45 ms", "−71 dBm",
// "roam"), and the callouts that cover it.
#pragma once

#include "views/timeline/aligned_timeline_data.h"
#include "views/timeline/aligned_timeline_layout.h"

#include <QStringList>

namespace pathlens::views {

struct TimelineReadout {
    core::TimestampUs utcUs = 0;
    QString time;               // "14:02:07 UTC"
    QStringList lanes;          // one per grade lane: "This device: Good (worst zoom, 38 ms)" / "…: idle"
    QString gateway, internet;  // "12 ms", "31–45 ms", "lost", "—" (nothing within reach)
    QString signal, rate;       // "−71 dBm", "TX 866.7 · RX 780 Mbit/s", "not connected", "—"
    QStringList events;         // within a few pixels
    QStringList callouts;       // sentences of the callouts covering the moment
    QString text() const;       // every line above, for the readout box and the tooltip
};

// The moment under x: RTT from the pixel column there (widened to a few columns when it is empty),
// Wi-Fi from the nearest reading within a reading's interval and a half.
TimelineReadout timelineReadoutAt(const AlignedTimelineData &data, const AlignedTimelineLayout &layout, double x);

} // namespace pathlens::views
