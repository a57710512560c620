// SPDX-License-Identifier: GPL-3.0-or-later
// Value-axis step for charts: 1, 2 or 5 × 10^k, the smallest that keeps at most six labels far enough apart.
#pragma once

namespace pathlens::views {

// The axis runs from 0 to `top` over `plotLength` pixels; each label needs `minPx` of it.
double niceValueStep(double top, double plotLength, double minPx);

} // namespace pathlens::views
