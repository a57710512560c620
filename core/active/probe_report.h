// SPDX-License-Identifier: GPL-3.0-or-later
// Active-probe analysis, fed sample by sample: per (probe, target) statistics, loss bursts, quality
// tiers, the ICMP-proxy and TCP-proxy (PEP) verdicts and the gateway-vs-internet comparison. Takes
// values, never rows.
#pragma once

#include "core/active/pep_detection.h"
#include "core/active/probe_analysis.h"
#include "core/active/probe_sample.h"
#include "core/active/quality_tiers.h"

#include <map>
#include <optional>
#include <vector>

namespace pathlens::core {

// HTTP HEAD extras of one series, from the samples' notes (medians over the probes that had the phase).
struct HttpSeriesSummary {
    std::optional<double> dnsMs, connectMs, tlsMs, firstByteMs; // medians; dns/connect/tls: new connections only
    qint64 connections = 0, reused = 0;   // probes that opened a connection / reused a kept one
    std::vector<std::pair<QString, QString>> lastHeaders; // status, via, x-cache, … of the latest answer
    QString lastError;                    // of the latest failed probe, if any
};

// QUIC handshake extras of one series, from the samples' notes (the latest answer's, and the lookups).
struct QuicSeriesSummary {
    std::optional<double> dnsMs;   // median name-lookup time (host-name targets only)
    QString version, alpn, cert;   // of the latest completed handshake ("1", "h3", "trusted")
    QStringList addresses;         // every address the probes went to (notes addr=), for the PEP's shared target
    QString lastError;             // of the latest failed probe: blocked, refused, tls, version, timeout, …
};

struct ProbeSeriesSummary {
    QString probe, target; // stored identifiers (probe: see probe_kind.h for the names people read)
    ProbeStats stats;
    QString mode; // "dgram" / "raw" / "helper" for ICMP, from the samples' notes
    bool gateway = false;                  // probes the default gateway (the local leg)
    std::optional<HttpSeriesSummary> http; // http_head only
    std::optional<QuicSeriesSummary> quic; // quic only
    QString lastError;                     // dns_system (and http_head, quic): the latest failure's error note
};

struct BurstRecord {
    QString probe, target;
    LossBurst burst;
    // Still going on: no probe of its series has answered since, and no row records it yet (the
    // collector writes one when an answer ends the burst or the capture stops). Live captures only.
    bool ongoing = false;
};

// Median RTT of one probe kind on each leg: the best-placed target of each (for the bars).
struct ProtocolComparison {
    QString probe;
    std::optional<double> gatewayP50Ms, internetP50Ms;
    bool operator==(const ProtocolComparison &) const = default;
};

struct ProbeReport {
    std::vector<ProbeSeriesSummary> series; // sorted by probe then target
    std::vector<BurstRecord> bursts;        // in the order they were recorded
    std::vector<ProtocolComparison> comparison; // internet kinds first (sorted), then gateway-only kinds
    QString icmpMode;                       // how ICMP was sent ("" when no ICMP series)
    bool icmpProxied = false;               // then latency ratings use HTTP (SPEC §2)
    double icmpP50Ms = 0, otherP50Ms = 0;   // the evidence for the proxy banner
    PepVerdict pep;                         // a TCP accelerator on the path (SPEC §2): banner and bar chip
    bool geo = false;                       // the GEO latch: ICMP (or HTTP) or QUIC median > 400 ms
    std::optional<Tier> latency, loss, overall;
};

// Not thread-safe. Keeps every observation (statistics are exact), recomputing only the series
// that changed since the last report().
class ProbeReportBuilder {
public:
    void add(const ProbeSample &sample);
    void addBurst(const BurstRecord &burst);
    ProbeReport report(); // recorded bursts, then the ones still going on (ongoing = true)
    bool empty() const { return m_series.empty() && m_bursts.empty(); }

private:
    struct HttpAccumulator {
        std::vector<double> dns, connect, tls, firstByte;
        qint64 connections = 0, reused = 0;
        TimestampUs headersAt = -1;
        std::vector<std::pair<QString, QString>> headers;
    };
    // Each collector run numbers its probes from 0 again. Runs become consecutive segments of one
    // virtual sequence, so loss and jitter never mix them up: a sequence number below the segment's
    // first or seen before in it starts the next segment.
    struct SeqSegments {
        qint64 offset = 0;       // virtual sequence of the current segment's first number
        qint64 base = 0, max = -1;
        std::vector<bool> seen;  // by seq − base
        qint64 toVirtual(qint64 seq);
    };
    struct QuicAccumulator {
        std::vector<double> dns;
        TimestampUs latestAt = -1;
        QString version, alpn, cert;
        QStringList addresses;
    };
    struct Series {
        std::vector<ProbeObservation> observations; // seq is the virtual sequence
        SeqSegments segments;
        bool notesChecked = false;
        QString mode;
        bool gateway = false;
        std::optional<HttpAccumulator> http;
        std::optional<QuicAccumulator> quic;
        TimestampUs lastErrorAt = -1;
        QString lastError;
        bool dirty = true;
        ProbeSeriesSummary summary; // as of the last report()
    };
    PepInput pepInput(const ProbeReport &report, bool geo) const;
    std::vector<BurstRecord> ongoingBursts() const;

    std::map<std::pair<QString, QString>, Series> m_series;
    std::vector<BurstRecord> m_bursts;
    std::map<std::pair<QString, QString>, TimestampUs> m_recordedThrough; // per series: the last recorded burst's end
};

} // namespace pathlens::core
