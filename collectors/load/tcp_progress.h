// SPDX-License-Identifier: GPL-3.0-or-later
// How much of what a TCP socket sent its peer has acknowledged: an upload's progress as it arrives, not as it is
// written into our send buffer.
#pragma once

#include <QtGlobal>

#include <optional>

namespace pathlens::collect {

// The bytes the peer's TCP has acknowledged on this connected socket so far (RFC 4898 ThruOctetsAcked: payload,
// handshake excluded). nullopt where the OS does not say (tcp_progress_stub.cpp) or the socket is not TCP.
std::optional<qint64> tcpBytesAcked(qintptr fd);

} // namespace pathlens::collect
