// SPDX-License-Identifier: GPL-3.0-or-later
// Capability interface: exact connection start (and close) times from the kernel's TCP state changes.
#pragma once

#include "core/base/result.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

namespace pathlens::collect {

// What the kernel said about one connection, keyed like a reading by "local|remote" endpoints.
struct TcpLifecycle {
    QString localAddr, remoteAddr;   // same text as parseInetDiag() produces
    qint64 startMonoUs = 0;          // CLOSE→SYN_SENT (connect) or →SYN_RECV (accepted); 0 unknown
    qint64 closeMonoUs = 0;          // →CLOSE; 0 while open
    qint64 pid = 0;                  // the process that called connect(), 0 when not known
};

// Owned by the TCP collector on its worker thread. poll() never blocks and returns the state
// changes seen since the last call. Knows nothing of sessions or the dump.
class TcpStartSource {
public:
    virtual ~TcpStartSource() = default;
    virtual core::Result<void> open() = 0;
    virtual core::Result<std::vector<TcpLifecycle>> poll() = 0;
    virtual QString describe() const = 0;
};

// The tracepoint-based source (tcp_start_source_linux.cpp) or the stub (Unsupported on open()).
std::unique_ptr<TcpStartSource> createLiveTcpStartSource();

// Text form for recordings: one "local remote start close pid" line per lifecycle.
QByteArray encodeLifecycles(const std::vector<TcpLifecycle> &events);
std::vector<TcpLifecycle> decodeLifecycles(QByteArrayView text); // skips malformed lines

} // namespace pathlens::collect
