// SPDX-License-Identifier: GPL-3.0-or-later
// Bounds-checked walk over nl80211 generic-netlink replies (interfaces, stations, surveys), no OS headers.
#include "nl80211_parser.h"

#include <QByteArray>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>

namespace pathlens::collect {

// The kernel ABI this parser reads, written out so the parser compiles on any OS and needs no
// <linux/...> header. Every value is from include/uapi/linux/{netlink,genetlink,nl80211}.h, checked
// against Debian 12's linux-libc-dev 6.1 headers. nl80211 numbers are append-only ABI.
namespace nl80211_abi {
inline constexpr std::size_t kNlmsgHdrLen = 16;    // struct nlmsghdr: len u32, type u16, flags u16, seq u32, pid u32
inline constexpr std::uint16_t kNlmsgNoop = 1;     // NLMSG_NOOP
inline constexpr std::uint16_t kNlmsgError = 2;    // NLMSG_ERROR: payload int error (+ offending header)
inline constexpr std::uint16_t kNlmsgDone = 3;     // NLMSG_DONE: payload int (0 or -errno)
inline constexpr std::uint16_t kNlmsgOverrun = 4;  // NLMSG_OVERRUN
inline constexpr std::uint16_t kNlmsgMinType = 16; // NLMSG_MIN_TYPE: the nl80211 family id is assigned at run time above it
inline constexpr std::size_t kGenlHdrLen = 4;      // struct genlmsghdr: cmd u8, version u8, reserved u16 (GENL_HDRLEN)

// struct nlattr: len u16, type u16, NLA_ALIGNTO 4; the top two type bits are flags.
inline constexpr std::size_t kNlaHdrLen = 4;
inline constexpr std::uint16_t kNlaTypeMask = 0x3fff; // ~(NLA_F_NESTED 0x8000 | NLA_F_NET_BYTEORDER 0x4000)

// enum nl80211_commands
inline constexpr std::uint8_t kCmdNewInterface = 7;       // NL80211_CMD_NEW_INTERFACE
inline constexpr std::uint8_t kCmdNewStation = 19;        // NL80211_CMD_NEW_STATION
inline constexpr std::uint8_t kCmdNewSurveyResults = 51;  // NL80211_CMD_NEW_SURVEY_RESULTS

// enum nl80211_attrs
inline constexpr std::uint16_t kAttrIfindex = 3;          // u32
inline constexpr std::uint16_t kAttrIfname = 4;           // NUL-terminated string
inline constexpr std::uint16_t kAttrIftype = 5;           // u32 enum nl80211_iftype
inline constexpr std::uint16_t kAttrMac = 6;              // 6 bytes
inline constexpr std::uint16_t kAttrStaInfo = 21;         // nest of enum nl80211_sta_info
inline constexpr std::uint16_t kAttrWiphyFreq = 38;       // u32 MHz
inline constexpr std::uint16_t kAttrSsid = 52;            // 0–32 raw bytes
inline constexpr std::uint16_t kAttrSurveyInfo = 84;      // nest of enum nl80211_survey_info
inline constexpr std::uint16_t kAttrChannelWidth = 159;   // u32 enum nl80211_chan_width

// enum nl80211_sta_info
inline constexpr std::uint16_t kStaSignal = 7;            // u8 holding an s8 dBm
inline constexpr std::uint16_t kStaTxBitrate = 8;         // nest of enum nl80211_rate_info
inline constexpr std::uint16_t kStaSignalAvg = 13;        // u8 holding an s8 dBm
inline constexpr std::uint16_t kStaRxBitrate = 14;        // nest of enum nl80211_rate_info

// enum nl80211_rate_info
inline constexpr std::uint16_t kRateBitrate = 1;          // u16, 100 kbit/s (absent above 6553.5 Mbit/s)
inline constexpr std::uint16_t kRateMcs = 2;              // u8 HT MCS 0–76
inline constexpr std::uint16_t kRate40Mhz = 3;            // flag
inline constexpr std::uint16_t kRateShortGi = 4;          // flag (HT/VHT: 400 ns)
inline constexpr std::uint16_t kRateBitrate32 = 5;        // u32, 100 kbit/s
inline constexpr std::uint16_t kRateVhtMcs = 6;           // u8
inline constexpr std::uint16_t kRateVhtNss = 7;           // u8
inline constexpr std::uint16_t kRate80Mhz = 8;            // flag
inline constexpr std::uint16_t kRate80p80Mhz = 9;         // flag
inline constexpr std::uint16_t kRate160Mhz = 10;          // flag
inline constexpr std::uint16_t kRate10Mhz = 11;           // flag
inline constexpr std::uint16_t kRate5Mhz = 12;            // flag
inline constexpr std::uint16_t kRateHeMcs = 13;           // u8
inline constexpr std::uint16_t kRateHeNss = 14;           // u8
inline constexpr std::uint16_t kRateHeGi = 15;            // u8 enum nl80211_he_gi
inline constexpr std::uint16_t kRateHeRuAlloc = 17;       // u8: an OFDMA resource unit, not a channel width
inline constexpr std::uint16_t kRate320Mhz = 18;          // flag
inline constexpr std::uint16_t kRateEhtMcs = 19;          // u8
inline constexpr std::uint16_t kRateEhtNss = 20;          // u8
inline constexpr std::uint16_t kRateEhtGi = 21;           // u8 enum nl80211_eht_gi (same values as HE)
inline constexpr std::uint16_t kRateEhtRuAlloc = 22;      // u8

// enum nl80211_he_gi / nl80211_eht_gi
inline constexpr std::uint8_t kGi0_8 = 0, kGi1_6 = 1, kGi3_2 = 2;

// enum nl80211_survey_info
inline constexpr std::uint16_t kSurveyFrequency = 1;      // u32 MHz
inline constexpr std::uint16_t kSurveyNoise = 2;          // u8 holding an s8 dBm
inline constexpr std::uint16_t kSurveyInUse = 3;          // flag

// enum nl80211_chan_width → MHz, indexed by the enum value (20_NOHT, 20, 40, 80, 80P80, 160, 5, 10,
// then S1G 1, 2, 4, 8, 16, then 320). 80+80 counts as 160: the sum of the two segments.
inline constexpr int kChanWidthMhz[] = {20, 20, 40, 80, 160, 160, 5, 10, 1, 2, 4, 8, 16, 320};
} // namespace nl80211_abi

namespace abi = nl80211_abi;

namespace {

template <typename T>
T loadHost(const std::uint8_t *p) // netlink is host-endian
{
    T v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

constexpr std::size_t align4(std::size_t n) { return (n + 3) & ~std::size_t(3); }

core::Error malformed(const QString &what, std::size_t offset)
{
    return core::makeError(core::ErrorCode::InvalidInput,
                           QStringLiteral("nl80211 reply: %1 at byte %2").arg(what).arg(offset),
                           QStringLiteral("the kernel reply was cut short or is not nl80211; if it came from a "
                                          "recording, the file is damaged"));
}

// Linux errno values (asm-generic/errno*.h) an nl80211 dump can end with; the parser runs on any OS,
// so the host's <cerrno> numbers are not the kernel's.
QString errnoText(qint64 err)
{
    struct Known {
        int value;
        const char *name;
        const char *meaning;
    };
    static const Known known[] = {
        {1, "EPERM", "operation not permitted"}, {2, "ENOENT", "no such entry"},
        {11, "EAGAIN", "try again"},             {12, "ENOMEM", "out of memory"},
        {13, "EACCES", "permission denied"},     {16, "EBUSY", "device busy"},
        {19, "ENODEV", "no such device"},        {22, "EINVAL", "invalid argument"},
        {61, "ENODATA", "no data"},              {67, "ENOLINK", "no link"},
        {95, "EOPNOTSUPP", "not supported by the driver"}, {100, "ENETDOWN", "interface down"},
        {105, "ENOBUFS", "no buffer space"},     {107, "ENOTCONN", "not connected"},
        {110, "ETIMEDOUT", "timed out"},
    };
    for (const Known &k : known)
        if (k.value == err)
            return QStringLiteral("%1 (errno %2, %3)").arg(QLatin1String(k.name)).arg(err).arg(QLatin1String(k.meaning));
    return QStringLiteral("errno %1").arg(err);
}

core::Error kernelRefusal(qint64 err, const char *when)
{
    core::ErrorCode code = core::ErrorCode::Io;
    QString remedy = QStringLiteral("retry on the next poll; if it persists, check the Wi-Fi driver (dmesg)");
    if (err == 1 || err == 13) {
        code = core::ErrorCode::PermissionDenied;
        remedy = QStringLiteral("nl80211 dumps need no privilege; a security module (SELinux, AppArmor) may block "
                                "generic netlink for this program");
    } else if (err == 19 || err == 2) {
        code = core::ErrorCode::NotFound;
        remedy = QStringLiteral("the interface went away (unplugged, renamed or its driver unloaded); it is looked "
                                "up again on the next poll");
    } else if (err == 95) {
        code = core::ErrorCode::Unsupported;
        remedy = QStringLiteral("this driver does not answer the query; the other readings still work");
    }
    return core::makeError(code, QStringLiteral("nl80211 %1: %2").arg(QLatin1String(when), errnoText(err)), remedy);
}

// An SSID is up to 32 raw bytes, not necessarily UTF-8. Valid UTF-8 is kept; every other byte, every
// control character and '\' itself become "\xNN", so two different SSIDs never look the same.
QString ssidText(const std::uint8_t *p, std::size_t n)
{
    QString out;
    auto escape = [&](std::uint8_t b) { out += QStringLiteral("\\x%1").arg(b, 2, 16, QLatin1Char('0')); };
    std::size_t i = 0;
    while (i < n) {
        const std::uint8_t b = p[i];
        if (b < 0x80) {
            if (b < 0x20 || b == 0x7f || b == '\\')
                escape(b);
            else
                out += QLatin1Char(char(b));
            ++i;
            continue;
        }
        // Sequence length and the smallest code point it may encode (rejects overlong forms).
        const std::size_t len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 0;
        bool valid = len != 0 && len <= n - i;
        char32_t cp = valid ? char32_t(b & (0x7f >> len)) : 0;
        for (std::size_t k = 1; valid && k < len; ++k) {
            valid = (p[i + k] & 0xc0) == 0x80;
            cp = cp << 6 | (p[i + k] & 0x3f);
        }
        static const char32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
        valid = valid && cp >= minimum[len] && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
        if (valid) {
            out += QString::fromUcs4(&cp, 1);
            i += len;
        } else {
            escape(b);
            ++i;
        }
    }
    return out;
}

struct Attr {
    std::uint16_t type; // flag bits masked off
    const std::uint8_t *data;
    std::size_t len;
};

// Walks attribute blocks of one buffer. The first problem is kept and everything after it is
// skipped, so the callers read straight through and check failed() once per message.
class Walker {
public:
    explicit Walker(const std::uint8_t *base) : m_base(base) {}

    bool failed() const { return m_error.has_value(); }
    const core::Error &error() const { return *m_error; }
    void fail(const QString &what, const std::uint8_t *at)
    {
        if (!m_error)
            m_error = malformed(what, std::size_t(at - m_base));
    }

    // Each attribute must fit inside its block: a nested one that overruns its parent is an error.
    template <typename Visit>
    void attributes(const std::uint8_t *block, std::size_t len, Visit &&visit)
    {
        std::size_t a = 0;
        while (!failed() && a < len) {
            if (len - a < abi::kNlaHdrLen)
                return fail(QStringLiteral("attribute header cut short"), block + a);
            const auto nlaLen = loadHost<std::uint16_t>(block + a);
            const auto type = std::uint16_t(loadHost<std::uint16_t>(block + a + 2) & abi::kNlaTypeMask);
            if (nlaLen < abi::kNlaHdrLen || nlaLen > len - a)
                return fail(QStringLiteral("attribute %1 length %2 out of range").arg(type).arg(nlaLen), block + a);
            visit(Attr{type, block + a + abi::kNlaHdrLen, std::size_t(nlaLen) - abi::kNlaHdrLen});
            a += align4(nlaLen); // past the end when the last attribute is unpadded: the loop ends
        }
    }
    template <typename Visit>
    void nested(const Attr &a, Visit &&visit)
    {
        attributes(a.data, a.len, std::forward<Visit>(visit));
    }

    std::uint32_t u32(const Attr &a, const char *name) { return sized(a, name, 4) ? loadHost<std::uint32_t>(a.data) : 0; }
    std::uint16_t u16(const Attr &a, const char *name) { return sized(a, name, 2) ? loadHost<std::uint16_t>(a.data) : 0; }
    std::uint8_t u8(const Attr &a, const char *name) { return sized(a, name, 1) ? a.data[0] : 0; }
    int s8(const Attr &a, const char *name) { return int(std::int8_t(u8(a, name))); }

private:
    bool sized(const Attr &a, const char *name, std::size_t need)
    {
        if (a.len >= need)
            return true;
        fail(QStringLiteral("%1 holds %2 bytes, needs %3").arg(QLatin1String(name)).arg(a.len).arg(need),
             a.data - abi::kNlaHdrLen);
        return false;
    }

    const std::uint8_t *m_base;
    std::optional<core::Error> m_error;
};

std::optional<int> guardFromHeEhtGi(std::uint8_t gi)
{
    switch (gi) {
    case abi::kGi0_8: return 800;
    case abi::kGi1_6: return 1600;
    case abi::kGi3_2: return 3200;
    default: return std::nullopt;
    }
}

// One rate_info nest. The encoding is the newest generation whose MCS attribute is present.
core::WifiRate readRate(Walker &w, const Attr &nest)
{
    std::optional<std::uint32_t> bitrate32, bitrate16;
    std::optional<std::uint8_t> htMcs, vhtMcs, vhtNss, heMcs, heNss, heGi, ehtMcs, ehtNss, ehtGi;
    bool shortGi = false, resourceUnit = false;
    std::optional<int> flaggedWidth;
    auto widest = [&](int mhz) { flaggedWidth = std::max(flaggedWidth.value_or(0), mhz); };
    w.nested(nest, [&](const Attr &a) {
        switch (a.type) {
        case abi::kRateBitrate32: bitrate32 = w.u32(a, "NL80211_RATE_INFO_BITRATE32"); break;
        case abi::kRateBitrate: bitrate16 = w.u16(a, "NL80211_RATE_INFO_BITRATE"); break;
        case abi::kRateMcs: htMcs = w.u8(a, "NL80211_RATE_INFO_MCS"); break;
        case abi::kRateVhtMcs: vhtMcs = w.u8(a, "NL80211_RATE_INFO_VHT_MCS"); break;
        case abi::kRateVhtNss: vhtNss = w.u8(a, "NL80211_RATE_INFO_VHT_NSS"); break;
        case abi::kRateHeMcs: heMcs = w.u8(a, "NL80211_RATE_INFO_HE_MCS"); break;
        case abi::kRateHeNss: heNss = w.u8(a, "NL80211_RATE_INFO_HE_NSS"); break;
        case abi::kRateHeGi: heGi = w.u8(a, "NL80211_RATE_INFO_HE_GI"); break;
        case abi::kRateEhtMcs: ehtMcs = w.u8(a, "NL80211_RATE_INFO_EHT_MCS"); break;
        case abi::kRateEhtNss: ehtNss = w.u8(a, "NL80211_RATE_INFO_EHT_NSS"); break;
        case abi::kRateEhtGi: ehtGi = w.u8(a, "NL80211_RATE_INFO_EHT_GI"); break;
        case abi::kRateShortGi: shortGi = true; break;
        case abi::kRateHeRuAlloc:
        case abi::kRateEhtRuAlloc: resourceUnit = true; break;
        case abi::kRate5Mhz: widest(5); break;
        case abi::kRate10Mhz: widest(10); break;
        case abi::kRate40Mhz: widest(40); break;
        case abi::kRate80Mhz: widest(80); break;
        case abi::kRate80p80Mhz: widest(160); break; // two 80 MHz segments
        case abi::kRate160Mhz: widest(160); break;
        case abi::kRate320Mhz: widest(320); break;
        default: break;
        }
    });

    core::WifiRate r;
    if (bitrate32 || bitrate16)
        r.mbps = double(bitrate32 ? *bitrate32 : *bitrate16) / 10.0; // 100 kbit/s units
    auto optInt = [](const std::optional<std::uint8_t> &v) { return v ? std::optional<int>(*v) : std::nullopt; };
    if (ehtMcs) {
        r.mode = core::WifiPhyMode::Eht;
        r.mcs = *ehtMcs;
        r.nss = optInt(ehtNss);
        r.guardNs = ehtGi ? guardFromHeEhtGi(*ehtGi) : std::nullopt;
    } else if (heMcs) {
        r.mode = core::WifiPhyMode::He;
        r.mcs = *heMcs;
        r.nss = optInt(heNss);
        r.guardNs = heGi ? guardFromHeEhtGi(*heGi) : std::nullopt;
    } else if (vhtMcs) {
        r.mode = core::WifiPhyMode::Vht;
        r.mcs = *vhtMcs;
        r.nss = optInt(vhtNss);
        r.guardNs = shortGi ? 400 : 800;
    } else if (htMcs) {
        r.mode = core::WifiPhyMode::Ht;
        // HT MCS 0–31 number streams × modulation (802.11n-2009 table 20-30 ff.): MCS 15 is
        // 2 streams of MCS 7. MCS 32 (duplicate 6 Mbit/s) and 33–76 (unequal modulation) do not
        // fold that way and are reported as they are, without a stream count.
        if (*htMcs <= 31) {
            r.mcs = *htMcs % 8;
            r.nss = *htMcs / 8 + 1;
        } else {
            r.mcs = *htMcs;
        }
        r.guardNs = shortGi ? 400 : 800;
    } else if (r.mbps) {
        r.mode = core::WifiPhyMode::Legacy; // a/b/g: no MCS, no guard interval worth showing
    }
    // 20 MHz carries no flag (nl80211_put_sta_rate); an MCS rate without one is 20 MHz unless it is
    // an OFDMA resource unit. A legacy rate does not say (DSSS is 22 MHz, OFDM 20).
    if (flaggedWidth)
        r.widthMhz = flaggedWidth;
    else if (r.mode >= core::WifiPhyMode::Ht && !resourceUnit)
        r.widthMhz = 20;
    return r;
}

void parseInterface(Walker &w, const std::uint8_t *attrs, std::size_t len, Nl80211Parse &out)
{
    Nl80211Interface i;
    bool haveIfindex = false;
    w.attributes(attrs, len, [&](const Attr &a) {
        switch (a.type) {
        case abi::kAttrIfindex:
            i.ifindex = int(w.u32(a, "NL80211_ATTR_IFINDEX"));
            haveIfindex = true;
            break;
        case abi::kAttrIfname: {
            const auto *nul = static_cast<const std::uint8_t *>(std::memchr(a.data, 0, a.len));
            i.name = QString::fromUtf8(reinterpret_cast<const char *>(a.data), nul ? nul - a.data : qsizetype(a.len));
            break;
        }
        case abi::kAttrIftype: i.iftype = int(w.u32(a, "NL80211_ATTR_IFTYPE")); break;
        case abi::kAttrSsid: i.ssid = ssidText(a.data, a.len); break;
        case abi::kAttrWiphyFreq: i.freqMhz = int(w.u32(a, "NL80211_ATTR_WIPHY_FREQ")); break;
        case abi::kAttrChannelWidth: {
            const std::uint32_t width = w.u32(a, "NL80211_ATTR_CHANNEL_WIDTH");
            if (width < std::size(abi::kChanWidthMhz))
                i.channelWidthMhz = abi::kChanWidthMhz[width];
            break;
        }
        default: break;
        }
    });
    // A wdev without a netdev (P2P device) has no ifindex: it never carries traffic.
    if (!w.failed() && haveIfindex)
        out.interfaces.push_back(std::move(i));
}

void parseStation(Walker &w, const std::uint8_t *attrs, std::size_t len, Nl80211Parse &out)
{
    Nl80211Station s;
    std::optional<int> signal, signalAvg;
    w.attributes(attrs, len, [&](const Attr &a) {
        switch (a.type) {
        case abi::kAttrIfindex: s.ifindex = int(w.u32(a, "NL80211_ATTR_IFINDEX")); break;
        case abi::kAttrMac:
            if (a.len < 6)
                return w.fail(QStringLiteral("NL80211_ATTR_MAC holds %1 bytes, needs 6").arg(a.len),
                              a.data - abi::kNlaHdrLen);
            s.bssid = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(a.data), 6).toHex(':'));
            break;
        case abi::kAttrStaInfo:
            w.nested(a, [&](const Attr &info) {
                switch (info.type) {
                case abi::kStaSignal: signal = w.s8(info, "NL80211_STA_INFO_SIGNAL"); break;
                case abi::kStaSignalAvg: signalAvg = w.s8(info, "NL80211_STA_INFO_SIGNAL_AVG"); break;
                case abi::kStaTxBitrate: s.tx = readRate(w, info); break;
                case abi::kStaRxBitrate: s.rx = readRate(w, info); break;
                default: break;
                }
            });
            break;
        default: break;
        }
    });
    s.signalDbm = signalAvg ? signalAvg : signal; // the average is steadier than the last frame's
    if (!w.failed())
        out.stations.push_back(std::move(s));
}

void parseSurvey(Walker &w, const std::uint8_t *attrs, std::size_t len, Nl80211Parse &out)
{
    Nl80211Survey s;
    bool haveFrequency = false;
    w.attributes(attrs, len, [&](const Attr &a) {
        switch (a.type) {
        case abi::kAttrIfindex: s.ifindex = int(w.u32(a, "NL80211_ATTR_IFINDEX")); break;
        case abi::kAttrSurveyInfo:
            w.nested(a, [&](const Attr &info) {
                switch (info.type) {
                case abi::kSurveyFrequency:
                    s.freqMhz = int(w.u32(info, "NL80211_SURVEY_INFO_FREQUENCY"));
                    haveFrequency = true;
                    break;
                case abi::kSurveyNoise: s.noiseDbm = w.s8(info, "NL80211_SURVEY_INFO_NOISE"); break;
                case abi::kSurveyInUse: s.inUse = true; break;
                default: break;
                }
            });
            break;
        default: break;
        }
    });
    // The kernel always sends the frequency; an entry without one describes no channel.
    if (!w.failed() && haveFrequency)
        out.surveys.push_back(s);
}

} // namespace

core::Result<Nl80211Parse> parseNl80211(QByteArrayView bytes)
{
    Nl80211Parse out;
    const auto *base = reinterpret_cast<const std::uint8_t *>(bytes.data());
    const std::size_t size = std::size_t(bytes.size());
    Walker w(base);
    std::size_t pos = 0;
    while (pos < size) {
        if (size - pos < abi::kNlmsgHdrLen)
            return malformed(QStringLiteral("truncated netlink header"), pos);
        const std::uint8_t *msg = base + pos;
        const auto len = loadHost<std::uint32_t>(msg);
        const auto type = loadHost<std::uint16_t>(msg + 4);
        if (len < abi::kNlmsgHdrLen || len > size - pos)
            return malformed(QStringLiteral("netlink length out of range"), pos);
        const std::uint8_t *payload = msg + abi::kNlmsgHdrLen;
        const std::size_t payloadLen = len - abi::kNlmsgHdrLen;

        switch (type) {
        case abi::kNlmsgNoop:
            break;
        case abi::kNlmsgDone:
            if (payloadLen >= 4 && loadHost<std::int32_t>(payload) < 0)
                return kernelRefusal(-qint64(loadHost<std::int32_t>(payload)), "dump ended with an error");
            ++out.doneCount;
            break;
        case abi::kNlmsgError: {
            if (payloadLen < 4)
                return malformed(QStringLiteral("truncated NLMSG_ERROR"), pos);
            const auto err = loadHost<std::int32_t>(payload);
            if (err != 0) // 0 is an acknowledgement
                return kernelRefusal(-qint64(err), "request refused by the kernel");
            break;
        }
        case abi::kNlmsgOverrun:
            return malformed(QStringLiteral("netlink overrun"), pos);
        default: {
            if (type < abi::kNlmsgMinType)
                return malformed(QStringLiteral("unexpected netlink message type %1").arg(type), pos);
            if (payloadLen < abi::kGenlHdrLen)
                return malformed(QStringLiteral("truncated generic netlink header"), pos);
            const std::uint8_t cmd = payload[0];
            const std::uint8_t *attrs = payload + abi::kGenlHdrLen;
            const std::size_t attrsLen = payloadLen - abi::kGenlHdrLen;
            if (cmd == abi::kCmdNewInterface)
                parseInterface(w, attrs, attrsLen, out);
            else if (cmd == abi::kCmdNewStation)
                parseStation(w, attrs, attrsLen, out);
            else if (cmd == abi::kCmdNewSurveyResults)
                parseSurvey(w, attrs, attrsLen, out);
            // Other nl80211 messages (NEW_WIPHY, scan notifications, ...) are not ours to read.
            if (w.failed())
                return w.error();
            break;
        }
        }
        pos += align4(len); // past the end after an unpadded last message: the loop ends
    }
    return out;
}

std::optional<int> channelFromFrequency(int freqMhz)
{
    // IEEE 802.11-2020 §15.4.4.3 (2.4 GHz), §17.3.8.4.2 (5 GHz), §27.3.23.2 (6 GHz); as
    // ieee80211_freq_khz_to_channel() in net/wireless/util.c.
    if (freqMhz == 2484)
        return 14; // Japan, 11b only
    if (freqMhz >= 2412 && freqMhz <= 2472 && (freqMhz - 2407) % 5 == 0)
        return (freqMhz - 2407) / 5;
    if (freqMhz == 5935)
        return 2; // 6 GHz channel 2 sits below channel 1's 5955
    if (freqMhz >= 5955 && freqMhz <= 7115 && (freqMhz - 5950) % 5 == 0)
        return (freqMhz - 5950) / 5;
    if (freqMhz > 5000 && freqMhz <= 5895 && freqMhz % 5 == 0)
        return (freqMhz - 5000) / 5; // from 5005: there is no channel 0 (the kernel's 0 means "none")
    return std::nullopt;
}

core::WifiBand bandFromFrequency(int freqMhz)
{
    if (freqMhz >= 2400 && freqMhz <= 2500)
        return core::WifiBand::Ghz2_4;
    if (freqMhz >= 4900 && freqMhz < 5925) // 4.9 GHz public-safety channels are NL80211_BAND_5GHZ too
        return core::WifiBand::Ghz5;
    if (freqMhz >= 5925 && freqMhz <= 7125)
        return core::WifiBand::Ghz6;
    return core::WifiBand::Unknown;
}

core::WifiSample assembleWifiSample(const Nl80211Interface &iface, const std::vector<Nl80211Station> &stations,
                                   const std::vector<Nl80211Survey> &surveys, core::TimestampUs utcUs)
{
    core::WifiSample s;
    s.utcUs = utcUs;
    s.iface = iface.name;
    const auto station = std::find_if(stations.begin(), stations.end(),
                                      [&](const Nl80211Station &st) { return st.ifindex == iface.ifindex; });
    s.connected = station != stations.end();
    if (!s.connected)
        return s; // the rest describes a link, and there is none
    s.ssid = iface.ssid;
    s.bssid = station->bssid;
    s.rssiDbm = station->signalDbm;
    s.tx = station->tx;
    s.rx = station->rx;
    s.freqMhz = iface.freqMhz;
    s.channelWidthMhz = iface.channelWidthMhz;
    if (iface.freqMhz) {
        s.channel = channelFromFrequency(*iface.freqMhz);
        s.band = bandFromFrequency(*iface.freqMhz);
    }
    const Nl80211Survey *noiseFrom = nullptr;
    for (const Nl80211Survey &sv : surveys) {
        if (sv.ifindex != iface.ifindex)
            continue;
        if (sv.inUse) {
            noiseFrom = &sv;
            break;
        }
        if (!noiseFrom && iface.freqMhz && sv.freqMhz == *iface.freqMhz)
            noiseFrom = &sv;
    }
    if (noiseFrom)
        s.noiseDbm = noiseFrom->noiseDbm;
    return s;
}

} // namespace pathlens::collect
