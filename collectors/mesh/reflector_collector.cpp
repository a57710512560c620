// SPDX-License-Identifier: GPL-3.0-or-later
// Reflector collector lifecycle.
#include "collectors/mesh/reflector_collector.h"

#include "collectors/mesh/stamp_reflector.h"

namespace pathlens::collect {

ReflectorCollector::ReflectorCollector(quint16 port, core::StampReflectorConfig config) : m_port(port), m_config(std::move(config)) {}

ReflectorCollector::~ReflectorCollector() = default;

void ReflectorCollector::start()
{
    m_reflector = new StampReflector(m_port, m_config, this);
    if (auto r = m_reflector->start(); !r) {
        publish({eventRow(QStringLiteral("reflector"),
                          QStringLiteral("not answering STAMP: %1%2")
                              .arg(r.error().message, r.error().remedy.isEmpty() ? QString() : QStringLiteral(" — ") + r.error().remedy))});
        delete std::exchange(m_reflector, nullptr);
        reportStarted(); // idle: a port we may not bind does not get better by retrying
        return;
    }
    publish({eventRow(QStringLiteral("reflector"), QStringLiteral("answering STAMP on UDP port %1 (%2)")
                                                       .arg(m_reflector->port())
                                                       .arg(m_reflector->timestampMethod()))});
    reportStarted();
}

void ReflectorCollector::stop()
{
    if (!m_reflector)
        return;
    const auto &c = m_reflector->counters();
    publish({eventRow(QStringLiteral("reflector"),
                      QStringLiteral("reflected %1 of %2 test packets; dropped %3 (short %4, long %5, bad HMAC %6, replayed %7, "
                                     "rate-limited %8)")
                          .arg(c.reflected)
                          .arg(c.received)
                          .arg(c.dropped())
                          .arg(c.tooShort)
                          .arg(c.tooLong)
                          .arg(c.badHmac)
                          .arg(c.replayed)
                          .arg(c.rateLimited))});
}

} // namespace pathlens::collect
