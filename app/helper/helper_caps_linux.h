// SPDX-License-Identifier: GPL-3.0-or-later
// The helper's own capabilities: keep CAP_NET_RAW (if it was granted), drop everything else.
#pragma once

#include <QString>

namespace pathlens::helper {

// Called once at start-up, before any request: permitted and effective become {CAP_NET_RAW} when
// it was permitted (file capability or root), else empty; inheritable, ambient and (when
// CAP_SETPCAP allows) the bounding set lose every other capability; no_new_privs is set.
// Returns a problem worth a line on stderr (empty when all went as planned).
QString dropCapabilities();

// Capabilities in the effective set, comma-separated, lower case ("cap_net_raw" or "").
QString heldCapabilities();

} // namespace pathlens::helper
