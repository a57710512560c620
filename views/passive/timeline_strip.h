// SPDX-License-Identifier: GPL-3.0-or-later
// The 24-hour strip: 288 five-minute buckets coloured by their worst grade, grey when idle.
#pragma once

#include "core/passive/tcp_rollups.h"

#include <QWidget>

namespace pathlens::views {

// Paints only from the buckets it is given; hover shows a bucket's span, grade and worst session.
class TimelineStrip : public QWidget {
    Q_OBJECT
public:
    explicit TimelineStrip(QWidget *parent = nullptr);

    void setBuckets(std::vector<core::TimelineBucket> buckets);
    const std::vector<core::TimelineBucket> &buckets() const { return m_buckets; }

    // Layout maths (pure, tested): the bar area inside a widget of `size`, a bucket's rectangle,
    // and the bucket under x (-1 outside).
    static QRectF barArea(const QSize &size);
    static QRectF bucketRect(int index, int count, const QRectF &area);
    static int bucketAt(double x, int count, const QRectF &area);
    static QString bucketText(const core::TimelineBucket &bucket);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    std::vector<core::TimelineBucket> m_buckets;
};

} // namespace pathlens::views
