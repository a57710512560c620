// SPDX-License-Identifier: GPL-3.0-or-later
// Grade distribution painting.
#include "views/fleet/grade_distribution_bar.h"

#include "core/passive/grading.h"
#include "core/report/display_names.h"
#include "views/common/grade_style.h"

#include <QPainter>

#include <numeric>

namespace pathlens::views {

GradeDistributionBar::GradeDistributionBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("gradeDistribution"));
    setMinimumHeight(fontMetrics().height() + 10);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void GradeDistributionBar::setCounts(const std::array<int, 5> &counts)
{
    m_counts = counts;
    QStringList parts;
    for (int g = 0; g < 5; ++g)
        if (m_counts[size_t(g)] > 0)
            parts << QStringLiteral("%1 %2").arg(m_counts[size_t(g)]).arg(core::gradeDisplayName(core::Grade(g)));
    setToolTip(parts.join(QStringLiteral(" · ")));
    update();
}

QSize GradeDistributionBar::sizeHint() const
{
    return {400, fontMetrics().height() + 10};
}

void GradeDistributionBar::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const int total = std::accumulate(m_counts.begin(), m_counts.end(), 0);
    const QRect r = rect().adjusted(0, 2, -1, -2);
    if (total == 0) {
        p.setPen(palette().mid().color());
        p.drawRect(r);
        return;
    }
    int x = r.left(), done = 0;
    const QFontMetrics fm(font());
    for (int g = 0; g < 5; ++g) {
        const int n = m_counts[size_t(g)];
        if (n == 0)
            continue;
        done += n;
        const int right = r.left() + int(double(r.width()) * done / total); // no rounding gaps: cumulative edges
        const QRect seg(x, r.top(), right - x, r.height());
        p.fillRect(seg, gradeColor(core::Grade(g)));
        const QString label = QString::number(n);
        if (fm.horizontalAdvance(label) + 6 < seg.width()) {
            p.setPen(Qt::white);
            p.drawText(seg, Qt::AlignCenter, label);
        }
        x = right;
    }
}

} // namespace pathlens::views
