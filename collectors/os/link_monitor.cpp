// SPDX-License-Identifier: GPL-3.0-or-later
// Interface polling and change detection for the link monitor.
#include "collectors/os/link_monitor.h"

#include <QNetworkInterface>
#include <QTimer>

namespace pathlens::collect {

namespace {
core::Row makeEvent(core::TimestampUs ts, const QString &kind, const QString &message)
{
    return core::eventRow(ts, QStringLiteral("link"), kind, message); // static diff(): no instance name
}
} // namespace

LinkMonitor::Snapshot LinkMonitor::currentSnapshot()
{
    Snapshot snap;
    for (const QNetworkInterface &iface : QNetworkInterface::allInterfaces()) {
        InterfaceState state;
        state.up = iface.flags().testFlag(QNetworkInterface::IsUp) && iface.flags().testFlag(QNetworkInterface::IsRunning);
        for (const QNetworkAddressEntry &entry : iface.addressEntries())
            state.addresses << QStringLiteral("%1/%2").arg(entry.ip().toString()).arg(entry.prefixLength());
        state.addresses.sort();
        snap.insert(iface.name(), state);
    }
    return snap;
}

std::vector<core::Row> LinkMonitor::diff(const Snapshot &before, const Snapshot &after, core::TimestampUs ts)
{
    std::vector<core::Row> rows;
    for (auto it = after.begin(); it != after.end(); ++it) {
        const auto old = before.find(it.key());
        if (old == before.end()) {
            rows.push_back(makeEvent(ts, QStringLiteral("interface_added"),
                                 QStringLiteral("%1 appeared (%2; %3)")
                                     .arg(it.key(), it->up ? QStringLiteral("up") : QStringLiteral("down"),
                                          it->addresses.isEmpty() ? QStringLiteral("no address") : it->addresses.join(QStringLiteral(", ")))));
            continue;
        }
        if (old->up != it->up)
            rows.push_back(makeEvent(ts, it->up ? QStringLiteral("link_up") : QStringLiteral("link_down"),
                                 QStringLiteral("%1 is %2").arg(it.key(), it->up ? QStringLiteral("up") : QStringLiteral("down"))));
        if (old->addresses != it->addresses)
            rows.push_back(makeEvent(ts, QStringLiteral("address_change"),
                                 QStringLiteral("%1 addresses: %2 → %3")
                                     .arg(it.key(), old->addresses.join(QStringLiteral(", ")), it->addresses.join(QStringLiteral(", ")))));
    }
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (!after.contains(it.key()))
            rows.push_back(makeEvent(ts, QStringLiteral("interface_removed"), QStringLiteral("%1 disappeared").arg(it.key())));
    }
    return rows;
}

void LinkMonitor::start()
{
    m_last = currentSnapshot();
    QStringList summary;
    for (auto it = m_last.begin(); it != m_last.end(); ++it)
        summary << QStringLiteral("%1 %2").arg(it.key(), it->up ? QStringLiteral("up") : QStringLiteral("down"));
    publish({makeEvent(core::nowUtcUs(), QStringLiteral("interfaces"), summary.join(QStringLiteral(", ")))});
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::CoarseTimer);
    connect(m_timer, &QTimer::timeout, this, &LinkMonitor::poll);
    m_timer->start(kPollMs);
    reportStarted();
}

void LinkMonitor::stop()
{
    if (m_timer)
        m_timer->stop();
}

void LinkMonitor::poll()
{
    Snapshot now = currentSnapshot();
    auto rows = diff(m_last, now, core::nowUtcUs());
    m_last = std::move(now);
    if (!rows.empty())
        publish(std::move(rows));
}

} // namespace pathlens::collect
