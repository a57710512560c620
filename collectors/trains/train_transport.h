// SPDX-License-Identifier: GPL-3.0-or-later
// Capability interface of single-ended packet trains: ICMP echo requests of a chosen size, back to
// back or at a fixed spacing, with a TTL (the deep diagnosis's hops) and a DSCP mark; every answer
// with its kernel receive stamp, who sent it and the marking our packet reached a hop with.
#pragma once

#include "collectors/trace/trace_transport.h" // RawSocketOpener
#include "core/trains/packet_train.h"

#include <QHostAddress>

#include <memory>

namespace pathlens::collect {

struct TrainSend {
    int packetBytes = 1500;  // IP packet size
    int count = 10;
    int ttl = 0;             // 0: the system default (reach the target)
    qint64 spacingNs = 0;    // 0: back to back
    int waitMs = 1000;       // after the last send, how long answers are still awaited
    // After `count` packets (back to back), this many more `pacedSpacingNs` apart (the paced tail
    // that shows others' traffic: core::PacketTrain::pacedFrom). Data trains only.
    int pacedCount = 0;
    qint64 pacedSpacingNs = 0;
};

struct TrainRun {
    core::PacketTrain train;     // tx: user-space stamp at send; rx: kernel stamp of the answer
    QString answeredBy;          // the address most answers came from (a hop, or the target)
    bool reachedTarget = false;  // answers were echo replies from the target
    std::optional<int> quotedDscp; // the DSCP a hop saw on our packet (time-exceeded answers only)
};

// Owned and used by one thread; the socket lives as long as the object.
class TrainTransport {
public:
    virtual ~TrainTransport() = default;

    // A raw ICMP socket to `target`: this process (CAP_NET_RAW), else pathlens-helper.
    static core::Result<std::unique_ptr<TrainTransport>> open(const QHostAddress &target, int dscp,
                                                              const RawSocketOpener &opener = nullptr);

    // Whether trains can run here: a raw ICMP socket opens (here or through pathlens-helper); the
    // error names the fix.
    static core::Result<void> supported(const RawSocketOpener &opener = nullptr);

    // Blocking and bounded: count × spacing + waitMs (+ the sends).
    virtual core::Result<TrainRun> run(const TrainSend &send) = 0;
    // The largest packet that reaches the target unfragmented: the route's MTU, lowered by
    // "fragmentation needed" answers, stepped down when big echoes go unanswered. Bounded (~6 s).
    virtual core::Result<int> discoverPathMtu() = 0;
    virtual int headerBytes() const = 0; // IP + ICMP header bytes of one packet (28 / 48)
    virtual QString timestampMethod() const = 0;
    virtual QString socketMode() const = 0; // "raw" (this process) or "helper"
};

} // namespace pathlens::collect
