// SPDX-License-Identifier: GPL-3.0-or-later
// wifi_samples rows: the link as columns (the transmit rate's mode/MCS/streams), the rest in notes.
#include "core/store/wifi_rows.h"

#include "core/base/notes_codec.h"

namespace pathlens::core {

namespace {

void setOpt(Row &row, const char *column, const std::optional<int> &v)
{
    if (v)
        row.set(column, *v);
}
void setOpt(Row &row, const char *column, const std::optional<double> &v)
{
    if (v)
        row.set(column, *v);
}
void setText(Row &row, const char *column, const QString &v)
{
    if (!v.isEmpty())
        row.set(column, v); // empty stays NULL, as the CSV writes it
}
std::optional<int> optInt(const Row &row, const char *column)
{
    const QVariant v = row.get(column);
    return v.isNull() ? std::nullopt : std::optional<int>(qRound(v.toDouble())); // rssi/noise are REAL columns
}
std::optional<double> optDouble(const Row &row, const char *column)
{
    const QVariant v = row.get(column);
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}
void setNote(Notes &n, const char *key, const std::optional<int> &v)
{
    if (v)
        n.set(QString::fromLatin1(key), QString::number(*v));
}
std::optional<int> noteInt(const Notes &n, const char *key)
{
    const auto v = n.number(QString::fromLatin1(key));
    return v ? std::optional<int>(qRound(*v)) : std::nullopt;
}

} // namespace

QString wifiPhyModeName(WifiPhyMode m)
{
    switch (m) {
    case WifiPhyMode::Legacy: return QStringLiteral("legacy");
    case WifiPhyMode::Ht: return QStringLiteral("n");
    case WifiPhyMode::Vht: return QStringLiteral("ac");
    case WifiPhyMode::He: return QStringLiteral("ax");
    case WifiPhyMode::Eht: return QStringLiteral("be");
    case WifiPhyMode::Unknown: break;
    }
    return {};
}

// Also reads what other tools write: "802.11ax", "11ac", "HT"/"VHT"/"HE"/"EHT", any case.
WifiPhyMode wifiPhyModeFromName(const QString &s)
{
    QString t = s.trimmed().toLower();
    if (t.startsWith(QLatin1String("802.11")))
        t.remove(0, 6);
    else if (t.startsWith(QLatin1String("11")))
        t.remove(0, 2);
    if (t == QLatin1String("legacy") || t == QLatin1String("a") || t == QLatin1String("b") || t == QLatin1String("g"))
        return WifiPhyMode::Legacy;
    if (t == QLatin1String("n") || t == QLatin1String("ht"))
        return WifiPhyMode::Ht;
    if (t == QLatin1String("ac") || t == QLatin1String("vht"))
        return WifiPhyMode::Vht;
    if (t == QLatin1String("ax") || t == QLatin1String("he"))
        return WifiPhyMode::He;
    if (t == QLatin1String("be") || t == QLatin1String("eht"))
        return WifiPhyMode::Eht;
    return WifiPhyMode::Unknown;
}

QString wifiBandName(WifiBand b)
{
    switch (b) {
    case WifiBand::Ghz2_4: return QStringLiteral("2.4");
    case WifiBand::Ghz5: return QStringLiteral("5");
    case WifiBand::Ghz6: return QStringLiteral("6");
    case WifiBand::Unknown: break;
    }
    return {};
}

// Also reads "5GHz", "2.4 GHz", "6 ghz" (CSV files written by hand or by other tools).
WifiBand wifiBandFromName(const QString &s)
{
    QString t = s.trimmed().toLower();
    if (t.endsWith(QLatin1String("ghz")))
        t = t.chopped(3).trimmed();
    if (t == QLatin1String("2.4"))
        return WifiBand::Ghz2_4;
    if (t == QLatin1String("5"))
        return WifiBand::Ghz5;
    if (t == QLatin1String("6"))
        return WifiBand::Ghz6;
    return WifiBand::Unknown;
}

Row wifiSampleToRow(const WifiSample &s)
{
    Row row = Row::blank(Table::WifiSamples);
    row.set("ts_us", s.utcUs);
    setText(row, "iface", s.iface);
    setText(row, "ssid", s.ssid);
    setText(row, "bssid", s.bssid);
    setOpt(row, "rssi_dbm", s.rssiDbm);
    setOpt(row, "noise_dbm", s.noiseDbm);
    setOpt(row, "channel", s.channel);
    setOpt(row, "freq_mhz", s.freqMhz);
    setOpt(row, "width_mhz", s.channelWidthMhz);
    setText(row, "band", wifiBandName(s.band));
    // Columns carry the transmit rate (what we send at is what limits an upload and what iw shows
    // first); the receive rate's encoding lives in notes so a round trip loses nothing.
    setText(row, "phy_mode", wifiPhyModeName(s.tx.mode));
    setOpt(row, "mcs", s.tx.mcs);
    setOpt(row, "nss", s.tx.nss);
    setOpt(row, "tx_mbps", s.tx.mbps);
    setOpt(row, "rx_mbps", s.rx.mbps);
    Notes n;
    n.set(QStringLiteral("connected"), s.connected ? QStringLiteral("1") : QStringLiteral("0"));
    setNote(n, "gi_ns", s.tx.guardNs);
    setNote(n, "tx_width_mhz", s.tx.widthMhz);
    if (s.rx.mode != WifiPhyMode::Unknown)
        n.set(QStringLiteral("rx_mode"), wifiPhyModeName(s.rx.mode));
    setNote(n, "rx_mcs", s.rx.mcs);
    setNote(n, "rx_nss", s.rx.nss);
    setNote(n, "rx_gi_ns", s.rx.guardNs);
    setNote(n, "rx_width_mhz", s.rx.widthMhz);
    row.set("notes", n.toString());
    return row;
}

WifiSample wifiSampleFromRow(const Row &row)
{
    WifiSample s;
    s.utcUs = row.get("ts_us").toLongLong();
    s.iface = row.get("iface").toString();
    s.ssid = row.get("ssid").toString();
    s.bssid = row.get("bssid").toString();
    s.rssiDbm = optInt(row, "rssi_dbm");
    s.noiseDbm = optInt(row, "noise_dbm");
    s.channel = optInt(row, "channel");
    s.freqMhz = optInt(row, "freq_mhz");
    s.channelWidthMhz = optInt(row, "width_mhz");
    s.band = wifiBandFromName(row.get("band").toString());
    s.tx.mode = wifiPhyModeFromName(row.get("phy_mode").toString());
    s.tx.mcs = optInt(row, "mcs");
    s.tx.nss = optInt(row, "nss");
    s.tx.mbps = optDouble(row, "tx_mbps");
    s.rx.mbps = optDouble(row, "rx_mbps");
    const Notes n = Notes::parse(row.get("notes").toString()).value_or(Notes());
    // Rows from other tools may lack the flag: a BSSID means an association.
    const auto connected = n.value(QStringLiteral("connected"));
    s.connected = connected ? *connected == QLatin1String("1") : !s.bssid.isEmpty();
    s.tx.guardNs = noteInt(n, "gi_ns");
    s.tx.widthMhz = noteInt(n, "tx_width_mhz");
    s.rx.mode = wifiPhyModeFromName(n.value(QStringLiteral("rx_mode")).value_or(QString()));
    s.rx.mcs = noteInt(n, "rx_mcs");
    s.rx.nss = noteInt(n, "rx_nss");
    s.rx.guardNs = noteInt(n, "rx_gi_ns");
    s.rx.widthMhz = noteInt(n, "rx_width_mhz");
    return s;
}

} // namespace pathlens::core
