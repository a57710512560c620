// SPDX-License-Identifier: GPL-3.0-or-later
// MeshResult ⇄ mesh_results row.
#pragma once

#include "core/mesh/mesh_result.h"
#include "core/store/capture_tables.h"

namespace pathlens::core {

Row meshResultToRow(const MeshResult &result);
MeshResult meshResultFromRow(const Row &row);

} // namespace pathlens::core
