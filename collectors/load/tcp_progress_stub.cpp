// SPDX-License-Identifier: GPL-3.0-or-later
// No acknowledged-byte counter here: uploads are timed to the last stream's acknowledgement only.
#include "collectors/load/tcp_progress.h"

namespace pathlens::collect {

std::optional<qint64> tcpBytesAcked(qintptr)
{
    return std::nullopt;
}

} // namespace pathlens::collect
