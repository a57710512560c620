// SPDX-License-Identifier: GPL-3.0-or-later
// Painting of the wall screen's 24-hour strip.
#include "views/kiosk/kiosk_strip.h"

#include "views/common/grade_style.h"
#include "views/passive/timeline_strip.h"

#include <QPainter>

namespace pathlens::views {

KioskStrip::KioskStrip(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding); // the board sets its least height from the screen's
}

void KioskStrip::setBuckets(std::vector<core::TimelineBucket> buckets)
{
    m_buckets = std::move(buckets);
    update();
}

void KioskStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRectF area = rect();
    p.fillRect(area, palette().color(QPalette::Base));
    const int n = int(m_buckets.size());
    for (int i = 0; i < n; ++i) {
        // Idle buckets stay the background: only graded time is coloured, as on the Overview page.
        if (m_buckets[size_t(i)].grade == core::Grade::Ungraded)
            continue;
        p.fillRect(TimelineStrip::bucketRect(i, n, area), gradeColor(m_buckets[size_t(i)].grade));
    }
}

} // namespace pathlens::views
