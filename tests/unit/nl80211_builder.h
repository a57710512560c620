// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper: hand-built nl80211 generic-netlink messages (host order) for the cases the libnl-made
// fixtures in tests/data/wifi cannot show: malformed lengths, kernel errors, rare rate encodings.
#pragma once

#include <QByteArray>

#include <cstring>

namespace pathlens::test::nl {

// Numbers from <linux/netlink.h> and <linux/nl80211.h>, spelled here independently of the parser.
enum : quint16 { Noop = 1, Error = 2, Done = 3, Overrun = 4, Family = 0x1c };
enum : quint8 { CmdNewWiphy = 3, CmdNewInterface = 7, CmdNewStation = 19, CmdNewSurveyResults = 51 };
enum : quint16 {
    AttrIfindex = 3, AttrIfname = 4, AttrIftype = 5, AttrMac = 6, AttrStaInfo = 21, AttrWiphyFreq = 38,
    AttrSsid = 52, AttrSurveyInfo = 84, AttrChannelWidth = 159,
    StaSignal = 7, StaTxBitrate = 8, StaSignalAvg = 13, StaRxBitrate = 14,
    RateBitrate = 1, RateMcs = 2, Rate40 = 3, RateShortGi = 4, RateBitrate32 = 5, RateVhtMcs = 6, RateVhtNss = 7,
    Rate80 = 8, Rate80p80 = 9, Rate160 = 10, Rate10 = 11, Rate5 = 12, RateHeMcs = 13, RateHeNss = 14, RateHeGi = 15,
    RateHeRuAlloc = 17, Rate320 = 18, RateEhtMcs = 19, RateEhtNss = 20, RateEhtGi = 21,
    SurveyFrequency = 1, SurveyNoise = 2, SurveyInUse = 3,
    FlagNested = 0x8000, FlagNetByteOrder = 0x4000,
};

template <typename T>
QByteArray raw(T v)
{
    QByteArray b(int(sizeof v), '\0');
    std::memcpy(b.data(), &v, sizeof v);
    return b;
}

// struct nlattr + payload, padded to 4.
inline QByteArray attr(quint16 type, const QByteArray &payload)
{
    QByteArray a = raw<quint16>(quint16(4 + payload.size())) + raw<quint16>(type) + payload;
    while (a.size() % 4)
        a += '\0';
    return a;
}
inline QByteArray u32(quint16 type, quint32 v) { return attr(type, raw(v)); }
inline QByteArray u16(quint16 type, quint16 v) { return attr(type, raw(v)); }
inline QByteArray u8(quint16 type, quint8 v) { return attr(type, raw(v)); }
inline QByteArray s8(quint16 type, qint8 v) { return attr(type, raw(v)); }
inline QByteArray flag(quint16 type) { return attr(type, {}); }
inline QByteArray nest(quint16 type, const QByteArray &children) { return attr(type, children); }

inline QByteArray message(quint16 type, const QByteArray &payload, quint32 seq = 1)
{
    QByteArray m = raw<quint32>(quint32(16 + payload.size())) + raw<quint16>(type) + raw<quint16>(2) // NLM_F_MULTI
        + raw<quint32>(seq) + raw<quint32>(4242);
    m += payload;
    while (m.size() % 4)
        m += '\0';
    return m;
}
// nlmsghdr + genlmsghdr {cmd, version 1, reserved 0} + attributes
inline QByteArray genl(quint8 cmd, const QByteArray &attrs)
{
    QByteArray hdr(4, '\0');
    hdr[0] = char(cmd);
    hdr[1] = 1;
    return message(Family, hdr + attrs);
}
inline QByteArray done(qint32 err = 0) { return message(Done, raw(err)); }
inline QByteArray error(qint32 err) { return message(Error, raw(err) + QByteArray(16, '\0')); } // + offending header

inline QByteArray interfaceMsg(quint32 ifindex, const char *name, quint32 freq, quint32 chanWidth, const QByteArray &ssid)
{
    return genl(CmdNewInterface, u32(AttrIfindex, ifindex) + attr(AttrIfname, QByteArray(name) + '\0')
                                     + u32(AttrIftype, 2) + u32(AttrWiphyFreq, freq)
                                     + u32(AttrChannelWidth, chanWidth) + attr(AttrSsid, ssid));
}
inline QByteArray stationMsg(quint32 ifindex, const QByteArray &mac, const QByteArray &staInfo)
{
    return genl(CmdNewStation, u32(AttrIfindex, ifindex) + attr(AttrMac, mac) + nest(AttrStaInfo, staInfo));
}
inline QByteArray surveyMsg(quint32 ifindex, quint32 freq, qint8 noise, bool inUse)
{
    return genl(CmdNewSurveyResults, u32(AttrIfindex, ifindex)
                                         + nest(AttrSurveyInfo, u32(SurveyFrequency, freq) + s8(SurveyNoise, noise)
                                                                    + (inUse ? flag(SurveyInUse) : QByteArray())));
}

} // namespace pathlens::test::nl
