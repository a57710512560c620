// SPDX-License-Identifier: GPL-3.0-or-later
// Tool tips of painted widgets: the text for the hovered point, or none (hidden).
#pragma once

#include <QEvent>
#include <QHelpEvent>
#include <QToolTip>
#include <QWidget>

namespace pathlens::views {

// For a widget's event(): shows what `tipAt(pos)` says for a tool-tip event (hides the tip when it
// says nothing) and returns true; returns false for every other event.
template <typename TipAt>
bool handleHoverTip(QWidget *widget, QEvent *event, TipAt &&tipAt)
{
    if (event->type() != QEvent::ToolTip)
        return false;
    auto *help = static_cast<QHelpEvent *>(event);
    const QString tip = tipAt(help->pos());
    if (tip.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
    } else {
        QToolTip::showText(help->globalPos(), tip, widget);
    }
    return true;
}

} // namespace pathlens::views
