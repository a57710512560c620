// SPDX-License-Identifier: GPL-3.0-or-later
// Qt Charts in the application's palette: its built-in themes are light or dark on their own,
// whatever the desktop is, and a theme change would also repaint the series in its own colours.
#pragma once

class QChart;
class QChartView;
class QPalette;

namespace pathlens::views {

// Background, titles, legend, axes (labels, lines, grid) and outside bar labels in the palette's
// colours. Call again after adding axes: new ones start in Qt Charts' light theme.
void applyChartPalette(QChart *chart, const QPalette &palette);
// Applies the view's palette now and whenever it changes (the desktop switching light/dark).
void followPalette(QChartView *view);

} // namespace pathlens::views
