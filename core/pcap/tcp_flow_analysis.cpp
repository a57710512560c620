// SPDX-License-Identifier: GPL-3.0-or-later
// Per-flow TCP state machine over captured segments: sequence tracking, Karn RTT, retransmission classes.
#include "core/pcap/tcp_flow_analysis.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <limits>

namespace pathlens::core {

namespace {

// Bounds that keep memory per flow flat (see the class comment). Past them we lose RTT samples or
// the exact reordering/retransmission split on pathological flows, never counts of segments or bytes.
constexpr size_t kMaxOutstanding = 8192; // unacknowledged segments timed for RTT: 11 MB in flight at 1448 B
// Until the peer's first ACK: a capture of one direction only (or of a peer that never answers) would
// otherwise fill every flow's queue, 8192 × 32 B per flow. A live handshake is ACKed within a round trip.
constexpr size_t kMaxOutstandingUnacked = 512;
constexpr size_t kMaxSeenRanges = 64;    // disjoint received ranges above the cumulative ACK (SACK-like holes)
constexpr quint32 kDupAckThreshold = 3;  // RFC 5681 §3.2 fast retransmit

// An address's 16 bytes as two big-endian words: compared as numbers they order as memcmp does,
// without a call into libc on every packet.
inline std::pair<quint64, quint64> addressWords(const std::array<quint8, 16> &ip)
{
    return {qFromBigEndian<quint64>(ip.data()), qFromBigEndian<quint64>(ip.data() + 8)};
}

struct FlowKey {
    std::array<quint8, 16> a{}, b{};
    quint16 aPort = 0, bPort = 0;
    bool ipv6 = false;
    bool operator==(const FlowKey &o) const
    {
        return addressWords(a) == addressWords(o.a) && addressWords(b) == addressWords(o.b) && aPort == o.aPort && bPort == o.bPort
               && ipv6 == o.ipv6;
    }
};

struct FlowKeyHash {
    size_t operator()(const FlowKey &k) const
    {
        // Mix the 16-byte words with a 64-bit multiplier (splitmix64's); endpoints are canonically ordered.
        quint64 w[4];
        std::memcpy(w, k.a.data(), 16);
        std::memcpy(w + 2, k.b.data(), 16);
        quint64 h = (quint64(k.aPort) << 17) ^ (quint64(k.bPort) << 1) ^ quint64(k.ipv6);
        for (quint64 x : w) {
            h ^= x + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
            h *= 0xBF58476D1CE4E5B9ULL;
            h ^= h >> 31;
        }
        return size_t(h);
    }
};

// The flow table's index: open addressing over 8-byte slots (a hash tag and a flow number), so a
// lookup reads one small array (a few KiB per thousand flows, cache-resident) and then the flow,
// where the whole key is compared — the flow is read next anyway. std::unordered_map chased a heap
// node per packet, a cache miss with thousands of interleaved flows. Slots are never removed (a flow
// number is only re-pointed to a newer flow of the same 5-tuple).
class FlowIndex {
public:
    static constexpr quint32 kNone = 0xFFFFFFFF;

    // The slot of `key` (hash `hash`): *found says whether it holds a flow number; if not, the caller
    // must store one there before the next call. `keyOf(n)` is flow n's key (to compare, and to rehash).
    template <class KeyOf>
    quint32 &find(const FlowKey &key, size_t hash, const KeyOf &keyOf, bool *found)
    {
        if ((m_used + 1) * 2 > m_slots.size())
            grow(keyOf);
        const size_t mask = m_slots.size() - 1;
        const quint32 tag = quint32(hash >> 32);
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot &s = m_slots[i];
            if (s.flow == kNone) {
                ++m_used;
                s.tag = tag;
                *found = false;
                return s.flow;
            }
            if (s.tag == tag && keyOf(s.flow) == key) {
                *found = true;
                return s.flow;
            }
        }
    }

private:
    struct Slot {
        quint32 tag = 0, flow = kNone;
    };
    template <class KeyOf>
    void grow(const KeyOf &keyOf)
    {
        std::vector<Slot> old(m_slots.empty() ? 1024 : m_slots.size() * 2);
        old.swap(m_slots);
        const size_t mask = m_slots.size() - 1;
        for (const Slot &o : old) {
            if (o.flow == kNone)
                continue;
            size_t i = FlowKeyHash{}(keyOf(o.flow)) & mask;
            while (m_slots[i].flow != kNone)
                i = (i + 1) & mask;
            m_slots[i] = o;
        }
    }

    std::vector<Slot> m_slots; // size a power of two, at most half used
    size_t m_used = 0;
};

// One data segment awaiting its ACK, in the sender's unwrapped sequence space.
struct Outstanding {
    qint64 startRel = 0, endRel = 0;
    qint64 tsNs = 0;         // its latest transmission (a resent copy moves it)
    qint64 lateBelowNs = -1; // latest (re)send of bytes below it not carried by the records before it
    bool retransmitted = false;
    bool partlyAcked = false; // an ACK ended inside it: a later one ending at it is a duplicate (tcptrace)
};

// A FIFO in a ring of power-of-two capacity: O(1) per push and pop, nothing allocated for a flow that
// never sends data, and the capacity never exceeds the most records held at once (rounded up to a power
// of two, so ≤ kMaxOutstanding). A queue that empties with a large ring gives it back, so a flow
// costs memory by what is in flight now, not by its busiest moment.
class OutstandingQueue {
public:
    bool empty() const { return m_size == 0; }
    size_t size() const { return m_size; }
    size_t capacity() const { return m_ring.size(); }
    Outstanding &front() { return m_ring[m_head]; }
    void popFront()
    {
        m_head = (m_head + 1) & (m_ring.size() - 1);
        if (--m_size == 0 && m_ring.size() > kShrinkAbove)
            release();
    }
    // Holds at most `limit` records (a power of two ≤ kMaxOutstanding): the oldest then loses its sample.
    // The evicted record's latest send (a resend moves it) passes to the next one as a send below it,
    // so the ACK that ends there still knows it waited for that copy.
    void pushBack(const Outstanding &o, size_t limit)
    {
        qint64 evictedLateNs = -1;
        while (m_size >= limit) {
            evictedLateNs = std::max({evictedLateNs, front().tsNs, front().lateBelowNs});
            popFront(); // counts are unaffected
        }
        if (m_size == m_ring.size())
            grow();
        m_ring[(m_head + m_size) & (m_ring.size() - 1)] = o;
        ++m_size;
        front().lateBelowNs = std::max(front().lateBelowNs, evictedLateNs);
    }
    // Bytes [start, end) were sent (again) at tsNs below what was already sent: records overlapping
    // them are retransmitted (Karn: their ACKs are ambiguous) and now date from tsNs; the first record
    // above learns that something below it left later than it did. Records are sorted by endRel.
    void noteLateSend(qint64 start, qint64 end, qint64 tsNs, bool retransmission)
    {
        size_t lo = 0, hi = m_size; // first record with endRel > start
        while (lo < hi) {
            const size_t mid = lo + (hi - lo) / 2;
            if (at(mid).endRel > start)
                hi = mid;
            else
                lo = mid + 1;
        }
        size_t i = lo;
        for (; i < m_size && at(i).startRel < end; ++i) {
            if (retransmission) {
                at(i).retransmitted = true;
                at(i).tsNs = std::max(at(i).tsNs, tsNs);
            }
        }
        if (i < m_size)
            at(i).lateBelowNs = std::max(at(i).lateBelowNs, tsNs);
    }
    void release()
    {
        std::vector<Outstanding>().swap(m_ring);
        m_head = m_size = 0;
    }

private:
    static constexpr size_t kShrinkAbove = 64; // a ring this small is kept for the next burst
    Outstanding &at(size_t i) { return m_ring[(m_head + i) & (m_ring.size() - 1)]; }
    void grow()
    {
        std::vector<Outstanding> bigger(m_ring.empty() ? 8 : m_ring.size() * 2);
        for (size_t i = 0; i < m_size; ++i)
            bigger[i] = at(i);
        m_ring.swap(bigger);
        m_head = 0;
    }

    std::vector<Outstanding> m_ring; // size() is the capacity, a power of two (or 0)
    size_t m_head = 0, m_size = 0;
};

// One side's sequence space and what the capture saw of it.
struct Side {
    std::array<quint8, 16> ip{};
    quint16 port = 0;

    // 32-bit sequence numbers unwrapped to 64 bits, relative to the first one seen.
    bool haveBase = false;
    quint32 lastSeq = 0;
    qint64 lastRel = 0;

    bool haveIsn = false; // the sequence number of this side's first SYN (its ISN)
    quint32 isn = 0;

    bool anySent = false;
    qint64 highestEnd = 0;                                 // highest sequence end this side sent
    qint64 floor = std::numeric_limits<qint64>::min();    // every byte below counts as seen
    std::vector<std::pair<qint64, qint64>> seen;           // disjoint [start, end) above floor, sorted
    OutstandingQueue outstanding;
    qint64 newestAckedSendNs = -1; // the latest transmission of any byte acknowledged so far

    // What the peer's ACKs said about this side's data.
    bool acked = false;
    qint64 ackRel = 0;
    quint16 ackWindow = 0;
    quint32 dupAcks = 0;
    bool sackValid = false;
    qint64 sackHighRel = 0;       // highest SACKed byte end above the cumulative ACK
    qint64 holeSignalTsNs = -1;   // when the peer first reported a hole (dup ACK or SACK) at this ACK

    FlowDirection out;

    // Unwraps a sequence number this side sent (advancing the reference).
    qint64 unwrap(quint32 seq)
    {
        if (!haveBase) {
            haveBase = true;
            lastSeq = seq;
            lastRel = 0;
            return 0;
        }
        const qint64 rel = lastRel + qint32(seq - lastSeq);
        if (rel > lastRel) {
            lastRel = rel;
            lastSeq = seq;
        }
        return rel;
    }
    // Unwraps a number the peer quoted (ACK, SACK edge) without moving the reference.
    qint64 quoted(quint32 seq)
    {
        if (!haveBase)
            return unwrap(seq); // only the peer's half of the conversation was captured so far
        return lastRel + qint32(seq - lastSeq);
    }

    qint64 seenOverlap(qint64 start, qint64 end) const
    {
        qint64 bytes = 0;
        if (start < floor)
            bytes += std::min(end, floor) - start;
        for (const auto &[s, e] : seen) {
            if (s >= end)
                break;
            const qint64 lo = std::max(std::max(s, start), floor), hi = std::min(e, end);
            if (hi > lo)
                bytes += hi - lo;
        }
        return bytes;
    }

    void absorbIntoFloor()
    {
        while (!seen.empty() && seen.front().first <= floor) {
            floor = std::max(floor, seen.front().second);
            seen.erase(seen.begin());
        }
    }

    void raiseFloor(qint64 to)
    {
        if (to <= floor)
            return;
        floor = to;
        absorbIntoFloor();
    }

    void markSeen(qint64 start, qint64 end)
    {
        if (end <= floor)
            return;
        start = std::max(start, floor);
        // The common cases first: in order right at the floor, or extending (or past) the highest range.
        if (seen.empty() && start == floor) {
            floor = end;
            return;
        }
        if (!seen.empty() && start >= seen.back().first) {
            if (start <= seen.back().second)
                seen.back().second = std::max(seen.back().second, end);
            else
                seen.emplace_back(start, end);
            absorbIntoFloor();
            if (seen.size() > kMaxSeenRanges)
                raiseFloor(seen.front().second);
            return;
        }
        auto it = std::lower_bound(seen.begin(), seen.end(), start,
                                   [](const std::pair<qint64, qint64> &r, qint64 s) { return r.second < s; });
        qint64 s = start, e = end;
        auto last = it;
        while (last != seen.end() && last->first <= e) {
            s = std::min(s, last->first);
            e = std::max(e, last->second);
            ++last;
        }
        it = seen.erase(it, last);
        seen.insert(it, {s, e});
        absorbIntoFloor();
        if (seen.size() > kMaxSeenRanges)
            raiseFloor(seen.front().second); // the oldest hole is forgotten (counted as seen)
    }
};

struct Flow {
    FlowKey key;  // first: the index compares it, then the fields below are read on the same lines
    bool sideZeroIsKeyA = true;
    bool ipv6 = false;
    qint64 firstTsNs = 0, lastTsNs = 0;

    int synSender = -1;          // side index of the client once a SYN or SYN/ACK shows it
    qint64 lastSynTsNs = -1;     // last SYN before the first SYN/ACK (the one most likely answered)
    qint64 lastSynAckTsNs = -1;  // last SYN/ACK before the handshake's ACK
    quint32 synAckSeq = 0;
    qint64 synToSynAckNs = -1, synAckToAckNs = -1;

    Side side[2]; // side[0] sent the flow's first captured packet

    // The capture → `s` → capture round trip: the least time between the peer's loss report passing
    // the capture point and `s`'s resent copy passing it. From the handshake (the client's leg is
    // SYN/ACK→ACK, the server's SYN→SYN/ACK), else the fastest ACK `s` gave to the peer's data; -1 unknown.
    qint64 legNs(int s) const
    {
        if (synSender >= 0) {
            const qint64 leg = s == synSender ? synAckToAckNs : synToSynAckNs;
            if (leg >= 0)
                return leg;
        }
        const RttSamples &peerData = side[1 - s].out.rtt;
        return peerData.count ? qint64(peerData.minMs * 1e6) : -1;
    }

    bool closed() const
    {
        return side[0].out.rstSeen || side[1].out.rstSeen || (side[0].out.finSeen && side[1].out.finSeen);
    }
};

FlowKey keyOf(const TcpSegment &s, bool *srcIsA)
{
    FlowKey k;
    k.ipv6 = s.ipv6;
    const auto src = addressWords(s.srcIp), dst = addressWords(s.dstIp);
    *srcIsA = src < dst || (src == dst && s.srcPort <= s.dstPort);
    if (*srcIsA) {
        k.a = s.srcIp, k.aPort = s.srcPort, k.b = s.dstIp, k.bPort = s.dstPort;
    } else {
        k.a = s.dstIp, k.aPort = s.dstPort, k.b = s.srcIp, k.bPort = s.srcPort;
    }
    return k;
}

void noteHandshake(Flow &f, int from, const TcpSegment &seg)
{
    const bool syn = seg.has(TcpSyn), ack = seg.has(TcpAck);
    if (syn && !ack) {
        if (f.synSender < 0)
            f.synSender = from;
        if (from == f.synSender && f.lastSynAckTsNs < 0)
            f.lastSynTsNs = seg.tsNs;
        return;
    }
    if (syn && ack) {
        if (f.synSender < 0)
            f.synSender = 1 - from; // the SYN was not captured: the SYN/ACK's receiver is the client
        if (from == f.synSender || f.synAckToAckNs >= 0)
            return;
        if (f.synToSynAckNs < 0 && f.lastSynTsNs >= 0)
            f.synToSynAckNs = seg.tsNs - f.lastSynTsNs;
        f.lastSynAckTsNs = seg.tsNs;
        f.synAckSeq = seg.seq;
        return;
    }
    if (ack && from == f.synSender && f.synAckToAckNs < 0 && f.lastSynAckTsNs >= 0 && seg.ack == f.synAckSeq + 1)
        f.synAckToAckNs = seg.tsNs - f.lastSynAckTsNs;
}

// The data this side sent: bytes, retransmission or reordering, RTT bookkeeping. `legNs` is
// Flow::legNs for this side.
//
// Retransmission rule (tcptrace's, extended for captures taken downstream of the loss):
//  - a segment carrying any byte already seen (or already acknowledged) is a retransmission;
//  - a segment of bytes never seen, below the highest sequence sent, fills a hole. It is a
//    retransmission of a copy lost before the capture point when the receiver had reported that hole
//    (duplicate ACK or SACK) at least one capture → sender → capture round trip earlier — the soonest a
//    resent copy can pass the capture point — or, with no round trip known, after ≥ 3 duplicate ACKs
//    or a SACK. Any other hole fill is reordering (outOfOrder), never a retransmission.
void onData(Side &me, const TcpSegment &seg, qint64 legNs)
{
    const qint64 synLen = seg.has(TcpSyn) ? 1 : 0;
    const qint64 seqLen = qint64(seg.payloadLen) + synLen + (seg.has(TcpFin) ? 1 : 0);
    const qint64 start = me.unwrap(seg.seq), end = start + seqLen;
    me.out.totalBytes += seg.payloadLen;
    if (seg.payloadLen)
        ++me.out.dataSegments;

    // A keep-alive re-sends the last byte (or nothing) one below what was sent (RFC 9293 §3.8.4):
    // neither a retransmission nor new data.
    // Only once the peer has acknowledged everything: a lost one-byte request resent by its timer
    // sits at the same place and is a retransmission (tcptrace counts it; its ACK is no RTT sample).
    const bool keepAlive = me.anySent && seg.payloadLen <= 1 && synLen == 0 && !seg.has(TcpFin)
                           && start == me.highestEnd - 1 && me.acked && me.ackRel >= me.highestEnd;
    if (keepAlive)
        return;
    // A zero-window probe (RFC 9293 §3.8.6.1) pushes a byte against the peer's closed window; like
    // tcptrace we leave it out of retransmissions and unique bytes (the byte is sent again once open).
    const bool windowProbe = me.acked && me.ackWindow == 0 && synLen == 0 && seg.payloadLen > 0;
    if (windowProbe)
        return;

    const qint64 payloadStart = start + synLen, payloadEnd = payloadStart + seg.payloadLen;
    const qint64 payloadSeen = seg.payloadLen ? me.seenOverlap(payloadStart, payloadEnd) : 0;
    me.out.uniqueBytes += quint64(qint64(seg.payloadLen) - payloadSeen);

    const bool signalled = me.dupAcks >= kDupAckThreshold || (me.sackValid && me.sackHighRel > start);
    const bool seenBefore = me.anySent && me.seenOverlap(start, end) > 0;
    const bool holeFill = !seenBefore && me.anySent && start < me.highestEnd;
    const bool lostUpstream = holeFill && me.holeSignalTsNs >= 0
                              && (legNs >= 0 ? seg.tsNs - me.holeSignalTsNs >= legNs : signalled);
    if (seenBefore || lostUpstream) {
        // Fast: the receiver had signalled the loss (≥ 3 duplicate ACKs for the current cumulative ACK,
        // or SACK blocks above this segment); otherwise the sender's timer fired (RTO).
        ++(signalled ? me.out.retransFast : me.out.retransRto);
        me.outstanding.noteLateSend(start, end, seg.tsNs, true);
    } else if (holeFill) {
        ++me.out.outOfOrder; // bytes never seen before, below the highest sent: reordered, not resent
        me.outstanding.noteLateSend(start, end, seg.tsNs, false);
    } else {
        me.outstanding.pushBack(Outstanding{start, end, seg.tsNs, false}, me.acked ? kMaxOutstanding : kMaxOutstandingUnacked);
    }
    me.markSeen(start, end);
    me.highestEnd = me.anySent ? std::max(me.highestEnd, end) : end;
    me.anySent = true;
}

// An ACK (with any SACK blocks) the peer sent about `d`'s data.
void onAck(Side &d, const TcpSegment &seg)
{
    const qint64 ackRel = d.quoted(seg.ack);
    const bool pure = seg.payloadLen == 0 && !(seg.flags & (TcpSyn | TcpFin | TcpRst));
    if (!d.acked || ackRel > d.ackRel) {
        d.acked = true;
        d.ackRel = ackRel;
        d.dupAcks = 0;
        // Karn's rule as tcptrace applies it: the ACK times only the segment it ends at exactly
        // (ack = its last byte + 1), and only if that segment was sent once and no byte below it left
        // later than it did (a resent or late hole below: the ACK waited for that copy, so it says
        // nothing about this one — tcptrace's "intervening transmissions"). Segments it covers
        // cumulatively, segments an earlier ACK covered in part, and duplicate ACKs give no sample.
        qint64 newestBelow = d.newestAckedSendNs;
        while (!d.outstanding.empty() && d.outstanding.front().endRel <= ackRel) {
            const Outstanding o = d.outstanding.front();
            d.outstanding.popFront();
            newestBelow = std::max(newestBelow, o.lateBelowNs);
            if (o.endRel == ackRel && !o.retransmitted && !o.partlyAcked && newestBelow <= o.tsNs && seg.tsNs >= o.tsNs)
                d.out.rtt.add(double(seg.tsNs - o.tsNs) / 1e6);
            newestBelow = std::max(newestBelow, o.tsNs);
        }
        d.newestAckedSendNs = newestBelow;
        if (!d.outstanding.empty() && d.outstanding.front().startRel < ackRel)
            d.outstanding.front().partlyAcked = true; // acknowledged in part (e.g. one of a TSO segment's MSS)
        d.raiseFloor(ackRel);
        if (d.sackValid && d.sackHighRel <= ackRel)
            d.sackValid = false;
        d.holeSignalTsNs = d.sackValid ? seg.tsNs : -1; // SACKed data still above: a hole at the new ACK
    } else if (ackRel == d.ackRel && pure && seg.window == d.ackWindow && d.highestEnd > ackRel) {
        ++d.dupAcks; // RFC 5681 §2: same ACK, no data, same window, while data is outstanding
        if (d.holeSignalTsNs < 0)
            d.holeSignalTsNs = seg.tsNs;
    }
    d.ackWindow = seg.window;
    for (int i = 0; i < seg.options.sackCount; ++i) {
        const qint64 left = d.quoted(seg.options.sack[i].left), right = d.quoted(seg.options.sack[i].right);
        if (right <= left || right <= ackRel)
            continue; // a D-SACK (RFC 2883) or a stale block says nothing about a hole
        if (!d.sackValid || right > d.sackHighRel) {
            d.sackValid = true;
            d.sackHighRel = right;
        }
        if (d.holeSignalTsNs < 0)
            d.holeSignalTsNs = seg.tsNs;
    }
}

// Where the capture sits. At the client, SYN→SYN/ACK spans the whole path while SYN/ACK→ACK is the
// client's own turnaround (microseconds); at the server it is the other way round; in the middle,
// the longer leg is the side farther from the capture. Without a handshake the per-direction minimum
// Karn samples stand in for the legs (minimums, because delayed ACKs inflate the receiver's leg).
CapturePoint capturePointOf(const PcapFlow &f)
{
    if (f.synToSynAckNs >= 0 && f.synAckToAckNs >= 0 && f.synToSynAckNs != f.synAckToAckNs)
        return f.synToSynAckNs > f.synAckToAckNs ? CapturePoint::ClientSide : CapturePoint::ServerSide;
    if (f.fromClient.rtt.count && f.fromServer.rtt.count && f.fromClient.rtt.minMs != f.fromServer.rtt.minMs)
        return f.fromClient.rtt.minMs > f.fromServer.rtt.minMs ? CapturePoint::ClientSide : CapturePoint::ServerSide;
    return CapturePoint::Unknown;
}

PcapFlow toPcapFlow(Flow &f)
{
    PcapFlow p;
    int client = 0;
    if (f.synSender >= 0) {
        client = f.synSender;
        p.clientBy = ClientBy::Syn;
    } else {
        // No handshake: servers listen on the well-known (lower) port, clients on an ephemeral one.
        client = f.side[1].port > f.side[0].port ? 1 : 0;
        p.clientBy = ClientBy::PortHeuristic;
    }
    Side &c = f.side[client], &s = f.side[1 - client];
    p.ipv6 = f.ipv6;
    p.clientIp = c.ip;
    p.serverIp = s.ip;
    p.clientPort = c.port;
    p.serverPort = s.port;
    p.firstTsNs = f.firstTsNs;
    p.lastTsNs = f.lastTsNs;
    p.synToSynAckNs = f.synToSynAckNs;
    p.synAckToAckNs = f.synAckToAckNs;
    p.fromClient = std::move(c.out);
    p.fromServer = std::move(s.out);
    p.capturePoint = capturePointOf(p);
    return p;
}

} // namespace

struct TcpFlowAnalyzer::State {
    std::vector<Flow> flows; // creation order = order of first packet
    FlowIndex index;
    quint64 segments = 0;
};

TcpFlowAnalyzer::TcpFlowAnalyzer() : m_state(std::make_unique<State>()) {}
TcpFlowAnalyzer::~TcpFlowAnalyzer() = default;

quint64 TcpFlowAnalyzer::segmentsSeen() const { return m_state->segments; }

void TcpFlowAnalyzer::add(const TcpSegment &seg)
{
    State &st = *m_state;
    ++st.segments;
    bool srcIsA = true;
    const FlowKey key = keyOf(seg, &srcIsA);
    bool found = false;
    quint32 &flowNo = st.index.find(key, FlowKeyHash{}(key), [&st](quint32 n) -> const FlowKey & { return st.flows[n].key; }, &found);
    bool newConnection = false;
    if (found && seg.has(TcpSyn) && !seg.has(TcpAck)) {
        // A bare SYN opens a new connection on a closed 5-tuple, or on any whose sender opened with
        // another ISN (RFC 9293 §3.4.1: a reused port, the old connection half-closed or idle); a
        // resent SYN carries the same ISN and stays in its flow.
        const Flow &old = st.flows[flowNo];
        const Side &sender = old.side[srcIsA == old.sideZeroIsKeyA ? 0 : 1];
        newConnection = old.closed() || (sender.haveIsn && sender.isn != seg.seq);
    }
    if (!found || newConnection) {
        if (newConnection) {
            // The old connection keeps its counts; its timing records are no longer needed.
            st.flows[flowNo].side[0].outstanding.release();
            st.flows[flowNo].side[1].outstanding.release();
        }
        flowNo = quint32(st.flows.size());
        Flow f;
        f.key = key;
        f.sideZeroIsKeyA = srcIsA;
        f.ipv6 = seg.ipv6;
        f.side[0].ip = seg.srcIp;
        f.side[0].port = seg.srcPort;
        f.side[1].ip = seg.dstIp;
        f.side[1].port = seg.dstPort;
        f.firstTsNs = f.lastTsNs = seg.tsNs;
        st.flows.push_back(std::move(f));
    }
    Flow &f = st.flows[flowNo];
    const int from = srcIsA == f.sideZeroIsKeyA ? 0 : 1;
    f.firstTsNs = std::min(f.firstTsNs, seg.tsNs);
    f.lastTsNs = std::max(f.lastTsNs, seg.tsNs);

    Side &me = f.side[from], &peer = f.side[1 - from];
    ++me.out.segments;
    if (seg.has(TcpSyn) && seg.options.mss)
        me.out.mss = seg.options.mss;
    if (seg.has(TcpSyn) && !me.haveIsn) {
        me.haveIsn = true;
        me.isn = seg.seq;
    }
    if (seg.has(TcpFin))
        me.out.finSeen = true;
    if (seg.has(TcpRst))
        me.out.rstSeen = true;
    noteHandshake(f, from, seg);
    if (seg.payloadLen || (seg.flags & (TcpSyn | TcpFin)))
        onData(me, seg, f.legNs(from));
    if (seg.has(TcpAck) && !seg.has(TcpRst))
        onAck(peer, seg);
    if (seg.has(TcpRst)) { // nothing after a reset is timed: its records are dead weight
        me.outstanding.release();
        peer.outstanding.release();
    } else if (f.closed()) { // both FINs: keep only what still awaits its last ACKs
        for (Side &side : f.side)
            if (side.outstanding.empty())
                side.outstanding.release();
    }
}

size_t TcpFlowAnalyzer::outstandingCapacity() const
{
    size_t records = 0;
    for (const Flow &f : m_state->flows)
        records += f.side[0].outstanding.capacity() + f.side[1].outstanding.capacity();
    return records;
}

std::vector<PcapFlow> TcpFlowAnalyzer::finish()
{
    State &st = *m_state;
    std::vector<PcapFlow> out;
    out.reserve(st.flows.size());
    for (Flow &f : st.flows)
        out.push_back(toPcapFlow(f));
    m_state = std::make_unique<State>();
    return out;
}

} // namespace pathlens::core
