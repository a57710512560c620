// SPDX-License-Identifier: GPL-3.0-or-later
// Capability interface: raw inet_diag bytes of every TCP socket, and destroy notifications.
#pragma once

#include "core/base/result.h"
#include "core/base/time_utc.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

namespace pathlens::collect {

// Raw netlink bytes (one or more concatenated replies) and when they were received.
struct TcpRawBatch {
    qint64 monoUs = 0;          // CLOCK_MONOTONIC µs
    core::TimestampUs utcUs = 0;
    QByteArray bytes;           // parse with parseInetDiag()
};

// Owned by the TCP collector, used only on its worker thread; open() is called there (sockets
// belong to the thread's network namespace at that moment). Knows nothing of parsing, owners or
// sessions: it moves bytes.
class TcpDumpSource {
public:
    virtual ~TcpDumpSource() = default;

    virtual core::Result<void> open() = 0;
    // One complete dump of IPv4 and IPv6 TCP sockets (every state but LISTEN, TIME_WAIT, CLOSE
    // and request sockets), with INET_DIAG_INFO only.
    virtual core::Result<TcpRawBatch> dump() = 0;
    // Destroy notifications received since the last call, without blocking; each batch holds
    // the messages read at one moment. Empty when there are none or the source has none.
    virtual core::Result<std::vector<TcpRawBatch>> drainDestroyed() = 0;
    // Whether destroy notifications arrive (needs CAP_NET_ADMIN live); explains why not.
    virtual bool hasDestroyEvents(QString *whyNot = nullptr) const = 0;
    // A descriptor that becomes readable when a destroy notification waits (-1: none), so the
    // collector can stamp arrivals promptly instead of once per tick.
    virtual int destroyFd() const { return -1; }
    virtual QString describe() const = 0;
};

// How a live dump asks the kernel: one walk of its connection table for both families (the
// default; half the kernel's work), or one request per family (what a kernel that refuses the
// first gets; selectable so a test can compare the two).
enum class TcpDumpWalk { BothFamiliesAtOnce, OneRequestPerFamily };

// The platform's live source (tcp_dump_source_linux.cpp / tcp_dump_source_stub.cpp). The stub's
// open() returns Unsupported.
std::unique_ptr<TcpDumpSource> createLiveTcpDumpSource(TcpDumpWalk walk = TcpDumpWalk::BothFamiliesAtOnce);
core::Result<void> liveTcpDumpSupported();

} // namespace pathlens::collect
