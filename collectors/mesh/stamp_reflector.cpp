// SPDX-License-Identifier: GPL-3.0-or-later
// Session-Reflector socket loop.
#include "collectors/mesh/stamp_reflector.h"

#include "core/base/logging.h"

#include <QSocketNotifier>

#include <spdlog/spdlog.h>

namespace pathlens::collect {

StampReflector::StampReflector(quint16 port, core::StampReflectorConfig config, QObject *parent)
    : QObject(parent), m_port(port), m_policy(std::move(config))
{
}

StampReflector::~StampReflector() = default;

core::Result<void> StampReflector::start()
{
    auto socket = StampSocket::open(m_port, QStringLiteral("STAMP reflector"));
    if (!socket)
        return socket.error();
    m_socket = std::move(*socket);
    m_notifier = new QSocketNotifier(qintptr(m_socket->descriptor()), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &StampReflector::readAll);
    core::logger("mesh")->info("STAMP reflector on UDP port {} ({} mode, {}, {})", m_socket->localPort(),
                               m_policy.config().mode == core::StampMode::Authenticated ? "authenticated" : "unauthenticated",
                               m_policy.config().stateful ? "stateful" : "stateless", m_socket->timestampMethod().toStdString());
    return {};
}

quint16 StampReflector::port() const
{
    return m_socket ? m_socket->localPort() : m_port;
}

QString StampReflector::timestampMethod() const
{
    return m_socket ? m_socket->timestampMethod() : QString();
}

void StampReflector::readAll()
{
    for (int i = 0; i < kMaxPerWakeup; ++i) {
        auto d = m_socket->receive();
        if (!d || !d->has_value())
            return; // an error is transient for a UDP socket (e.g. a queued ICMP error); the next wakeup retries
        const StampDatagram &g = **d; // a truncated one is kStampMaxSize + 1 bytes: "too long" to the policy
        const QString source = QStringLiteral("%1|%2").arg(g.from.toString()).arg(g.port);
        // T3 taken here: the reply is encoded and sent right after (a few µs).
        if (auto reply = m_policy.reflect(source, g.data, g.rxNs, g.ttl, m_socket->nowNs())) {
            if (auto r = m_socket->send(*reply, g.from, g.port); !r && m_sendWarnings++ < 5)
                core::logger("mesh")->warn("{}", r.error().toString().toStdString());
        }
    }
}

} // namespace pathlens::collect
