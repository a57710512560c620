// SPDX-License-Identifier: GPL-3.0-or-later
// Elsewhere: cpp-httplib's own listening-socket options (exclusive use on Windows), a generic bind
// error, and no way yet to cut accepted connections short (stop waits for them).
#include "collectors/load/listen_socket.h"

#include <httplib.h>

namespace pathlens::collect {

void setListenSocketOptions(qintptr socket)
{
    httplib::default_socket_options(static_cast<socket_t>(socket));
}

core::Error listenError(const QString &address, int port)
{
    return core::makeError(core::ErrorCode::Io, QStringLiteral("cannot listen on %1 port %2").arg(address).arg(port),
                           QStringLiteral("the port may be in use: choose another with --port, or check --bind"));
}

int shutdownAcceptedConnections(quint16)
{
    return 0;
}

} // namespace pathlens::collect
