// SPDX-License-Identifier: GPL-3.0-or-later
// Thread CPU time from CLOCK_THREAD_CPUTIME_ID.
#include "collectors/os/thread_cpu_clock.h"

#include <ctime>

namespace pathlens::collect {

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

} // namespace pathlens::collect
