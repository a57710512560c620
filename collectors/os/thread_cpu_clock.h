// SPDX-License-Identifier: GPL-3.0-or-later
// CPU time the calling thread has used, for per-stage cost figures (benchmarks and diagnostics).
#pragma once

#include <QtGlobal>

namespace pathlens::collect {

// Nanoseconds of CPU (user + system) used by the calling thread; 0 where the OS cannot tell.
qint64 threadCpuNs();

} // namespace pathlens::collect
