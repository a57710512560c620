// SPDX-License-Identifier: GPL-3.0-or-later
// Incremental per-TCP-flow analysis of captured segments: handshake RTT, Karn RTT samples, retransmissions.
#pragma once

#include "core/pcap/pcap_flow.h"
#include "core/pcap/tcp_segment.h"

#include <memory>
#include <vector>

namespace pathlens::core {

// Feed segments in capture order (add), then take the flows (finish). O(1) amortised per segment;
// memory per flow is bounded (RTT samples and outstanding-segment records are capped), so a
// multi-gigabyte file costs memory by its number of flows, not its packets. Owned by one thread;
// knows nothing of files, libpcap or apps. A SYN on a 5-tuple whose flow has closed, or whose sender
// opened with another ISN, starts a new flow.
class TcpFlowAnalyzer {
public:
    TcpFlowAnalyzer();
    ~TcpFlowAnalyzer();
    TcpFlowAnalyzer(const TcpFlowAnalyzer &) = delete;
    TcpFlowAnalyzer &operator=(const TcpFlowAnalyzer &) = delete;

    void add(const TcpSegment &segment);
    std::vector<PcapFlow> finish(); // in order of each flow's first packet; the analyzer is then empty

    quint64 segmentsSeen() const;
    size_t outstandingCapacity() const; // RTT records allocated over all flows (to test the memory bound)

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace pathlens::core
