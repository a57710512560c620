// SPDX-License-Identifier: GPL-3.0-or-later
// Grade colours chosen to stay distinguishable for the common colour-vision deficiencies
// (blue-green → amber → red rather than green → red alone), with the name always written too.
#include "views/common/grade_style.h"
#include "core/report/display_names.h"

#include <QFontMetrics>
#include <QPainter>

namespace pathlens::views {

QColor gradeColor(core::Grade grade)
{
    switch (grade) {
    case core::Grade::Excellent: return QColor(0x1b, 0x9e, 0x77);
    case core::Grade::Good: return QColor(0x66, 0xa6, 0x1e);
    case core::Grade::Fair: return QColor(0xe6, 0xab, 0x02);
    case core::Grade::Poor: return QColor(0xd9, 0x48, 0x01);
    case core::Grade::Ungraded: break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

QRect paintGradePill(QPainter &painter, const QRect &rect, core::Grade grade, double scale)
{
    painter.save();
    QFont font = painter.font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * scale);
    painter.setFont(font);
    const QString text = core::gradeDisplayName(grade);
    const QFontMetrics fm(font);
    const int w = fm.horizontalAdvance(text) + fm.height();
    const int h = fm.height() + 4;
    QRect pill(0, 0, std::min(w, rect.width()), std::min(h, rect.height()));
    pill.moveCenter(rect.center());
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(gradeColor(grade));
    painter.drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
    painter.setPen(Qt::white);
    painter.drawText(pill, Qt::AlignCenter, text);
    painter.restore();
    return pill;
}

} // namespace pathlens::views
