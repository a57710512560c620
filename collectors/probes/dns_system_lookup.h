// SPDX-License-Identifier: GPL-3.0-or-later
// The system resolver as applications use it (getaddrinfo: hosts file, caches, DNS), blocking and async.
#pragma once

#include <QHostAddress>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

#include "core/base/result.h"

namespace pathlens::collect {

struct SystemLookupResult {
    bool ok = false;
    std::vector<QHostAddress> addresses; // in the resolver's preference order (RFC 6724 sorting)
    QString error;                       // the resolver's own text, e.g. "Name or service not known"
};

// Blocking lookup of `name` for a TCP connection, any family the host has an address for
// (dns_system_lookup_linux.cpp: getaddrinfo with AI_ADDRCONFIG; the stub: QHostInfo::fromName).
SystemLookupResult systemLookup(const QString &name);
using SystemLookupFn = std::function<SystemLookupResult(const QString &name)>;

// Runs lookups on their own threads (getaddrinfo cannot be cancelled or given a deadline) and
// delivers the results on the thread that owns this object, through its event loop. Owned by one
// probe transport on the probe thread. Destroying it abandons running lookups: their threads end
// when the resolver returns, and their results are dropped. At most `maxRunning` lookups may be
// running at once, so a hung resolver cannot pile up threads: start() refuses more.
class AsyncLookup {
public:
    using Done = std::function<void(quint64 id, const SystemLookupResult &result, double elapsedMs)>;
    explicit AsyncLookup(SystemLookupFn fn = {}, int maxRunning = 2);
    ~AsyncLookup();
    AsyncLookup(const AsyncLookup &) = delete;
    AsyncLookup &operator=(const AsyncLookup &) = delete;

    // `done` runs later on this object's thread (never inside start()), unless cancel(id) came first.
    // elapsedMs is timed on the lookup thread around the resolver call alone.
    core::Result<void> start(quint64 id, const QString &name, Done done);
    void cancel(quint64 id);
    int running() const;

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
    SystemLookupFn m_fn;
    int m_maxRunning;
    std::unique_ptr<QObject> m_context; // receives the results' queued calls; lives on the owner's thread
    std::vector<std::pair<quint64, Done>> m_waiting;
};

} // namespace pathlens::collect
