// SPDX-License-Identifier: GPL-3.0-or-later
// A captured flow as a TcpSession, so pcap imports are graded by the same policy as live sessions.
#pragma once

#include "core/pcap/pcap_flow.h"
#include "core/passive/tcp_session.h"

namespace pathlens::core {

// Client's view: local = client, bytesUp = client's unique payload, bytesDown = server's.
// medianRttMs/minRttMs: each Karn sample plus the other leg's base (see flow_session.cpp), so a sample
// is the round trip its sender saw, wherever the capture sits; the handshake RTT alone when no data
// was acknowledged. retransSegs/segsOut: retransmitted and data segments of both sides (loss on the
// connection, whichever side sent). The grade is left Ungraded: the caller applies its GradingPolicy.
TcpSession sessionFromFlow(const PcapFlow &flow, const QString &app);

} // namespace pathlens::core
