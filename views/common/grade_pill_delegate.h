// SPDX-License-Identifier: GPL-3.0-or-later
// Paints the GradeRole of a cell as a coloured pill.
#pragma once

#include <QStyledItemDelegate>

namespace pathlens::views {

class GradePillDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace pathlens::views
