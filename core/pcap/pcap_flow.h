// SPDX-License-Identifier: GPL-3.0-or-later
// One TCP connection as reconstructed from captured packets: what TcpFlowAnalyzer::finish returns.
#pragma once

#include <QString>
#include <QtGlobal>

#include <array>
#include <vector>

namespace pathlens::core {

// Where the capture was taken, read from the handshake (see capturePoint in tcp_flow_analysis.cpp).
enum class CapturePoint { Unknown, ClientSide, ServerSide };
QString capturePointName(CapturePoint point); // "unknown", "client side", "server side"

// How the client was chosen: it sent the SYN, or (handshake not captured) it has the higher port.
enum class ClientBy { Syn, PortHeuristic };

// RTT samples of one direction, bounded: count, sum, min and max stay exact; `samplesMs` keeps every
// sample up to kMaxKept, then every 2nd, 4th … (the stride doubles each time it fills), so a median
// over it is one of an evenly spaced subsample — memory stays flat on a day-long flow.
struct RttSamples {
    static constexpr int kMaxKept = 4096; // 16 KiB of floats per direction at most
    quint64 count = 0;
    double sumMs = 0, minMs = 0, maxMs = 0;
    std::vector<float> samplesMs;
    quint32 stride = 1;          // keep one sample in `stride`
    quint32 sinceKept = 0;

    void add(double ms);
    double meanMs() const { return count ? sumMs / double(count) : 0.0; }
    double medianMs() const;     // of samplesMs; 0 when empty
};

// What one side sent (data direction `from` → peer) and what the capture learnt about it.
struct FlowDirection {
    quint64 segments = 0;        // every segment, pure ACKs included
    quint64 dataSegments = 0;    // segments with payload
    quint64 totalBytes = 0;      // payload bytes, retransmissions included
    quint64 uniqueBytes = 0;     // payload bytes first seen (each byte counted once)
    quint64 retransRto = 0;      // retransmitted segments after a timeout (no dup-ACK/SACK signal)
    quint64 retransFast = 0;     // retransmitted segments after ≥ 3 duplicate ACKs or a SACK hole
    quint64 outOfOrder = 0;      // segments filling a hole with bytes never seen before (not retransmissions)
    RttSamples rtt;              // this side's data → the peer's ACK, seen at the capture point (Karn)
    bool finSeen = false, rstSeen = false;
    quint16 mss = 0;             // MSS option from this side's SYN (0: none seen)

    quint64 retransmissions() const { return retransRto + retransFast; }
};

struct PcapFlow {
    bool ipv6 = false;
    std::array<quint8, 16> clientIp{}, serverIp{};
    quint16 clientPort = 0, serverPort = 0;
    ClientBy clientBy = ClientBy::PortHeuristic;
    qint64 firstTsNs = 0, lastTsNs = 0;

    // Handshake timing at the capture point; negative when that packet was not captured.
    // synToSynAckNs: capture → server → capture. synAckToAckNs: capture → client → capture.
    // Their sum is the client's handshake RTT wherever the capture sits on the path.
    qint64 synToSynAckNs = -1, synAckToAckNs = -1;
    qint64 handshakeRttNs() const
    {
        return synToSynAckNs >= 0 && synAckToAckNs >= 0 ? synToSynAckNs + synAckToAckNs : -1;
    }
    CapturePoint capturePoint = CapturePoint::Unknown;

    FlowDirection fromClient, fromServer;

    bool closed() const { return fromClient.finSeen || fromServer.finSeen || fromClient.rstSeen || fromServer.rstSeen; }
    double durationS() const { return double(lastTsNs - firstTsNs) / 1e9; }
    QString clientEndpoint() const; // "192.0.2.1:50000" or "[2001:db8::1]:50000"
    QString serverEndpoint() const;
};

// "192.0.2.1:443" or "[2001:db8::1]:443" (RFC 5952 compressed) from raw address bytes.
QString endpointText(const std::array<quint8, 16> &ip, bool ipv6, quint16 port);

} // namespace pathlens::core
