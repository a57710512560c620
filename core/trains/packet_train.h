// SPDX-License-Identifier: GPL-3.0-or-later
// A packet train as measured: each packet's send time and the time its answer (single-ended) or
// the far end (dual-ended) saw it. Analysis takes these values; how they were sent is not its business.
#pragma once

#include <QtGlobal>

#include <optional>
#include <vector>

namespace pathlens::core {

struct TrainPacket {
    qint64 txNs = 0;            // the sender's clock
    std::optional<qint64> rxNs; // the receiving clock (kernel stamp); nullopt: lost
};

struct PacketTrain {
    int packetBytes = 0;             // IP packet size: the bits a dispersion is divided into
    std::vector<TrainPacket> packets; // in sending order
    // Whether txNs is when we sent (back to back). Not for the inbound half of a reflected train:
    // the reflector sends each answer as its packet arrives, at the outbound path's pace.
    bool senderStamped = true;
    // > 0: packets from this index on were sent paced, right behind the back-to-back head, a little
    // faster than the path's capacity: they keep the bottleneck's queue standing, so traffic of
    // others arriving between them is queued between them and widens their gaps (available capacity).
    int pacedFrom = 0;
    int received() const
    {
        int n = 0;
        for (const TrainPacket &p : packets)
            n += p.rxNs ? 1 : 0;
        return n;
    }
    int lost() const { return int(packets.size()) - received(); }
};

// SPEC §2: trains of 1, 5, 10, 20, 30 and 50 packets. A continuous-mode estimate uses one 10-packet
// train (15 KB at 1500 B: ≈ 2 kbit/s once a minute); a one-off measurement uses all of them.
inline constexpr int kTrainLengths[] = {1, 5, 10, 20, 30, 50};
inline constexpr int kContinuousTrainLength = 10;

} // namespace pathlens::core
