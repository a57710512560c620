// SPDX-License-Identifier: GPL-3.0-or-later
// Deterministic mutation fuzzing of the ICMP parser and probe readers in the normal suite (tests/fuzz/fuzz_icmp.cpp goes further).
#include "tst_trace_packets.h"

#include <QRandomGenerator>
#include <QTest>

using namespace pathlens::collect;
using namespace trace_test;

class TestTraceIcmpFuzzSmoke : public QObject {
    Q_OBJECT
private slots:
    void mutatedRepliesNeverCrash()
    {
        struct Seed {
            QByteArray bytes;
            bool ipv6, withHeader;
        };
        const QByteArray v4probe = ipPacket(false, "10.0.0.1", "192.0.2.9", 1, 0, 17, udp(1, 33434, buildUdpProbePayload(3)));
        const QByteArray v6probe = ipPacket(true, "fd00::1", "fd00::9", 1, 0, 17, udp(1, 33434, buildUdpProbePayload(3)));
        const std::vector<Seed> seeds = {
            {ipPacket(false, "10.0.0.254", "10.0.0.1", 64, 0, 1, icmpError(false, 11, 0, v4probe)), false, true},
            {icmpError(false, 3, 3, v4probe, mplsExtension({16, 17})), false, false},
            {icmpError(false, 11, 0, v4probe, mplsExtension({99}), false), false, false},
            {icmpError(true, 3, 0, v6probe, mplsExtension({1, 2, 3})), true, false},
            {icmpError(true, 1, 4, v6probe), true, false},
            {ipPacket(false, "1.1.1.1", "2.2.2.2", 64, 0, 6, buildTcpSyn(1, 2, 3, addr("1.1.1.1"), addr("2.2.2.2"))), false, true},
        };
        QRandomGenerator rng(20261122); // fixed seed: failures reproduce
        int parsed = 0, rejected = 0;
        for (int round = 0; round < 20000; ++round) {
            const Seed &s = seeds[rng.bounded(int(seeds.size()))];
            QByteArray input = s.bytes;
            const int edits = 1 + int(rng.bounded(6));
            for (int e = 0; e < edits && !input.isEmpty(); ++e) {
                const int pos = int(rng.bounded(input.size()));
                switch (rng.bounded(4)) {
                case 0: input[pos] = char(rng.bounded(256)); break;
                case 1: input.remove(pos, 1 + int(rng.bounded(16))); break;
                case 2: input.insert(pos, QByteArray(1 + int(rng.bounded(8)), char(rng.bounded(256)))); break;
                default: input.truncate(pos); break;
                }
            }
            auto m = parseIcmp(input, s.ipv6, s.withHeader);
            if (m.ok()) {
                ++parsed;
                QVERIFY(m->mplsLabels.size() <= size_t(input.size()) / 4);
                if (m->quoted)
                    QVERIFY(m->quoted->payload.size() <= input.size());
            } else {
                ++rejected;
                QVERIFY(!m.error().message.isEmpty());
            }
            (void)parseTcpSegment(input, s.ipv6, s.withHeader);
            (void)parseMplsExtension(input);
            (void)udpProbeIdFromPayload(input);
        }
        QVERIFY(parsed > 1000);
        QVERIFY(rejected > 100);
    }
};

QTEST_GUILESS_MAIN(TestTraceIcmpFuzzSmoke)
#include "tst_trace_icmp_fuzz_smoke.moc"
