// SPDX-License-Identifier: GPL-3.0-or-later
// Where the active probes point: embedded defaults, a config file, and the lab/test override.
#pragma once

#include "core/base/result.h"

#include <QStringList>

#include <optional>

namespace pathlens::core {

struct ProbeTargets {
    QString gateway = QStringLiteral("auto"); // "auto", "off" or an address
    QStringList internet;   // ICMP / TCP targets
    QStringList resolvers;  // UDP DNS targets
    QStringList httpHosts;  // QUIC handshake targets, HOST[:PORT] (port 443 by default): host names (SNI)
    QStringList httpUrls;   // HTTP HEAD targets: http:// or https:// URLs (CDN and canary)
    QString dnsName;        // name resolved through the system resolver (and asked by UDP DNS)
    QString traceTarget;    // periodic traceroute target
    QString source = QStringLiteral("embedded defaults"); // where these came from, shown in the UI
    // Extra trust for HTTPS probes of lab or self-hosted servers; not targets, so the override keeps them.
    QString httpCaFile;            // PEM CA (or self-signed server) certificates
    QStringList httpPinsSha256;    // hex SHA-256 of trusted server certificates (DER)

    QStringList all() const; // every host a probe may contact (gateway excluded; URLs as their host)
};

// Right for users; never used on the development and CI machines (see targetsFromEnvironment).
ProbeTargets embeddedTargets();

// Environment switch PATHLENS_TARGETS replaces every default target:
//   "loopback"      → 127.0.0.1 for every role (HTTP: http://127.0.0.1/), system DNS name
//                     "localhost", gateway off
//   "h1,h2,..."     → those hosts for every role (HTTP: http://HOST/), DNS name "localhost", gateway off
//   entries "http://…" / "https://…" are HTTP HEAD URLs only (they replace the http://HOST/ ones),
//   entries "quic:HOST[:PORT]" are QUIC targets only (they replace the plain hosts for QUIC),
//   an entry "dns:NAME" is the system-resolver name (lab resolvers); none of these is probed otherwise.
// Unset or empty → `base` unchanged — except when the CI variable is set: then loopback, so a
// CI machine never probes the public defaults.
inline constexpr const char *kTargetsEnvVar = "PATHLENS_TARGETS";
ProbeTargets applyTargetOverride(ProbeTargets base, const QString &overrideValue);
ProbeTargets targetsFromEnvironment(ProbeTargets base = embeddedTargets());

// JSON config: {"gateway": "auto", "internet": [...], "resolvers": [...], "http_hosts": [...],
// "http_urls": [...], "dns_name": "...", "trace_target": "...", "http_ca_file": "...",
// "http_pin_sha256": [...]}; absent keys keep `base`.
Result<ProbeTargets> loadTargetsConfig(const QString &path, ProbeTargets base = embeddedTargets());

// The host of an http(s) URL, or the entry itself when it is not a URL.
QString targetHost(const QString &entry);
// "http://HOST/" for a bare host or address (IPv6 in brackets).
QString httpUrlForHost(const QString &host);

// A QUIC target: "host", "host:port", "[v6]", "[v6]:port", or a bare IPv6 literal (two or more ':' and
// no brackets: no port). nullopt when malformed (no host, a port outside 1..65535).
struct HostPort {
    QString host;
    quint16 port = 0;
};
std::optional<HostPort> splitHostPort(const QString &entry, quint16 defaultPort);

} // namespace pathlens::core
