// SPDX-License-Identifier: GPL-3.0-or-later
// A STAMP Session-Sender run once: N test packets at a fixed interval to one reflector (ours or any
// RFC 8762 one), each answer matched by sequence, with the four timestamps of every packet.
#pragma once

#include "collectors/mesh/stamp_socket.h"
#include "core/mesh/stamp_packet.h"

#include <functional>
#include <vector>

namespace pathlens::collect {

struct StampSessionOptions {
    QHostAddress host;
    quint16 port = core::kStampDefaultPort;
    int count = 10;            // packets in all
    int intervalMs = 100;      // between slots
    int burst = 1;             // packets per slot, back to back (2: packet pairs for capacity)
    int waitMs = 1000;         // after the last send, how long answers are still awaited
    core::StampMode mode = core::StampMode::Unauthenticated;
    QByteArray key;
    int size = 0;              // datagram size (0: the mode's minimum; larger tests bigger packets)
};

struct StampSample {
    quint32 sequence = 0;
    bool answered = false;
    qint64 t1 = 0, t2 = 0, t3 = 0, t4 = 0; // ns: sent, reflector received, reflector sent, received
    quint32 reflectorSequence = 0;
    int reflectorSawTtl = -1;              // TTL our packet arrived with at the reflector
    int ttl = -1;                          // TTL the answer arrived with here
    // RFC 8762 round trip without the reflector's turnaround; needs no clock sync.
    double rttMs() const { return double((t4 - t1) - (t3 - t2)) / 1e6; }
    // One-way delays plus the clock offset between the hosts: their changes are real (queueing),
    // their level is only meaningful with synchronised clocks.
    double forwardOffsetMs() const { return double(t2 - t1) / 1e6; }
    double reverseOffsetMs() const { return double(t4 - t3) / 1e6; }
};

struct StampSessionResult {
    std::vector<StampSample> samples; // in sending order
    int sent = 0, answered = 0;
    int rejected = 0;                 // datagrams that were not a valid answer (wrong HMAC, short, stray)
    QString firstRejection;           // why the first one was refused (diagnostics)
    QString timestampMethod;
};

// Where a session's packets go and its answers come from: its own socket to one reflector (the
// CLI), or the mesh endpoint's shared socket, directly or through a TURN relay.
class StampPath {
public:
    virtual ~StampPath() = default;
    virtual core::Result<void> send(const QByteArray &packet) = 0;
    virtual bool waitReadable(int timeoutMs) = 0;
    virtual core::Result<std::optional<StampDatagram>> receive() = 0; // nullopt: nothing queued
    virtual bool isFromPeer(const StampDatagram &d) const = 0;
    virtual qint64 nowNs() const = 0;
    virtual QString timestampMethod() const = 0;
};

// Blocking and bounded: returns within count × interval + waitMs. `onSample` sees each answer as it
// arrives (a CLI prints them live). The first form opens a socket of its own to options.host.
core::Result<StampSessionResult> runStampSession(const StampSessionOptions &options,
                                                 const std::function<void(const StampSample &)> &onSample = {});
core::Result<StampSessionResult> runStampSession(const StampSessionOptions &options, StampPath &path,
                                                 const std::function<void(const StampSample &)> &onSample = {});

} // namespace pathlens::collect
