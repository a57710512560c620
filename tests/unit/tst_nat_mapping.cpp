// SPDX-License-Identifier: GPL-3.0-or-later
// NAT mapping from two reflected endpoints of one socket (RFC 4787's mapping behaviours).
#include "core/nat/nat_mapping.h"
#include "core/nat/punch_priming.h"

#include <QTest>

using namespace pathlens::core;

class TstNatMapping : public QObject {
    Q_OBJECT
private slots:
    void classifies()
    {
        const ReflectedEndpoint local{"192.168.1.2", 40000};
        QCOMPARE(classifyNatMapping(local, local, local), NatMapping::None);
        // One public port for both servers: endpoint-independent (a port-restricted cone NAT).
        QCOMPARE(classifyNatMapping(local, {"203.0.113.5", 40000}, {"203.0.113.5", 40000}), NatMapping::EndpointIndependent);
        QCOMPARE(classifyNatMapping(local, {"203.0.113.5", 61000}, {"203.0.113.5", 61000}), NatMapping::EndpointIndependent);
        // A new port (or address) per server: endpoint-dependent, "symmetric".
        QCOMPARE(classifyNatMapping(local, {"203.0.113.5", 61000}, {"203.0.113.5", 61001}), NatMapping::EndpointDependent);
        QCOMPARE(classifyNatMapping(local, {"203.0.113.5", 61000}, {"203.0.113.6", 61000}), NatMapping::EndpointDependent);
        // A server that did not answer: nothing can be said.
        QCOMPARE(classifyNatMapping(local, {"203.0.113.5", 61000}, {}), NatMapping::Unknown);
        QCOMPARE(classifyNatMapping(local, {}, {}), NatMapping::Unknown);
        QCOMPARE(natMappingName(NatMapping::EndpointDependent), QString("endpoint-dependent"));
        QVERIFY(natMappingDescription(NatMapping::EndpointDependent).contains("relay"));
    }

    // The NAT lab's f (f → e → nate → inet → STUN server) gets the server's answers at TTL 61: three
    // routers, so its priming needs TTL 3 to pass nate; a (a → nata → inet) 62: 2.
    void primingReachesPastOurNatOnly()
    {
        QCOMPARE(routersFromReceivedTtl(61), std::optional<int>(3));
        QCOMPARE(routersFromReceivedTtl(62), std::optional<int>(2));
        QCOMPARE(routersFromReceivedTtl(64), std::optional<int>(0));
        QCOMPARE(routersFromReceivedTtl(117), std::optional<int>(11)); // a Windows server (128)
        QCOMPARE(routersFromReceivedTtl(250), std::optional<int>(5));  // 255
        QCOMPARE(routersFromReceivedTtl(0), std::optional<int>());
        QCOMPARE(primeTtl(3), 3);
        QCOMPARE(primeTtl(2), 2);
        QCOMPARE(primeTtl(0), kMinPrimeTtl);            // the server on our own link: the NAT is still a router
        QCOMPARE(primeTtl(11), kMaxPrimeTtl);           // a far server must not carry it across the internet
        QCOMPARE(primeTtl(std::nullopt), kMinPrimeTtl); // not measured yet: as before
    }
};

QTEST_GUILESS_MAIN(TstNatMapping)
#include "tst_nat_mapping.moc"
