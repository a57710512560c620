// SPDX-License-Identifier: GPL-3.0-or-later
// The Wi-Fi collector's poll: source → parser → one reading per station interface → rows.
#include "wifi_collector.h"

#include "nl80211_parser.h"
#include "wifi_source.h"

#include "core/base/logging.h"
#include "core/store/wifi_rows.h"

#include <QTimer>

#include <spdlog/spdlog.h>

namespace pathlens::collect {

WifiCollector::WifiCollector(WifiCollectorOptions options) : m_options(std::move(options)) {}

WifiCollector::~WifiCollector() = default;

core::Result<void> WifiCollector::checkSupported() const
{
    if (!m_options.replay.isEmpty())
        return {};
    return liveWifiSupported();
}

void WifiCollector::start()
{
    if (m_options.replay.isEmpty()) {
        m_source = createLiveWifiSource();
    } else {
        auto replay = std::make_unique<WifiReplaySource>(m_options.replay, m_options.replayClock);
        m_replay = replay.get();
        m_source = std::move(replay);
    }
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::CoarseTimer); // one reading per 10 s: 5 % jitter is harmless
    connect(m_timer, &QTimer::timeout, this, &WifiCollector::poll);
    m_timer->start(m_options.pollIntervalMs);
    poll(); // the first reading (or "no Wi-Fi interface") at once, not 10 s later
}

void WifiCollector::stop()
{
    if (m_timer)
        m_timer->stop();
}

void WifiCollector::fail(const core::Error &error)
{
    if (m_failed)
        return;
    m_failed = true;
    stop();
    reportFailure(error);
}

void WifiCollector::setInterval(int ms)
{
    if (m_timer && m_timer->isActive() && m_timer->interval() != ms)
        m_timer->start(ms);
}

void WifiCollector::poll()
{
    if (m_failed || !m_source)
        return;
    if (m_replay && m_replay->atEnd()) {
        stop();
        emit replayFinished(runId());
        return;
    }
    auto raw = m_source->poll();
    if (!raw) {
        if (raw.error().code != core::ErrorCode::Unsupported) {
            fail(raw.error());
            return;
        }
        // No nl80211 here (any more): a state, not a failure.
        if (auto rows = vanished({}, core::nowUtcUs()); !rows.empty())
            publish(std::move(rows));
        goIdle(raw.error().message);
        return;
    }
    auto parsed = parseNl80211(raw->bytes);
    if (!parsed) {
        fail(parsed.error());
        return;
    }
    std::vector<core::Row> rows;
    QStringList interfaces;
    for (const Nl80211Interface &iface : parsed->interfaces) {
        if (iface.iftype != kNl80211IftypeStation)
            continue;
        // Not connected is a reading too: the disconnect is read from it downstream.
        rows.push_back(core::wifiSampleToRow(assembleWifiSample(iface, parsed->stations, parsed->surveys, raw->utcUs)));
        interfaces << iface.name;
    }
    for (core::Row &row : vanished(interfaces, raw->utcUs))
        rows.push_back(std::move(row));
    if (!rows.empty())
        publish(std::move(rows));
    if (interfaces.isEmpty()) {
        goIdle(parsed->interfaces.empty() ? QStringLiteral("the kernel lists no wireless interface")
                                          : QStringLiteral("no wireless interface is a client (station); access point and "
                                                           "monitor interfaces have no link to read"));
    } else {
        goActive(interfaces);
    }
}

std::vector<core::Row> WifiCollector::vanished(const QStringList &present, core::TimestampUs utcUs) const
{
    // An interface that went away (a USB adapter pulled) is not connected any more: say so once,
    // or its last reading would stand as the link's state.
    std::vector<core::Row> rows;
    for (const QString &name : m_interfaces)
        if (!present.contains(name)) {
            core::WifiSample sample;
            sample.utcUs = utcUs;
            sample.iface = name;
            rows.push_back(core::wifiSampleToRow(sample));
        }
    return rows;
}

void WifiCollector::goIdle(const QString &why)
{
    m_interfaces.clear();
    setInterval(m_options.idleRecheckMs);
    if (m_seen == Seen::Idle && m_idleWhy == why)
        return; // the same answer as a minute ago: nothing to say
    m_seen = Seen::Idle;
    m_idleWhy = why;
    const QString every = m_options.idleRecheckMs == 60'000 ? QStringLiteral("minute")
                                                            : QStringLiteral("%1 s").arg(m_options.idleRecheckMs / 1000.0);
    const QString detail = QStringLiteral("%1; looked for again every %2").arg(why, every);
    core::logger("collect.wifi")->info("no Wi-Fi interface: {}", detail.toStdString());
    publish({eventRow(QStringLiteral("wifi_source"), QStringLiteral("No Wi-Fi interface: %1").arg(detail))});
    reportIdle(idleNote(), detail);
}

void WifiCollector::goActive(const QStringList &interfaces)
{
    setInterval(m_options.pollIntervalMs);
    if (m_seen == Seen::Active && m_interfaces == interfaces)
        return;
    m_seen = Seen::Active;
    m_interfaces = interfaces;
    m_idleWhy.clear();
    const QString message = QStringLiteral("Wi-Fi readings of %1 from %2 every %3 s")
                                .arg(interfaces.join(QStringLiteral(", ")), m_source->describe())
                                .arg(m_options.pollIntervalMs / 1000.0);
    core::logger("collect.wifi")->info("{}", message.toStdString());
    publish({eventRow(QStringLiteral("wifi_source"), message)});
    reportStarted();
}

} // namespace pathlens::collect
