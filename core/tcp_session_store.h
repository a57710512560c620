// SPDX-License-Identifier: GPL-3.0-or-later
// Reads TCP sessions back from a capture, so a restart or an offline open shows the same picture.
#pragma once

#include "capture_store.h"
#include "tcp_session_tracker.h"

namespace pathlens::core {

// Every tcp_sessions row as a TcpSession (monotonic times are rebuilt from UTC: only differences
// matter to the roll-ups). Rows of a session still open when the capture stopped count as last seen.
Result<std::vector<TcpSession>> loadTcpSessions(CaptureStore &store);
TcpSession sessionFromRow(const Row &row);

} // namespace pathlens::core
