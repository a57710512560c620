// SPDX-License-Identifier: GPL-3.0-or-later
// Field-by-field comparison of Wi-Fi readings for the parser and row tests: optionals as text, so
// a failing QCOMPARE shows both sides.
#pragma once

#include "core/wifi/wifi_sample.h"

#include <QTest>

#include <optional>

namespace pathlens::test {

inline QString text(const std::optional<int> &v) { return v ? QString::number(*v) : QStringLiteral("none"); }
// 12 significant digits: a rate read from 100 kbit/s units equals its decimal literal at that precision.
inline QString text(const std::optional<double> &v) { return v ? QString::number(*v, 'g', 12) : QStringLiteral("none"); }

inline void compareRate(const core::WifiRate &got, const core::WifiRate &want)
{
    QCOMPARE(text(got.mbps), text(want.mbps));
    QCOMPARE(int(got.mode), int(want.mode));
    QCOMPARE(text(got.mcs), text(want.mcs));
    QCOMPARE(text(got.nss), text(want.nss));
    QCOMPARE(text(got.widthMhz), text(want.widthMhz));
    QCOMPARE(text(got.guardNs), text(want.guardNs));
}

inline void compareSample(const core::WifiSample &got, const core::WifiSample &want)
{
    QCOMPARE(got.utcUs, want.utcUs);
    QCOMPARE(got.iface, want.iface);
    QCOMPARE(got.connected, want.connected);
    QCOMPARE(got.ssid, want.ssid);
    QCOMPARE(got.bssid, want.bssid);
    QCOMPARE(text(got.rssiDbm), text(want.rssiDbm));
    QCOMPARE(text(got.noiseDbm), text(want.noiseDbm));
    QCOMPARE(text(got.freqMhz), text(want.freqMhz));
    QCOMPARE(text(got.channel), text(want.channel));
    QCOMPARE(int(got.band), int(want.band));
    QCOMPARE(text(got.channelWidthMhz), text(want.channelWidthMhz));
    compareRate(got.tx, want.tx);
    if (QTest::currentTestFailed())
        return;
    compareRate(got.rx, want.rx);
}

} // namespace pathlens::test
