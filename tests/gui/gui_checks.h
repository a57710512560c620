// SPDX-License-Identifier: GPL-3.0-or-later
// Checks the page tests share: what a person would see as broken layout.
#pragma once

#include <QApplication>
#include <QLabel>
#include <QRectF>
#include <QString>
#include <QWidget>

#include <vector>

// Every visible label is as tall as its text needs (a wrapped one: at its width).
inline bool nothingClipped(QWidget &root)
{
    QApplication::processEvents();
    for (QLabel *label : root.findChildren<QLabel *>()) {
        if (!label->isVisible())
            continue;
        const int needed = label->wordWrap() ? label->heightForWidth(label->width()) : label->minimumSizeHint().height();
        if (label->height() < needed) {
            qWarning("clipped at %d of %d px: %s", label->height(), needed, qPrintable(label->text()));
            return false;
        }
    }
    return true;
}

// No two of these (non-empty) rectangles overlap: labels and marks that do would be unreadable.
inline bool disjoint(const std::vector<QRectF> &rects)
{
    for (size_t i = 0; i < rects.size(); ++i)
        for (size_t j = i + 1; j < rects.size(); ++j)
            if (!rects[i].isEmpty() && !rects[j].isEmpty() && rects[i].intersects(rects[j])) {
                qWarning("rects %zu and %zu overlap", i, j);
                return false;
            }
    return true;
}

// Where page tests save their screenshots, when PATHLENS_GUI_SHOTS names a folder ("" otherwise).
inline QString shotsDir() { return qEnvironmentVariable("PATHLENS_GUI_SHOTS"); }
