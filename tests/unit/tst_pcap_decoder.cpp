// SPDX-License-Identifier: GPL-3.0-or-later
// pcap import, pure half (1 of 2): frames decoded per link type into TCP segments, and what the
// decoder refuses and why — against hand-built frames.
#include "core/pcap/packet_decoder.h"
#include "pcap_frame_builder.h"

#include <QTest>

using namespace pathlens;
using namespace pathlens::core;
using test::Ipv6Ext;
using test::v4;
using test::v6;

namespace {

constexpr qint64 kMs = 1000000; // ns per ms
constexpr qint64 kT0 = 1765000000LL * 1000000000LL; // 2025-12-06, a plausible capture start

void compareOptions(const TcpOptions &got, const TcpOptions &want)
{
    QCOMPARE(got.mss, want.mss);
    QCOMPARE(got.sackPermitted, want.sackPermitted);
    QCOMPARE(got.hasWindowScale, want.hasWindowScale);
    QCOMPARE(int(got.windowScale), int(want.windowScale));
    QCOMPARE(got.hasTimestamps, want.hasTimestamps);
    QCOMPARE(got.tsVal, want.tsVal);
    QCOMPARE(got.tsEcr, want.tsEcr);
    QCOMPARE(int(got.sackCount), int(want.sackCount));
    for (int i = 0; i < want.sackCount; ++i) {
        QCOMPARE(got.sack[i].left, want.sack[i].left);
        QCOMPARE(got.sack[i].right, want.sack[i].right);
    }
}

void compareSegment(const TcpSegment &got, const TcpSegment &want)
{
    QCOMPARE(got.tsNs, want.tsNs);
    QCOMPARE(got.origLen, want.origLen);
    QCOMPARE(got.ipv6, want.ipv6);
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(got.srcIp.data()), 16).toHex(),
             QByteArray(reinterpret_cast<const char *>(want.srcIp.data()), 16).toHex());
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(got.dstIp.data()), 16).toHex(),
             QByteArray(reinterpret_cast<const char *>(want.dstIp.data()), 16).toHex());
    QCOMPARE(got.srcPort, want.srcPort);
    QCOMPARE(got.dstPort, want.dstPort);
    QCOMPARE(got.seq, want.seq);
    QCOMPARE(got.ack, want.ack);
    QCOMPARE(int(got.flags), int(want.flags));
    QCOMPARE(got.window, want.window);
    QCOMPARE(got.payloadLen, want.payloadLen);
    QCOMPARE(got.payloadTruncated, want.payloadTruncated);
    compareOptions(got.options, want.options);
    QVERIFY(got == want); // nothing outside the listed fields differs either
}

// A SYN with every option the analysis reads.
TcpSegment synWithOptions(bool ipv6)
{
    TcpSegment s = test::tcpSegment(ipv6 ? v6("20010db8000000000000000000000001") : v4(192, 0, 2, 10), 50123,
                                    ipv6 ? v6("20010db8000000000000000000000002") : v4(198, 51, 100, 7), 443,
                                    0xF0000001u /* high bit set: no sign trouble */, 0, TcpSyn | TcpEce | TcpCwr, 64240, 0, ipv6);
    s.tsNs = kT0 + 123456789;
    test::setSynOptions(s, 1460, 7, 0xDEADBEEF);
    return s;
}

// A data segment with SACK blocks and a payload.
TcpSegment dataWithSack(bool ipv6, quint32 payload)
{
    TcpSegment s = test::tcpSegment(ipv6 ? v6("fe800000000000000000000000000abc") : v4(10, 1, 2, 3), 8080,
                                    ipv6 ? v6("20010db8000000000000000000000002") : v4(10, 9, 8, 7), 40000, 1000, 77777,
                                    TcpAck | TcpPsh, 501, payload, ipv6);
    s.tsNs = kT0 + 5 * kMs;
    s.options.hasTimestamps = true;
    s.options.tsVal = 100;
    s.options.tsEcr = 200;
    s.options.sackCount = 2;
    s.options.sack[0] = SackBlock{5000, 6000};
    s.options.sack[1] = SackBlock{7000, 9000};
    return s;
}

std::optional<TcpSegment> decode(LinkType link, const QByteArray &frame, const TcpSegment &want, DecodeSkip *why)
{
    return decodeTcpSegment(link, frame, want.tsNs, quint32(frame.size()), why);
}

} // namespace

class TestPcapDecoder : public QObject {
    Q_OBJECT
private slots:
    void linkTypesFromPcapHeader()
    {
        QCOMPARE(linkTypeFromPcap(0), std::optional(LinkType::Null));
        QCOMPARE(linkTypeFromPcap(1), std::optional(LinkType::Ethernet));
        for (quint32 raw : {12u, 14u, 101u, 228u, 229u})
            QCOMPARE(linkTypeFromPcap(raw), std::optional(LinkType::RawIp));
        QCOMPARE(linkTypeFromPcap(108), std::optional(LinkType::Loop));
        QCOMPARE(linkTypeFromPcap(113), std::optional(LinkType::LinuxSll));
        QCOMPARE(linkTypeFromPcap(276), std::optional(LinkType::LinuxSll2));
        QCOMPARE(linkTypeFromPcap(127), std::optional<LinkType>()); // 802.11 radiotap: not ours
        QCOMPARE(int(LinkType::Ethernet), 1);
        QCOMPARE(int(LinkType::RawIp), 101);
        QCOMPARE(int(LinkType::LinuxSll), 113);
        QCOMPARE(int(LinkType::LinuxSll2), 276);
    }

    void decodesEveryLinkType_data()
    {
        QTest::addColumn<int>("link");
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("ipv6");
        QTest::addColumn<bool>("syn");

        const TcpSegment syn4 = synWithOptions(false), syn6 = synWithOptions(true);
        const TcpSegment data4 = dataWithSack(false, 300), data6 = dataWithSack(true, 300);
        const QByteArray ip4 = test::ipv4Packet(syn4, 0), ip6 = test::ipv6Packet(syn6, 0);
        const QByteArray data4Ip = test::ipv4Packet(data4, 300), data6Ip = test::ipv6Packet(data6, 300);
        QTest::newRow("ethernet ipv4 syn") << int(LinkType::Ethernet) << test::ethernet(ip4, 0x0800) << false << true;
        QTest::newRow("ethernet ipv6 syn") << int(LinkType::Ethernet) << test::ethernet(ip6, 0x86DD) << true << true;
        QTest::newRow("802.1Q ipv4 data") << int(LinkType::Ethernet) << test::ethernet(data4Ip, 0x0800, {0x8100}) << false << false;
        QTest::newRow("802.1ad+802.1Q ipv6 data")
            << int(LinkType::Ethernet) << test::ethernet(data6Ip, 0x86DD, {0x88A8, 0x8100}) << true << false;
        QTest::newRow("linux sll ipv4") << int(LinkType::LinuxSll) << test::linuxSll(ip4, 0x0800) << false << true;
        QTest::newRow("linux sll ipv6 data") << int(LinkType::LinuxSll) << test::linuxSll(data6Ip, 0x86DD) << true << false;
        QTest::newRow("linux sll2 ipv4 data") << int(LinkType::LinuxSll2) << test::linuxSll2(data4Ip, 0x0800) << false << false;
        QTest::newRow("linux sll2 ipv6") << int(LinkType::LinuxSll2) << test::linuxSll2(ip6, 0x86DD) << true << true;
        QTest::newRow("raw ipv4") << int(LinkType::RawIp) << ip4 << false << true;
        QTest::newRow("raw ipv6 data") << int(LinkType::RawIp) << data6Ip << true << false;
        QTest::newRow("null little-endian AF_INET") << int(LinkType::Null) << test::nullLoopback(ip4, 2, false) << false << true;
        QTest::newRow("null big-endian AF_INET6 (macOS 30)")
            << int(LinkType::Null) << test::nullLoopback(data6Ip, 30, true) << true << false;
        QTest::newRow("loop AF_INET6 (OpenBSD 24)") << int(LinkType::Loop) << test::nullLoopback(ip6, 24, true) << true << true;
    }

    void decodesEveryLinkType()
    {
        QFETCH(int, link);
        QFETCH(QByteArray, frame);
        QFETCH(bool, ipv6);
        QFETCH(bool, syn);
        const TcpSegment want = syn ? synWithOptions(ipv6) : dataWithSack(ipv6, 300);
        DecodeSkip why = DecodeSkip::Malformed;
        const auto got = decode(LinkType(link), frame, want, &why);
        QVERIFY(got.has_value());
        QCOMPARE(int(why), int(DecodeSkip::None));
        TcpSegment expected = want;
        expected.origLen = quint32(frame.size());
        compareSegment(*got, expected);
    }

    void ipv6ExtensionHeadersAreSkipped()
    {
        const TcpSegment want = dataWithSack(true, 300);
        // Hop-by-hop (8 bytes: a PadN option), routing (type 0 header with no addresses left,
        // 8 bytes), destination options (16 bytes: length 1), then an atomic fragment (RFC 6946).
        const QByteArray hopByHop = QByteArray::fromHex("00" "010400000000"); // len 0, PadN with 4 bytes
        const QByteArray routing = QByteArray::fromHex("00" "00" "00" "00000000");
        const QByteArray destOpts = QByteArray::fromHex("01" "010c" "000000000000000000000000"); // len 1: 16 bytes
        const QByteArray atomic = QByteArray::fromHex("00" "0000" "abcdef01");
        const QByteArray ip = test::ipv6Packet(want, 300, {Ipv6Ext{0, hopByHop}, Ipv6Ext{43, routing},
                                                           Ipv6Ext{60, destOpts}, Ipv6Ext{44, atomic}});
        QCOMPARE(ip.size(), 40 + 8 + 8 + 16 + 8 + 20 + 32 + 300); // builder sanity: header sizes as intended
        const QByteArray frame = test::ethernet(ip, 0x86DD);
        DecodeSkip why = DecodeSkip::Malformed;
        const auto got = decode(LinkType::Ethernet, frame, want, &why);
        QVERIFY(got.has_value());
        TcpSegment expected = want;
        expected.origLen = quint32(frame.size());
        compareSegment(*got, expected);

        // A real fragment (offset 0, more fragments follow) is left out, and says why.
        const QByteArray firstFragment = QByteArray::fromHex("00" "0001" "abcdef01");
        const QByteArray fragIp = test::ipv6Packet(want, 300, {Ipv6Ext{44, firstFragment}});
        QVERIFY(!decode(LinkType::RawIp, fragIp, want, &why));
        QCOMPARE(int(why), int(DecodeSkip::Fragment));
    }

    void truncatedSnaplenKeepsThePayloadLengthFromIp()
    {
        TcpSegment want = dataWithSack(false, 1400);
        const QByteArray full = test::ethernet(test::ipv4Packet(want, 1400), 0x0800);
        const QByteArray snapped = full.left(full.size() - 1400 + 14); // headers + 14 payload bytes
        DecodeSkip why = DecodeSkip::Malformed;
        const auto got = decodeTcpSegment(LinkType::Ethernet, snapped, want.tsNs, quint32(full.size()), &why);
        QVERIFY(got.has_value());
        want.origLen = quint32(full.size());
        want.payloadTruncated = true;
        compareSegment(*got, want);

        // Same for IPv6 with the whole payload cut.
        TcpSegment want6 = dataWithSack(true, 1200);
        const QByteArray full6 = test::linuxSll2(test::ipv6Packet(want6, 1200), 0x86DD);
        const auto got6 = decodeTcpSegment(LinkType::LinuxSll2, full6.left(full6.size() - 1200), want6.tsNs,
                                           quint32(full6.size()), &why);
        QVERIFY(got6.has_value());
        want6.origLen = quint32(full6.size());
        want6.payloadTruncated = true;
        compareSegment(*got6, want6);
    }

    void rejectsWhatItCannotRead_data()
    {
        QTest::addColumn<int>("link");
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("why");
        QTest::addColumn<int>("origLen"); // the frame's length on the wire; -1: as captured
        const TcpSegment syn = synWithOptions(false);
        const QByteArray ip4 = test::ipv4Packet(syn, 0);
        const QByteArray eth = test::ethernet(ip4, 0x0800);
        QTest::newRow("empty") << int(LinkType::Ethernet) << QByteArray() << int(DecodeSkip::Truncated) << -1;
        QTest::newRow("ARP") << int(LinkType::Ethernet) << test::ethernet(QByteArray(28, '\0'), 0x0806)
                             << int(DecodeSkip::UnsupportedLink) << -1;
        QTest::newRow("cut inside the TCP options") << int(LinkType::Ethernet) << eth.left(eth.size() - 4)
                                                    << int(DecodeSkip::Truncated) << int(eth.size());
        QTest::newRow("cut inside the IP header") << int(LinkType::Ethernet) << eth.left(14 + 12) << int(DecodeSkip::Truncated) << -1;
        QByteArray udp = ip4;
        udp[9] = char(17);
        QTest::newRow("UDP") << int(LinkType::RawIp) << udp << int(DecodeSkip::NotTcp) << -1;
        QTest::newRow("IPv4 first fragment (MF)") << int(LinkType::RawIp) << test::ipv4Packet(syn, 0, 0x2000)
                                                  << int(DecodeSkip::Fragment) << -1;
        QTest::newRow("IPv4 later fragment") << int(LinkType::RawIp) << test::ipv4Packet(syn, 0, 0x00B9)
                                             << int(DecodeSkip::Fragment) << -1;
        QByteArray badOffset = ip4;
        badOffset[20 + 12] = char(0x30); // TCP data offset 3 words: shorter than the fixed header
        QTest::newRow("TCP offset < 5") << int(LinkType::RawIp) << badOffset << int(DecodeSkip::Malformed) << -1;
        QByteArray shortTotal = ip4;
        shortTotal[2] = char(0);
        shortTotal[3] = char(30); // IP total length 30: no room for the 20-byte TCP header
        QTest::newRow("IP length too short for TCP") << int(LinkType::RawIp) << shortTotal << int(DecodeSkip::Malformed) << -1;
        // An IP length beyond what the frame carried on the wire is corrupt, not cut by the snap length.
        TcpSegment data = dataWithSack(false, 600);
        const QByteArray longIp4 = test::ipv4Packet(data, 0); // says 600 payload bytes; the wire had none
        QTest::newRow("IPv4 length beyond the wire") << int(LinkType::Ethernet) << test::ethernet(longIp4, 0x0800)
                                                     << int(DecodeSkip::Malformed) << -1;
        QTest::newRow("IPv4 length one beyond the wire") << int(LinkType::RawIp) << test::ipv4Packet(data, 599)
                                                         << int(DecodeSkip::Malformed) << -1;
        TcpSegment data6 = dataWithSack(true, 600);
        QTest::newRow("IPv6 payload beyond the wire") << int(LinkType::LinuxSll2)
                                                      << test::linuxSll2(test::ipv6Packet(data6, 0), 0x86DD)
                                                      << int(DecodeSkip::Malformed) << -1;
        QTest::newRow("IPv6 payload one beyond the wire") << int(LinkType::RawIp) << test::ipv6Packet(data6, 599)
                                                          << int(DecodeSkip::Malformed) << -1;
        QTest::newRow("too many VLAN tags") << int(LinkType::Ethernet)
                                            << test::ethernet(ip4, 0x0800, {0x8100, 0x8100, 0x8100, 0x8100, 0x8100})
                                            << int(DecodeSkip::Malformed) << -1;
        QTest::newRow("null with AF 7") << int(LinkType::Null) << test::nullLoopback(ip4, 7, false)
                                        << int(DecodeSkip::UnsupportedLink) << -1;
        QTest::newRow("link type outside the enum") << 9999 << ip4 << int(DecodeSkip::UnsupportedLink) << -1;
    }

    void rejectsWhatItCannotRead()
    {
        QFETCH(int, link);
        QFETCH(QByteArray, frame);
        QFETCH(int, why);
        QFETCH(int, origLen);
        DecodeSkip got = DecodeSkip::None;
        QVERIFY(!decodeTcpSegment(LinkType(link), frame, 0, quint32(origLen < 0 ? frame.size() : origLen), &got));
        QCOMPARE(int(got), why);
    }
};

QTEST_GUILESS_MAIN(TestPcapDecoder)
#include "tst_pcap_decoder.moc"
