// SPDX-License-Identifier: GPL-3.0-or-later
// Pure state machine: TCP state changes keyed by socket address → lifecycles keyed by 4-tuple.
#pragma once

#include "tcp_start_source.h"
#include "tcp_state_event_parser.h"

#include <unordered_map>

namespace pathlens::collect {

// Owned by the start source (one thread). A client's start is its CLOSE→SYN_SENT change (inside
// connect(), so the pid is the owner's) — but the source port is often assigned only after it,
// so the start is held by socket address until the change to ESTABLISHED completes the 4-tuple.
// An accepted socket starts at its →SYN_RECV change (the third handshake packet: about one RTT
// after the client's SYN). A change to CLOSE gives the exact end. Knows nothing of the dump.
class TcpStartTracker {
public:
    std::vector<TcpLifecycle> apply(const TcpStateChange &change);
    // Drops starts whose handshake never completed, older than `beforeMonoUs`.
    void expire(qint64 beforeMonoUs);
    std::size_t pending() const { return m_pending.size(); }

private:
    struct Pending {
        qint64 startMonoUs = 0;
        qint64 pid = 0;
    };
    std::unordered_map<quint64, Pending> m_pending; // skaddr → start, until the 4-tuple is known
};

} // namespace pathlens::collect
