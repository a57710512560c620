// SPDX-License-Identifier: GPL-3.0-or-later
// TCP accelerator (performance-enhancing proxy, PEP) detection from QUIC and TCP connect medians (SPEC §2).
#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace pathlens::core {

// SPEC §2: QUIC p50 / TCP connect p50 ≥ 5× to the same target, at least 10 answered probes of each,
// only on a GEO satellite link (median RTT > 400 ms, the GEO latch of quality_tiers.h).
inline constexpr double kPepMinRatio = 5.0;
inline constexpr int kPepMinSamples = 10;

// One side of the comparison: a series' median handshake time and how many probes it rests on.
struct PepSeries {
    QString target;        // as probed (QUIC: HOST[:PORT]); empty for every target pooled
    QStringList addresses; // QUIC: the addresses its probes went to (notes addr=), for matching a TCP target
    double p50Ms = 0;
    int samples = 0;       // answered probes
};

struct PepInput {
    std::vector<PepSeries> quic, tcp; // one per internet target (the gateway's series are not the path)
    PepSeries allQuic, allTcp;        // every answered probe of each kind pooled (the fallback)
    bool geo = false;                 // the link is GEO (the latch: never downgraded)
};

struct PepEvidence {
    enum class Basis { SharedTarget, AllTargets };
    Basis basis = Basis::SharedTarget;
    QString target;                 // shared: the host both probes reached; all targets: empty
    QString quicTarget, tcpTarget;  // the series compared (all targets: empty)
    double quicP50Ms = 0, tcpP50Ms = 0;
    int quicSamples = 0, tcpSamples = 0;
    double ratio = 0; // quicP50Ms / tcpP50Ms (0 when TCP has no median)
    bool operator==(const PepEvidence &) const = default;
};

struct PepVerdict {
    bool detected = false;
    // The comparison the verdict rests on; nullopt when there was nothing to compare (no QUIC or
    // no TCP answer). Present on a non-GEO link too: the ratio is worth reading, it just proves nothing.
    std::optional<PepEvidence> evidence;
    bool operator==(const PepVerdict &) const = default;
};

// Whether a TCP series and a QUIC series show a TCP accelerator by the numbers alone (ratio and
// sample counts; the GEO condition is the caller's).
bool pepRatioMet(const PepSeries &quic, const PepSeries &tcp);

// Prefers a shared target: a QUIC series whose host, or an address its probes went to, is a TCP
// connect target (the same far end, so the routes match). Among shared pairs a detecting pair wins,
// then the highest ratio. Only when no target is shared: every QUIC probe against every TCP probe
// (less exact: different targets can sit at different distances). Detected only on a GEO link:
// elsewhere a high ratio usually means the QUIC target is farther away or QUIC is throttled.
PepVerdict detectPep(const PepInput &input);

} // namespace pathlens::core
