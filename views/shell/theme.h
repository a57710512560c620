// SPDX-License-Identifier: GPL-3.0-or-later
// Application palettes: the dark, large-type theme used by kiosk mode.
#pragma once

class QApplication;

namespace pathlens::views {

void applyDarkTheme(QApplication &app, double fontScale = 1.0);

} // namespace pathlens::views
