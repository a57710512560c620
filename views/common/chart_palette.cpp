// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/common/chart_palette.h"

#include <QAbstractAxis>
#include <QAbstractBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegend>
#include <QPalette>

namespace pathlens::views {

namespace {

// Re-applies on the view's palette changes; a child of the view, so it ends with it.
class PaletteFollower : public QObject {
public:
    explicit PaletteFollower(QChartView *view) : QObject(view), m_view(view) { view->installEventFilter(this); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_view && event->type() == QEvent::PaletteChange)
            applyChartPalette(m_view->chart(), m_view->palette());
        return QObject::eventFilter(watched, event);
    }

private:
    QChartView *m_view;
};

} // namespace

void applyChartPalette(QChart *chart, const QPalette &palette)
{
    if (!chart)
        return;
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    QColor grid = text;
    grid.setAlpha(50);
    QColor line = text;
    line.setAlpha(120);
    chart->setBackgroundBrush(base);
    chart->setBackgroundPen(QPen(palette.color(QPalette::Mid)));
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(line);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(grid);
    }
    for (QAbstractSeries *series : chart->series())
        if (auto *bars = qobject_cast<QAbstractBarSeries *>(series);
            bars && bars->labelsPosition() == QAbstractBarSeries::LabelsOutsideEnd)
            for (QBarSet *set : bars->barSets())
                set->setLabelColor(palette.color(QPalette::Text)); // on the background, not on the bar
}

void followPalette(QChartView *view)
{
    applyChartPalette(view->chart(), view->palette());
    new PaletteFollower(view);
}

} // namespace pathlens::views
