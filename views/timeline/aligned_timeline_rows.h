// SPDX-License-Identifier: GPL-3.0-or-later
// From the timeline's data and the visible window to the layout's input: which rows, their titles,
// whether each has data there, the value ranges of what is visible (a zoom rescales every value row
// to what it shows), the events' markers and the callouts' spans.
#pragma once

#include "views/timeline/aligned_timeline_data.h"
#include "views/timeline/aligned_timeline_layout.h"

namespace pathlens::views {

// Every row, always, top to bottom: grades, gateway RTT, internet RTT, Wi-Fi signal, Wi-Fi rate,
// events. A row without data stays, saying so in place, so the rows never jump between captures.
AlignedTimelineInput alignedTimelineInput(const AlignedTimelineData &data, core::TimestampUs from, core::TimestampUs to,
                                          QSizeF size);

// The texts rows without data show.
QString noGradesText();   // "no graded app sessions"
QString noRttText(bool gateway);
QString noWifiText();     // "no Wi-Fi readings"
QString noEventsText();

} // namespace pathlens::views
