// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop application's live-capture preferences (Preferences → Live captures, read at start):
// a file per launch, or a file per UTC day in the capture folder with the agent's retention.
// A settings value only; core/store/capture_rollover turns it into rollover options.
#pragma once

namespace pathlens::core {

struct LiveCaptureSettings {
    bool daily = false;
    int keepDays = 30;   // 0 = every day
    double keepGb = 2;   // 0 = no size limit

    static LiveCaptureSettings load(); // from the running application's QSettings
    void save() const;
};

} // namespace pathlens::core
