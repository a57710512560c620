// SPDX-License-Identifier: GPL-3.0-or-later
// Linux: SO_REUSEADDR without SO_REUSEPORT, errno → Error, and the accepted sockets found through
// /proc/self/fd.
#include "collectors/load/listen_socket.h"

#include "collectors/os/errno_error.h"

#include <cerrno>
#include <cstdlib>

#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pathlens::collect {

void setListenSocketOptions(qintptr socket)
{
    // SO_REUSEADDR: a restarted agent binds while its old connections sit in TIME_WAIT, yet a
    // second listener on the same port still gets EADDRINUSE.
    int yes = 1;
    ::setsockopt(int(socket), SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

core::Error listenError(const QString &address, int port)
{
    const int err = errno;
    const QString where = QStringLiteral("%1 port %2").arg(address).arg(port);
    switch (err) {
    case EADDRINUSE:
        return core::makeError(core::ErrorCode::Io, QStringLiteral("cannot listen on %1: the port is already in use").arg(where),
                               QStringLiteral("stop what listens there (ss -ltnp 'sport = :%1' names it) or choose another "
                                              "port with --port")
                                   .arg(port));
    case EACCES:
    case EPERM:
        return core::makeError(core::ErrorCode::PermissionDenied,
                               QStringLiteral("cannot listen on %1: ports below 1024 need privilege").arg(where),
                               QStringLiteral("use a port from 1024 up (the default is 8080, 8443 with --tls)"));
    case EADDRNOTAVAIL:
        return core::makeError(core::ErrorCode::InvalidInput,
                               QStringLiteral("cannot listen on %1: %2 is not an address of this host").arg(where, address),
                               QStringLiteral("--bind one of this host's addresses (ip -brief address), or 0.0.0.0 for all"));
    default:
        return errnoError(QStringLiteral("cannot listen on %1").arg(where), err,
                          QStringLiteral("check --bind and --port"));
    }
}

int shutdownAcceptedConnections(quint16 port)
{
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir)
        return 0;
    int count = 0;
    while (const dirent *entry = ::readdir(dir)) {
        char *end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (end == entry->d_name || *end != '\0' || fd == ::dirfd(dir))
            continue;
        struct stat st {};
        if (::fstat(int(fd), &st) != 0 || !S_ISSOCK(st.st_mode))
            continue;
        sockaddr_storage local{};
        socklen_t len = sizeof local;
        if (::getsockname(int(fd), reinterpret_cast<sockaddr *>(&local), &len) != 0)
            continue;
        quint16 localPort = 0;
        if (local.ss_family == AF_INET)
            localPort = ntohs(reinterpret_cast<const sockaddr_in &>(local).sin_port);
        else if (local.ss_family == AF_INET6)
            localPort = ntohs(reinterpret_cast<const sockaddr_in6 &>(local).sin6_port);
        else
            continue;
        int listening = 0, type = 0;
        socklen_t optLen = sizeof listening;
        if (localPort != port || ::getsockopt(int(fd), SOL_SOCKET, SO_ACCEPTCONN, &listening, &optLen) != 0 || listening)
            continue; // not ours, or the listener itself (httplib closes that)
        optLen = sizeof type;
        if (::getsockopt(int(fd), SOL_SOCKET, SO_TYPE, &type, &optLen) != 0 || type != SOCK_STREAM)
            continue;
        // Our own outgoing connections have an ephemeral local port, never the listening one.
        if (::shutdown(int(fd), SHUT_RDWR) == 0)
            ++count;
    }
    ::closedir(dir);
    return count;
}

} // namespace pathlens::collect
