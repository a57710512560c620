// SPDX-License-Identifier: GPL-3.0-or-later
// The "auto" gateway of the ICMP probe: default route from /proc/net/route text (fixtures, no network).
#include "collectors/probes/default_gateway.h"

#include <QTest>

using namespace pathlens::collect;

class TestProbeDefaultGateway : public QObject {
    Q_OBJECT
private slots:
    void lowestMetricDefaultRoute()
    {
        const QByteArray text = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                                "wlan0\t00000000\t0102A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0\n"
                                "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
                                "eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n";
        QCOMPARE(defaultGatewayFromRoute(text), QStringLiteral("192.168.1.1"));
    }
    void noneOrMalformed()
    {
        QCOMPARE(defaultGatewayFromRoute(""), QString());
        QCOMPARE(defaultGatewayFromRoute("Iface\tDestination\n"
                                         "eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n"),
                 QString());
        QCOMPARE(defaultGatewayFromRoute("header\neth0 zz 0101A8C0 0003 0 0 0 00000000\n"), QString());
        // A default route that is down (flags 0002) is not used.
        QCOMPARE(defaultGatewayFromRoute("h\neth0 00000000 0101A8C0 0002 0 0 0 00000000 0 0 0\n"), QString());
        QCOMPARE(detectDefaultGateway(QStringLiteral("/nonexistent")), QString());
    }
};

QTEST_APPLESS_MAIN(TestProbeDefaultGateway)
#include "tst_probe_default_gateway.moc"
