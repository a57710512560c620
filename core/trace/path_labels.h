// SPDX-License-Identifier: GPL-3.0-or-later
// The texts of the trace drawing, shared by the Path view and the HTML report: each answering
// hop's two-line label and the two end boxes' lines.
#pragma once

#include "core/trace/trace_result.h"

#include <QStringList>

namespace pathlens::core {

// "addr\n38 ms  +12 ms  · rate-limited"
QString traceHopLabel(const TraceResult &trace, size_t index);
// "This device" (or the mesh agent that traced), local address, and the NAT's public address when known.
QStringList traceSourceLines(const TraceResult &trace);
// The target, its address, and the last hop's network and place, or "not reached".
QStringList traceDestinationLines(const TraceResult &trace);

} // namespace pathlens::core
