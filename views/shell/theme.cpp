// SPDX-License-Identifier: GPL-3.0-or-later
// Fusion style with a dark palette (kiosk screens are usually in dim operations rooms).
#include "views/shell/theme.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QStyleFactory>

namespace pathlens::views {

void applyDarkTheme(QApplication &app, double fontScale)
{
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    const QColor window(0x1e, 0x23, 0x2b), base(0x15, 0x19, 0x1f), text(0xe6, 0xe9, 0xee);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa3, 0xad));
    p.setColor(QPalette::Highlight, QColor(0x4f, 0xc3, 0xf7));
    p.setColor(QPalette::HighlightedText, base);
    app.setPalette(p);
    QFont font = app.font();
    font.setPointSizeF(font.pointSizeF() * fontScale);
    app.setFont(font);
}

} // namespace pathlens::views
