// SPDX-License-Identifier: GPL-3.0-or-later
// No per-thread CPU clock on this platform yet: cost figures show wall time only.
#include "collectors/os/thread_cpu_clock.h"

namespace pathlens::collect {

qint64 threadCpuNs()
{
    return 0;
}

} // namespace pathlens::collect
