// SPDX-License-Identifier: GPL-3.0-or-later
// The speed server's listening socket, per OS: options that make a port in use an error, why a
// bind failed, and cutting accepted connections short so the server can stop at once.
#pragma once

#include "core/base/result.h"

#include <QtGlobal>

namespace pathlens::collect {

// Applied by cpp-httplib to the listening socket before bind(). Replaces its default, which sets
// SO_REUSEPORT on Linux: with it a second server binds the same port without an error (checked
// with 0.11.4) and the kernel spreads connections between the two.
void setListenSocketOptions(qintptr socket);

// Why listening on address:port failed, read from what the failed socket call left in errno; the
// remedy names the fix (another port, root for ports below 1024, an address of this host).
core::Error listenError(const QString &address, int port);

// Shuts down, both ways, every TCP connection this process accepted on local `port`, so the
// threads that wait on them (an idle keep-alive for up to 5 s, a stalled peer up to the read
// timeout) return at once. Returns how many it shut down; 0 where the OS has no way to list them.
int shutdownAcceptedConnections(quint16 port);

} // namespace pathlens::collect
