// SPDX-License-Identifier: GPL-3.0-or-later
// Colours of the six quality tiers (superior … broken), for pills that always carry the tier's word.
#pragma once

#include "core/active/quality_tiers.h"

#include <QColor>
#include <QString>

namespace pathlens::views {

QColor tierColor(core::Tier tier);
QColor tierTextColor(core::Tier tier); // readable on tierColor(tier)
// A QLabel style sheet that draws the label as the tier's pill.
QString tierPillStyleSheet(core::Tier tier);

} // namespace pathlens::views
