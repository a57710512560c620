// SPDX-License-Identifier: GPL-3.0-or-later
// Timeline strip painting, hour ticks and hover text.
#include "views/passive/timeline_strip.h"

#include "core/base/units_format.h"
#include "core/report/display_names.h"
#include "views/common/grade_style.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <cmath>

namespace pathlens::views {

namespace {
constexpr int kBarHeight = 28;   // tall enough to hover a single bucket comfortably
constexpr int kLabelHeight = 16; // hour labels under the bar
QString hhmm(core::TimestampUs us)
{
    return QDateTime::fromMSecsSinceEpoch(us / 1000, Qt::UTC).toString(QStringLiteral("HH:mm"));
}
} // namespace

TimelineStrip::TimelineStrip(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("timelineStrip"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("Last 24 hours in 5-minute buckets: colour = worst grade, grey = idle"));
}

void TimelineStrip::setBuckets(std::vector<core::TimelineBucket> buckets)
{
    m_buckets = std::move(buckets);
    update();
}

QRectF TimelineStrip::barArea(const QSize &size)
{
    return QRectF(0, 0, size.width(), std::min(kBarHeight, std::max(0, size.height() - kLabelHeight)));
}

QRectF TimelineStrip::bucketRect(int index, int count, const QRectF &area)
{
    const double w = area.width() / count;
    return QRectF(area.left() + index * w, area.top(), w, area.height());
}

int TimelineStrip::bucketAt(double x, int count, const QRectF &area)
{
    if (count <= 0 || x < area.left() || x >= area.right())
        return -1;
    return std::min(count - 1, int(std::floor((x - area.left()) / (area.width() / count))));
}

QString TimelineStrip::bucketText(const core::TimelineBucket &b)
{
    const QString span = QStringLiteral("%1–%2 UTC").arg(hhmm(b.startUtcUs), hhmm(b.startUtcUs + core::kTimelineBucketUs));
    if (b.grade == core::Grade::Ungraded)
        return tr("%1 · idle (no qualifying session)").arg(span);
    return tr("%1 · %2 · worst: %3, %4 (session %5)")
        .arg(span, core::gradeDisplayName(b.grade), b.worstApp, core::formatMs(b.worstRttMs))
        .arg(b.worstSessionId);
}

QSize TimelineStrip::sizeHint() const
{
    return {864, kBarHeight + kLabelHeight}; // 3 px per bucket
}

QSize TimelineStrip::minimumSizeHint() const
{
    return {288, kBarHeight + kLabelHeight}; // one pixel per bucket at least
}

void TimelineStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRectF area = barArea(size());
    const int n = int(m_buckets.size());
    if (n == 0) {
        QColor idle = gradeColor(core::Grade::Ungraded);
        idle.setAlpha(80);
        p.fillRect(area, idle);
        return;
    }
    for (int i = 0; i < n; ++i) {
        const core::TimelineBucket &b = m_buckets[size_t(i)];
        QColor c = gradeColor(b.grade);
        if (b.grade == core::Grade::Ungraded)
            c.setAlpha(80); // dim grey for idle on light and dark themes alike
        p.fillRect(bucketRect(i, n, area), c);
    }
    // Hour ticks every 3 hours (36 buckets), labelled in UTC.
    p.setPen(palette().color(QPalette::WindowText));
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    for (int i = 0; i < n; ++i) {
        if (m_buckets[size_t(i)].startUtcUs % (3 * 12 * core::kTimelineBucketUs) != 0)
            continue;
        const QRectF r = bucketRect(i, n, area);
        p.drawLine(QPointF(r.left(), area.bottom()), QPointF(r.left(), area.bottom() + 3));
        const QString label = hhmm(m_buckets[size_t(i)].startUtcUs);
        const double w = p.fontMetrics().horizontalAdvance(label);
        const double x = std::clamp(r.left() - w / 2, 0.0, width() - w);
        p.drawText(QPointF(x, area.bottom() + 3 + p.fontMetrics().ascent()), label);
    }
}

bool TimelineStrip::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const int i = bucketAt(help->pos().x(), int(m_buckets.size()), barArea(size()));
        if (i >= 0 && help->pos().y() <= barArea(size()).bottom())
            QToolTip::showText(help->globalPos(), bucketText(m_buckets[size_t(i)]), this);
        else
            QToolTip::showText(help->globalPos(), toolTip(), this);
        return true;
    }
    return QWidget::event(e);
}

} // namespace pathlens::views
