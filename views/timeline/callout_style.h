// SPDX-License-Identifier: GPL-3.0-or-later
// The colour of each callout cause, shared by the shaded spans and the callout list.
#pragma once

#include "core/timeline/timeline_callouts.h"

#include <QColor>

namespace pathlens::views {

// Local radio amber, local network red, upstream blue, route change violet: four causes told apart
// at a glance, none of them a grade's green.
QColor calloutColor(core::CalloutCause cause);

} // namespace pathlens::views
