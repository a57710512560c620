// SPDX-License-Identifier: GPL-3.0-or-later
// One direction of a mesh link in words (rich text), for the heat-map's hover and the drill-down.
#pragma once

#include "core/mesh/mesh_matrix.h"

#include <QStringList>

namespace pathlens::views {

// "same LAN", "relayed: these figures measure the path through the relay", …
QString meshPathDescription(const QString &path);
// Header (from → to, address, path), the figures or why it is down, and its cycles.
QStringList meshLinkLines(const core::MeshCell &cell);

} // namespace pathlens::views
