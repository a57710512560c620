// SPDX-License-Identifier: GPL-3.0-or-later
// Writes tests/data/wifi/*.bin: nl80211 dump replies built with libnl as the kernel would send them.
//
// No Wi-Fi hardware or mac80211_hwsim on the build machines (MEASURED.md), so the replies are
// synthesised: libnl's genlmsg_put and nla_put_* with the real <linux/nl80211.h> numbers, attributes
// in the order net/wireless/nl80211.c (Linux 6.1) emits them. Each file is three dumps back to back —
// GET_INTERFACE, GET_STATION, GET_SURVEY — each ended by NLMSG_DONE, as the collector reads them.
// Usage: make_wifi_fixtures <output dir>   (run once; the files are committed). Deterministic.
#include <linux/netlink.h>
#include <linux/nl80211.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace {

// Any id ≥ NLMSG_MIN_TYPE: the kernel assigns nl80211's at run time (0x1c on the author's laptop);
// the parser must not depend on it.
constexpr std::uint16_t kFamilyId = 0x1c;
constexpr std::uint32_t kPortId = 4242;       // the requesting socket's port, echoed in replies
constexpr std::uint8_t kGenlVersion = 1;      // nl80211's genl family version
constexpr std::uint32_t kFirstSeq = 1764950400;

enum class Phy { Legacy, Ht, Vht, He, Eht };

struct RateSpec {
    std::uint32_t bitrate100k;  // what cfg80211_calculate_bitrate() gives for the MCS below
    Phy phy;
    std::uint8_t mcs = 0;       // HT: 0–31 with streams folded in
    std::uint8_t nss = 0;
    std::uint8_t gi = 0;        // HE/EHT: NL80211_RATE_INFO_{HE,EHT}_GI_*
    bool shortGi = false;       // HT/VHT
    int widthFlag = 0;          // NL80211_RATE_INFO_*_MHZ_WIDTH, 0 for 20 MHz (no flag)
};

struct StationSpec {
    std::uint8_t bssid[6];
    std::int8_t signal;
    std::optional<std::int8_t> signalAvg; // not every driver averages
    std::int8_t chains[2];
    RateSpec tx, rx;
};

struct InterfaceSpec {
    std::optional<std::uint32_t> ifindex; // none: a wdev without netdev (P2P device)
    std::string name;
    std::uint32_t iftype = NL80211_IFTYPE_STATION;
    std::uint64_t wdev;
    std::uint8_t mac[6];
    std::string ssid;                     // raw bytes; empty: not associated, attribute absent
    std::uint32_t freq = 0;               // 0: no channel (not associated)
    std::uint32_t chanWidth = 0;          // enum nl80211_chan_width
    std::uint32_t centerFreq1 = 0;
};

struct SurveySpec {
    std::uint32_t freq;
    std::optional<std::int8_t> noise;
    bool inUse = false;
    std::uint64_t timeMs = 0, busyMs = 0;
};

struct FixtureSpec {
    std::string file;
    std::vector<InterfaceSpec> interfaces;
    std::optional<StationSpec> station; // on the first interface with a netdev
    std::vector<SurveySpec> surveys;    // on the same interface
    bool flagNests = false; // set NLA_F_NESTED as libnl does (the kernel's nl80211 uses nla_nest_start_noflag)
};

class Dump {
public:
    explicit Dump(bool flagNests) : m_flagNests(flagNests) {}

    nl_msg *begin(std::uint8_t cmd)
    {
        nl_msg *msg = nlmsg_alloc();
        genlmsg_put(msg, kPortId, m_seq, kFamilyId, 0, NLM_F_MULTI, cmd, kGenlVersion);
        return msg;
    }
    nlattr *nest(nl_msg *msg, int type)
    {
        nlattr *n = nla_nest_start(msg, type);
        if (m_flagNests)
            n->nla_type |= NLA_F_NESTED;
        else
            n->nla_type &= ~NLA_F_NESTED;
        return n;
    }
    void finish(nl_msg *msg)
    {
        const nlmsghdr *h = nlmsg_hdr(msg);
        m_bytes.append(reinterpret_cast<const char *>(h), NLMSG_ALIGN(h->nlmsg_len));
        nlmsg_free(msg);
    }
    void done() // netlink_dump_done(): NLMSG_DONE carrying the dump's errno, 0
    {
        nl_msg *msg = nlmsg_alloc_simple(NLMSG_DONE, NLM_F_MULTI);
        nlmsg_hdr(msg)->nlmsg_seq = m_seq;
        nlmsg_hdr(msg)->nlmsg_pid = kPortId;
        const std::int32_t ok = 0;
        nlmsg_append(msg, const_cast<std::int32_t *>(&ok), sizeof ok, NLMSG_ALIGNTO);
        finish(msg);
        ++m_seq;
    }
    const std::string &bytes() const { return m_bytes; }

private:
    bool m_flagNests;
    std::uint32_t m_seq = kFirstSeq;
    std::string m_bytes;
};

// nl80211_put_sta_rate(): bitrates, the width flag, then the MCS attributes of the rate's PHY.
void putRate(Dump &d, nl_msg *msg, int attr, const RateSpec &r)
{
    nlattr *rate = d.nest(msg, attr);
    nla_put_u32(msg, NL80211_RATE_INFO_BITRATE32, r.bitrate100k);
    if (r.bitrate100k < (1u << 16))
        nla_put_u16(msg, NL80211_RATE_INFO_BITRATE, std::uint16_t(r.bitrate100k));
    if (r.widthFlag)
        nla_put_flag(msg, r.widthFlag);
    switch (r.phy) {
    case Phy::Legacy: break;
    case Phy::Ht:
        nla_put_u8(msg, NL80211_RATE_INFO_MCS, r.mcs);
        if (r.shortGi)
            nla_put_flag(msg, NL80211_RATE_INFO_SHORT_GI);
        break;
    case Phy::Vht:
        nla_put_u8(msg, NL80211_RATE_INFO_VHT_MCS, r.mcs);
        nla_put_u8(msg, NL80211_RATE_INFO_VHT_NSS, r.nss);
        if (r.shortGi)
            nla_put_flag(msg, NL80211_RATE_INFO_SHORT_GI);
        break;
    case Phy::He:
        nla_put_u8(msg, NL80211_RATE_INFO_HE_MCS, r.mcs);
        nla_put_u8(msg, NL80211_RATE_INFO_HE_NSS, r.nss);
        nla_put_u8(msg, NL80211_RATE_INFO_HE_GI, r.gi);
        nla_put_u8(msg, NL80211_RATE_INFO_HE_DCM, 0);
        break;
    case Phy::Eht:
        nla_put_u8(msg, NL80211_RATE_INFO_EHT_MCS, r.mcs);
        nla_put_u8(msg, NL80211_RATE_INFO_EHT_NSS, r.nss);
        nla_put_u8(msg, NL80211_RATE_INFO_EHT_GI, r.gi);
        break;
    }
    nla_nest_end(msg, rate);
}

// nl80211_send_iface() + nl80211_send_chandef()
void putInterface(Dump &d, const InterfaceSpec &i, std::uint32_t generation)
{
    nl_msg *msg = d.begin(NL80211_CMD_NEW_INTERFACE);
    if (i.ifindex) {
        nla_put_u32(msg, NL80211_ATTR_IFINDEX, *i.ifindex);
        nla_put_string(msg, NL80211_ATTR_IFNAME, i.name.c_str());
    }
    nla_put_u32(msg, NL80211_ATTR_IFTYPE, i.iftype);
    nla_put_u32(msg, NL80211_ATTR_WIPHY, 0);
    nla_put_u64(msg, NL80211_ATTR_WDEV, i.wdev);
    nla_put(msg, NL80211_ATTR_MAC, 6, i.mac);
    nla_put_u32(msg, NL80211_ATTR_GENERATION, generation);
    nla_put_u8(msg, NL80211_ATTR_4ADDR, 0);
    if (i.freq) {
        nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ, i.freq);
        nla_put_u32(msg, NL80211_ATTR_WIPHY_FREQ_OFFSET, 0);
        if (i.chanWidth == NL80211_CHAN_WIDTH_20_NOHT)
            nla_put_u32(msg, NL80211_ATTR_WIPHY_CHANNEL_TYPE, NL80211_CHAN_NO_HT);
        else if (i.chanWidth == NL80211_CHAN_WIDTH_20)
            nla_put_u32(msg, NL80211_ATTR_WIPHY_CHANNEL_TYPE, NL80211_CHAN_HT20);
        nla_put_u32(msg, NL80211_ATTR_CHANNEL_WIDTH, i.chanWidth);
        nla_put_u32(msg, NL80211_ATTR_CENTER_FREQ1, i.centerFreq1);
    }
    if (i.iftype == NL80211_IFTYPE_STATION)
        nla_put_u32(msg, NL80211_ATTR_WIPHY_TX_POWER_LEVEL, 2200); // mBm
    if (!i.ssid.empty())
        nla_put(msg, NL80211_ATTR_SSID, int(i.ssid.size()), i.ssid.data());
    d.finish(msg);
}

// nl80211_send_station(): the counters a real dump carries around the fields we read.
void putStation(Dump &d, std::uint32_t ifindex, const StationSpec &s, std::uint32_t generation)
{
    nl_msg *msg = d.begin(NL80211_CMD_NEW_STATION);
    nla_put_u32(msg, NL80211_ATTR_IFINDEX, ifindex);
    nla_put(msg, NL80211_ATTR_MAC, 6, s.bssid);
    nla_put_u32(msg, NL80211_ATTR_GENERATION, generation);
    nlattr *info = d.nest(msg, NL80211_ATTR_STA_INFO);
    nla_put_u32(msg, NL80211_STA_INFO_CONNECTED_TIME, 3725);
    nla_put_u32(msg, NL80211_STA_INFO_INACTIVE_TIME, 12);
    nla_put_u32(msg, NL80211_STA_INFO_RX_BYTES, 918273645);
    nla_put_u64(msg, NL80211_STA_INFO_RX_BYTES64, 918273645);
    nla_put_u32(msg, NL80211_STA_INFO_TX_BYTES, 123456789);
    nla_put_u64(msg, NL80211_STA_INFO_TX_BYTES64, 123456789);
    nla_put_u8(msg, NL80211_STA_INFO_SIGNAL, std::uint8_t(s.signal));
    if (s.signalAvg)
        nla_put_u8(msg, NL80211_STA_INFO_SIGNAL_AVG, std::uint8_t(*s.signalAvg));
    nlattr *chains = d.nest(msg, NL80211_STA_INFO_CHAIN_SIGNAL);
    nla_put_u8(msg, 0, std::uint8_t(s.chains[0]));
    nla_put_u8(msg, 1, std::uint8_t(s.chains[1]));
    nla_nest_end(msg, chains);
    putRate(d, msg, NL80211_STA_INFO_TX_BITRATE, s.tx);
    putRate(d, msg, NL80211_STA_INFO_RX_BITRATE, s.rx);
    nla_put_u32(msg, NL80211_STA_INFO_RX_PACKETS, 812345);
    nla_put_u32(msg, NL80211_STA_INFO_TX_PACKETS, 401234);
    nla_put_u32(msg, NL80211_STA_INFO_TX_RETRIES, 5821);
    nla_put_u32(msg, NL80211_STA_INFO_TX_FAILED, 14);
    nla_put_u8(msg, NL80211_STA_INFO_BEACON_SIGNAL_AVG, std::uint8_t(s.signal));
    nlattr *bss = d.nest(msg, NL80211_STA_INFO_BSS_PARAM);
    nla_put_flag(msg, NL80211_STA_BSS_PARAM_SHORT_SLOT_TIME);
    nla_put_u8(msg, NL80211_STA_BSS_PARAM_DTIM_PERIOD, 1);
    nla_put_u16(msg, NL80211_STA_BSS_PARAM_BEACON_INTERVAL, 100);
    nla_nest_end(msg, bss);
    const nl80211_sta_flag_update flags{(1u << NL80211_STA_FLAG_AUTHORIZED) | (1u << NL80211_STA_FLAG_WME),
                                        (1u << NL80211_STA_FLAG_AUTHORIZED) | (1u << NL80211_STA_FLAG_WME)};
    nla_put(msg, NL80211_STA_INFO_STA_FLAGS, sizeof flags, &flags);
    nla_nest_end(msg, info);
    d.finish(msg);
}

// nl80211_send_survey()
void putSurvey(Dump &d, std::uint32_t ifindex, const SurveySpec &s)
{
    nl_msg *msg = d.begin(NL80211_CMD_NEW_SURVEY_RESULTS);
    nla_put_u32(msg, NL80211_ATTR_IFINDEX, ifindex);
    nlattr *info = d.nest(msg, NL80211_ATTR_SURVEY_INFO);
    nla_put_u32(msg, NL80211_SURVEY_INFO_FREQUENCY, s.freq);
    if (s.noise)
        nla_put_u8(msg, NL80211_SURVEY_INFO_NOISE, std::uint8_t(*s.noise));
    if (s.inUse)
        nla_put_flag(msg, NL80211_SURVEY_INFO_IN_USE);
    nla_put_u64(msg, NL80211_SURVEY_INFO_TIME, s.timeMs);
    nla_put_u64(msg, NL80211_SURVEY_INFO_TIME_BUSY, s.busyMs);
    nla_nest_end(msg, info);
    d.finish(msg);
}

std::string build(const FixtureSpec &f)
{
    Dump d(f.flagNests);
    const std::uint32_t generation = 7;
    std::optional<std::uint32_t> station; // the collector asks for stations and surveys of netdevs only
    for (const InterfaceSpec &i : f.interfaces) {
        putInterface(d, i, generation);
        if (!station)
            station = i.ifindex;
    }
    d.done();
    if (f.station)
        putStation(d, station.value(), *f.station, generation);
    d.done();
    for (const SurveySpec &s : f.surveys)
        putSurvey(d, station.value(), s);
    d.done();
    return d.bytes();
}

InterfaceSpec wlan(std::uint32_t ifindex, std::string ssid, std::uint32_t freq, std::uint32_t width, std::uint32_t center)
{
    return {ifindex, "wlan0", NL80211_IFTYPE_STATION, 1, {0x02, 0x11, 0x22, 0x33, 0x44, 0x55},
            std::move(ssid), freq, width, center};
}

// Rates are the 802.11 tables' (cfg80211_calculate_bitrate, in 100 kbit/s).
std::vector<FixtureSpec> fixtures()
{
    using R = RateSpec;
    std::vector<FixtureSpec> all;
    // Wi-Fi 5: channel 36, 80 MHz (centre 42), 2×2 VHT MCS 9 with short GI = 866.7 Mbit/s.
    all.push_back({"wifi5_ac_5ghz_80mhz.bin",
                   {wlan(3, "Home-5G", 5180, NL80211_CHAN_WIDTH_80, 5210)},
                   StationSpec{{0x3c, 0x37, 0x86, 0x0a, 0x1b, 0x2c}, -57, -58, {-59, -61},
                               R{8667, Phy::Vht, 9, 2, 0, true, NL80211_RATE_INFO_80_MHZ_WIDTH},
                               R{7800, Phy::Vht, 8, 2, 0, true, NL80211_RATE_INFO_80_MHZ_WIDTH}},
                   {{5180, -95, true, 3725000, 812000}, {5200, -96, false, 120, 30}, {5745, -97, false, 120, 12},
                    {2412, std::nullopt, false, 110, 90}}});
    // Wi-Fi 6: 160 MHz on 36 (centre 50), 2×2 HE-MCS 11 GI 0.8 µs = 2402 Mbit/s; a UTF-8 SSID;
    // a P2P-device wdev (no netdev, no ifindex) listed first, as iwlwifi machines show it.
    all.push_back({"wifi6_ax_5ghz_160mhz.bin",
                   {InterfaceSpec{std::nullopt, "", NL80211_IFTYPE_P2P_DEVICE, 2, {0x02, 0x11, 0x22, 0x33, 0x44, 0x56}, "", 0, 0, 0},
                    wlan(4, "Caf\xc3\xa9 \xe2\x98\x95", 5180, NL80211_CHAN_WIDTH_160, 5250)},
                   StationSpec{{0xa0, 0x36, 0xbc, 0x12, 0x34, 0x56}, -49, -50, {-50, -52},
                               R{24020, Phy::He, 11, 2, NL80211_RATE_INFO_HE_GI_0_8, false, NL80211_RATE_INFO_160_MHZ_WIDTH},
                               R{19216, Phy::He, 9, 2, NL80211_RATE_INFO_HE_GI_0_8, false, NL80211_RATE_INFO_160_MHZ_WIDTH}},
                   {{5500, -90, false, 100, 20}, {5180, -92, true, 3725000, 410000}}});
    // Wi-Fi 6E: 6 GHz channel 5 (5975), 80 MHz (centre 7), 2×2 HE-MCS 7 = 720.6 Mbit/s; the
    // receive rate 1×1 HE-MCS 5 with GI 1.6 µs = 272.2 Mbit/s.
    all.push_back({"wifi6e_ax_6ghz_80mhz.bin",
                   {wlan(3, "Lab-6E", 5975, NL80211_CHAN_WIDTH_80, 5985)},
                   StationSpec{{0x70, 0x3a, 0xcb, 0x6e, 0x00, 0x01}, -61, -62, {-62, -64},
                               R{7206, Phy::He, 7, 2, NL80211_RATE_INFO_HE_GI_0_8, false, NL80211_RATE_INFO_80_MHZ_WIDTH},
                               R{2722, Phy::He, 5, 1, NL80211_RATE_INFO_HE_GI_1_6, false, NL80211_RATE_INFO_80_MHZ_WIDTH}},
                   {{5975, -98, true, 3725000, 95000}}});
    // Wi-Fi 7: 6 GHz channel 37 (6135) in the 320 MHz channel centred on 31 (6105), 2×2
    // EHT-MCS 13 GI 0.8 µs = 5764.7 Mbit/s; receive EHT-MCS 11 GI 3.2 µs = 4083.3 Mbit/s. Nests carry
    // NLA_F_NESTED here, as libnl and newer kernel code set it.
    all.push_back({"wifi7_be_6ghz_320mhz.bin",
                   {wlan(3, "Studio-7", 6135, NL80211_CHAN_WIDTH_320, 6105)},
                   StationSpec{{0x24, 0x2f, 0xd0, 0x77, 0x00, 0x07}, -44, -45, {-45, -47},
                               R{57647, Phy::Eht, 13, 2, NL80211_RATE_INFO_EHT_GI_0_8, false, NL80211_RATE_INFO_320_MHZ_WIDTH},
                               R{40833, Phy::Eht, 11, 2, NL80211_RATE_INFO_EHT_GI_3_2, false, NL80211_RATE_INFO_320_MHZ_WIDTH}},
                   {{6135, -96, true, 3725000, 51000}},
                   true});
    // Wi-Fi 4: 2.4 GHz channel 6, HT20, one stream: HT-MCS 7 long GI = 65 Mbit/s, receive HT-MCS 4
    // short GI = 43.3 Mbit/s. A Latin-1 SSID ("Café" from an old router). The survey marks no
    // channel in use (some drivers do not), so noise comes from the entry on the frequency.
    all.push_back({"wifi4_n_2ghz_20mhz.bin",
                   {wlan(3, "Caf\xe9", 2437, NL80211_CHAN_WIDTH_20, 2437)},
                   StationSpec{{0x00, 0x14, 0x6c, 0x7e, 0x40, 0x80}, -66, -67, {-67, -90},
                               R{650, Phy::Ht, 7, 0, 0, false, 0}, R{433, Phy::Ht, 4, 0, 0, true, 0}},
                   {{2412, -90, false, 200, 120}, {2437, -88, false, 200, 150}, {2462, -89, false, 200, 80}}});
    // 802.11g: channel 1 without HT, 54 Mbit/s out, 48 in; the driver gives no signal average.
    all.push_back({"legacy_11g_2ghz.bin",
                   {wlan(3, "OldRouter", 2412, NL80211_CHAN_WIDTH_20_NOHT, 2412)},
                   StationSpec{{0x00, 0x0f, 0xb5, 0x01, 0x02, 0x03}, -71, std::nullopt, {-71, -74},
                               R{540, Phy::Legacy}, R{480, Phy::Legacy}},
                   {{2412, -92, true, 3725000, 1500000}}});
    // Not associated: no SSID, no channel, an empty station dump; the survey still lists the last scan.
    all.push_back({"disconnected.bin",
                   {wlan(3, "", 0, 0, 0)},
                   std::nullopt,
                   {{2412, -91, false, 110, 40}, {5180, -95, false, 110, 5}}});
    // A roam on one interface: AP 1 on channel 36 at −73 dBm, then AP 2 of the same SSID on 149.
    all.push_back({"roam/01_before.bin",
                   {wlan(5, "Office", 5180, NL80211_CHAN_WIDTH_80, 5210)},
                   StationSpec{{0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x01}, -74, -73, {-75, -77},
                               R{6500, Phy::Vht, 7, 2, 0, true, NL80211_RATE_INFO_80_MHZ_WIDTH},
                               R{4680, Phy::Vht, 5, 2, 0, false, NL80211_RATE_INFO_80_MHZ_WIDTH}},
                   {{5180, -94, true, 3725000, 600000}}});
    all.push_back({"roam/02_after.bin",
                   {wlan(5, "Office", 5745, NL80211_CHAN_WIDTH_80, 5775)},
                   StationSpec{{0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x02}, -52, -53, {-53, -55},
                               R{8667, Phy::Vht, 9, 2, 0, true, NL80211_RATE_INFO_80_MHZ_WIDTH},
                               R{7800, Phy::Vht, 9, 2, 0, false, NL80211_RATE_INFO_80_MHZ_WIDTH}},
                   {{5745, -93, true, 10000, 1200}}});
    return all;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <output dir, e.g. tests/data/wifi>\n", argv[0]);
        return 2;
    }
    const std::filesystem::path dir(argv[1]);
    for (const FixtureSpec &f : fixtures()) {
        const std::filesystem::path path = dir / f.file;
        std::filesystem::create_directories(path.parent_path());
        const std::string bytes = build(f);
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        if (!out) {
            std::fprintf(stderr, "cannot write %s\n", path.c_str());
            return 1;
        }
        std::printf("%s: %zu bytes\n", path.c_str(), bytes.size());
    }
    return 0;
}
