// SPDX-License-Identifier: GPL-3.0-or-later
// NAT mapping from two reflected endpoints of one socket (RFC 4787's mapping behaviours).
#include "core/nat/nat_mapping.h"

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
};

QTEST_GUILESS_MAIN(TstNatMapping)
#include "tst_nat_mapping.moc"
