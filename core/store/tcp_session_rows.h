// SPDX-License-Identifier: GPL-3.0-or-later
// Reads TCP sessions back from a capture, so a restart or an offline open shows the same picture.
#pragma once

#include "core/store/capture_store.h"
#include "core/passive/tcp_session.h"

namespace pathlens::core {

// Every tcp_sessions row as a TcpSession (monotonic times are rebuilt from UTC: only differences
// matter to the roll-ups). Rows of a session still open when the capture stopped count as last seen.
Result<std::vector<TcpSession>> loadTcpSessions(CaptureStore &store);
TcpSession sessionFromRow(const Row &row);
// The tcp_sessions row of a session (upserted by id as the session evolves).
Row sessionToRow(const TcpSession &session);
// One tcp_readings row: a kernel reading of the session with this id.
Row readingToRow(qint64 sessionId, const TcpSocketReading &reading);

} // namespace pathlens::core
