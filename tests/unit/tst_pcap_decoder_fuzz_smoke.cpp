// SPDX-License-Identifier: GPL-3.0-or-later
// Deterministic mutation fuzzing of the pcap frame decoder and the flow analysis inside the normal suite
// (tests/fuzz/fuzz_pcap_decoder.cpp goes further): no crash, no read outside the frame (ASan builds).
#include "byte_mutator.h"
#include "core/pcap/packet_decoder.h"
#include "core/pcap/tcp_flow_analysis.h"
#include "pcap_frame_builder.h"

#include <QRandomGenerator>
#include <QTest>

using namespace pathlens;
using namespace pathlens::core;

namespace {

struct Seed {
    LinkType link;
    QByteArray frame;
};

// One frame per link type and IP version, with options, SACK blocks and IPv6 extension headers.
std::vector<Seed> seeds()
{
    TcpSegment syn = test::tcpSegment({192, 0, 2, 1}, 40000, {198, 51, 100, 2}, 80, 1, 0, TcpSyn, 65535);
    test::setSynOptions(syn, 1460, 9, 7);
    TcpSegment data = syn;
    data.flags = TcpAck;
    data.payloadLen = 64;
    data.options = TcpOptions{};
    data.options.sackCount = 3;
    data.options.sack = {SackBlock{10, 20}, SackBlock{30, 40}, SackBlock{50, 60}, SackBlock{}};
    TcpSegment syn6 = syn, data6 = data;
    syn6.ipv6 = data6.ipv6 = true;
    syn6.srcIp = data6.srcIp = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    syn6.dstIp = data6.dstIp = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};

    const QByteArray v4Syn = test::ipv4Packet(syn, 0), v4Data = test::ipv4Packet(data, 64);
    const QByteArray v6Syn = test::ipv6Packet(syn6, 0);
    const QByteArray v6Data = test::ipv6Packet(data6, 64, {test::Ipv6Ext{0, QByteArray::fromHex("00010400000000")},
                                                           test::Ipv6Ext{60, QByteArray::fromHex("00010400000000")}});
    return {
        {LinkType::Ethernet, test::ethernet(v4Syn, 0x0800)},
        {LinkType::Ethernet, test::ethernet(v6Data, 0x86DD, {0x88A8, 0x8100})},
        {LinkType::LinuxSll, test::linuxSll(v4Data, 0x0800)},
        {LinkType::LinuxSll2, test::linuxSll2(v6Syn, 0x86DD)},
        {LinkType::RawIp, v6Data},
        {LinkType::RawIp, v4Data},
        {LinkType::Null, test::nullLoopback(v4Data, 2, false)},
        {LinkType::Loop, test::nullLoopback(v6Syn, 24, true)},
    };
}

} // namespace

class TestPcapDecoderFuzzSmoke : public QObject {
    Q_OBJECT
private slots:
    void mutatedFramesNeverCrash()
    {
        const auto base = seeds();
        for (const Seed &s : base) // the seeds themselves must decode, or the mutations test little
            QVERIFY(decodeTcpSegment(s.link, s.frame, 0, quint32(s.frame.size())));
        QRandomGenerator rng(20261206); // fixed seed: failures reproduce
        TcpFlowAnalyzer analyzer;
        int decoded = 0, rejected = 0;
        for (int round = 0; round < 20000; ++round) {
            const Seed &seed = base[rng.bounded(int(base.size()))];
            const QByteArray frame = test::mutate(seed.frame, rng);
            // A third of the rounds claim a longer frame on the wire, as a short snaplen does.
            const quint32 origLen = quint32(frame.size()) + (rng.bounded(3) == 0 ? rng.bounded(70000u) : 0u);
            // Copy into an exactly sized buffer so ASan catches any read past the frame.
            std::vector<char> exact(frame.begin(), frame.end());
            DecodeSkip why = DecodeSkip::None;
            const auto seg = decodeTcpSegment(seed.link, QByteArrayView(exact.data(), qsizetype(exact.size())),
                                              qint64(round) * 1000, origLen, &why);
            if (!seg) {
                ++rejected;
                QVERIFY(why != DecodeSkip::None);
                continue;
            }
            ++decoded;
            QCOMPARE(int(why), int(DecodeSkip::None));
            QVERIFY(frame.size() >= 40);                      // an IPv4 + TCP header at the very least
            QVERIFY(seg->options.sackCount <= 4);
            QVERIFY(seg->payloadLen <= qMax<quint32>(origLen, 65535u));
            QCOMPARE(seg->origLen, origLen);
            analyzer.add(*seg);
        }
        QVERIFY(decoded > 1000);  // many mutations only touch addresses, ports and payload
        QVERIFY(rejected > 1000); // and many break a header
        const auto flows = analyzer.finish();
        QVERIFY(!flows.empty());
        quint64 segments = 0;
        for (const PcapFlow &f : flows) {
            for (const FlowDirection *d : {&f.fromClient, &f.fromServer}) {
                segments += d->segments;
                QVERIFY(d->uniqueBytes <= d->totalBytes);
                QVERIFY(d->dataSegments <= d->segments);
                QVERIFY(d->retransmissions() + d->outOfOrder <= d->segments);
                QVERIFY(d->rtt.samplesMs.size() <= size_t(RttSamples::kMaxKept));
                QVERIFY(d->rtt.count >= d->rtt.samplesMs.size());
            }
            QVERIFY(f.lastTsNs >= f.firstTsNs);
        }
        QCOMPARE(segments, quint64(decoded)); // every decoded segment landed in exactly one flow direction
    }
};

QTEST_GUILESS_MAIN(TestPcapDecoderFuzzSmoke)
#include "tst_pcap_decoder_fuzz_smoke.moc"
