// SPDX-License-Identifier: GPL-3.0-or-later
// FleetDevice ⇄ fleet_devices row.
#pragma once

#include "core/fleet/fleet_device.h"
#include "core/store/capture_tables.h"

namespace pathlens::core {

Row fleetDeviceToRow(const FleetDevice &device);
FleetDevice fleetDeviceFromRow(const Row &row);

} // namespace pathlens::core
