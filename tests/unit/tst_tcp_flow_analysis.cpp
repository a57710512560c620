// SPDX-License-Identifier: GPL-3.0-or-later
// pcap import, pure half (2 of 2): flows analysed segment by segment (Karn RTT as tcptrace takes it,
// RTO/fast retransmissions, reordering, capture point) and converted to sessions.
#include "core/pcap/flow_session.h"
#include "core/pcap/tcp_flow_analysis.h"
#include "pcap_frame_builder.h"

#include <QTest>

#include <algorithm>
#include <cmath>

using namespace pathlens;
using namespace pathlens::core;
using test::v4;
using test::v6;

namespace {

constexpr qint64 kMs = 1000000; // ns per ms
constexpr qint64 kUs = 1000;    // ns per µs
constexpr qint64 kT0 = 1765000000LL * 1000000000LL; // 2025-12-06, a plausible capture start

const auto kClientIp = v4(192, 0, 2, 10);
const auto kServerIp = v4(203, 0, 113, 5);
constexpr quint16 kClientPort = 51000, kServerPort = 443;
constexpr quint32 kClientIsn = 1000, kServerIsn = 5000;
constexpr quint16 kWindow = 1000;

TcpSegment fromClient(qint64 tsNs, quint32 seq, quint32 ack, quint8 flags, quint32 payload = 0)
{
    TcpSegment s = test::tcpSegment(kClientIp, kClientPort, kServerIp, kServerPort, seq, ack, flags, kWindow, payload);
    s.tsNs = tsNs;
    return s;
}

TcpSegment fromServer(qint64 tsNs, quint32 seq, quint32 ack, quint8 flags, quint32 payload = 0)
{
    TcpSegment s = fromClient(tsNs, seq, ack, flags, payload);
    std::swap(s.srcIp, s.dstIp);
    std::swap(s.srcPort, s.dstPort);
    return s;
}

// The handshake seen at the client: the server leg 20 ms, the client's own turnaround 0.1 ms.
constexpr qint64 kSynAckAt = 20 * kMs, kAckAt = 20 * kMs + 100 * kUs;
void handshake(TcpFlowAnalyzer &a, quint16 clientMss = 1460, quint16 serverMss = 1400)
{
    TcpSegment syn = fromClient(kT0, kClientIsn - 1, 0, TcpSyn);
    syn.options.mss = clientMss;
    a.add(syn);
    TcpSegment synAck = fromServer(kT0 + kSynAckAt, kServerIsn - 1, kClientIsn, TcpSyn | TcpAck);
    synAck.options.mss = serverMss;
    a.add(synAck);
    a.add(fromClient(kT0 + kAckAt, kClientIsn, kServerIsn, TcpAck));
}

void compareSamples(const RttSamples &got, const std::vector<double> &wantMs)
{
    QCOMPARE(got.count, quint64(wantMs.size()));
    QCOMPARE(int(got.samplesMs.size()), int(wantMs.size()));
    for (size_t i = 0; i < wantMs.size(); ++i)
        QVERIFY2(std::abs(got.samplesMs[i] - wantMs[i]) < 1e-4,
                 qPrintable(QStringLiteral("sample %1: %2 ms, want %3 ms").arg(i).arg(got.samplesMs[i]).arg(wantMs[i])));
    if (wantMs.empty())
        return;
    double sum = 0;
    for (double v : wantMs)
        sum += v;
    QVERIFY(std::abs(got.sumMs - sum) < 1e-6);
    QVERIFY(std::abs(got.minMs - *std::min_element(wantMs.begin(), wantMs.end())) < 1e-6);
    QVERIFY(std::abs(got.maxMs - *std::max_element(wantMs.begin(), wantMs.end())) < 1e-6);
    QCOMPARE(got.stride, 1u);
}

struct DirectionWant {
    quint64 segments = 0, dataSegments = 0, totalBytes = 0, uniqueBytes = 0;
    quint64 retransRto = 0, retransFast = 0, outOfOrder = 0;
    std::vector<double> rttMs;
    bool fin = false, rst = false;
    quint16 mss = 0;
};

void compareDirection(const FlowDirection &got, const DirectionWant &want)
{
    QCOMPARE(got.segments, want.segments);
    QCOMPARE(got.dataSegments, want.dataSegments);
    QCOMPARE(got.totalBytes, want.totalBytes);
    QCOMPARE(got.uniqueBytes, want.uniqueBytes);
    QCOMPARE(got.retransRto, want.retransRto);
    QCOMPARE(got.retransFast, want.retransFast);
    QCOMPARE(got.outOfOrder, want.outOfOrder);
    QCOMPARE(got.finSeen, want.fin);
    QCOMPARE(got.rstSeen, want.rst);
    QCOMPARE(got.mss, want.mss);
    compareSamples(got.rtt, want.rttMs);
}

void compareEndpoints(const PcapFlow &f)
{
    QCOMPARE(f.ipv6, false);
    QVERIFY(f.clientIp == kClientIp);
    QVERIFY(f.serverIp == kServerIp);
    QCOMPARE(f.clientPort, kClientPort);
    QCOMPARE(f.serverPort, kServerPort);
    QCOMPARE(f.clientEndpoint(), QStringLiteral("192.0.2.10:51000"));
    QCOMPARE(f.serverEndpoint(), QStringLiteral("203.0.113.5:443"));
}

// A clean download seen at the client: request, three server segments, FINs both ways.
std::vector<PcapFlow> cleanTransfer()
{
    TcpFlowAnalyzer a;
    handshake(a);
    a.add(fromClient(kT0 + 20 * kMs + 200 * kUs, kClientIsn, kServerIsn, TcpAck | TcpPsh, 100)); // request
    // Server data; the first segment carries the request's ACK 25 ms after it.
    a.add(fromServer(kT0 + 45 * kMs + 200 * kUs, kServerIsn, kClientIsn + 100, TcpAck, 1000));
    a.add(fromClient(kT0 + 45 * kMs + 250 * kUs, kClientIsn + 100, kServerIsn + 1000, TcpAck)); // 50 µs
    a.add(fromServer(kT0 + 45 * kMs + 300 * kUs, kServerIsn + 1000, kClientIsn + 100, TcpAck, 1000));
    a.add(fromServer(kT0 + 45 * kMs + 400 * kUs, kServerIsn + 2000, kClientIsn + 100, TcpAck | TcpPsh, 1000));
    // One ACK for two segments: times the last (100 µs), the one before only cumulatively.
    a.add(fromClient(kT0 + 45 * kMs + 500 * kUs, kClientIsn + 100, kServerIsn + 3000, TcpAck));
    a.add(fromServer(kT0 + 46 * kMs, kServerIsn + 3000, kClientIsn + 100, TcpAck | TcpFin));
    a.add(fromClient(kT0 + 46 * kMs + 100 * kUs, kClientIsn + 100, kServerIsn + 3001, TcpAck | TcpFin));
    a.add(fromServer(kT0 + 68 * kMs + 100 * kUs, kServerIsn + 3001, kClientIsn + 101, TcpAck)); // 22 ms
    return a.finish();
}

} // namespace

class TestTcpFlowAnalysis : public QObject {
    Q_OBJECT
private slots:
    void cleanTransferRttSamplesAreTheAckDelays()
    {
        const auto flows = cleanTransfer();
        QCOMPARE(int(flows.size()), 1);
        const PcapFlow &f = flows.front();
        compareEndpoints(f);
        QCOMPARE(int(f.clientBy), int(ClientBy::Syn));
        QCOMPARE(f.firstTsNs, kT0);
        QCOMPARE(f.lastTsNs, kT0 + 68 * kMs + 100 * kUs);
        QCOMPARE(f.synToSynAckNs, kSynAckAt);
        QCOMPARE(f.synAckToAckNs, kAckAt - kSynAckAt);
        QCOMPARE(f.handshakeRttNs(), kAckAt);
        QCOMPARE(int(f.capturePoint), int(CapturePoint::ClientSide)); // 20 ms leg before the 0.1 ms one
        QCOMPARE(capturePointName(f.capturePoint), QStringLiteral("client side"));
        QVERIFY(f.closed());
        QVERIFY(std::abs(f.durationS() - 0.0681) < 1e-9);
        // Client: SYN, handshake ACK, request, two ACKs, FIN. Samples: SYN 20 ms, request 25 ms, FIN 22 ms.
        compareDirection(f.fromClient, DirectionWant{6, 1, 100, 100, 0, 0, 0, {20.0, 25.0, 22.0}, true, false, 1460});
        // Server: SYN/ACK, three data, FIN, last ACK. Samples: SYN/ACK 0.1 ms, first data 0.05 ms, the
        // third 0.1 ms (the second only cumulatively acknowledged), FIN 0.1 ms.
        compareDirection(f.fromServer, DirectionWant{6, 3, 3000, 3000, 0, 0, 0, {0.1, 0.05, 0.1, 0.1}, true, false, 1400});
        QCOMPARE(f.fromClient.rtt.medianMs(), 22.0);
        QVERIFY(std::abs(f.fromServer.rtt.medianMs() - 0.1) < 1e-6);
        QVERIFY(std::abs(f.fromClient.rtt.meanMs() - (20.0 + 25.0 + 22.0) / 3) < 1e-9);
    }

    void rtoRetransmissionAndKarn()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        // Upload: A then B; the server ACKs A after 20 ms; B is lost past the capture point and
        // resent 300 ms later with no duplicate ACK in between (a timeout); its ACK is ambiguous.
        a.add(fromClient(kT0 + 100 * kMs, kClientIsn, kServerIsn, TcpAck, 1000));
        a.add(fromClient(kT0 + 100 * kMs + 100 * kUs, kClientIsn + 1000, kServerIsn, TcpAck, 1000));
        a.add(fromServer(kT0 + 120 * kMs, kServerIsn, kClientIsn + 1000, TcpAck));
        a.add(fromClient(kT0 + 400 * kMs, kClientIsn + 1000, kServerIsn, TcpAck, 1000)); // the RTO copy
        a.add(fromServer(kT0 + 420 * kMs, kServerIsn, kClientIsn + 2000, TcpAck));       // no sample (Karn)
        // Then C, sent once: timed again (15 ms), so Karn only skipped the resent one.
        a.add(fromClient(kT0 + 500 * kMs, kClientIsn + 2000, kServerIsn, TcpAck, 500));
        a.add(fromServer(kT0 + 515 * kMs, kServerIsn, kClientIsn + 2500, TcpAck));
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 1);
        const PcapFlow &f = flows.front();
        compareEndpoints(f);
        QVERIFY(!f.closed());
        compareDirection(f.fromClient, DirectionWant{6, 4, 3500, 2500, 1, 0, 0, {20.0, 20.0, 15.0}, false, false, 1460});
        compareDirection(f.fromServer, DirectionWant{4, 0, 0, 0, 0, 0, 0, {0.1}, false, false, 1400});
        QCOMPARE(f.fromClient.retransmissions(), quint64(1));
    }

    void fastRetransmissionAfterThreeDuplicateAcks()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        // Five segments 100 µs apart; the second is lost past the capture point.
        for (int i = 0; i < 5; ++i)
            a.add(fromClient(kT0 + 100 * kMs + i * 100 * kUs, kClientIsn + 1000 * i, kServerIsn, TcpAck, 1000));
        a.add(fromServer(kT0 + 120 * kMs, kServerIsn, kClientIsn + 1000, TcpAck)); // first: 20 ms
        for (int d = 0; d < 3; ++d) // one duplicate ACK per segment beyond the hole
            a.add(fromServer(kT0 + 120 * kMs + (2 + d) * 100 * kUs, kServerIsn, kClientIsn + 1000, TcpAck));
        a.add(fromClient(kT0 + 120 * kMs + 500 * kUs, kClientIsn + 1000, kServerIsn, TcpAck, 1000)); // fast copy
        a.add(fromServer(kT0 + 140 * kMs + 500 * kUs, kServerIsn, kClientIsn + 5000, TcpAck));
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 1);
        const PcapFlow &f = flows.front();
        // The final ACK ends exactly at the fifth segment, sent once, but it also covers the resent
        // second: which copy it answers is unknown, so no sample (as tcptrace -Z shows on real files).
        compareDirection(f.fromClient, DirectionWant{8, 6, 6000, 5000, 0, 1, 0, {20.0, 20.0}, false, false, 1460});
        compareDirection(f.fromServer, DirectionWant{6, 0, 0, 0, 0, 0, 0, {0.1}, false, false, 1400});
    }

    // The ACK that ends at a segment sent after the resent copy below it does time that segment: the
    // copy left first, so the ACK did not wait for anything sent later (tcptrace 6.6.7 on this
    // conversation: 3 samples of 20 ms). Only a later transmission below spoils a sample.
    void segmentSentAfterTheResendIsTimed()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        for (int i = 0; i < 3; ++i) // S1..S3; S2 is lost past the capture point
            a.add(fromClient(kT0 + 100 * kMs + i * 100 * kUs, kClientIsn + 1000 * i, kServerIsn, TcpAck, 1000));
        a.add(fromServer(kT0 + 120 * kMs, kServerIsn, kClientIsn + 1000, TcpAck)); // S1: 20 ms
        for (int d = 0; d < 3; ++d)
            a.add(fromServer(kT0 + 120 * kMs + (d + 1) * 100 * kUs, kServerIsn, kClientIsn + 1000, TcpAck));
        a.add(fromClient(kT0 + 140 * kMs, kClientIsn + 1000, kServerIsn, TcpAck, 1000));            // S2 again
        a.add(fromClient(kT0 + 140 * kMs + 100 * kUs, kClientIsn + 3000, kServerIsn, TcpAck, 1000)); // S4
        a.add(fromServer(kT0 + 160 * kMs + 100 * kUs, kServerIsn, kClientIsn + 4000, TcpAck));      // ends at S4
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 1);
        compareDirection(flows.front().fromClient, DirectionWant{7, 5, 5000, 4000, 0, 1, 0, {20.0, 20.0, 20.0}, false, false, 1460});
    }

    // A resend spoils the samples of everything sent before it above it, across ACKs: S1 is resent
    // after S3 left; the ACK ending at S2 and the later one ending at S3 both waited for that copy
    // (tcptrace 6.6.7 on this conversation: 2 samples, SYN 20 ms and S4 15 ms).
    void resendSpoilsLaterAcksOfEarlierSegments()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        for (int i = 0; i < 3; ++i)
            a.add(fromClient(kT0 + 100 * kMs + i * 100 * kUs, kClientIsn + 1000 * i, kServerIsn, TcpAck, 1000));
        a.add(fromClient(kT0 + 400 * kMs, kClientIsn, kServerIsn, TcpAck, 1000));        // S1 again (timeout)
        a.add(fromServer(kT0 + 420 * kMs, kServerIsn, kClientIsn + 2000, TcpAck));             // ends at S2
        a.add(fromServer(kT0 + 420 * kMs + 500 * kUs, kServerIsn, kClientIsn + 3000, TcpAck)); // ends at S3
        a.add(fromClient(kT0 + 500 * kMs, kClientIsn + 3000, kServerIsn, TcpAck, 500));       // S4, timed
        a.add(fromServer(kT0 + 515 * kMs, kServerIsn, kClientIsn + 3500, TcpAck));
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 1);
        compareDirection(flows.front().fromClient, DirectionWant{7, 5, 4500, 3500, 1, 0, 0, {20.0, 15.0}, false, false, 1460});
    }

    // An ACK that ends inside a segment (one MSS of a TSO send) acknowledges it for tcptrace: the
    // later ACK ending at it is a duplicate, no sample (tcptrace 6.6.7: 2 samples, SYN and the last).
    void segmentAckedInPartIsNotTimedAgain()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        a.add(fromClient(kT0 + 100 * kMs, kClientIsn, kServerIsn, TcpAck, 2000));
        a.add(fromServer(kT0 + 120 * kMs, kServerIsn, kClientIsn + 1000, TcpAck)); // half of it
        a.add(fromServer(kT0 + 121 * kMs, kServerIsn, kClientIsn + 2000, TcpAck)); // ends at it
        a.add(fromClient(kT0 + 200 * kMs, kClientIsn + 2000, kServerIsn, TcpAck, 500));
        a.add(fromServer(kT0 + 215 * kMs, kServerIsn, kClientIsn + 2500, TcpAck));
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 1);
        compareDirection(flows.front().fromClient, DirectionWant{4, 2, 2500, 2500, 0, 0, 0, {20.0, 15.0}, false, false, 1460});
    }

    // A record dropped by the bound on timed segments passes its resend on: S0's copy was sent after
    // S1..S8192; S1 (which knew of it) is evicted, and the ACK ending at S2 must still give no sample
    // (tcptrace 6.6.7 on this conversation: 1 sample, the SYN).
    void evictedRecordKeepsTheResendBelow()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        constexpr int n = 8193;
        const qint64 t = kT0 + 100 * kMs;
        for (int i = 0; i < n; ++i)
            a.add(fromClient(t + i * kUs, kClientIsn + 100 * i, kServerIsn, TcpAck, 100));
        a.add(fromClient(t + n * kUs + 1 * kMs, kClientIsn, kServerIsn, TcpAck, 100));     // S0 again
        a.add(fromClient(t + n * kUs + 2 * kMs, kClientIsn + 100 * n, kServerIsn, TcpAck, 100)); // evicts S1
        a.add(fromServer(t + n * kUs + 20 * kMs, kServerIsn, kClientIsn + 300, TcpAck));         // ends at S2
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 1);
        compareSamples(flows.front().fromClient.rtt, {20.0});
    }

    void sackSignalledRetransmissionIsFast()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        a.add(fromClient(kT0 + 100 * kMs, kClientIsn, kServerIsn, TcpAck, 1000));
        a.add(fromClient(kT0 + 100 * kMs + 100 * kUs, kClientIsn + 1000, kServerIsn, TcpAck, 1000));
        // One duplicate ACK only, but its SACK block shows the second segment arrived and the first did not.
        TcpSegment dup = fromServer(kT0 + 120 * kMs + 100 * kUs, kServerIsn, kClientIsn, TcpAck);
        dup.options.sackCount = 1;
        dup.options.sack[0] = SackBlock{kClientIsn + 1000, kClientIsn + 2000};
        a.add(dup);
        a.add(fromClient(kT0 + 120 * kMs + 200 * kUs, kClientIsn, kServerIsn, TcpAck, 1000));
        // Ends at the 2nd but also covers the resent 1st: ambiguous, no sample.
        a.add(fromServer(kT0 + 140 * kMs + 200 * kUs, kServerIsn, kClientIsn + 2000, TcpAck));
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 1);
        compareDirection(flows.front().fromClient,
                         DirectionWant{5, 3, 3000, 2000, 0, 1, 0, {20.0}, false, false, 1460});
    }

    // Rule: bytes never seen before, below the highest sequence sent, are a retransmission only when
    // the receiver reported the hole at least one capture → sender → capture round trip earlier (here
    // the server leg, 20 ms); sooner they are reordering (outOfOrder), never a retransmission.
    void reorderingIsNotRetransmission()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        const qint64 t = kT0 + 50 * kMs;
        a.add(fromServer(t, kServerIsn, kClientIsn, TcpAck, 1000));                    // D1
        a.add(fromClient(t + 50 * kUs, kClientIsn, kServerIsn + 1000, TcpAck));          // 0.05 ms
        a.add(fromServer(t + 100 * kUs, kServerIsn + 2000, kClientIsn, TcpAck, 1000));  // D3 overtakes D2
        TcpSegment dup = fromClient(t + 150 * kUs, kClientIsn, kServerIsn + 1000, TcpAck);
        dup.options.sackCount = 1;
        dup.options.sack[0] = SackBlock{kServerIsn + 2000, kServerIsn + 3000};
        a.add(dup);
        a.add(fromServer(t + 400 * kUs, kServerIsn + 1000, kClientIsn, TcpAck, 1000));  // D2, 0.25 ms late
        a.add(fromClient(t + 450 * kUs, kClientIsn, kServerIsn + 3000, TcpAck));         // ends at D3
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 1);
        // D2 filled a hole and is not timed. D3 was sent once, but D2 below it left later, so the ACK
        // ending at D3 waited for D2: no sample (tcptrace 6.6.7 on this conversation: 2 samples).
        compareDirection(flows.front().fromServer,
                         DirectionWant{4, 3, 3000, 3000, 0, 0, 1, {0.1, 0.05}, false, false, 1400});
        compareDirection(flows.front().fromClient,
                         DirectionWant{5, 0, 0, 0, 0, 0, 0, {20.0}, false, false, 1460});
    }

    void holeFilledLaterIsARetransmissionLostUpstream()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        const qint64 t = kT0 + 50 * kMs;
        a.add(fromServer(t, kServerIsn, kClientIsn, TcpAck, 1000));                   // D1
        a.add(fromClient(t + 50 * kUs, kClientIsn, kServerIsn + 1000, TcpAck));
        for (int i = 0; i < 3; ++i) { // D3..D5 arrive; D2 was lost before the capture point
            a.add(fromServer(t + (i + 1) * 100 * kUs, kServerIsn + 2000 + 1000 * i, kClientIsn, TcpAck, 1000));
            a.add(fromClient(t + (i + 1) * 100 * kUs + 10 * kUs, kClientIsn, kServerIsn + 1000, TcpAck));
        }
        // The resent D2 passes the capture 21 ms after the first duplicate ACK (≥ the 20 ms server leg).
        a.add(fromServer(t + 110 * kUs + 21 * kMs, kServerIsn + 1000, kClientIsn, TcpAck, 1000));
        a.add(fromClient(t + 110 * kUs + 21 * kMs + 50 * kUs, kClientIsn, kServerIsn + 5000, TcpAck));
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 1);
        // D5 was sent once and the final ACK ends at it, but the resent D2 below it left 21 ms later:
        // the ACK times the recovery, not D5, so no sample (tcptrace 6.6.7 on this conversation: 2).
        compareDirection(flows.front().fromServer,
                         DirectionWant{6, 5, 5000, 5000, 0, 1, 0, {0.1, 0.05}, false, false, 1400});
    }

    void keepAliveIsNotARetransmission()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        a.add(fromClient(kT0 + 30 * kMs, kClientIsn, kServerIsn, TcpAck, 10));
        a.add(fromServer(kT0 + 50 * kMs, kServerIsn, kClientIsn + 10, TcpAck));
        a.add(fromClient(kT0 + 60000 * kMs, kClientIsn + 9, kServerIsn, TcpAck, 1)); // keep-alive: last byte again
        a.add(fromServer(kT0 + 60020 * kMs, kServerIsn, kClientIsn + 10, TcpAck));
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 1);
        compareDirection(flows.front().fromClient,
                         DirectionWant{4, 2, 11, 10, 0, 0, 0, {20.0, 20.0}, false, false, 1460});
    }

    // A one-byte request lost and resent by its timer sits where a keep-alive would (one below the
    // highest sent) but was never acknowledged: a retransmission (tcptrace counts it), and the ACK
    // that finally comes is no RTT sample (it could answer either copy).
    void lostOneByteRequestIsARetransmission()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        a.add(fromClient(kT0 + 30 * kMs, kClientIsn, kServerIsn, TcpAck, 1));  // lost past the capture point
        a.add(fromClient(kT0 + 230 * kMs, kClientIsn, kServerIsn, TcpAck, 1)); // the timer resends it
        a.add(fromServer(kT0 + 250 * kMs, kServerIsn, kClientIsn + 1, TcpAck));
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 1);
        compareDirection(flows.front().fromClient, DirectionWant{4, 2, 2, 1, 1, 0, 0, {20.0}, false, false, 1460});
    }

    void zeroWindowProbesAreNotRetransmissions()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        a.add(fromClient(kT0 + 30 * kMs, kClientIsn, kServerIsn, TcpAck, 10));
        TcpSegment closed = fromServer(kT0 + 50 * kMs, kServerIsn, kClientIsn + 10, TcpAck); // 20 ms
        closed.window = 0;
        a.add(closed);
        for (int probe = 1; probe <= 2; ++probe) { // the same next byte, pushed against the closed window
            a.add(fromClient(kT0 + (50 + 200 * probe) * kMs, kClientIsn + 10, kServerIsn, TcpAck, 1));
            TcpSegment stillClosed = fromServer(kT0 + (70 + 200 * probe) * kMs, kServerIsn, kClientIsn + 10, TcpAck);
            stillClosed.window = 0;
            a.add(stillClosed);
        }
        a.add(fromServer(kT0 + 600 * kMs, kServerIsn, kClientIsn + 10, TcpAck)); // window update: open again
        a.add(fromClient(kT0 + 600 * kMs + 100 * kUs, kClientIsn + 10, kServerIsn, TcpAck, 1000));
        a.add(fromServer(kT0 + 620 * kMs + 100 * kUs, kServerIsn, kClientIsn + 1010, TcpAck)); // 20 ms
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 1);
        compareDirection(flows.front().fromClient,
                         DirectionWant{6, 4, 1012, 1010, 0, 0, 0, {20.0, 20.0, 20.0}, false, false, 1460});
    }

    void withoutHandshakeTheLowerPortIsTheServer()
    {
        TcpFlowAnalyzer a;
        // Capture starts mid-flow with the server's data; the capture sits at the server (its ACK
        // of the client's data is quick, the client's ACK of its data slow).
        a.add(fromServer(kT0, kServerIsn, kClientIsn, TcpAck, 1000));
        a.add(fromClient(kT0 + 30 * kMs, kClientIsn, kServerIsn + 1000, TcpAck, 200));
        a.add(fromServer(kT0 + 30 * kMs + 200 * kUs, kServerIsn + 1000, kClientIsn + 200, TcpAck));
        a.add(fromServer(kT0 + 31 * kMs, kServerIsn + 1000, 0, TcpRst)); // a bare RST acknowledges nothing
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 1);
        const PcapFlow &f = flows.front();
        compareEndpoints(f);
        QCOMPARE(f.firstTsNs, kT0);
        QCOMPARE(f.lastTsNs, kT0 + 31 * kMs);
        QCOMPARE(int(f.clientBy), int(ClientBy::PortHeuristic));
        QCOMPARE(f.synToSynAckNs, qint64(-1));
        QCOMPARE(f.synAckToAckNs, qint64(-1));
        QCOMPARE(f.handshakeRttNs(), qint64(-1));
        QCOMPARE(int(f.capturePoint), int(CapturePoint::ServerSide));
        QVERIFY(f.closed());
        compareDirection(f.fromServer, DirectionWant{3, 1, 1000, 1000, 0, 0, 0, {30.0}, false, true, 0});
        compareDirection(f.fromClient, DirectionWant{1, 1, 200, 200, 0, 0, 0, {0.2}, false, false, 0});
    }

    void reusedFiveTupleAfterCloseIsANewFlow()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        a.add(fromClient(kT0 + 30 * kMs, kClientIsn, kServerIsn, TcpAck | TcpFin));
        a.add(fromServer(kT0 + 50 * kMs, kServerIsn, kClientIsn + 1, TcpAck | TcpFin));
        a.add(fromClient(kT0 + 50 * kMs + 100 * kUs, kClientIsn + 1, kServerIsn + 1, TcpAck));
        TcpSegment again = fromClient(kT0 + 5000 * kMs, 900000, 0, TcpSyn);
        a.add(again);
        QCOMPARE(a.segmentsSeen(), quint64(7));
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 2);
        QCOMPARE(flows[0].lastTsNs, kT0 + 50 * kMs + 100 * kUs);
        QVERIFY(flows[0].closed());
        QCOMPARE(flows[1].firstTsNs, kT0 + 5000 * kMs);
        QCOMPARE(flows[1].fromClient.segments, quint64(1));
        QCOMPARE(int(flows[1].clientBy), int(ClientBy::Syn));
        QVERIFY(!flows[1].closed());
        QCOMPARE(a.segmentsSeen(), quint64(0)); // finish() empties the analyzer
        QVERIFY(a.finish().empty());
    }

    void freshSynWithAnotherIsnIsANewFlow()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        a.add(fromClient(kT0 + 30 * kMs, kClientIsn, kServerIsn, TcpAck, 100));
        a.add(fromServer(kT0 + 50 * kMs, kServerIsn, kClientIsn + 100, TcpAck));
        a.add(fromClient(kT0 + 60 * kMs, kClientIsn + 100, kServerIsn, TcpAck | TcpFin)); // half-closed
        a.add(fromClient(kT0 + 61 * kMs, kClientIsn - 1, 0, TcpSyn)); // the first SYN resent: same ISN, same flow
        a.add(fromClient(kT0 + 5000 * kMs, 777000, 0, TcpSyn));       // a new connection on the 5-tuple
        a.add(fromServer(kT0 + 5020 * kMs, 990000, 777001, TcpSyn | TcpAck));
        a.add(fromClient(kT0 + 5020 * kMs + 100 * kUs, 777001, 990001, TcpAck, 10));
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 2);
        const PcapFlow &old = flows[0], &fresh = flows[1];
        QCOMPARE(old.firstTsNs, kT0);
        QCOMPARE(old.lastTsNs, kT0 + 61 * kMs);
        QCOMPARE(old.fromClient.segments, quint64(5)); // SYN, ACK, data, FIN, the resent SYN
        QCOMPARE(old.fromServer.segments, quint64(2));
        QCOMPARE(old.fromClient.uniqueBytes, quint64(100));
        QCOMPARE(old.synToSynAckNs, kSynAckAt);
        QVERIFY(old.fromClient.finSeen);
        QVERIFY(!old.fromServer.finSeen); // half-closed: only the new ISN split it
        QCOMPARE(fresh.firstTsNs, kT0 + 5000 * kMs);
        QCOMPARE(fresh.lastTsNs, kT0 + 5020 * kMs + 100 * kUs);
        QCOMPARE(fresh.fromClient.segments, quint64(2));
        QCOMPARE(fresh.fromServer.segments, quint64(1));
        QCOMPARE(fresh.fromClient.uniqueBytes, quint64(10));
        QCOMPARE(fresh.synToSynAckNs, 20 * kMs);
        QCOMPARE(fresh.synAckToAckNs, 100 * kUs);
        QCOMPARE(int(fresh.clientBy), int(ClientBy::Syn));
        QCOMPARE(fresh.clientPort, kClientPort);
        QVERIFY(!fresh.fromClient.finSeen);
    }

    // Thousands of interleaved flows (the flow index grows several times), pairs of which differ only
    // in the server's address: each keeps its own packets and bytes.
    void manyInterleavedFlowsStayApart()
    {
        constexpr int kFlows = 5000;
        auto clientOf = [](int i) { return v4(10, quint8(i >> 17), quint8((i >> 9) & 0xFF), quint8((i >> 1) & 0xFF)); };
        auto serverOf = [](int i) { return v4(198, 51, 100, quint8(1 + i % 2)); };
        TcpFlowAnalyzer a;
        for (int round = 0; round < 3; ++round) {
            for (int i = 0; i < kFlows; ++i) {
                const quint32 payload = round == 0 ? 0 : quint32(100 * (1 + i % 7));
                const quint32 seq = round == 0 ? 99 : round == 1 ? 100 : quint32(100 + payload);
                TcpSegment s = test::tcpSegment(clientOf(i), 40000, serverOf(i), 443, seq, 0, round == 0 ? TcpSyn : TcpAck | TcpPsh,
                                                kWindow, payload);
                s.tsNs = kT0 + (round * kFlows + i) * kUs;
                a.add(s);
            }
        }
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), kFlows);
        for (int i = 0; i < kFlows; ++i) {
            const PcapFlow &f = flows[size_t(i)];
            QCOMPARE(f.clientIp, clientOf(i));
            QCOMPARE(f.serverIp, serverOf(i));
            QCOMPARE(f.fromClient.segments, quint64(3));
            QCOMPARE(f.fromClient.uniqueBytes, quint64(2 * 100 * (1 + i % 7)));
            QCOMPARE(f.fromClient.retransmissions(), quint64(0));
        }
    }

    // A segment that starts one byte below the highest byte sent carries a byte seen before: a
    // retransmission, whether the data before it arrived in order or above a hole.
    void segmentOverlappingTheHighestByteIsARetransmission()
    {
        for (const bool hole : {false, true}) {
            TcpFlowAnalyzer a;
            handshake(a);
            quint32 seq = kClientIsn;
            for (int i = 0; i < 4; ++i, seq += 1000) {
                if (hole && i == 1)
                    continue; // lost before the capture point: the later two sit above a hole
                a.add(fromClient(kT0 + 100 * kMs + i * 100 * kUs, seq, kServerIsn, TcpAck, 1000));
            }
            a.add(fromClient(kT0 + 400 * kMs, seq - 1, kServerIsn, TcpAck, 1000)); // resent from the last byte on
            const auto flows = a.finish();
            QCOMPARE(int(flows.size()), 1);
            const quint64 sent = hole ? 4 : 5;
            compareDirection(flows.front().fromClient,
                             DirectionWant{2 + sent, sent, 1000 * sent, 1000 * sent - 1, 1, 0, 0, {20.0}, false, false, 1460});
        }
    }

    // A capture of one direction (the peer's ACKs never seen) must not time every segment: the
    // records it keeps for RTT stay few, and a flow whose data is all acknowledged gives them back.
    void outstandingRecordsStayBounded()
    {
        constexpr int kSegments = 100000;
        constexpr quint32 kMss = 1000;
        TcpFlowAnalyzer oneWay;
        oneWay.add(fromClient(kT0, kClientIsn - 1, 0, TcpSyn));
        size_t peak = 0;
        for (int i = 0; i < kSegments; ++i) {
            oneWay.add(fromClient(kT0 + (i + 1) * kUs, kClientIsn + quint32(i) * kMss, kServerIsn, TcpAck, kMss));
            peak = std::max(peak, oneWay.outstandingCapacity());
        }
        QVERIFY2(peak <= 512, qPrintable(QStringLiteral("%1 records for a flow never acknowledged").arg(peak)));
        QVERIFY(peak > 0); // it did time segments
        const auto oneWayFlows = oneWay.finish();
        QCOMPARE(int(oneWayFlows.size()), 1);
        QCOMPARE(oneWayFlows.front().fromClient.dataSegments, quint64(kSegments));
        QCOMPARE(oneWayFlows.front().fromClient.uniqueBytes, quint64(kSegments) * kMss);
        QCOMPARE(oneWayFlows.front().fromClient.retransmissions(), quint64(0));
        QCOMPARE(oneWayFlows.front().fromClient.rtt.count, quint64(0));

        // Acknowledged flow: a window of 20000 segments in flight holds at most kMaxOutstanding (8192)
        // records, and the cumulative ACK of them all frees the ring.
        TcpFlowAnalyzer a;
        handshake(a);
        const size_t afterHandshake = a.outstandingCapacity(); // the small rings the SYNs were timed in
        QVERIFY(afterHandshake <= 64);
        constexpr int kWindowSegs = 20000;
        peak = 0;
        for (int i = 0; i < kWindowSegs; ++i) {
            a.add(fromClient(kT0 + kMs * 21 + i * kUs, kClientIsn + quint32(i) * kMss, kServerIsn, TcpAck, kMss));
            peak = std::max(peak, a.outstandingCapacity());
        }
        QVERIFY2(peak <= 8192 + afterHandshake, qPrintable(QStringLiteral("%1 records for one side").arg(peak)));
        QVERIFY(peak >= 4096); // a large window is still timed
        a.add(fromServer(kT0 + 100 * kMs, kServerIsn, kClientIsn + quint32(kWindowSegs) * kMss, TcpAck));
        QVERIFY2(a.outstandingCapacity() <= afterHandshake, qPrintable(QString::number(a.outstandingCapacity())));
        const auto flows = a.finish();
        QCOMPARE(flows.front().fromClient.dataSegments, quint64(kWindowSegs));
        QCOMPARE(flows.front().fromClient.rtt.count, quint64(2)); // the SYN, and the last segment (ACK ends at it)
    }

    void sequenceWrapIsUnwrapped()
    {
        TcpFlowAnalyzer a;
        const quint32 isn = 0xFFFFFF00u; // the data crosses 2^32
        a.add(fromClient(kT0, isn, 0, TcpSyn));
        a.add(fromServer(kT0 + 10 * kMs, kServerIsn - 1, isn + 1, TcpSyn | TcpAck));
        a.add(fromClient(kT0 + 10 * kMs + 50 * kUs, isn + 1, kServerIsn, TcpAck, 1000));
        a.add(fromServer(kT0 + 20 * kMs + 50 * kUs, kServerIsn, isn + 1001, TcpAck));
        a.add(fromClient(kT0 + 30 * kMs, isn + 1001, kServerIsn, TcpAck, 1000));
        a.add(fromClient(kT0 + 30 * kMs + 100 * kUs, isn + 1, kServerIsn, TcpAck, 1000)); // a spurious resend
        a.add(fromServer(kT0 + 40 * kMs, kServerIsn, isn + 2001, TcpAck));
        const auto flows = a.finish();
        QCOMPARE(int(flows.size()), 1);
        QCOMPARE(flows.front().fromClient.uniqueBytes, quint64(2000));
        QCOMPARE(flows.front().fromClient.totalBytes, quint64(3000));
        QCOMPARE(flows.front().fromClient.retransRto, quint64(1));
        // The last ACK ends at the second segment, but the spurious resend below it left later: no
        // sample (tcptrace 6.6.7 on this conversation: 2 samples, SYN and the first segment).
        compareSamples(flows.front().fromClient.rtt, {10.0, 10.0});
    }

    void rttSamplesStayBounded()
    {
        RttSamples r;
        double sum = 0;
        for (int i = 0; i < 10000; ++i) {
            r.add(double(i));
            sum += i;
        }
        QCOMPARE(r.count, quint64(10000));
        QCOMPARE(r.sumMs, sum);
        QCOMPARE(r.minMs, 0.0);
        QCOMPARE(r.maxMs, 9999.0);
        // Stride 1 to 4096, 2 to 8192, then 4: 2048 + 2048 halved… ends with every 4th sample.
        QCOMPARE(r.stride, 4u);
        QVERIFY(int(r.samplesMs.size()) <= RttSamples::kMaxKept);
        QCOMPARE(int(r.samplesMs.size()), 2048 + (9999 - 8195) / 4 + 1);
        for (float v : r.samplesMs)
            QCOMPARE(int(v) % 4, 3); // evenly spaced: samples 3, 7, 11, …
        QVERIFY(std::abs(r.medianMs() - 4999.5) <= 4.0);
        QVERIFY(std::abs(r.meanMs() - 4999.5) < 1e-9);
    }

    void endpointTexts()
    {
        QCOMPARE(endpointText(v4(192, 0, 2, 1), false, 80), QStringLiteral("192.0.2.1:80"));
        QCOMPARE(endpointText(v6("20010db8000000000000000000000001"), true, 443), QStringLiteral("[2001:db8::1]:443"));
        QCOMPARE(endpointText(v6("00000000000000000000000000000001"), true, 22), QStringLiteral("[::1]:22"));
        QCOMPARE(endpointText(v6("20010db8000000010000000000000000"), true, 1), QStringLiteral("[2001:db8:0:1::]:1"));
        // RFC 5952 §4.2.3: the first of two equal zero runs; §4.2.2: one zero group is not shortened.
        QCOMPARE(endpointText(v6("20010db8000000000001000000000001"), true, 2), QStringLiteral("[2001:db8::1:0:0:1]:2"));
        QCOMPARE(endpointText(v6("20010db8000000010001000100010001"), true, 3), QStringLiteral("[2001:db8:0:1:1:1:1:1]:3"));
        QCOMPARE(endpointText(v6("00000000000000000000ffffc0000201"), true, 4), QStringLiteral("[::ffff:192.0.2.1]:4"));
        QCOMPARE(capturePointName(CapturePoint::ServerSide), QStringLiteral("server side"));
        QCOMPARE(capturePointName(CapturePoint::Unknown), QStringLiteral("unknown"));
    }

    void sessionFromCleanTransfer()
    {
        const auto flows = cleanTransfer();
        QCOMPARE(int(flows.size()), 1);
        const TcpSession s = sessionFromFlow(flows.front(), QStringLiteral("firefox"));
        QCOMPARE(s.id, qint64(0));
        QCOMPARE(s.cookie, quint64(0));
        QCOMPARE(s.app, QStringLiteral("firefox"));
        QCOMPARE(s.appPath, QString());
        QCOMPARE(s.pid, qint64(0));
        QCOMPARE(int(s.attribution), int(Attribution::Unknown));
        QCOMPARE(s.localAddr, QStringLiteral("192.0.2.10:51000"));
        QCOMPARE(s.remoteAddr, QStringLiteral("203.0.113.5:443"));
        QCOMPARE(s.firstUtcUs, kT0 / 1000);
        QCOMPARE(s.lastUtcUs, (kT0 + 68 * kMs + 100 * kUs) / 1000);
        QCOMPARE(s.firstMonoUs, s.firstUtcUs);
        QCOMPARE(s.lastMonoUs, s.lastUtcUs);
        QVERIFY(s.startExact);
        QCOMPARE(s.bytesUp, quint64(100));
        QCOMPARE(s.bytesDown, quint64(3000));
        QCOMPARE(s.segsOut, 4u); // data segments of both sides
        QCOMPARE(s.retransSegs, 0u);
        // Client samples + the client leg (0.1 ms): 20.1, 25.1, 22.1; server samples + the server leg
        // (20 ms): 20.1, 20.05, 20.1, 20.1. Median of the seven: 20.1; minimum 20.05.
        QCOMPARE(s.readings, 7);
        QVERIFY(std::abs(s.medianRttMs - 20.1) < 1e-4);
        QVERIFY(std::abs(s.minRttMs - 20.05) < 1e-4);
        QVERIFY(s.closed);
        QCOMPARE(int(s.grade), int(Grade::Ungraded));
        // Graded by the live table: 20.1 ms and no retransmission is Excellent (SPEC §1 < 50 ms / < 0.5 %).
        QCOMPARE(int(GradeTable().grade(s.medianRttMs, s.retransPct())), int(Grade::Excellent));

        QCOMPARE(sessionFromFlow(flows.front(), QString()).app, QStringLiteral("unknown"));
    }

    // Thinned directions: 10000 client samples (kept one in 4) at 10 ms against 4000 server samples
    // (all kept) at 50 ms. Pooling the kept samples would let the server's 4000 outvote the client's
    // ~2500 kept; weighted by their true counts the median is the client's 10 ms.
    void sessionMedianWeighsThinnedDirectionsByTheirCounts()
    {
        PcapFlow f;
        f.clientBy = ClientBy::Syn;
        f.synToSynAckNs = 0; // both legs 0, so the samples are the round trips
        f.synAckToAckNs = 0;
        for (int i = 0; i < 10000; ++i)
            f.fromClient.rtt.add(10.0);
        for (int i = 0; i < 4000; ++i)
            f.fromServer.rtt.add(50.0);
        QVERIFY(f.fromClient.rtt.samplesMs.size() < f.fromServer.rtt.samplesMs.size()); // pooling would say 50
        QVERIFY(f.fromClient.rtt.stride > f.fromServer.rtt.stride);
        const TcpSession s = sessionFromFlow(f, QString());
        QCOMPARE(s.medianRttMs, 10.0);
        QCOMPARE(s.minRttMs, 0.0); // the handshake's 0 ms
        QCOMPARE(s.readings, int(f.fromClient.rtt.samplesMs.size() + f.fromServer.rtt.samplesMs.size()));

        // 12000 server samples against 10000 client ones (both now kept one in 4): 50 ms.
        for (int i = 0; i < 8000; ++i)
            f.fromServer.rtt.add(50.0);
        QCOMPARE(sessionFromFlow(f, QString()).medianRttMs, 50.0);
    }

    void sessionCountsBothSidesRetransmissionsAndHandshakeOnly()
    {
        TcpFlowAnalyzer a;
        handshake(a);
        const auto flows = a.finish();
        const TcpSession s = sessionFromFlow(flows.front(), QStringLiteral("ssh"));
        // SYN and SYN/ACK are Karn samples too: 20 ms + 0.1 ms leg and 0.1 ms + 20 ms leg.
        QCOMPARE(s.readings, 2);
        QVERIFY(std::abs(s.medianRttMs - 20.1) < 1e-4);
        QVERIFY(std::abs(s.minRttMs - 20.1) < 1e-4);
        QCOMPARE(s.segsOut, 0u);
        QCOMPARE(s.bytesUp, quint64(0));
        QVERIFY(!s.closed);

        PcapFlow f;
        f.fromClient.retransRto = 2;
        f.fromServer.retransFast = 3;
        f.fromClient.dataSegments = 40;
        f.fromServer.dataSegments = 60;
        f.synToSynAckNs = 30 * kMs;
        f.synAckToAckNs = 2 * kMs;
        const TcpSession r = sessionFromFlow(f, QString());
        QCOMPARE(r.retransSegs, 5u);
        QCOMPARE(r.segsOut, 100u);
        QCOMPARE(r.readings, 1); // no data samples: the handshake alone
        QCOMPARE(r.medianRttMs, 32.0);
        QCOMPARE(r.minRttMs, 32.0);
        QVERIFY(!r.startExact); // the SYN's sender was not seen (PortHeuristic)
    }
};

QTEST_GUILESS_MAIN(TestTcpFlowAnalysis)
#include "tst_tcp_flow_analysis.moc"
