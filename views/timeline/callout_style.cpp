// SPDX-License-Identifier: GPL-3.0-or-later
// Callout cause colours.
#include "views/timeline/callout_style.h"

namespace pathlens::views {

QColor calloutColor(core::CalloutCause cause)
{
    switch (cause) {
    case core::CalloutCause::LocalRadio:
        return QColor(0xd9, 0x8c, 0x00);
    case core::CalloutCause::LocalNetwork:
        return QColor(0xd0, 0x3b, 0x3b);
    case core::CalloutCause::Upstream:
        return QColor(0x2f, 0x6f, 0xd0);
    case core::CalloutCause::RouteChange:
        return QColor(0x8a, 0x4f, 0xc8);
    case core::CalloutCause::Undetermined:
        return QColor(0x80, 0x80, 0x80);
    }
    return QColor(0x80, 0x80, 0x80);
}

} // namespace pathlens::views
