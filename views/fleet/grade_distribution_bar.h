// SPDX-License-Identifier: GPL-3.0-or-later
// A horizontal bar split by grade: how many devices are Excellent, Good, Fair, Poor, not graded.
#pragma once

#include <QWidget>

#include <array>

namespace pathlens::views {

class GradeDistributionBar : public QWidget {
    Q_OBJECT
public:
    explicit GradeDistributionBar(QWidget *parent = nullptr);
    void setCounts(const std::array<int, 5> &counts); // indexed by core::Grade
    const std::array<int, 5> &counts() const { return m_counts; }
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::array<int, 5> m_counts{};
};

} // namespace pathlens::views
