// SPDX-License-Identifier: GPL-3.0-or-later
// Grade pill cells.
#include "views/common/grade_pill_delegate.h"

#include "views/common/grade_style.h"
#include "views/common/item_roles.h"

#include <QApplication>
#include <QPainter>

namespace pathlens::views {

void GradePillDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem plain = option;
    initStyleOption(&plain, index);
    plain.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &plain, painter, plain.widget);
    paintGradePill(*painter, option.rect.adjusted(2, 2, -2, -2), core::Grade(index.data(GradeRole).toInt()));
}

QSize GradePillDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    return {std::max(s.width(), option.fontMetrics.horizontalAdvance(QStringLiteral("Excellent")) + 2 * option.fontMetrics.height()),
            s.height() + 6};
}

} // namespace pathlens::views
