// SPDX-License-Identifier: GPL-3.0-or-later
// getaddrinfo as applications call it: any family the host can use, for a TCP connection.
#include "dns_system_lookup.h"
#include "collectors/os/errno_error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <netdb.h>
#include <sys/socket.h>

namespace pathlens::collect {

SystemLookupResult systemLookup(const QString &name)
{
    SystemLookupResult r;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG; // what browsers ask for: no AAAA answers used on a v4-only host
    addrinfo *res = nullptr;
    const int rc = getaddrinfo(name.toUtf8().constData(), nullptr, &hints, &res);
    if (rc != 0) {
        r.error = QString::fromLocal8Bit(gai_strerror(rc));
        if (rc == EAI_SYSTEM)
            r.error += QStringLiteral(": ") + errnoText(errno);
        return r;
    }
    for (const addrinfo *a = res; a; a = a->ai_next) {
        const QHostAddress addr(a->ai_addr);
        if (!addr.isNull() && std::find(r.addresses.begin(), r.addresses.end(), addr) == r.addresses.end())
            r.addresses.push_back(addr);
    }
    freeaddrinfo(res);
    r.ok = !r.addresses.empty();
    if (!r.ok)
        r.error = QStringLiteral("no usable address");
    return r;
}

} // namespace pathlens::collect
