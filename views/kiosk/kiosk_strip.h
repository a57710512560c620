// SPDX-License-Identifier: GPL-3.0-or-later
// The 24-hour strip for a wall screen: the day's 5-minute buckets in their grade's colour, no text
// (the labels under it are the board's, in its large type).
#pragma once

#include "core/passive/tcp_rollups.h"

#include <QWidget>

#include <vector>

namespace pathlens::views {

class KioskStrip : public QWidget {
    Q_OBJECT
public:
    explicit KioskStrip(QWidget *parent = nullptr);
    void setBuckets(std::vector<core::TimelineBucket> buckets);
    const std::vector<core::TimelineBucket> &buckets() const { return m_buckets; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::vector<core::TimelineBucket> m_buckets;
};

} // namespace pathlens::views
