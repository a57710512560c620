// SPDX-License-Identifier: GPL-3.0-or-later
// Client of pathlens-helper (collectors/wire/PROTOCOL.md): raw sockets for processes without
// CAP_NET_RAW. The helper runs as a child over a socketpair; descriptors arrive as SCM_RIGHTS.
#pragma once

#include "core/base/result.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace pathlens::collect {

// Where pathlens-helper is: $PATHLENS_HELPER (must exist), else beside the running executable,
// else the first one in PATH. NotFound names all three places and the fix.
core::Result<QString> findHelper();

// One running helper. Thread-safe: requests are serialised by a mutex, each bounded by a
// timeout; after a timeout or a broken socket the client is dead (alive() false) and every
// request fails fast, so a stuck helper never blocks a collector for more than one timeout.
// The destructor closes the socket (the helper exits on end of input) and reaps the child,
// killing it when it has not gone within 500 ms.
class HelperClient {
public:
    static constexpr int kStartTimeoutMs = 3000;   // spawn + hello line
    static constexpr int kRequestTimeoutMs = 2000; // one request, one reply

    // Spawns `path` with a socketpair as its stdin/stdout and reads the hello line.
    static core::Result<std::unique_ptr<HelperClient>> start(const QString &path, int timeoutMs = kStartTimeoutMs);
    ~HelperClient();
    HelperClient(const HelperClient &) = delete;
    HelperClient &operator=(const HelperClient &) = delete;

    QString path() const;
    QString version() const;
    QStringList capsAtStart() const; // from the hello line
    qint64 pid() const;
    bool alive() const;

    core::Result<void> ping();
    core::Result<QStringList> caps();
    // A raw socket (family AF_INET/AF_INET6, protocol IPPROTO_ICMP/ICMPV6/TCP), non-blocking and
    // close-on-exec, owned by the caller. PermissionDenied names `setcap cap_net_raw+ep <path>`.
    core::Result<int> rawOpen(int family, int protocol);

    struct Impl;

private:
    explicit HelperClient(std::unique_ptr<Impl> d);
    std::unique_ptr<Impl> d;
};

// The process-wide helper: found and started on first use, kept for the process's life, started
// again on the next request after it died. Thread-safe.
core::Result<int> helperRawOpen(int family, int protocol);

// Where a raw socket came from: this process (root or CAP_NET_RAW) or pathlens-helper.
enum class RawSocketSource { Here, Helper };
struct RawSocket {
    int fd = -1;
    RawSocketSource source = RawSocketSource::Here;
};
// socket(SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC) here first, then the helper. The error says
// why both failed and how to fix it (setcap on the helper, or run as root).
core::Result<RawSocket> openRawSocket(int family, int protocol);

// The trace engine's RawSocketOpener (collectors/trace/trace_transport.h): openRawSocket's fd.
std::function<core::Result<int>(int family, int protocol)> rawSocketOpener();

} // namespace pathlens::collect
