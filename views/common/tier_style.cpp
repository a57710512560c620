// SPDX-License-Identifier: GPL-3.0-or-later
// Tier colours: the Latency page's chips' palette (blue-green → amber → red, distinguishable with the
// common colour-vision deficiencies), with dark text where white would not read on amber.
#include "views/common/tier_style.h"

namespace pathlens::views {

QColor tierColor(core::Tier tier)
{
    switch (tier) {
    case core::Tier::Superior:
    case core::Tier::Excellent: return QColor(0x1b, 0x9e, 0x77);
    case core::Tier::Good: return QColor(0x66, 0xa6, 0x1e);
    case core::Tier::Fair: return QColor(0xe6, 0xab, 0x02);
    case core::Tier::Impaired: return QColor(0xd9, 0x5f, 0x02);
    case core::Tier::Broken: return QColor(0xb2, 0x18, 0x2b);
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

QColor tierTextColor(core::Tier tier)
{
    // White on amber is 1.9:1; near-black reaches 9:1 (WCAG asks 4.5:1 for text).
    return tier == core::Tier::Fair ? QColor(0x2b, 0x20, 0x00) : QColor(Qt::white);
}

QString tierPillStyleSheet(core::Tier tier)
{
    return QStringLiteral("QLabel { background: %1; color: %2; border-radius: 8px; padding: 1px 8px; font-weight: bold; }")
        .arg(tierColor(tier).name(), tierTextColor(tier).name());
}

} // namespace pathlens::views
