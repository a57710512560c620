// SPDX-License-Identifier: GPL-3.0-or-later
// Pure parser of the sock:inet_sock_set_state tracepoint: its tracefs format and raw records.
#pragma once

#include "core/base/result.h"

#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <optional>

namespace pathlens::collect {

// Field offsets inside one raw record, read from tracefs' events/sock/inet_sock_set_state/format
// (stable since Linux 4.16, but read at run time rather than trusted).
struct StateTracepointLayout {
    std::size_t skaddr = 0, oldstate = 0, newstate = 0, sport = 0, dport = 0, family = 0, protocol = 0;
    std::size_t saddr = 0, daddr = 0, saddrV6 = 0, daddrV6 = 0;
    std::size_t minSize = 0; // bytes a record needs to hold every field above
};

core::Result<StateTracepointLayout> parseStateTracepointFormat(QByteArrayView formatText);

// Kernel TCP state numbers (include/net/tcp_states.h) used by the start tracker.
namespace tcp_state {
inline constexpr int kEstablished = 1, kSynSent = 2, kSynRecv = 3, kClose = 7;
}

struct TcpStateChange {
    quint64 skaddr = 0;          // kernel socket address: the key until the 4-tuple is complete
    int oldState = 0, newState = 0;
    QString localAddr, remoteAddr; // as parseInetDiag() formats them
    qint64 monoUs = 0;
    qint64 pid = 0;              // process running when the state changed (connect(): the owner)
};

// nullopt for records that are too short, or not TCP (the tracepoint also fires for SCTP/MPTCP).
std::optional<TcpStateChange> parseStateChange(const StateTracepointLayout &layout, QByteArrayView raw,
                                               qint64 monoUs, qint64 pid);

} // namespace pathlens::collect
