// SPDX-License-Identifier: GPL-3.0-or-later
// Texts of the Wi-Fi page in one place, so the card, the strips and the events table say the same
// thing the same way.
#include "views/wifi/wifi_text.h"

#include "core/base/units_format.h"
#include "core/wifi/wifi_link_text.h"
#include "views/trains/capacity_text.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace pathlens::views {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("pathlens::views::WiFi", text);
}

const QString kNone = QStringLiteral("—");
const QString kArrow = QStringLiteral(" → ");
} // namespace

QString dbmText(const std::optional<int> &dbm)
{
    return dbm ? core::formatDbm(*dbm) : kNone;
}

QString dbText(const std::optional<int> &db)
{
    if (!db)
        return kNone;
    // U+2212 minus, as core's dBm (a signal under the noise floor reads as a negative SNR).
    return (*db < 0 ? QString(QChar(0x2212)) : QString()) + QString::number(std::abs(*db)) + QStringLiteral(" dB");
}

QString wifiRateText(const std::optional<double> &mbps)
{
    return mbps ? core::wifiRateMbitText(*mbps) : kNone;
}

QString wifiBandText(core::WifiBand band)
{
    switch (band) {
    case core::WifiBand::Ghz2_4: return tr("2.4 GHz");
    case core::WifiBand::Ghz5: return tr("5 GHz");
    case core::WifiBand::Ghz6: return tr("6 GHz");
    case core::WifiBand::Unknown: break;
    }
    return {};
}

QString wifiEventText(core::WifiEventKind kind)
{
    switch (kind) {
    case core::WifiEventKind::Roam: return tr("Roamed to another access point");
    case core::WifiEventKind::PhyModeDrop: return tr("Wi-Fi generation dropped");
    case core::WifiEventKind::WidthDrop: return tr("Channel narrowed");
    case core::WifiEventKind::StreamDrop: return tr("Fewer spatial streams");
    case core::WifiEventKind::Disconnect: return tr("Disconnected");
    case core::WifiEventKind::Reconnect: return tr("Reconnected");
    }
    return {};
}

QString wifiEventLabel(core::WifiEventKind kind)
{
    switch (kind) {
    case core::WifiEventKind::Roam: return tr("roam");
    case core::WifiEventKind::PhyModeDrop: return tr("PHY drop");
    case core::WifiEventKind::WidthDrop: return tr("narrower");
    case core::WifiEventKind::StreamDrop: return tr("fewer streams");
    case core::WifiEventKind::Disconnect: return tr("disconnect");
    case core::WifiEventKind::Reconnect: return tr("reconnect");
    }
    return {};
}

QString wifiChangeText(const core::WifiEvent &event)
{
    if (event.from.isEmpty() && event.to.isEmpty())
        return kNone;
    if (event.from.isEmpty())
        return kArrow.trimmed() + QLatin1Char(' ') + event.to;
    if (event.to.isEmpty())
        return event.from + QLatin1Char(' ') + kArrow.trimmed();
    return event.from + kArrow + event.to;
}

QString wifiEventExplanation(const core::WifiEvent &event)
{
    const QString change = event.from.isEmpty() && event.to.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(wifiChangeText(event));
    QString meaning;
    switch (event.kind) {
    case core::WifiEventKind::Roam:
        meaning = tr("The connection moved to another access point of the network. Traffic pauses briefly while it "
                     "moves, and from then on the new access point's signal and rate apply.");
        break;
    case core::WifiEventKind::PhyModeDrop:
        meaning = tr("The link fell back to an older Wi-Fi generation, which carries less data at the same signal: the "
                     "top rate is lower. It happens when the signal weakens or the access point or band offers less.");
        break;
    case core::WifiEventKind::WidthDrop:
        meaning = tr("The radio channel got narrower: half the width carries about half the data.");
        break;
    case core::WifiEventKind::StreamDrop:
        meaning = tr("The link uses fewer spatial streams (antenna paths carrying data side by side): each one fewer "
                     "lowers the top rate in proportion.");
        break;
    case core::WifiEventKind::Disconnect:
        meaning = tr("The interface left the network: nothing went over Wi-Fi until it reconnected.");
        break;
    case core::WifiEventKind::Reconnect:
        meaning = tr("The interface joined a network again after being disconnected.");
        break;
    }
    return QStringLiteral("%1 · %2%3\n%4").arg(utcDateTimeText(event.utcUs), wifiEventText(event.kind), change, meaning);
}

QString wifiLinkHelp()
{
    return tr("The latest reading of the link: Wi-Fi generation, band and channel, channel width, spatial streams "
              "(2×2: two streams) and MCS (the modulation and coding in use), and the PHY rate they give. Read from "
              "the kernel's nl80211 interface every 10 s, without privileges.");
}

QString wifiNetworkHelp()
{
    return tr("The network's name (SSID) and the access point's radio address (BSSID): a new BSSID with the same SSID "
              "is a roam to another access point.");
}

QString wifiSignalHelp()
{
    return tr("Signal strength the station last received from the access point (RSSI; the driver's average when it "
              "gives one). Closer to 0 is stronger: −50 dBm is very good, −70 dBm is where rates start to suffer.");
}

QString wifiSignalMedianHelp()
{
    return tr("Median signal over the connected readings of the capture's last 10 minutes; it sets the Wi-Fi tier, "
              "which joins the overall rating. Tiers: excellent ≥ −50 dBm, good ≥ −67, fair ≥ −70, impaired below.");
}

QString wifiNoiseHelp()
{
    return tr("Noise floor of the channel in use, from the radio's channel survey: the background the signal has to "
              "stand out from. Not every driver reports it.");
}

QString wifiSnrHelp()
{
    // The 25 and 15 dB marks are the usual vendor guidance for data (e.g. Cisco's and Ekahau's design guides).
    return tr("Signal-to-noise ratio: signal minus noise floor. Above about 25 dB the link can use its fastest "
              "encodings; below about 15 dB the rate falls and retries rise.");
}

QString wifiRateHelp()
{
    return tr("The PHY rate of the last frame each way as the driver reports it (transmit: this machine to the access "
              "point; receive: back). A radio's rate, not throughput: TCP gets roughly half to two thirds of it.");
}

QString wifiCeilingHelp()
{
    return tr("What this link's settings allow at best: the fastest MCS at this generation, width, stream count and "
              "guard interval (PHY), and what TCP can expect near it. A slow internet test under this ceiling is not "
              "the radio's doing.");
}

} // namespace pathlens::views
