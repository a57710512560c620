// SPDX-License-Identifier: GPL-3.0-or-later
// JSON of the Wi-Fi picture: identifiers as the capture's wifi_samples rows store them.
#include "core/report/wifi_json.h"

#include "core/base/json_value.h"
#include "core/base/time_utc.h"
#include "core/store/wifi_rows.h"
#include "core/wifi/wifi_link_text.h"

#include <QJsonArray>

namespace pathlens::core {

namespace {
QJsonValue textOrNull(const QString &t)
{
    return t.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(t);
}

QJsonObject rateJson(const WifiRate &r)
{
    return {{QStringLiteral("mbps"), jsonOrNull(r.mbps)},
            {QStringLiteral("mode"), textOrNull(wifiPhyModeName(r.mode))},
            {QStringLiteral("mcs"), jsonOrNull(r.mcs)},
            {QStringLiteral("nss"), jsonOrNull(r.nss)},
            {QStringLiteral("width_mhz"), jsonOrNull(r.widthMhz)},
            {QStringLiteral("guard_ns"), jsonOrNull(r.guardNs)}};
}
} // namespace

QJsonObject wifiSampleJson(const WifiSample &s)
{
    // A disconnected reading says only that; whatever the driver left in the other fields is not a link.
    const WifiSample link = s.connected ? s : WifiSample{};
    return {{QStringLiteral("utc"), formatUtcMs(s.utcUs)},
            {QStringLiteral("iface"), s.iface},
            {QStringLiteral("connected"), s.connected},
            {QStringLiteral("ssid"), textOrNull(link.ssid)},
            {QStringLiteral("bssid"), textOrNull(link.bssid)},
            {QStringLiteral("rssi_dbm"), jsonOrNull(link.rssiDbm)},
            {QStringLiteral("noise_dbm"), jsonOrNull(link.noiseDbm)},
            {QStringLiteral("snr_db"), jsonOrNull(link.snrDb())},
            {QStringLiteral("freq_mhz"), jsonOrNull(link.freqMhz)},
            {QStringLiteral("channel"), jsonOrNull(link.channel)},
            {QStringLiteral("band"), textOrNull(wifiBandName(link.band))},
            {QStringLiteral("width_mhz"), jsonOrNull(link.channelWidthMhz)},
            {QStringLiteral("tx"), rateJson(link.tx)},
            {QStringLiteral("rx"), rateJson(link.rx)}};
}

QJsonObject wifiEventJson(const WifiEvent &e)
{
    return {{QStringLiteral("utc"), formatUtcMs(e.utcUs)},
            {QStringLiteral("iface"), e.iface},
            {QStringLiteral("kind"), wifiEventKindId(e.kind)},
            {QStringLiteral("from"), textOrNull(e.from)},
            {QStringLiteral("to"), textOrNull(e.to)},
            {QStringLiteral("message"), wifiEventMessage(e)}};
}

QJsonObject wifiReportJson(const WifiPicture &wifi)
{
    QJsonArray events;
    for (const WifiEvent &e : wifi.events)
        events.append(wifiEventJson(e));
    QJsonValue latest(QJsonValue::Null), link(QJsonValue::Null), ceiling(QJsonValue::Null);
    if (wifi.latest) {
        latest = wifiSampleJson(*wifi.latest);
        link = wifiLinkLine(*wifi.latest);
        const WifiCeiling c = wifiCeiling(*wifi.latest);
        ceiling = QJsonObject{{QStringLiteral("phy_max_mbps"), jsonOrNull(c.phyMaxMbps)},
                              {QStringLiteral("usable_mbps"), jsonOrNull(c.usableMbps)},
                              {QStringLiteral("reason"), c.reason}};
    }
    return {{QStringLiteral("latest"), latest},
            {QStringLiteral("link"), link},
            {QStringLiteral("ceiling"), ceiling},
            {QStringLiteral("rssi_p50_dbm"), jsonOrNull(wifi.rssiP50Dbm)},
            {QStringLiteral("tier"), wifi.tier ? QJsonValue(tierName(*wifi.tier)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("readings"), double(wifi.samples.size())},
            {QStringLiteral("events"), events}};
}

} // namespace pathlens::core
