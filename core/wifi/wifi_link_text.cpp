// SPDX-License-Identifier: GPL-3.0-or-later
// The link card line, the PHY data rates of 802.11n/ac/ax/be computed from their OFDM parameters,
// the ceiling a link's settings imply, and the event sentences.
#include "core/wifi/wifi_link_text.h"

#include "core/active/quality_tiers.h"
#include "core/base/units_format.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include <algorithm>
#include <array>
#include <cmath>

namespace pathlens::core {

namespace {

// One MCS's modulation and coding: coded bits per subcarrier and the code rate (the MCS tables of
// IEEE 802.11-2020 clause 19 for HT and 21 for VHT, 802.11ax clause 27, 802.11be clause 36).
struct Modulation {
    int bits;     // 1 BPSK, 2 QPSK, 4 16-QAM, 6 64-QAM, 8 256-QAM, 10 1024-QAM, 12 4096-QAM
    int rateNum;  // code rate numerator
    int rateDen;  // … and denominator
    double efficiency() const { return double(bits) * rateNum / rateDen; }
};
// MCS 0–13 (HT's 0–7, VHT's 0–9 and HE's 0–11 are the first rows of the same table).
constexpr std::array<Modulation, 14> kMcs{{{1, 1, 2}, {2, 1, 2}, {2, 3, 4}, {4, 1, 2}, {4, 3, 4}, {6, 2, 3},
                                           {6, 3, 4}, {6, 5, 6}, {8, 3, 4}, {8, 5, 6}, {10, 3, 4}, {10, 5, 6},
                                           {12, 3, 4}, {12, 5, 6}}};

int topMcs(WifiPhyMode mode)
{
    switch (mode) {
    case WifiPhyMode::Ht: return 7; // per stream: HT's MCS 8–31 repeat 0–7 with more streams
    case WifiPhyMode::Vht: return 9;
    case WifiPhyMode::He: return 11;
    case WifiPhyMode::Eht: return 13;
    default: return -1;
    }
}

int maxStreams(WifiPhyMode mode)
{
    // HT defines 4 spatial streams, VHT and HE 8; 802.11be's first release also stops at 8.
    return mode == WifiPhyMode::Ht ? 4 : 8;
}

int maxWidthMhz(WifiPhyMode mode)
{
    switch (mode) {
    case WifiPhyMode::Ht: return 40;
    case WifiPhyMode::Vht:
    case WifiPhyMode::He: return 160;
    case WifiPhyMode::Eht: return 320;
    default: return 20; // legacy OFDM and DSSS: one 20 MHz channel
    }
}

// Data subcarriers per symbol. HT/VHT use 64-point FFTs per 20 MHz (52, 108, 234, 468 carry data);
// HE/EHT four times as many, narrower ones (234, 468, 980, 1960, 3920).
std::optional<int> dataSubcarriers(WifiPhyMode mode, int widthMhz)
{
    const bool he = mode == WifiPhyMode::He || mode == WifiPhyMode::Eht;
    if (widthMhz > maxWidthMhz(mode))
        return std::nullopt;
    switch (widthMhz) {
    case 20: return he ? 234 : 52;
    case 40: return he ? 468 : 108;
    case 80: return he ? 980 : 234;
    case 160: return he ? 1960 : 468;
    case 320: return 3920;
    default: return std::nullopt;
    }
}

// Symbol time in µs: HT/VHT 3.2 µs of data + 0.8 (long) or 0.4 (short) guard; HE/EHT 12.8 µs + 0.8,
// 1.6 or 3.2. nullopt for a guard interval the mode does not have.
std::optional<double> symbolUs(WifiPhyMode mode, int guardNs)
{
    if (mode == WifiPhyMode::Ht || mode == WifiPhyMode::Vht)
        return guardNs == 400 || guardNs == 800 ? std::optional<double>(3.2 + guardNs / 1000.0) : std::nullopt;
    if (mode == WifiPhyMode::He || mode == WifiPhyMode::Eht)
        return guardNs == 800 || guardNs == 1600 || guardNs == 3200 ? std::optional<double>(12.8 + guardNs / 1000.0)
                                                                   : std::nullopt;
    return std::nullopt;
}

int ceilingGuardNs(WifiPhyMode mode, std::optional<int> reported)
{
    // The rate's own guard interval when it is one the mode has; else the shortest the mode has, so
    // the ceiling is never under a rate the link reaches (a driver reporting 866.7 Mbit/s, VHT 80 MHz
    // 2×2 MCS 9, without its short-GI flag would otherwise get a 780 Mbit/s ceiling).
    if (reported && symbolUs(mode, *reported))
        return *reported;
    return mode == WifiPhyMode::Ht || mode == WifiPhyMode::Vht ? 400 : 800;
}

// VHT combinations the standard leaves out although the formula gives a rate: their coded bits
// cannot be split evenly between the BCC encoders (missing from the VHT MCS tables of clause 21).
bool vhtExcluded(int widthMhz, int nss, int mcs)
{
    return (widthMhz == 80 && mcs == 6 && (nss == 3 || nss == 7)) || (widthMhz == 80 && mcs == 9 && nss == 6) ||
           (widthMhz == 160 && mcs == 9 && nss == 3);
}


// "near" figures keep two significant digits: 93.4 → 93, 781 → 780, 1249 → 1200.
double twoDigits(double v)
{
    if (v <= 0)
        return 0;
    const double step = std::pow(10.0, std::floor(std::log10(v)) - 1);
    return std::round(v / step) * step;
}

QString bandText(const WifiSample &s)
{
    QString band;
    switch (s.band) {
    case WifiBand::Ghz2_4: band = QStringLiteral("2.4 GHz"); break;
    case WifiBand::Ghz5: band = QStringLiteral("5 GHz"); break;
    case WifiBand::Ghz6: band = QStringLiteral("6 GHz"); break;
    case WifiBand::Unknown:
        if (s.freqMhz)
            band = QStringLiteral("%1 MHz").arg(*s.freqMhz);
        break;
    }
    if (s.channel && !band.isEmpty())
        band += QCoreApplication::translate("WifiLinkText", " ch %1").arg(*s.channel);
    return band;
}

// Legacy rates by band and rate: DSSS/CCK's 1, 2, 5.5 and 11 Mbit/s are 802.11b; OFDM is 802.11g on
// 2.4 GHz and 802.11a on 5 GHz.
bool isDsssRate(std::optional<double> mbps)
{
    if (!mbps)
        return false;
    for (double r : {1.0, 2.0, 5.5, 11.0})
        if (std::fabs(*mbps - r) < 0.05)
            return true;
    return false;
}

// "802.11b", "802.11g", "802.11a"; "" when the band is unknown.
QString legacyStandard(const WifiSample &s)
{
    if (s.band == WifiBand::Ghz2_4)
        return isDsssRate(s.linkRate().mbps) ? QStringLiteral("802.11b") : QStringLiteral("802.11g");
    if (s.band == WifiBand::Ghz5)
        return QStringLiteral("802.11a");
    return {};
}

QString legacyName(const WifiSample &s)
{
    const QString standard = legacyStandard(s);
    return standard.isEmpty() ? wifiGenerationName(WifiPhyMode::Legacy) : QStringLiteral("Wi-Fi (%1)").arg(standard);
}

// The link texts are read in the window, which translates them (context WifiLinkText); event
// messages are stored in the capture and stay as recorded.
QString joinedFactors(const QStringList &factors)
{
    if (factors.size() == 1)
        return factors.first();
    return QStringList(factors.mid(0, factors.size() - 1)).join(QStringLiteral(", ")) + QCoreApplication::translate("WifiLinkText", " and ") +
           factors.last();
}

QString capitalised(QString s)
{
    if (!s.isEmpty())
        s[0] = s[0].toUpper();
    return s;
}

// Usable throughput as a share of the PHY rate. With A-MPDU aggregation (802.11n onwards) each
// transmit opportunity still pays preamble, contention (DIFS + backoff) and a block ack, and TCP
// its ACKs going the other way: the usual rule of thumb puts single-client TCP goodput at 60–70 % of
// the PHY rate (not measured here: no Wi-Fi on this machine), so 65 %. Legacy rates have no
// aggregation and every frame pays all of it: 802.11g is commonly quoted at ~24 of its 54 Mbit/s,
// 802.11b at ~5 of 11, so 45 %.
constexpr double kAggregatedEfficiency = 0.65;
constexpr double kLegacyEfficiency = 0.45;
// An MCS whose modulation × code rate is under half the top one's counts as low (e.g. HE MCS 5 of 11,
// VHT MCS 4 of 9): it halves the link at least.
constexpr double kLowMcsShare = 0.5;

} // namespace

// Link rates are written in Mbit/s, as drivers, `iw` and access points print them ("1201 Mbit/s",
// not formatBitrate's "1.2 Gbit/s"), without grouping; a decimal only under 10 ("5.5 Mbit/s").
QString wifiRateMbitText(double mbps)
{
    QLocale locale;
    locale.setNumberOptions(QLocale::OmitGroupSeparator);
    const double rounded = std::round(mbps);
    const int decimals = mbps < 10 && std::fabs(mbps - rounded) > 0.05 ? 1 : 0;
    return locale.toString(decimals ? mbps : rounded, 'f', decimals) + QStringLiteral(" Mbit/s");
}

QString wifiGenerationName(WifiPhyMode m)
{
    switch (m) {
    case WifiPhyMode::Eht: return QStringLiteral("Wi-Fi 7");
    case WifiPhyMode::He: return QStringLiteral("Wi-Fi 6");
    case WifiPhyMode::Vht: return QStringLiteral("Wi-Fi 5");
    case WifiPhyMode::Ht: return QStringLiteral("Wi-Fi 4");
    case WifiPhyMode::Legacy: return QStringLiteral("Wi-Fi (legacy)");
    case WifiPhyMode::Unknown: break;
    }
    return {};
}

std::optional<int> wifiLinkWidthMhz(const WifiSample &s)
{
    return s.channelWidthMhz ? s.channelWidthMhz : s.linkRate().widthMhz;
}

QString wifiWidthText(int mhz)
{
    return QStringLiteral("%1 MHz").arg(mhz);
}

QString wifiStreamsText(int nss)
{
    return nss == 1 ? QCoreApplication::translate("WifiLinkText", "1 stream") : QCoreApplication::translate("WifiLinkText", "%1 streams").arg(nss);
}

std::optional<double> wifiPhyRateMbps(WifiPhyMode mode, int mcs, int widthMhz, int nss, int guardNs)
{
    if (mcs < 0 || mcs > topMcs(mode) || nss < 1 || nss > maxStreams(mode))
        return std::nullopt;
    const auto subcarriers = dataSubcarriers(mode, widthMhz);
    const auto symbol = symbolUs(mode, guardNs);
    if (!subcarriers || !symbol)
        return std::nullopt;
    const Modulation &m = kMcs[size_t(mcs)];
    const qint64 codedBits = qint64(*subcarriers) * m.bits * nss * m.rateNum;
    // VHT's BCC needs whole data bits per symbol (MCS 9 at 20 MHz with 1, 2, 4, 5, 7 or 8 streams has
    // none); HE and EHT pad their LDPC code words instead, so 8166.67 bits per symbol is fine there.
    if (mode == WifiPhyMode::Vht && (codedBits % m.rateDen != 0 || vhtExcluded(widthMhz, nss, mcs)))
        return std::nullopt;
    return double(codedBits) / m.rateDen / *symbol; // bits per µs = Mbit/s
}

QString wifiLinkLine(const WifiSample &s)
{
    if (!s.connected)
        return QCoreApplication::translate("WifiLinkText", "Not connected");
    const WifiRate &rate = s.linkRate();
    QStringList parts;
    const QString generation = rate.mode == WifiPhyMode::Legacy ? legacyName(s) : wifiGenerationName(rate.mode);
    parts << (generation.isEmpty() ? QStringLiteral("Wi-Fi") : generation);
    if (const QString band = bandText(s); !band.isEmpty())
        parts << band;
    if (const auto width = wifiLinkWidthMhz(s))
        parts << wifiWidthText(*width);
    if (rate.mode != WifiPhyMode::Legacy) {
        if (rate.nss)
            parts << QStringLiteral("%1×%1").arg(*rate.nss);
        if (rate.mcs)
            parts << QStringLiteral("MCS %1").arg(*rate.mcs);
    }
    QString line = parts.join(QStringLiteral(", "));
    if (rate.mbps)
        line += QCoreApplication::translate("WifiLinkText", " — link rate ") + wifiRateMbitText(*rate.mbps);
    return line;
}

WifiCeiling wifiCeiling(const WifiSample &s)
{
    WifiCeiling c;
    if (!s.connected) {
        c.reason = QCoreApplication::translate("WifiLinkText", "Not connected");
        return c;
    }
    const WifiRate &rate = s.linkRate();
    if (rate.mode == WifiPhyMode::Unknown) {
        c.reason = QCoreApplication::translate("WifiLinkText", "The driver reports no PHY mode to judge the ceiling from");
        return c;
    }
    if (rate.mode == WifiPhyMode::Legacy) {
        // 802.11b tops out at 11 Mbit/s, 802.11a/g at 54.
        const bool dsss = s.band == WifiBand::Ghz2_4 && isDsssRate(rate.mbps);
        c.phyMaxMbps = dsss ? 11.0 : 54.0;
        c.usableMbps = *c.phyMaxMbps * kLegacyEfficiency;
        const QString standard = legacyStandard(s);
        c.reason = QCoreApplication::translate("WifiLinkText", "Legacy %1rates cap this link near %2")
                       .arg(standard.isEmpty() ? QString() : standard + QLatin1Char(' '),
                            wifiRateMbitText(twoDigits(*c.usableMbps)));
        return c;
    }
    const int width = std::min(wifiLinkWidthMhz(s).value_or(20), maxWidthMhz(rate.mode));
    const int nss = std::clamp(rate.nss.value_or(1), 1, maxStreams(rate.mode));
    const int guard = ceilingGuardNs(rate.mode, rate.guardNs);
    int top = topMcs(rate.mode);
    while (top >= 0 && !wifiPhyRateMbps(rate.mode, top, width, nss, guard))
        --top; // e.g. VHT at 20 MHz with one stream stops at MCS 8
    if (top < 0) {
        c.reason = QCoreApplication::translate("WifiLinkText", "No %1 rate exists at %2 with %3")
                       .arg(wifiGenerationName(rate.mode), wifiWidthText(width), wifiStreamsText(nss));
        return c;
    }
    c.phyMaxMbps = wifiPhyRateMbps(rate.mode, top, width, nss, guard);
    c.usableMbps = *c.phyMaxMbps * kAggregatedEfficiency;

    // What holds the link below what its band allows: a narrow channel (20 MHz; 40 MHz where 80 is
    // available, on 5 and 6 GHz), a single stream, 802.11n.
    QStringList factors;
    if (width <= 20 || (width == 40 && s.band != WifiBand::Ghz2_4 && rate.mode != WifiPhyMode::Ht))
        factors << wifiWidthText(width);
    if (nss == 1)
        factors << QCoreApplication::translate("WifiLinkText", "one stream");
    if (rate.mode == WifiPhyMode::Ht)
        factors << QStringLiteral("Wi-Fi 4 (802.11n)");
    const QString usable = wifiRateMbitText(twoDigits(*c.usableMbps));
    if (factors.isEmpty())
        c.reason = QCoreApplication::translate("WifiLinkText", "%1, %2 and %3 allow this link near %4")
                       .arg(wifiWidthText(width), wifiStreamsText(nss), wifiGenerationName(rate.mode), usable);
    else
        c.reason = capitalised(QCoreApplication::translate("WifiLinkText", "%1 %2 this link near %3")
                                   .arg(joinedFactors(factors), factors.size() == 1 ? QCoreApplication::translate("WifiLinkText", "caps")
                                                                                     : QCoreApplication::translate("WifiLinkText", "cap"),
                                        usable));

    // A low MCS holds the link under its ceiling now; a weak signal (below the "good" RSSI tier) is
    // the usual cause, and is named when it is there.
    if (rate.mcs && *rate.mcs >= 0 && *rate.mcs < top &&
        kMcs[size_t(*rate.mcs)].efficiency() < kLowMcsShare * kMcs[size_t(top)].efficiency()) {
        // The rate at that MCS, or the reported one when lower (a narrower frame); never a reported
        // rate the MCS cannot carry.
        auto now = wifiPhyRateMbps(rate.mode, *rate.mcs, width, nss, guard);
        if (rate.mbps)
            now = now ? std::min(*now, *rate.mbps) : *rate.mbps;
        const bool weak = s.rssiDbm && worseTier(wifiRssiTier(*s.rssiDbm), Tier::Good) != Tier::Good; // fair or worse
        QString clause = QStringLiteral("; MCS %1").arg(*rate.mcs);
        if (weak)
            clause += QCoreApplication::translate("WifiLinkText", " from a weak signal (%1)").arg(formatDbm(*s.rssiDbm));
        clause += now ? QCoreApplication::translate("WifiLinkText", " holds it near %1 now").arg(wifiRateMbitText(twoDigits(*now * kAggregatedEfficiency)))
                      : QCoreApplication::translate("WifiLinkText", " holds it well below that now");
        c.reason += clause;
    }
    return c;
}

QString wifiEventKindId(WifiEventKind kind)
{
    switch (kind) {
    case WifiEventKind::Roam: return QStringLiteral("wifi_roam");
    case WifiEventKind::PhyModeDrop: return QStringLiteral("wifi_phy_mode_drop");
    case WifiEventKind::WidthDrop: return QStringLiteral("wifi_width_drop");
    case WifiEventKind::StreamDrop: return QStringLiteral("wifi_stream_drop");
    case WifiEventKind::Disconnect: return QStringLiteral("wifi_disconnect");
    case WifiEventKind::Reconnect: return QStringLiteral("wifi_reconnect");
    }
    return {};
}

QString wifiEventMessage(const WifiEvent &e)
{
    const QString who = e.iface.isEmpty() ? QStringLiteral("Wi-Fi") : e.iface;
    switch (e.kind) {
    case WifiEventKind::Roam:
        return QStringLiteral("%1 roamed from %2 to %3").arg(who, e.from, e.to);
    case WifiEventKind::PhyModeDrop:
        return QStringLiteral("%1 fell from %2 to %3").arg(who, e.from, e.to);
    case WifiEventKind::WidthDrop:
        return QStringLiteral("%1 channel narrowed from %2 to %3").arg(who, e.from, e.to);
    case WifiEventKind::StreamDrop:
        return QStringLiteral("%1 fell from %2 to %3").arg(who, e.from, e.to);
    case WifiEventKind::Disconnect:
        return e.from.isEmpty() ? QStringLiteral("%1 disconnected").arg(who)
                                : QStringLiteral("%1 disconnected from %2").arg(who, e.from);
    case WifiEventKind::Reconnect:
        if (e.to.isEmpty())
            return QStringLiteral("%1 reconnected").arg(who);
        if (!e.from.isEmpty() && e.from != e.to)
            return QStringLiteral("%1 reconnected to %2 (was %3)").arg(who, e.to, e.from);
        return QStringLiteral("%1 reconnected to %2").arg(who, e.to);
    }
    return {};
}

} // namespace pathlens::core
